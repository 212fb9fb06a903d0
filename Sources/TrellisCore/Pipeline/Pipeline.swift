import Foundation

/// What a build reads and where it writes.
public struct BuildOptions: Sendable {
    /// The content folder, as the user typed it (shown in messages).
    public var content: String
    public var output: String
    public var templates: String
    /// Write the site (false for `trellis check`).
    public var write: Bool
    /// Replace a non-empty output folder Trellis did not make.
    public var force: Bool
    /// Also write handbooks as PDF (WeasyPrint).
    public var pdf: Bool
    /// A live progress line (only on a terminal).
    public var progress: BuildProgress?
    /// Render with swift-mustache even where Trellis's renderer could (tests
    /// compare the two).
    var templateRenderer: Theme.Renderer = .fastest

    public init(
        content: String = "content", output: String = "output", templates: String = "templates", write: Bool = true,
        force: Bool = false, pdf: Bool = false
    ) {
        self.content = content
        self.output = output
        self.templates = templates
        self.write = write
        self.force = force
        self.pdf = pdf
    }
}

/// How long a stage took and what it produced.
public struct StageReport: Sendable {
    public var name: String
    public var seconds: Double
    public var summary: String
    /// The process's peak memory (resident set) when the stage ended, in
    /// bytes; nil where the system does not say (`--verbose` shows it).
    public var peakMemory: Int?

    public init(name: String, seconds: Double, summary: String) {
        self.name = name
        self.seconds = seconds
        self.summary = summary
        peakMemory = Self.peakResidentBytes()
    }

    /// `VmHWM` from `/proc/self/status` (Linux).
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}

/// The outcome of a build or check.
public struct BuildResult: Sendable {
    /// Every diagnostic, sorted by file and line.
    public var diagnostics: [Diagnostic]
    public var stages: [StageReport]
    /// Problems writing the output (not content errors).
    public var outputError: OutputError?
    public var filesWritten: Int
    public var site: Site?
    /// The theme, when the build got as far as loading it without errors.
    public var theme: Theme?
    /// What the parse cache did (the preview's incremental rebuilds).
    public var parse = ParseFigures()
    /// Per other language, how much is translated (for `trellis check`).
    public var translations: [TranslationStatus] = []
    /// The site in each other language (for the preview's renderer).
    public var translatedSites: [TranslatedSite] = []

    public var succeeded: Bool { !diagnostics.hasErrors && outputError == nil }
}

/// Which documents a build parsed afresh (the rest came from the cache).
public struct ParseFigures: Sendable {
    /// Content-relative paths parsed afresh or gone since the last build.
    public var changed: Set<String> = []
    /// Nothing could be reused (first build, new settings or theme).
    public var full = true
}

/// The named stages in order: discover → theme → parse → assemble → check → plan → render → write.
///
/// Each stage takes the previous one's value. Diagnostics from all stages
/// are collected; if any is an error, the build stops before `write`, and
/// the output folder is left as it was.
public enum Pipeline {
    public static func run(_ options: BuildOptions, cache: ParseCache? = nil, progress: (@Sendable (StageReport) -> Void)? = nil) -> BuildResult {
        var diagnostics: [Diagnostic] = []
        var stages: [StageReport] = []
        func stage<T>(_ name: String, _ body: () -> (T, String)) -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let (value, summary) = body()
            let report = StageReport(name: name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, summary: summary)
            stages.append(report)
            progress?(report)
            return value
        }
        var loadedTheme: Theme?
        var figures = ParseFigures()
        var interface = Strings.english
        var translationStatus: [TranslationStatus] = []
        var translatedSites: [TranslatedSite] = []
        func finish(_ site: Site? = nil, outputError: OutputError? = nil, written: Int = 0) -> BuildResult {
            BuildResult(
                diagnostics: diagnostics.sortedForDisplay(), stages: stages, outputError: outputError, filesWritten: written,
                site: site, theme: loadedTheme, parse: figures, translations: translationStatus, translatedSites: translatedSites)
        }

        let contentDirectory = OutputWriter.absolute(options.content)
        let display = options.content.hasSuffix("/") && options.content.count > 1 ? String(options.content.dropLast()) : options.content

        if options.write {
            do throws(OutputError) {
                try OutputWriter(output: options.output, force: options.force).validate(content: options.content)
            } catch {
                return finish(outputError: error)
            }
        }

        // Every task and practice section heading is compared with "Facilitator notes" in each
        // built-in language, a set made once from every language's strings: made here, beside
        // discovery, and not by the first parse while the other worker waits for it (40 ms).
        DispatchQueue.global().async { _ = ModuleTask.facilitatorHeadings }
        // The theme does not depend on the content: it is loaded beside discovery too.
        let templates = options.templates
        let templateRenderer = options.templateRenderer
        let themeLoad = Lazy { Theme.load(overrides: templates, displayDirectory: templates, renderer: templateRenderer) }
        DispatchQueue.global().async { _ = themeLoad.get }

        // 1. discover
        let discovered = stage("discover") { () -> (Inventory?, String) in
            let (inventory, found) = Discovery.run(contentDirectory: contentDirectory, displayDirectory: display)
            diagnostics += found
            return (inventory, inventory.map { "\($0.documents.count) documents, \($0.media.count) media files" } ?? "no content folder")
        }
        guard let inventory = discovered else { return finish() }

        // 2. theme: the templates (built-in and overrides), checked against their views;
        // the ids they put on pages are reserved before any heading gets its anchor.
        let theme = stage("theme") { () -> (Theme?, String) in
            let (theme, found) = themeLoad.get
            diagnostics += found
            return (theme, theme.map { "\($0.overridden.count) overrides" } ?? "not loaded")
        }
        loadedTheme = theme
        let reservedAnchors = theme?.reservedIDs ?? Theme.builtInReservedIDs

        // 3. parse: site.yml first (it shapes how documents are read), then every document once, on all cores.
        var documents: [ParsedDocument] = []
        let config = stage("parse") { () -> (SiteConfig, String) in
            var config = SiteConfig(title: "Untitled site")
            if let file = inventory.config {
                let path = "\(contentDirectory)/\(file.relativePath)"
                if let data = FileManager.default.contents(atPath: path) {
                    switch SourceText.decode([UInt8](data), file: file, warnings: &diagnostics) {
                    case .success(let text):
                        let (loaded, found) = SiteConfig.load(text: text, file: file)
                        config = loaded
                        diagnostics += found
                    case .failure(let diagnostic):
                        diagnostics.append(diagnostic)
                    }
                } else {
                    diagnostics.append(
                        .error(
                            "unreadable", at: file.location(), "site.yml cannot be read",
                            hint: "give the user who runs the build permission to read it"))
                }
            }
            // The interface strings first: callouts are labelled in the site's language as documents are parsed.
            let (strings, interfaceDiagnostics) = Self.interface(config.language, inventory: inventory)
            interface = strings
            diagnostics += interfaceDiagnostics
            // The built-in practice form takes its headings from the strings, the site's i18n file included.
            if config.practiceTemplate == .builtIn(language: config.language) { config.practiceTemplate = .builtIn(strings: strings) }
            let parser = DocumentParser(
                config: config, links: LinkResolver(routes: inventory.routes, allFiles: inventory.allFiles),
                contentDirectory: contentDirectory, reservedAnchors: reservedAnchors, alertTitles: strings.alertTitles)
            var results: [(ParsedDocument?, [Diagnostic])]
            if let cache {
                figures.full = cache.begin(config: config, reservedAnchors: reservedAnchors, alertTitles: strings.alertTitles)
                figures.changed = cache.retain(only: Set(inventory.documents.map(\.file.relativePath)))
                let parsed = inventory.documents.parallelMap { source in
                    cache.parse(source, absolute: "\(contentDirectory)/\(source.file.relativePath)") { parser.parse(source) }
                }
                results = parsed.map(\.result)
                for (source, outcome) in zip(inventory.documents, parsed) where outcome.reparsed { figures.changed.insert(source.file.relativePath) }
            } else {
                options.progress?.begin("parsing", total: inventory.documents.count)
                results = inventory.documents.parallelMap { source in
                    defer { options.progress?.advance() }
                    return parser.parse(source)
                }
            }
            // Each document is moved out of the results, not copied: a copy of a practice made its
            // fields' box shared, and assembly, which sets a field of every one, copied them all again.
            documents.reserveCapacity(results.count)
            for index in results.indices {
                diagnostics += results[index].1
                if let document = results[index].0.take() { documents.append(document) }
            }
            return (config, "\(documents.count) documents parsed")
        }

        // 4. assemble
        let site = stage("assemble") { () -> (Site, String) in
            // Handed over, not shared: the assembly moves each document out. Without `consume` the
            // array stayed alive here until the end of the closure, so the assembly's first change
            // to it copied every document (and then every practice's fields, when it set `citedBy`).
            var handed: [ParsedDocument] = []
            swap(&handed, &documents)
            var (site, found) = Assembly.run(config: config, inventory: inventory, documents: consume handed)
            diagnostics += found
            site.strings = interface
            let tasks = site.modules.reduce(0) { $0 + $1.tasks.count }
            return (site, "\(site.modules.count) modules, \(tasks) tasks, \(site.practices.count) practices, \(site.pages.count) pages")
        }

        // 5. check, on another core while 6. plan runs: the checks only decide whether the build
        // goes on, and most of them go through the site one file after another.
        let checkStart = DispatchTime.now().uptimeNanoseconds
        let checks = Lazy { () -> ([Diagnostic], Double) in
            (ContentChecks.run(site), Double(DispatchTime.now().uptimeNanoseconds - checkStart) / 1e9)
        }
        func reportChecks() {
            let (found, seconds) = checks.get
            diagnostics += found
            let report = StageReport(
                name: "check", seconds: seconds, summary: "\(diagnostics.errorCount) errors, \(diagnostics.warningCount) warnings")
            stages.append(report)
            progress?(report)
        }
        // The translations are read in the plan stage, which a build with errors never reaches: their own
        // errors are reported with the originals', not one round of fixes later.
        func translate() -> (sites: [TranslatedSite], statuses: [TranslationStatus], diagnostics: [Diagnostic]) {
            var found: [Diagnostic] = []
            var interfaces: [String: Strings] = [config.language: interface]
            for language in config.otherLanguages {
                let (strings, interfaceDiagnostics) = Self.interface(language, inventory: inventory)
                interfaces[language] = strings
                found += interfaceDiagnostics
            }
            let (translations, statuses, read) = Translations.build(
                site, inventory: inventory, config: config, reservedAnchors: reservedAnchors, interfaces: interfaces)
            return (translations, statuses, found + read)
        }
        guard !diagnostics.hasErrors, let theme else {
            reportChecks()
            diagnostics += translate().diagnostics
            return finish(site)
        }
        DispatchQueue.global().async { _ = checks.get }
        let pdf = options.pdf || config.handbookPDF

        // 6. plan: every output path, with its sources and how it is made;
        // two outputs on one path stop the build before anything is written.
        // The translations' findings always count; the plan's own only when the checks found no
        // error (as if it ran after them).
        var planned: [Diagnostic] = []
        let planStart = DispatchTime.now().uptimeNanoseconds
        let (translations, statuses, translationDiagnostics) = translate()
        // A rebuild reuses the compressed entries of the previous build's archives that have not changed.
        let previous = options.write ? OutputWriter(output: options.output, force: options.force).reusableBuild : nil
        let renderer = SiteRenderer(site: site, theme: theme, pdf: pdf, translations: translations, previousOutput: previous)
        let plan = renderer.plan()
        planned += plan.collisions
        let planSeconds = Double(DispatchTime.now().uptimeNanoseconds - planStart) / 1e9
        reportChecks()
        diagnostics += translationDiagnostics
        guard !diagnostics.hasErrors else { return finish(site) }
        diagnostics += planned
        translationStatus = statuses
        translatedSites = translations
        let planReport = StageReport(name: "plan", seconds: planSeconds, summary: "\(plan.outputs.count) files planned")
        stages.append(planReport)
        progress?(planReport)
        guard !diagnostics.hasErrors, options.write else { return finish(site) }
        if pdf && PDFConverter.executable() == nil { return finish(site, outputError: PDFConverter.missingError) }

        // 7. render, streaming each file into the temporary output folder as it is ready
        // 8. write: the new site is swapped in
        var renderStart = DispatchTime.now().uptimeNanoseconds
        let writer = OutputWriter(output: options.output, force: options.force)
        let written: Result<Int, OutputError>
        var renderFailures: [RenderFailure] = []
        do throws(OutputError) {
            options.progress?.begin("rendering", total: plan.outputs.count)
            let count = try writer.writeStreaming(
                paths: plan.outputs.map(\.path),
                produce: { sink in
                    renderFailures = try renderer.renderEach(plan: plan) { artifact throws(OutputError) in
                        try sink.write(artifact)
                        options.progress?.advance()
                    }
                    // An output that could not be made fails the build like a content error.
                    if !renderFailures.isEmpty { throw OutputError(.write, .renderFailed, message: "rendering failed") }
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - renderStart) / 1e9
                    let report = StageReport(name: "render", seconds: seconds, summary: "\(plan.outputs.count) files rendered and streamed to disk")
                    stages.append(report)
                    progress?(report)
                    renderStart = DispatchTime.now().uptimeNanoseconds
                })
            let pdfs = pdf ? renderer.handbookIDs.count : 0
            written = .success(count)
            let report = StageReport(
                name: "write", seconds: Double(DispatchTime.now().uptimeNanoseconds - renderStart) / 1e9,
                summary: "\(count) files in \(options.output)\(pdf ? " (\(pdfs) PDF)" : "")")
            stages.append(report)
            progress?(report)
        } catch {
            written = .failure(error)
        }
        if !renderFailures.isEmpty {
            diagnostics += renderFailures.map(\.diagnostic)
            return finish(site)
        }
        switch written {
        case .success(let count): return finish(site, written: count)
        case .failure(let error): return finish(site, outputError: error)
        }
    }
}

extension Pipeline {
    /// The interface for `language`: the built-in table, the site's
    /// `i18n/<language>.yml` on top, English for what both lack (with one
    /// `missing-strings` warning that lists it).
    static func interface(_ language: String, inventory: Inventory) -> (Strings, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var overrides: [String: Strings.Entry] = [:]
        let file = inventory.interfaceFiles[language]
        if let file {
            let path = "\(inventory.contentDirectory)/\(file.relativePath)"
            if let data = FileManager.default.contents(atPath: path) {
                switch SourceText.decode([UInt8](data), file: file, warnings: &diagnostics) {
                case .success(let text):
                    do {
                        overrides = try Strings.parse(text)
                    } catch {
                        diagnostics.append(
                            .error(
                                "bad-strings", at: file.location(line: 1),
                                "the interface strings cannot be read: \(error)",
                                hint: "write one 'key: text' per line, as in Sources/TrellisCore/Strings/en.yml"))
                    }
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                }
            }
            let unknown = overrides.keys.filter { Strings.english.table[$0] == nil && !$0.hasPrefix("term_") }.sorted()
            if !unknown.isEmpty {
                diagnostics.append(
                    .warning(
                        "unknown-string", at: file.location(line: 1),
                        "\(unknown.count == 1 ? "this key is" : "these keys are") not interface strings and \(unknown.count == 1 ? "is" : "are") not used: \(unknown.prefix(12).joined(separator: ", "))",
                        hint: Suggestion.closest(to: unknown[0], in: Array(Strings.english.table.keys)).map { "did you mean '\($0)'?" }
                            ?? "the keys are those of Sources/TrellisCore/Strings/en.yml"))
            }
        }
        let (strings, missing) = Strings.forLanguage(language, overrides: overrides)
        if !missing.isEmpty {
            let shown = missing.prefix(12).joined(separator: ", ") + (missing.count > 12 ? ", …" : "")
            diagnostics.append(
                .warning(
                    "missing-strings", at: file?.location(line: 1) ?? inventory.config?.location(line: 1),
                    "\(missing.count) interface \(missing.count == 1 ? "string is" : "strings are") not in '\(language)' and will be shown in English: \(shown)",
                    hint: "add them to i18n/\(language).yml in the content folder"))
        }
        return (strings, diagnostics)
    }
}
