/// The catalogue: every practice as a card, with the facet filters.
enum CataloguePage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        [.page(.catalogue, "the catalogue", sources: nil) { $0.cataloguePage() }]
    }
}

extension SiteRenderer {
    func cataloguePage() -> Artifact {
        let context = PageContext(path: Route.catalogue.path)
        let view = CatalogueView(
            title: "Good practices", count: site.practices.count, countLabel: Self.practiceCount(site.practices.count),
            practices: site.practices.map { practiceCard($0, context) },
            facets: facetGroups(context), scriptHref: context.url(.asset("catalogue.js")),
            jsonHref: context.url(.file("catalogue.json")), csvHref: context.url(.file("catalogue.csv")),
            feedHref: context.url(.file("feed.xml")), formHref: context.url(.file(Self.practiceFormPath)),
            handbooks: site.practices.isEmpty
                ? []
                : handbookFormats.map {
                    LinkView(title: "Catalogue handbook (\($0.uppercased()))", href: context.url(.file("handbooks/catalogue.\($0)")))
                })
        return page(.catalogue, title: view.title, template: .catalogue, view: view, bodyClass: "catalogue")
    }

    func facetGroups(_ context: PageContext) -> [FacetGroupView] {
        var groups = Facet.allCases.map { facet in
            FacetGroupView(
                title: facet.title, key: facet.rawValue,
                entries: catalogue.entries(facet).map {
                    FacetEntryView(label: $0.label, value: $0.value, count: $0.count, href: context.url(.facet(facet, $0.value)))
                })
        }
        groups.append(
            FacetGroupView(
                title: "Year", key: "year",
                entries: catalogue.years.map {
                    FacetEntryView(label: $0.label, value: $0.value, count: $0.count, href: nil)
                }))
        return groups.filter { !$0.entries.isEmpty }
    }
}
