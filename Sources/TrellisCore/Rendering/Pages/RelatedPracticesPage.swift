/// Every good practice related to a module, in numbered pages, when there
/// are more than the module page shows (``SiteRenderer/modulePracticeCards``).
enum RelatedPracticesPage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        let site = renderer.site
        return site.modules.indices.flatMap { m -> [PlannedOutput] in
            let module = site.modules[m]
            let ids = renderer.relatedPracticeIDs(module)
            guard ids.count > SiteRenderer.modulePracticeCards else { return [] }
            var files: Set<String> = [module.file.relativePath]
            for id in ids { if let practice = site.practice(id) { files.insert(practice.file.relativePath) } }
            return (1...Pagination.pageCount(ids.count)).map { n in
                .page(.relatedPractices(module: module.id, page: n), "the module's related practices", sources: files, origin: module.file.location())
                {
                    $0.relatedPracticesPage($0.site.modules[m], page: n)
                }
            }
        }
    }
}

extension SiteRenderer {
    /// Related practice cards a module page shows; the rest are on their own pages.
    static let modulePracticeCards = 12

    /// The practices a module relates to, then those that cite it
    /// (``Site/relatedPracticeIDs(_:)``, worked out once per module).
    func relatedPracticeIDs(_ module: Module) -> [String] { relatedPractices[module.id] ?? [] }

    func relatedPracticesPage(_ module: Module, page n: Int) -> Artifact {
        let route = Route.relatedPractices(module: module.id, page: n)
        let context = PageContext(path: route.path, strings: strings)
        let ids = relatedPracticeIDs(module)
        let pagination = Pagination.view(
            current: n, count: Pagination.pageCount(ids.count), total: ids.count, label: strings("pages_of_related", ["module": module.title]),
            strings: strings
        ) { context.url(.relatedPractices(module: module.id, page: $0)) }
        let view = RelatedPracticesView(
            title: strings("related_title"), moduleTitle: module.title, moduleHref: context.url(module.route),
            countLabel: practiceCount(ids.count), heading: strings("related_heading", ["module": module.title]),
            practices: ids[Pagination.slice(ids.count, page: n)].compactMap { site.practice($0) }.map { practiceCard($0, context) },
            pagination: pagination)
        let named = "\(view.title) – \(module.title)"
        let title = pagination.map { strings("paged_title", ["title": named, "current": String(n), "count": String($0.pageCount)]) } ?? named
        return page(
            route, title: title, template: .related, view: view, bodyClass: "related",
            breadcrumbs: [
                LinkView(title: strings("nav_modules"), href: context.url(.moduleList)),
                LinkView(title: module.title, href: context.url(module.route)),
            ])
    }
}
