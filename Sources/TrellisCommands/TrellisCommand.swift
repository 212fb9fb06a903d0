import ArgumentParser
import CCmarkGFM
import Foundation
import TrellisCore

/// The `trellis` command: builds Virtual Exchange modules and good-practice
/// catalogues written in Markdown into a website and handbooks.
public struct TrellisCommand: AsyncParsableCommand {
    /// Trellis's version: the top-level VERSION file, embedded at build time
    /// (Sources/TrellisCommands/VERSION links to it).
    public static let version = String(decoding: PackageResources.VERSION, as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)

    /// The version of the cmark-gfm library Trellis runs with, as the library
    /// itself reports it (linked statically in the release binaries).
    public static let cmarkVersion = String(cString: cmark_version_string())

    /// What `trellis --version` prints: Trellis's version alone on the first
    /// line, for scripts, then the Markdown library's.
    public static let versionText = "\(version)\ncmark-gfm \(cmarkVersion)"

    public static let configuration = CommandConfiguration(
        commandName: "trellis",
        abstract: "Build Virtual Exchange modules and good-practice catalogues into a website.",
        discussion: """
            Trellis reads a content folder of Markdown (site.yml, modules/, practices/, pages/) \
            and writes a site that works from any folder, a USB stick or a web server.
            Exit codes: 0 success, 1 content errors, 2 usage errors.
            How to write the content: docs/authoring.md; every command and option: docs/commands.md.
            """,
        version: versionText,
        subcommands: [Build.self, Check.self, Serve.self, Import.self, New.self, Init.self],
        defaultSubcommand: nil
    )

    public init() {}

    /// Parses the command line, runs the command and exits with Trellis's
    /// exit codes (usage errors exit with 2).
    public static func runMain(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                self.exit(withError: error)
            }
            if code == .validationFailure || error is ValidationError {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            self.exit(withError: error)
        }
    }
}

/// The one check of an id given on the command line (a module, a task):
/// the same rule as for folder and file names in the content, so no
/// argument can name a path outside the content folder.
func requireID(_ id: String, _ what: String) throws {
    guard Identifier.isValid(id) else {
        throw ValidationError(
            "'\(Diagnostic.escapingControls(id))' is not a valid \(what) id: ids use only a-z, 0-9 and '-'; try '\(Identifier.suggestion(for: id))'")
    }
}

/// Options every command that reads a site shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder: site.yml, modules/, practices/, pages/.", valueName: "dir"))
    var content: String = "content"

    @Option(
        name: .long, help: ArgumentHelp("Theme overrides: a file here replaces the built-in template of the same name. Optional.", valueName: "dir"))
    var templates: String = "templates"
}

/// Options of a command that reads a site and writes it.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder: site.yml, modules/, practices/, pages/.", valueName: "dir"))
    var content: String = "content"

    @Option(
        name: .long, help: ArgumentHelp("Where the site is written. It is replaced as a whole, and only when the build succeeds.", valueName: "dir"))
    var output: String = "output"

    @Option(
        name: .long, help: ArgumentHelp("Theme overrides: a file here replaces the built-in template of the same name. Optional.", valueName: "dir"))
    var templates: String = "templates"
}

/// Prints diagnostics as `path:line:column: severity: message` to stderr.
enum Report {
    static func diagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func counts(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount
        let warnings = diagnostics.warningCount
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    static func stages(_ stages: [StageReport]) {
        for stage in stages {
            let name = stage.name.padding(toLength: 9, withPad: " ", startingAt: 0)
            let peak = stage.peakMemory.map { String(format: "%6.0f MB  ", Double($0) / 1_048_576) } ?? ""
            line("  \(name)" + String(format: "%8.1f ms  ", stage.seconds * 1000) + peak + stage.summary)
        }
    }
}
