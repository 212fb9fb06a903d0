/// The page shown for an address that does not exist. A server shows it at
/// the missing address, at any depth, so its stylesheet and links (written
/// from the top folder) are made right with a `<base href>`: `base_url` when
/// the site has one, otherwise the one its script finds (the nearest folder
/// above the address that holds `assets/trellis.css`), which then loads the
/// stylesheet again from there.
enum NotFoundPage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        [.page(.notFound, "the page-not-found page", sources: nil) { $0.notFoundPage() }]
    }
}

extension SiteRenderer {
    func notFoundPage() -> Artifact {
        let context = PageContext(path: Route.notFound.path, strings: strings)
        // Another language's 404 page leads into that language's pages.
        let base = site.config.baseURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + languages.prefix }
        let view = NotFoundView(
            homeHref: context.url(.home), catalogueHref: context.url(.catalogue), modulesHref: context.url(.moduleList),
            findsRoot: base == nil)
        return page(.notFound, title: strings("not_found_title"), template: .notFound, view: view, bodyClass: "not-found") { layout in
            layout.baseHref = base
            if base == nil { layout.searchScriptHref = nil }
        }
    }
}
