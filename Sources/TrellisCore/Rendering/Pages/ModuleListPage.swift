/// The list of every module, as cards.
enum ModuleListPage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        [.page(.moduleList, "the module list", sources: nil) { $0.moduleListPage() }]
    }
}

extension SiteRenderer {
    func moduleListPage() -> Artifact {
        let context = PageContext(path: Route.moduleList.path)
        let view = ModuleListView(title: "Modules", modules: site.modules.map { moduleCard($0, context) })
        return page(.moduleList, title: view.title, template: .modules, view: view, bodyClass: "modules")
    }
}
