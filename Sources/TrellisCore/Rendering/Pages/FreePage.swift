/// A free page from `pages/`.
enum FreePage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        renderer.site.pages.indices.map { p in
            let page = renderer.site.pages[p]
            return .page(page.route, "the page", sources: [page.file.relativePath], origin: page.file.location()) { $0.freePage($0.site.pages[p]) }
        }
    }
}

extension SiteRenderer {
    func freePage(_ free: Page) -> Artifact {
        let context = PageContext(path: free.route.path, strings: strings)
        let view = PageView(title: free.title, html: context.bodyHTML(free.body), footnotesHTML: context.footnotes(free.body))
        return page(free.route, title: free.title, template: .page, view: view, bodyClass: "page")
    }
}
