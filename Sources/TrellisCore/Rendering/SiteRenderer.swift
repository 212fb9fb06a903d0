import Foundation

/// Stage 5, render: the checked site → the files of the website.
///
/// In: a ``Site`` without errors and a ``Theme``. Out: ``Artifact``s, one per
/// page plus the stylesheet and media copies. Pages are rendered on all
/// cores; rendering never touches the disk.
public struct SiteRenderer: Sendable {
    let site: Site
    let theme: Theme
    /// The interface in the site's language.
    let strings: Strings
    /// This renderer's language among the site's; the default's renderer
    /// also holds one renderer per other language (`others`).
    let languages: LanguageContext
    let others: [SiteRenderer]
    let catalogue: CatalogueIndex
    /// Each module's related practices by module id: asked for by its page, each of its
    /// related-practices pages and the plan, and thousands long in a large catalogue.
    let relatedPractices: [String: [String]]
    let exports: DataExports
    /// File names of the handbooks (`<module>-participant`, …, `catalogue`).
    let handbookIDs: [String]
    /// Each handbook, built when a job first needs it (the preview may never).
    let books: [Lazy<Handbook>]
    /// Each practice's card as facet pages show it (they all sit at the same
    /// depth), rendered once instead of once per facet page, on first use.
    let facetCardCache: Lazy<[String]>
    var facetCards: [String] { facetCardCache.get }
    /// Whether the theme's facet page lists its practices' card views
    /// itself (`practices`), decided once from its templates: the built-in
    /// one writes `facetCards` instead, and facet pages leave the views out.
    let facetListsCards: Bool
    /// Handbook formats this build writes, in the order links show them.
    let handbookFormats: [String]
    /// Each handbook file (`handbooks/<id>.<format>`), made once: by its own
    /// output, or first by a page that gives its size, whichever asks first.
    let handbookFiles: [String: MadeFile]
    /// The search index, made when the plan first lists its files.
    /// The search index's files, made when the plan first lists them; the
    /// index itself (its postings and documents) is let go once they are.
    let searchFiles: Lazy<[Artifact]>
    /// The previous build's output folder, when its archives may be reused
    /// (``OutputWriter/reusableBuild``): an e-book or package entry whose
    /// bytes have not changed keeps its compressed bytes.
    let previousOutput: String?

    /// - Parameter previousOutput: the previous build's folder, whose archives' unchanged entries are not compressed again.
    public init(
        site: Site, theme: Theme, pdf: Bool = false, strings: Strings? = nil, translations: [TranslatedSite] = [],
        languages: LanguageContext? = nil, handbooks: Bool = true, previousOutput: String? = nil
    ) {
        self.site = site
        self.theme = theme
        facetListsCards = theme.mentions("practices", in: Template<FacetPageView>.facet.name)
        self.previousOutput = previousOutput
        let strings = strings ?? site.strings
        self.strings = strings
        let languages = languages ?? LanguageContext.make(site.config, site: site, translations: translations)
        self.languages = languages
        // Each other language: the whole site under <code>/, with the handbooks of the modules it has translated.
        others = translations.map {
            SiteRenderer(
                site: $0.site, theme: theme, pdf: pdf, strings: $0.site.strings, languages: languages.viewed(from: $0.language),
                previousOutput: previousOutput)
        }
        catalogue = CatalogueIndex(site, strings: strings)
        relatedPractices = Dictionary(site.modules.map { ($0.id, site.relatedPracticeIDs($0)) }, uniquingKeysWith: { first, _ in first })
        var exports = DataExports(site: site)
        if languages.entries.count > 1 {
            for practice in site.practices {
                exports.availability[practice.id] = languages.entries.filter { languages.isTranslated(practice.route, into: $0.code) }.map(\.code)
            }
        }
        self.exports = exports
        // In another language, a document without a translation is shown as written, its chapter marked with its language.
        let builder = HandbookBuilder(
            site: site, catalogue: catalogue, strings: strings,
            untranslated: { languages.isTranslated($0, into: languages.current) ? nil : languages.defaultLanguage })
        var ids: [String] = []
        var books: [Lazy<Handbook>] = []
        // In another language, only the modules translated into it have handbooks, and the catalogue book
        // exists once a practice is translated into it (until then its catalogue page links to the default's).
        for module in site.modules where handbooks && languages.publishes(module) {
            for edition in Edition.allCases {
                ids.append("\(module.id)-\(edition.rawValue)")
                books.append(Lazy { builder.moduleBook(module, edition) })
            }
        }
        if handbooks && site.practices.contains(where: { languages.isTranslated($0.route, into: languages.current) }) {
            ids.append("catalogue")
            books.append(Lazy { builder.catalogueBook() })
        }
        handbookIDs = ids
        self.books = books
        let facetContext = PageContext(path: Route.facet(.country, "x").path)
        facetCardCache = Lazy {
            site.practices.parallelMap { practice in
                theme.render(.practiceCard, SiteRenderer.practiceCard(practice, facetContext, strings: strings), strings)
            }
        }
        let formats = !handbooks ? [] : pdf ? ["pdf", "html", "epub"] : ["html", "epub"]
        handbookFormats = formats
        searchFiles = Lazy {
            let index = SearchIndex(site, strings: strings) { languages.isTranslated($0, into: languages.current) }
            return index.files.parallelMap { file in Artifact(path: file.path, content: .text(file.make(index))) }
        }
        var files: [String: MadeFile] = [:]
        for (index, id) in ids.enumerated() {
            let book = books[index]
            // Once every format of a book is made, its chapters are let go.
            let uses = Countdown(formats.count)
            for format in formats {
                files[Self.handbookPath(id, format)] = MadeFile {
                    defer { if uses.done() { book.clear() } }
                    return Result { () throws(RenderFailure) -> Artifact in
                        try HandbookFiles.make(
                            book.get, format: format, site: site, theme: theme, strings: strings,
                            previous: { format == "epub" ? Self.previousArchive(Self.handbookPath(id, format), in: previousOutput, languages) : nil })
                    }
                }
            }
        }
        handbookFiles = files
    }

    static func handbookPath(_ id: String, _ format: String) -> String { "handbooks/\(id).\(format)" }

    /// The previous build's archive at `path` (in this renderer's language), if it may be reused.
    func previousArchive(_ path: String) -> PreviousArchive? { Self.previousArchive(path, in: previousOutput, languages) }

    static func previousArchive(_ path: String, in previousOutput: String?, _ languages: LanguageContext) -> PreviousArchive? {
        previousOutput.flatMap { PreviousArchive(path: "\($0)/\(languages.prefix)\(path)") }
    }

    /// The handbook file at `path`, for its output (made now, or earlier for a page that shows its size).
    func handbookFile(_ path: String) throws(RenderFailure) -> Artifact {
        guard let file = handbookFiles[path] else { throw RenderFailure(path: path, reason: .write("not a handbook of this build")) }
        return try file.take().get()
    }

    /// A handbook file's size as a link shows it ("64 KB"), or nil when it
    /// could not be made (its own output reports why).
    func handbookSize(_ path: String) -> String? {
        handbookFiles[path]?.byteCount.map(FileSize.label)
    }

    // MARK: The output plan

    public typealias Plan = OutputPlan

    /// Every kind of output, in render order (the most expensive first; the
    /// catalogue's list last but for the static files: it shows the size of
    /// the catalogue book, which by then is written and counted, so it is
    /// never made a second time to be counted).
    static let kinds: [any OutputKind.Type] = [
        HandbookFiles.self, CartridgeFiles.self, DataFiles.self, HomePage.self, ModuleListPage.self, NotFoundPage.self,
        PracticeFormPage.self, FacetPage.self, RelatedPracticesPage.self, ModulePage.self, TaskPage.self, PracticePage.self, FreePage.self,
        CataloguePage.self, StaticFiles.self,
    ]

    /// The plan of every file this site's build writes; collisions are in
    /// ``OutputPlan/collisions``.
    public func plan() -> OutputPlan {
        OutputPlan(kindOutputs + Sitemap.outputs(of: self) + others.flatMap(\.languageOutputs))
    }

    /// Every kind's outputs, in the order of ``kinds``. The data files' paths
    /// are the search index's shards, so the index is made first, here,
    /// while another thread plans the other kinds. (The other way round, or
    /// both inside one parallel loop, the index's own parallel loop found
    /// libdispatch's threads taken and ran on one core.)
    private var kindOutputs: [PlannedOutput] {
        let data = ObjectIdentifier(DataFiles.self)
        let kinds = Self.kinds
        let otherKinds = Lazy { kinds.map { ObjectIdentifier($0) == data ? [] : $0.outputs(of: self) } }
        DispatchQueue.global().async { _ = otherKinds.get }
        let dataOutputs = DataFiles.outputs(of: self)
        var planned = otherKinds.get
        if let index = kinds.firstIndex(where: { ObjectIdentifier($0) == data }) { planned[index] = dataOutputs }
        return planned.flatMap { $0 }
    }

    /// This language's outputs under its folder (`es/…`): every page, the
    /// data files, the search index, the assets and the handbooks of the
    /// modules translated into it and their learning-platform packages, but
    /// no sitemap (the root's lists every language).
    var languageOutputs: [PlannedOutput] {
        let prefix = languages.prefix
        return kindOutputs.map { output in
            let make: PlannedOutput.Make
            switch output.make {
            case .render(let render):
                make = .render { _ throws(RenderFailure) in
                    var artifact = try render(self)
                    artifact.path = prefix + artifact.path
                    return artifact
                }
            case .file(let artifact): make = .file(Artifact(path: prefix + artifact.path, content: artifact.content))
            case .sitemap: make = .sitemap
            }
            // A translation file is no original's source: any edit renders the language's pages again (preview).
            return PlannedOutput(prefix + output.path, output.what, sources: nil, origin: output.origin, make: make)
        }
    }

    /// The file at `path`, made now (the preview renders on request).
    public func render(_ path: String, plan: OutputPlan) throws(RenderFailure) -> Artifact? {
        guard let output = plan[path] else { return nil }
        return try make(output, plan: plan)
    }

    func make(_ output: PlannedOutput, plan: OutputPlan) throws(RenderFailure) -> Artifact? {
        switch output.make {
        case .render(let render): return try render(self)
        case .file(let artifact): return artifact
        case .sitemap: return exports.sitemap(paths: plan.paths, languages: languages).map { Artifact(path: output.path, content: .text($0)) }
        }
    }

    /// The content files the output at `path` shows, or nil when it gathers
    /// the whole site (see ``PlannedOutput/sources``).
    public func sources(of path: String, plan: OutputPlan) -> Set<String>? {
        plan[path].flatMap(\.sources)
    }

    /// Makes every file of `plan` on all cores and hands each to `sink` as
    /// soon as it is ready. Returns the outputs that could not be made; a
    /// write error from `sink` stops the build.
    public func renderEach(plan: OutputPlan, _ sink: @Sendable (Artifact) throws(OutputError) -> Void) throws(OutputError) -> [RenderFailure] {
        enum Outcome: Sendable { case done, failed(RenderFailure), writeFailed(OutputError) }
        // What many outputs share is made first, on every core. Made by the first page that asks,
        // inside the rendering, its cores were that page's thread alone, with the others waiting on it.
        for renderer in [self] + others where !renderer.site.practices.isEmpty { _ = renderer.facetCards }
        let outcomes = plan.outputs.parallelMap { output -> Outcome in
            do throws(RenderFailure) {
                guard let artifact = try make(output, plan: plan) else { return .done }
                do throws(OutputError) {
                    try sink(artifact)
                } catch {
                    return .writeFailed(error)
                }
                return .done
            } catch {
                return .failed(error)
            }
        }
        var failures: [RenderFailure] = []
        for outcome in outcomes {
            switch outcome {
            case .done: continue
            case .failed(let failure): failures.append(failure)
            case .writeFailed(let error): throw error
            }
        }
        return failures
    }

    // MARK: Layout

    func page<View: TemplateView>(
        _ route: Route, title: String, template: Template<View>, view: View, bodyClass: String,
        breadcrumbs: [LinkView] = [], description: String? = nil, current: Route? = nil,
        adjust: (inout LayoutView) -> Void = { _ in }
    ) -> Artifact {
        // The navigation entry this page belongs to (page 2 of the catalogue is the catalogue).
        let here = current ?? route
        let context = PageContext(path: route.path, strings: strings)
        let content = theme.render(template, view, strings)
        var nav = [
            LinkView(title: strings("nav_home"), href: context.url(.home), current: here == .home),
            LinkView(title: strings("nav_modules"), href: context.url(.moduleList), current: here == .moduleList),
            LinkView(title: strings("nav_practices"), href: context.url(.catalogue), current: here == .catalogue),
        ]
        nav += site.pages.map { LinkView(title: $0.title, href: context.url($0.route), current: here == $0.route) }
        var layout = LayoutView(
            lang: languages.current, rtl: strings.isRightToLeft, siteTitle: site.config.title,
            pageTitle: route == .home ? site.config.title : strings("page_title", ["title": title, "site": site.config.title]),
            description: description ?? site.config.description, root: context.root,
            stylesheetHref: context.url(.asset("trellis.css")), searchScriptHref: context.url(.asset("search.js")), homeHref: context.url(.home),
            nav: nav, breadcrumbs: breadcrumbs, contentHTML: content, license: site.config.license, bodyClass: bodyClass,
            licenseLine: site.config.license.map { strings("footer_license", ["license": $0]) },
            offlineHTML: strings.html("footer_offline", ["link": "<a href=\"\(HTML.escape(context.url(.home)))\">index.html</a>"])
        )
        localize(&layout, route: route)
        adjust(&layout)
        return Artifact(path: route.path, content: .text(theme.render(.layout, layout, strings)))
    }

    /// The page among the site's languages: the switcher, the alternates,
    /// and, for a page not translated yet, its content marked with the
    /// default language and a notice in the reader's.
    func localize(_ layout: inout LayoutView, route: Route) {
        guard languages.entries.count > 1 else { return }
        let here = languages.prefix + route.path
        func url(_ entry: LanguageContext.Entry) -> String {
            if let base = site.config.baseURL { return base + entry.prefix + route.path }
            return RelativeURL.from(here, to: entry.prefix + route.path)
        }
        layout.languages = languages.entries.map {
            LanguageLinkView(
                name: $0.name, code: $0.code, href: RelativeURL.from(here, to: $0.prefix + route.path), current: $0.code == languages.current)
        }
        layout.alternates = languages.entries.filter { languages.isTranslated(route, into: $0.code) }.map {
            AlternateView(hreflang: $0.code, href: url($0))
        }
        if let first = languages.entry(languages.defaultLanguage) { layout.alternates.append(AlternateView(hreflang: "x-default", href: url(first))) }
        if !languages.isTranslated(route, into: languages.current) {
            let original = languages.defaultLanguage
            layout.contentLang = original
            layout.contentDir = Strings.direction(of: original, inside: languages.current)
            // The original's language named in the reader's ("inglés"), from CLDR.
            let name =
                Foundation.Locale(identifier: languages.current).localizedString(forLanguageCode: original) ?? languages.entry(original)?.name
                ?? original
            layout.untranslatedNotice = strings("untranslated_notice", ["language": name])
        }
    }

    func moduleCard(_ module: Module, _ context: PageContext) -> ModuleCard {
        var facts: [String] = []
        if let duration = module.duration?.value { facts.append(strings.span(duration)) }
        facts.append(strings.plural("task_count", module.tasks.count))
        if !module.audience.isEmpty { facts.append(module.audience.map { strings.term($0.value) }.joined(separator: strings("list_separator"))) }
        return ModuleCard(title: module.title, href: context.url(module.route), summary: module.summary, facts: facts)
    }

    func practiceCard(_ practice: Practice, _ context: PageContext) -> PracticeCard {
        Self.practiceCard(practice, context, strings: strings)
    }

    static func practiceCard(_ practice: Practice, _ context: PageContext, strings: Strings) -> PracticeCard {
        PracticeCard(
            title: practice.title, href: context.url(practice.route),
            country: practice.country.map { strings.country($0) } ?? "", countryCode: practice.country?.code ?? "",
            sector: practice.sector.map { strings.term($0.value) }, organisation: practice.organisation,
            year: practice.year.map(String.init), tags: practice.tags,
            sectorValue: practice.sector?.value ?? "", tagValues: practice.tags.joined(separator: " "))
    }

    func outcomeViews(_ outcomes: [Outcome]) -> [OutcomeView] {
        outcomes.map { OutcomeView(id: $0.id, domain: strings.term($0.domain), text: $0.text) }
    }

    func badges(_ task: ModuleTask) -> [BadgeView] {
        var badges: [BadgeView] = []
        if let type = task.type {
            badges.append(BadgeView(label: strings.term(type.value), kind: "type-\(type.value)", meaning: strings("badge_task_type")))
        }
        if let mode = task.mode {
            badges.append(BadgeView(label: strings.term(mode.value), kind: "mode-\(mode.value)", meaning: strings("badge_mode")))
        }
        if let grouping = task.grouping {
            badges.append(BadgeView(label: strings.term(grouping.value), kind: "grouping", meaning: strings("badge_grouping")))
        }
        if let complexity = task.complexity {
            badges.append(
                BadgeView(
                    label: strings("complexity_of", ["value": String(complexity.value)]), kind: "complexity-\(complexity.value)",
                    meaning: strings("badge_complexity")))
        }
        return badges
    }

    func practiceCount(_ n: Int) -> String { strings.plural("practice_count", n) }

}
