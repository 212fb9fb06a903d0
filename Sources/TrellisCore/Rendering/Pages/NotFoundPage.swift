/// The page shown for an address that does not exist.
enum NotFoundPage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        [.page(.notFound, "the page-not-found page", sources: nil) { $0.notFoundPage() }]
    }
}

extension SiteRenderer {
    func notFoundPage() -> Artifact {
        let context = PageContext(path: Route.notFound.path)
        let view = NotFoundView(homeHref: context.url(.home), catalogueHref: context.url(.catalogue), modulesHref: context.url(.moduleList))
        return page(.notFound, title: "Page not found", template: .notFound, view: view, bodyClass: "not-found")
    }
}
