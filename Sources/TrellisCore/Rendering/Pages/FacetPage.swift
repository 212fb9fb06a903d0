/// A page per country, sector and tag, listing its practices (works without JavaScript).
enum FacetPage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        Facet.allCases.flatMap { facet in
            renderer.catalogue.entries(facet).indices.map { index in
                PlannedOutput.page(.facet(facet, renderer.catalogue.entries(facet)[index].value), "a \(facet.rawValue) page", sources: nil) {
                    $0.facetPage(facet, $0.catalogue.entries(facet)[index])
                }
            }
        }
    }
}

extension SiteRenderer {
    func facetPage(_ facet: Facet, _ entry: CatalogueIndex.Entry) -> Artifact {
        let route = Route.facet(facet, entry.value)
        let context = PageContext(path: route.path)
        let others = catalogue.entries(facet).map {
            FacetEntryView(
                label: $0.label, value: $0.value, count: $0.count, href: $0.value == entry.value ? nil : context.url(.facet(facet, $0.value)))
        }
        let view = FacetPageView(
            title: entry.label, facetTitle: facet.title, count: entry.count, countLabel: Self.practiceCount(entry.count),
            practices: entry.members.map { practiceCard(site.practices[$0], context) },
            cardsHTML: entry.members.map { facetCards[$0] }.joined(),
            catalogueHref: context.url(.catalogue), others: others)
        return page(
            route, title: "\(facet.title): \(entry.label)", template: .facet, view: view, bodyClass: "facet",
            breadcrumbs: [LinkView(title: "Good practices", href: context.url(.catalogue))])
    }
}
