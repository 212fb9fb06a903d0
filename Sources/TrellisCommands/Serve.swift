import ArgumentParser
import Foundation
import TrellisCore
import TrellisServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site at http://127.0.0.1:4000, rebuilding and reloading open pages on every change.",
        discussion: """
            Watches the content and templates folders. A change re-parses only the files that changed; \
            pages are rendered when the browser asks for them. Content errors are printed here and shown \
            over the page in the browser, and the last good version stays served. Nothing is written to disk \
            unless --output is given.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "content"

    @Option(name: .long, help: ArgumentHelp("Theme overrides. Optional.", valueName: "dir"))
    var templates: String = "templates"

    @Option(name: .long, help: ArgumentHelp("Also write every good build to this folder, as 'trellis build' does.", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: "The port to listen on. Without it, 4000 or the next free port after it.")
    var port: UInt16?

    /// Without --port: this one, or the first free one of the next `otherPorts`.
    static let defaultPort: UInt16 = 4000
    static let otherPorts = 20

    @Flag(name: .shortAndLong, help: "Print each rebuild's stage times.")
    var verbose = false

    @Option(
        name: .long,
        help: ArgumentHelp("The address to listen on. Anything but 127.0.0.1 makes the preview reachable from other machines.", valueName: "address"))
    var host: String = "127.0.0.1"

    func run() async throws {
        if host != "127.0.0.1" && host != "localhost" {
            Report.line("warning: listening on \(host): other machines on the network can see this preview")
        }
        let site = PreviewSite(content: content, templates: templates)
        // Bind first: an address is announced only once it is held.
        let wanted = port ?? Self.defaultPort
        let address = host == "localhost" ? "127.0.0.1" : host
        let server: PreviewServer
        do {
            server = try PreviewServer(site: site, host: address, port: wanted, otherPorts: port == nil ? Self.otherPorts : 0)
        } catch let busy as PreviewServer.PortInUse {
            if port == nil {
                Report.line("error: ports \(busy.port) to \(Int(busy.port) + Self.otherPorts) are all in use")
                Report.line("  hint: stop the other server, or choose a free port with --port N")
            } else {
                Report.line("error: port \(busy.port) is in use")
                Report.line("  hint: stop the program using it, or choose another port with --port N")
            }
            throw ExitCode(1)
        } catch {
            Report.line("error: \(error)")
            throw ExitCode(1)
        }
        if server.port != wanted {
            Report.line("port \(wanted) is in use; using port \(server.port) instead")
        }
        let first = site.rebuild()
        Report.diagnostics(first.diagnostics)
        writeOutput(first)
        let watcher = Watcher(folders: [content, templates]) { [output] in
            let status = site.rebuild()
            // Errors, and the warnings of the files just changed; the rest were shown before.
            Report.diagnostics(
                status.diagnostics.filter { diagnostic in
                    diagnostic.severity == .error || status.changedPaths.contains { diagnostic.location?.path.hasSuffix($0) == true }
                })
            Report.line(
                String(
                    format: "rebuilt in %.0f ms (%d file%@ re-parsed)%@", status.seconds * 1000, status.changed,
                    status.changed == 1 ? "" : "s", status.ok ? "" : "; errors: the last good site is still served"))
            if verbose { Report.stages(status.stages) }
            server.announce(status)
            if output != nil { self.writeOutput(status) }
        }
        watcher.start()
        Report.line(
            "serving \(content)/ at http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(server.port)/ (watching with \(watcher.usesInotify ? "inotify" : "polling"); Ctrl-C stops)"
        )
        if !first.ok { Report.line("the site has errors; fix them and save") }
        do {
            try await server.run()
        } catch {
            Report.line("error: the preview server stopped: \(error)")
            throw ExitCode(1)
        }
    }

    func writeOutput(_ status: PreviewSite.Status) {
        guard let output, status.ok else { return }
        let result = Pipeline.run(BuildOptions(content: content, output: output, templates: templates, write: true))
        if let error = result.outputError { Report.line("error: \(error)") }
    }
}
