/// The data files: `catalogue.json`, `catalogue.csv`, the Atom feed, the
/// search index and the catalogue's filter data.
enum DataFiles: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        func data(_ path: String, _ what: String, _ make: @escaping @Sendable (SiteRenderer) -> Artifact.Content) -> PlannedOutput {
            PlannedOutput(path, what, sources: nil, make: .render { renderer throws(RenderFailure) in Artifact(path: path, content: make(renderer)) })
        }
        let search = renderer.searchFiles.get.map { PlannedOutput($0.path, "the search index", sources: nil, make: .file($0)) }
        return search + [
            data(Route.asset(CatalogueData.fileName).path, "the catalogue's filter data") { .text(CatalogueData.script($0.site, $0.catalogue)) },
            // Written to disk as they are made: at 100,000 practices each is a hundred megabytes or more.
            data("catalogue.csv", "the catalogue as CSV") { renderer in
                let exports = renderer.exports
                return .stream(ByteStream { exports.catalogueCSV($0) })
            },
            data("catalogue.json", "the catalogue as JSON") { renderer in
                let exports = renderer.exports
                return .stream(ByteStream { emit throws(OutputError) in try exports.catalogueJSON(emit) })
            },
            data("feed.xml", "the feed") { renderer in
                let exports = renderer.exports
                return .stream(ByteStream { exports.atomFeed($0) })
            },
        ]
    }
}

/// `sitemap.xml`, when `base_url` is set: it lists every other page, so it
/// is planned last and made from the finished plan.
enum Sitemap: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        guard renderer.site.config.baseURL != nil else { return [] }
        return [PlannedOutput("sitemap.xml", "the sitemap", sources: nil, make: .sitemap)]
    }
}
