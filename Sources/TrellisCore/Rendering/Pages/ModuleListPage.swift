/// The list of every module, as cards, ``Pagination/perPage`` a page.
enum ModuleListPage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        (1...Pagination.pageCount(renderer.site.modules.count)).map { n in
            .page(.moduleListPage(n), n == 1 ? "the module list" : "page \(n) of the module list", sources: nil) { $0.moduleListPage(n) }
        }
    }
}

extension SiteRenderer {
    func moduleListPage(_ n: Int = 1) -> Artifact {
        let route = Route.moduleListPage(n)
        let context = PageContext(path: route.path, strings: strings)
        let count = site.modules.count
        let pagination = Pagination.view(
            current: n, count: Pagination.pageCount(count), total: count, label: strings("pages_of_modules"), strings: strings
        ) {
            context.url(.moduleListPage($0))
        }
        let view = ModuleListView(
            title: strings("modules_title"), modules: site.modules[Pagination.slice(count, page: n)].map { moduleCard($0, context) },
            pagination: pagination)
        let title =
            pagination.map { strings("paged_title", ["title": view.title, "current": String(n), "count": String($0.pageCount)]) } ?? view.title
        return page(route, title: title, template: .modules, view: view, bodyClass: "modules", current: .moduleList)
    }
}
