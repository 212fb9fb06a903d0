import TrellisCommands

await TrellisCommand.runMain()
