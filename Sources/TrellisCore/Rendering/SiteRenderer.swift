/// Stage 5, render: the checked site → the files of the website.
///
/// In: a ``Site`` without errors and a ``Theme``. Out: ``Artifact``s, one per
/// page plus the stylesheet and media copies. Pages are rendered on all
/// cores; rendering never touches the disk.
public struct SiteRenderer: Sendable {
    let site: Site
    let theme: Theme
    let catalogue: CatalogueIndex
    let exports: DataExports
    /// File names of the handbooks (`<module>-participant`, …, `catalogue`).
    let handbookIDs: [String]
    /// Each handbook, built when a job first needs it (the preview may never).
    let books: [Lazy<Handbook>]
    /// Each practice's card as facet pages show it (they all sit at the same
    /// depth), rendered once instead of once per facet page, on first use.
    let facetCardCache: Lazy<[String]>
    var facetCards: [String] { facetCardCache.get }
    /// Handbook formats this build writes, in the order links show them.
    let handbookFormats: [String]

    public init(site: Site, theme: Theme, pdf: Bool = false) {
        self.site = site
        self.theme = theme
        catalogue = CatalogueIndex(site)
        exports = DataExports(site: site)
        let builder = HandbookBuilder(site: site, catalogue: catalogue)
        var ids: [String] = []
        var books: [Lazy<Handbook>] = []
        for module in site.modules {
            for edition in Edition.allCases {
                ids.append("\(module.id)-\(edition.rawValue)")
                books.append(Lazy { builder.moduleBook(module, edition) })
            }
        }
        if !site.practices.isEmpty {
            ids.append("catalogue")
            books.append(Lazy { builder.catalogueBook() })
        }
        handbookIDs = ids
        self.books = books
        let facetContext = PageContext(path: Route.facet(.country, "x").path)
        facetCardCache = Lazy {
            site.practices.parallelMap { practice in
                theme.render("practice-card", SiteRenderer.practiceCard(practice, facetContext, site: site))
            }
        }
        handbookFormats = pdf ? ["pdf", "html", "epub"] : ["html", "epub"]
    }

    /// The HTML WeasyPrint reads for each PDF (removed once the PDF is made).
    public var handbookPDFSources: [String] { handbookIDs.map { Self.pdfSource($0) } }

    static func pdfSource(_ id: String) -> String { "handbooks/\(id).pdf.html" }

    enum Job: Sendable {
        case home, moduleList, catalogue, notFound, practiceForm
        case module(Int)
        case task(Int, Int)
        case practice(Int)
        case page(Int)
        case facet(Facet, Int)
        case json, csv, feed, searchIndex
        case handbookHTML(Int), handbookEPUB(Int), handbookPDFSource(Int)
    }

    /// Renders every file of `plan` and hands each to `sink` as soon as it
    /// is ready, on all cores.
    public func renderEach(plan: Plan, _ sink: @Sendable (Artifact) throws -> Void) throws {
        let failures = jobs().parallelMap { job -> String? in
            do {
                try sink(renderJob(job))
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw OutputError(message: failure, hint: nil) }
        var statics = staticArtifacts()
        if let sitemap = exports.sitemap(paths: plan.paths) {
            statics.append(Artifact(path: "sitemap.xml", content: .text(sitemap)))
        }
        for artifact in statics { try sink(artifact) }
    }

    func jobs() -> [Job] {
        // The most expensive jobs first, so the parallel workers end together.
        var jobs: [Job] = handbookIDs.indices.reversed().flatMap { [Job.handbookEPUB($0), .handbookHTML($0)] }
        if handbookFormats.contains("pdf") { jobs += handbookIDs.indices.map { .handbookPDFSource($0) } }
        jobs += [.searchIndex, .csv, .json, .feed, .catalogue, .home, .moduleList, .notFound, .practiceForm]
        for facet in Facet.allCases { jobs += catalogue.entries(facet).indices.map { .facet(facet, $0) } }
        for (m, module) in site.modules.enumerated() {
            jobs.append(.module(m))
            jobs += module.tasks.indices.map { .task(m, $0) }
        }
        jobs += site.practices.indices.map { .practice($0) }
        jobs += site.pages.indices.map { .page($0) }
        return jobs
    }

    /// Files that need no rendering: stylesheets, scripts, media copies.
    func staticArtifacts() -> [Artifact] {
        var artifacts: [Artifact] = []
        artifacts.append(Artifact(path: Route.asset("trellis.css").path, content: .text(theme.stylesheet)))
        artifacts.append(Artifact(path: Route.asset("catalogue.js").path, content: .bytes(BuiltinTheme.catalogueScript)))
        artifacts.append(Artifact(path: Route.asset("search.js").path, content: .bytes(BuiltinTheme.searchScript)))
        if !handbookIDs.isEmpty {
            artifacts.append(Artifact(path: Route.asset("handbook.css").path, content: .text(theme.styles["handbook.css"] ?? "")))
        }
        for media in site.media {
            artifacts.append(Artifact(path: media.relativePath, content: .copy(from: "\(site.contentDirectory)/\(media.relativePath)")))
        }
        return artifacts
    }

    func renderJob(_ job: Job) -> Artifact {
        switch job {
        case .home: return homePage()
        case .moduleList: return moduleListPage()
        case .catalogue: return cataloguePage()
        case .notFound: return notFoundPage()
        case .module(let m): return modulePage(site.modules[m])
        case .task(let m, let t): return taskPage(site.modules[m], t)
        case .practice(let p): return practicePage(site.practices[p])
        case .page(let p): return freePage(site.pages[p])
        case .facet(let facet, let index): return facetPage(facet, catalogue.entries(facet)[index])
        case .practiceForm: return practiceFormPage()
        case .json: return Artifact(path: "catalogue.json", content: .text(exports.catalogueJSON()))
        case .csv: return Artifact(path: "catalogue.csv", content: .bytes(exports.catalogueCSV()))
        case .feed: return Artifact(path: "feed.xml", content: .text(exports.atomFeed()))
        case .searchIndex: return Artifact(path: Route.asset("search-index.js").path, content: .text(SearchIndex.script(site)))
        case .handbookHTML(let index):
            let book = books[index].get
            let html = HandbookRenderer(theme: theme, siteTitle: site.config.title, baseURL: site.config.baseURL).printHTML(book)
            return Artifact(path: "handbooks/\(book.id).html", content: .text(html))
        case .handbookPDFSource(let index):
            let book = books[index].get
            let html = HandbookRenderer(theme: theme, siteTitle: site.config.title, baseURL: site.config.baseURL).printHTML(book, forPDF: true)
            return Artifact(path: Self.pdfSource(book.id), content: .text(html))
        case .handbookEPUB(let index):
            let book = books[index].get
            let writer = EPUBWriter(siteTitle: site.config.title, baseURL: site.config.baseURL,
                                    contentDirectory: site.contentDirectory, stylesheet: theme.styles["epub.css"] ?? "")
            do {
                return Artifact(path: "handbooks/\(book.id).epub", content: .bytes(try writer.epub(book)))
            } catch {
                return Artifact(path: "handbooks/\(book.id).epub.failed", content: .text("\(error)"))
            }
        }
    }

    // MARK: Layout

    func page(_ route: Route, title: String, template: String, view: Any, bodyClass: String,
              breadcrumbs: [LinkView] = [], description: String? = nil) -> Artifact {
        let context = PageContext(path: route.path)
        let content = theme.render(template, view)
        var nav = [
            LinkView(title: "Home", href: context.url(.home), current: route == .home),
            LinkView(title: "Modules", href: context.url(.moduleList), current: route == .moduleList),
            LinkView(title: "Good practices", href: context.url(.catalogue), current: route == .catalogue),
        ]
        nav += site.pages.map { LinkView(title: $0.title, href: context.url($0.route), current: route == $0.route) }
        let layout = LayoutView(
            lang: site.config.language, siteTitle: site.config.title,
            pageTitle: route == .home ? site.config.title : "\(title) – \(site.config.title)",
            description: description ?? site.config.description, root: context.root,
            stylesheetHref: context.url(.asset("trellis.css")), searchScriptHref: context.url(.asset("search.js")), homeHref: context.url(.home),
            nav: nav, breadcrumbs: breadcrumbs, contentHTML: content, license: site.config.license, bodyClass: bodyClass
        )
        return Artifact(path: route.path, content: .text(theme.render("layout", layout)))
    }

    // MARK: Pages

    func homePage() -> Artifact {
        let context = PageContext(path: Route.home.path)
        let countries = Set(site.practices.compactMap { $0.country?.code })
        let view = HomeView(
            title: site.home?.title ?? site.config.title,
            introHTML: site.home.map { context.bodyHTML($0.body) } ?? site.config.description.map { "<p>\(HTML.escape($0))</p>" } ?? "",
            modules: site.modules.map { moduleCard($0, context) }, modulesHref: context.url(.moduleList),
            catalogueHref: context.url(.catalogue), practiceCount: site.practices.count,
            countryCount: countries.count, hasPractices: !site.practices.isEmpty
        )
        return page(.home, title: view.title, template: "home", view: view, bodyClass: "home")
    }

    func moduleListPage() -> Artifact {
        let context = PageContext(path: Route.moduleList.path)
        let view = ModuleListView(title: "Modules", modules: site.modules.map { moduleCard($0, context) })
        return page(.moduleList, title: view.title, template: "modules", view: view, bodyClass: "modules")
    }

    func moduleCard(_ module: Module, _ context: PageContext) -> ModuleCard {
        var facts: [String] = []
        if let duration = module.duration?.value { facts.append(duration) }
        facts.append(module.tasks.count == 1 ? "1 task" : "\(module.tasks.count) tasks")
        if !module.audience.isEmpty { facts.append(module.audience.map { Vocabularies.label($0.value) }.joined(separator: ", ")) }
        return ModuleCard(title: module.title, href: context.url(module.route), summary: module.summary, facts: facts)
    }

    func practiceCard(_ practice: Practice, _ context: PageContext) -> PracticeCard {
        Self.practiceCard(practice, context, site: site)
    }

    static func practiceCard(_ practice: Practice, _ context: PageContext, site: Site) -> PracticeCard {
        PracticeCard(title: practice.title, href: context.url(practice.route),
                     country: practice.country?.name ?? "", countryCode: practice.country?.code ?? "",
                     sector: practice.sector.map { Vocabularies.label($0.value) }, organisation: practice.organisation,
                     year: practice.year.map(String.init), tags: practice.tags,
                     sectorValue: practice.sector?.value ?? "", tagValues: practice.tags.joined(separator: " "))
    }

    func outcomeViews(_ outcomes: [Outcome]) -> [OutcomeView] {
        outcomes.map { OutcomeView(id: $0.id, domain: Vocabularies.label($0.domain), text: $0.text) }
    }

    func badges(_ task: Task) -> [BadgeView] {
        var badges: [BadgeView] = []
        if let type = task.type { badges.append(BadgeView(label: Vocabularies.label(type.value), kind: "type-\(type.value)", meaning: "Task type")) }
        if let mode = task.mode { badges.append(BadgeView(label: Vocabularies.label(mode.value), kind: "mode-\(mode.value)", meaning: "Mode")) }
        if let grouping = task.grouping { badges.append(BadgeView(label: Vocabularies.label(grouping.value), kind: "grouping", meaning: "Grouping")) }
        if let complexity = task.complexity {
            badges.append(BadgeView(label: "Complexity \(complexity.value) of 3", kind: "complexity-\(complexity.value)", meaning: "Complexity"))
        }
        return badges
    }

    /// Links to the module's handbooks, in every format this build writes.
    func handbookLinks(for module: Module, _ context: PageContext) -> [LinkView] {
        handbookFormats.flatMap { format in
            Edition.allCases.map { edition in
                LinkView(title: "\(edition.title) handbook (\(format.uppercased()))",
                         href: context.url(.file("handbooks/\(module.id)-\(edition.rawValue).\(format)")))
            }
        }
    }

    static func practiceCount(_ n: Int) -> String { n == 1 ? "1 good practice" : "\(n) good practices" }

    static func number(_ task: Task) -> String { task.number < 10 ? "0\(task.number)" : "\(task.number)" }

    func modulePage(_ module: Module) -> Artifact {
        let context = PageContext(path: module.route.path)
        var facts: [FactView] = []
        if let duration = module.duration?.value { facts.append(FactView(label: "Duration", value: duration)) }
        if !module.audience.isEmpty { facts.append(FactView(label: "Audience", value: module.audience.map { Vocabularies.label($0.value) }.joined(separator: ", "))) }
        if !module.languages.isEmpty { facts.append(FactView(label: "Languages", value: module.languages.joined(separator: ", "))) }
        if let configuration = module.configuration { facts.append(FactView(label: "Configuration", value: configuration)) }
        if !module.authors.isEmpty { facts.append(FactView(label: "Authors", value: module.authors.joined(separator: ", "))) }
        if let updated = module.updated { facts.append(FactView(label: "Updated", value: updated)) }
        if let license = module.license ?? site.config.license { facts.append(FactView(label: "Licence", value: license)) }

        func card(_ task: Task) -> TaskCard {
            TaskCard(number: Self.number(task), title: task.title, href: context.url(task.route), badges: badges(task), duration: task.duration?.value)
        }
        func effort(_ duration: Duration) -> String? { duration.minutes > 0 ? duration.description : nil }
        var phases: [PhaseView] = module.phases.map { phase in
            PhaseView(title: phase.title, weeks: phase.weeks.map { "Weeks \($0)" },
                      tasks: module.tasks.filter { $0.phase?.value == phase.id }.map(card),
                      effort: effort(module.totalEffort(phase: phase.id)))
        }
        let unphased = module.tasks.filter { task in task.phase == nil || !module.phases.contains { $0.id == task.phase?.value } }
        if !unphased.isEmpty {
            let sum = unphased.compactMap { $0.duration.flatMap { Duration($0.value) } }.reduce(Duration(minutes: 0), +)
            phases.append(PhaseView(title: module.phases.isEmpty ? "Tasks" : "Other tasks", weeks: nil, tasks: unphased.map(card), effort: effort(sum)))
        }
        var coverage: CoverageView?
        if !module.outcomes.isEmpty && !module.tasks.isEmpty {
            let sets = module.tasks.map { Set($0.outcomes.map(\.value)) }
            coverage = CoverageView(
                columns: module.tasks.map { .init(number: Self.number($0), title: $0.title, href: context.url($0.route)) },
                rows: module.outcomes.map { outcome in
                    let cells = sets.map { CoverageView.Cell(covered: $0.contains(outcome.id)) }
                    return .init(id: outcome.id, domain: Vocabularies.label(outcome.domain), text: outcome.text,
                                 cells: cells, uncovered: !cells.contains { $0.covered })
                })
        }
        var legend: [BadgeView] = []
        var seenKinds: Set<String> = []
        for task in module.tasks {
            for badge in badges(task) where seenKinds.insert(badge.kind).inserted { legend.append(badge) }
        }
        var practiceIDs = module.practices.map(\.value)
        for id in module.citedBy where !practiceIDs.contains(id) { practiceIDs.append(id) }
        let view = ModuleView(
            title: module.title, summary: module.summary, facts: facts, overviewHTML: context.bodyHTML(module.body),
            outcomes: outcomeViews(module.outcomes), phases: phases,
            practices: practiceIDs.compactMap { site.practice($0) }.map { practiceCard($0, context) },
            footnotesHTML: context.footnotes(module.body), totalEffort: effort(module.totalEffort()),
            coverage: coverage, legend: legend, handbooks: handbookLinks(for: module, context)
        )
        return page(module.route, title: module.title, template: "module", view: view, bodyClass: "module",
                    breadcrumbs: [LinkView(title: "Modules", href: context.url(.moduleList))], description: module.summary)
    }

    func taskPage(_ module: Module, _ index: Int) -> Artifact {
        let task = module.tasks[index]
        let context = PageContext(path: task.route.path)
        var facts: [FactView] = []
        if let duration = task.duration?.value { facts.append(FactView(label: "Duration", value: duration)) }
        if !task.tools.isEmpty { facts.append(FactView(label: "Tools", value: task.tools.joined(separator: ", "))) }
        let phase = task.phase.flatMap { p in module.phases.first { $0.id == p.value } }
        let sections = task.body.sections.map { section in
            context.sectionView(section, body: task.body, facilitator: section.heading.map { Task.isFacilitatorHeading($0.text) } ?? false)
        }
        let outcomes = module.outcomes.filter { outcome in task.outcomes.contains { $0.value == outcome.id } }
        func link(_ other: Task) -> LinkView { LinkView(title: "\(Self.number(other)). \(other.title)", href: context.url(other.route)) }
        let view = TaskView(
            title: task.title, number: Self.number(task), moduleTitle: module.title, moduleHref: context.url(module.route),
            phase: phase?.title, facts: facts, badges: badges(task), introHTML: context.blocksHTML(task.body.intro.blocks, task.body),
            sections: sections, outcomes: outcomeViews(outcomes),
            previous: index > 0 ? link(module.tasks[index - 1]) : nil,
            next: index + 1 < module.tasks.count ? link(module.tasks[index + 1]) : nil,
            footnotesHTML: context.footnotes(task.body)
        )
        return page(task.route, title: task.title, template: "task", view: view, bodyClass: "task",
                    breadcrumbs: [LinkView(title: "Modules", href: context.url(.moduleList)),
                                  LinkView(title: module.title, href: context.url(module.route))])
    }

    func facetGroups(_ context: PageContext) -> [FacetGroupView] {
        var groups = Facet.allCases.map { facet in
            FacetGroupView(title: facet.title, key: facet.rawValue, entries: catalogue.entries(facet).map {
                FacetEntryView(label: $0.label, value: $0.value, count: $0.count, href: context.url(.facet(facet, $0.value)))
            })
        }
        groups.append(FacetGroupView(title: "Year", key: "year", entries: catalogue.years.map {
            FacetEntryView(label: $0.label, value: $0.value, count: $0.count, href: nil)
        }))
        return groups.filter { !$0.entries.isEmpty }
    }

    func cataloguePage() -> Artifact {
        let context = PageContext(path: Route.catalogue.path)
        let view = CatalogueView(title: "Good practices", count: site.practices.count, countLabel: Self.practiceCount(site.practices.count),
                                 practices: site.practices.map { practiceCard($0, context) },
                                 facets: facetGroups(context), scriptHref: context.url(.asset("catalogue.js")),
                                 jsonHref: context.url(.file("catalogue.json")), csvHref: context.url(.file("catalogue.csv")),
                                 feedHref: context.url(.file("feed.xml")), formHref: context.url(.file(Self.practiceFormPath)),
                                 handbooks: site.practices.isEmpty ? [] : handbookFormats.map {
                                     LinkView(title: "Catalogue handbook (\($0.uppercased()))", href: context.url(.file("handbooks/catalogue.\($0)")))
                                 })
        return page(.catalogue, title: view.title, template: "catalogue", view: view, bodyClass: "catalogue")
    }

    func facetPage(_ facet: Facet, _ entry: CatalogueIndex.Entry) -> Artifact {
        let route = Route.facet(facet, entry.value)
        let context = PageContext(path: route.path)
        let others = catalogue.entries(facet).map {
            FacetEntryView(label: $0.label, value: $0.value, count: $0.count, href: $0.value == entry.value ? nil : context.url(.facet(facet, $0.value)))
        }
        let view = FacetPageView(title: entry.label, facetTitle: facet.title, count: entry.count, countLabel: Self.practiceCount(entry.count),
                                 practices: entry.members.map { practiceCard(site.practices[$0], context) },
                                 cardsHTML: entry.members.map { facetCards[$0] }.joined(),
                                 catalogueHref: context.url(.catalogue), others: others)
        return page(route, title: "\(facet.title): \(entry.label)", template: "facet", view: view, bodyClass: "facet",
                    breadcrumbs: [LinkView(title: "Good practices", href: context.url(.catalogue))])
    }

    func practicePage(_ practice: Practice) -> Artifact {
        let context = PageContext(path: practice.route.path)
        var facts: [FactView] = []
        if let country = practice.country {
            facts.append(FactView(label: "Country", value: country.name, href: context.url(.facet(.country, country.code.lowercased()))))
        }
        if let organisation = practice.organisation { facts.append(FactView(label: "Organisation", value: organisation)) }
        if let sector = practice.sector {
            facts.append(FactView(label: "Sector", value: Vocabularies.label(sector.value), href: context.url(.facet(.sector, sector.value))))
        }
        if let year = practice.year { facts.append(FactView(label: "Year", value: String(year))) }
        if let status = practice.status { facts.append(FactView(label: "Status", value: status)) }
        if let website = practice.website { facts.append(FactView(label: "Website", value: website, href: website)) }
        if let updated = practice.updated { facts.append(FactView(label: "Updated", value: updated)) }
        var sections: [SectionView] = practice.sections.compactMap { matched in
            guard let content = matched.content else { return nil }
            var view = context.sectionView(content, body: practice.body)
            view.headingHTML = HTML.escape(matched.template.heading)
            return view
        }
        sections += practice.extraSections.map { context.sectionView($0, body: practice.body) }
        var moduleIDs = practice.modules.map(\.value)
        for id in practice.citedBy where !moduleIDs.contains(id) { moduleIDs.append(id) }
        let view = PracticeView(
            title: practice.title, facts: facts,
            tags: practice.tags.map { LinkView(title: $0, href: context.url(.facet(.tag, $0))) },
            introHTML: context.blocksHTML(practice.body.intro.blocks, practice.body), sections: sections,
            modules: moduleIDs.compactMap { site.module($0) }.map { LinkView(title: $0.title, href: context.url($0.route)) },
            footnotesHTML: context.footnotes(practice.body), catalogueHref: context.url(.catalogue),
            jsonLD: exports.jsonLD(practice), countryHref: practice.country.map { context.url(.facet(.country, $0.code.lowercased())) }
        )
        return page(practice.route, title: practice.title, template: "practice", view: view, bodyClass: "practice",
                    breadcrumbs: [LinkView(title: "Good practices", href: context.url(.catalogue))])
    }

    static let practiceFormPath = "forms/practice-form.html"

    func practiceFormPage() -> Artifact {
        let route = Route.file(Self.practiceFormPath)
        let context = PageContext(path: route.path)
        let sectors = site.config.vocabularies.sectors.map(Vocabularies.label).joined(separator: " / ")
        let view = PracticeFormView(
            title: "Good practice collection form", siteTitle: site.config.title,
            fields: [
                .init(label: "Name of the good practice", note: nil),
                .init(label: "Country", note: nil),
                .init(label: "Organisation", note: nil),
                .init(label: "Sector", note: sectors),
                .init(label: "Year", note: nil),
                .init(label: "Website", note: nil),
                .init(label: "Keywords (tags)", note: "separate with commas"),
                .init(label: "Contact person and e-mail", note: nil),
            ],
            sections: site.config.practiceTemplate.sections.map { .init(heading: $0.heading, guidance: $0.guidance, required: $0.required) },
            catalogueHref: context.url(.catalogue)
        )
        return page(route, title: view.title, template: "practice-form", view: view, bodyClass: "form",
                    breadcrumbs: [LinkView(title: "Good practices", href: context.url(.catalogue))])
    }

    func freePage(_ free: Page) -> Artifact {
        let context = PageContext(path: free.route.path)
        let view = PageView(title: free.title, html: context.bodyHTML(free.body), footnotesHTML: context.footnotes(free.body))
        return page(free.route, title: free.title, template: "page", view: view, bodyClass: "page")
    }

    func notFoundPage() -> Artifact {
        let context = PageContext(path: Route.notFound.path)
        let view = NotFoundView(homeHref: context.url(.home), catalogueHref: context.url(.catalogue), modulesHref: context.url(.moduleList))
        return page(.notFound, title: "Page not found", template: "not-found", view: view, bodyClass: "not-found")
    }
}
