import ArgumentParser
import Foundation
import TrellisCore

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: """
            Reads the content folder, checks it, and writes the site. If any content has an error, \
            nothing is written and the previous output folder stays as it was.
            """
    )

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Replace an output folder that is not empty and was not made by Trellis.")
    var force = false

    @Flag(name: .long, help: "Also write every handbook as PDF (needs WeasyPrint: apt-get install weasyprint).")
    var pdf = false

    @Flag(name: .shortAndLong, help: "Print each stage's time and counts.")
    var verbose = false

    func run() throws {
        var options = BuildOptions(content: site.content, output: site.output, templates: site.templates, write: true, force: force, pdf: pdf)
        options.progress = BuildProgress.forTerminal()
        let started = Date()
        let result = Pipeline.run(options)
        KeptUntilExit.keep(result)
        options.progress?.finish()
        Report.diagnostics(result.diagnostics)
        if verbose { Report.stages(result.stages) }
        if let error = result.outputError {
            Report.line("error: \(error)")
            throw ExitCode(1)
        }
        if result.diagnostics.hasErrors {
            Report.line("build failed: \(Report.counts(result.diagnostics)); \(site.output)/ was not changed")
            throw ExitCode(1)
        }
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "built %d files into %@/ in %.2f s (%@)", result.filesWritten, site.output, seconds, Report.counts(result.diagnostics)))
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content without writing anything.",
        discussion: """
            Reports every error and warning as path:line:column, as a build would, and exits with 1 if there are errors. \
            Nothing is written, so there is no output folder to name.
            """
    )

    @OptionGroup var site: SourceOptions

    @Flag(name: .shortAndLong, help: "Print each stage's time and counts.")
    var verbose = false

    @Flag(name: .long, help: "List, per language, each page not translated yet and each translation whose original has changed.")
    var translations = false

    func run() throws {
        let options = BuildOptions(content: site.content, templates: site.templates, write: false)
        let result = Pipeline.run(options)
        KeptUntilExit.keep(result)
        Report.diagnostics(result.diagnostics)
        if verbose { Report.stages(result.stages) }
        for status in result.translations {
            if translations {
                for path in status.missing {
                    let version = result.site.flatMap { Translations.version(ofFile: path, in: $0.contentDirectory) } ?? "?"
                    Report.line("\(status.language): missing \(path) (translated_from: \(version))")
                }
                for stale in status.stale {
                    Report.line("\(status.language): stale \(stale.path): made from \(stale.recorded), \(stale.original) is now \(stale.current)")
                }
            }
            Report.line(
                "\(status.language): \(status.translated) of \(status.total) pages translated\(status.stale.isEmpty ? "" : ", \(status.stale.count) stale")"
            )
        }
        Report.line("checked \(site.content)/: \(Report.counts(result.diagnostics))")
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

/// A value the process's exit reclaims instead of the program: freeing a
/// large catalogue's site piece by piece, once the build has finished, took
/// longer than the whole write stage.
final class KeptUntilExit<Value> {
    let value: Value
    private init(_ value: Value) { self.value = value }

    static func keep(_ value: Value) { _ = Unmanaged.passRetained(KeptUntilExit(value)) }
}
