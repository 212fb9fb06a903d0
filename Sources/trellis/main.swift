import TrellisCommands

TrellisCommand.runMain()
