/// Pages per country, sector and tag, listing its practices
/// ``Pagination/perPage`` at a time (they work without JavaScript).
enum FacetPage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        Facet.allCases.flatMap { facet in
            renderer.catalogue.entries(facet).indices.flatMap { index in
                let entry = renderer.catalogue.entries(facet)[index]
                return (1...Pagination.pageCount(entry.count)).map { n in
                    PlannedOutput.page(.facetPage(facet, entry.value, n), "a \(facet.rawValue) page", sources: nil) {
                        $0.facetPage(facet, $0.catalogue.entries(facet)[index], page: n)
                    }
                }
            }
        }
    }
}

extension SiteRenderer {
    func facetPage(_ facet: Facet, _ entry: CatalogueIndex.Entry, page n: Int = 1) -> Artifact {
        let route = Route.facetPage(facet, entry.value, n)
        let context = PageContext(path: route.path, strings: strings)
        let others = catalogue.entries(facet).map {
            FacetEntryView(
                label: $0.label, value: $0.value, count: $0.count, href: $0.value == entry.value ? nil : context.url(.facet(facet, $0.value)))
        }
        let pagination = Pagination.view(
            current: n, count: Pagination.pageCount(entry.count), total: entry.count,
            label: strings("pages_of_facet", ["facet": strings.facet(facet), "value": entry.label]), strings: strings
        ) { context.url(.facetPage(facet, entry.value, $0)) }
        let members = entry.members[Pagination.slice(entry.count, page: n)]
        let view = FacetPageView(
            title: entry.label, facetTitle: strings.facet(facet), count: entry.count, countLabel: practiceCount(entry.count),
            practicesHeading: strings("facet_practices_of", ["value": entry.label]),
            otherValuesLabel: strings("facet_other_values", ["facet": strings.facet(facet)]),
            practices: facetListsCards ? members.map { practiceCard(site.practices[$0], context) } : [],
            cardsHTML: members.map { facetCards[$0] }.joined(),
            catalogueHref: context.url(.catalogue), others: others, pagination: pagination)
        let named = "\(strings.facet(facet)): \(entry.label)"
        let title = pagination.map { strings("paged_title", ["title": named, "current": String(n), "count": String($0.pageCount)]) } ?? named
        return page(
            route, title: title, template: .facet, view: view, bodyClass: "facet",
            breadcrumbs: [LinkView(title: strings("nav_practices"), href: context.url(.catalogue))])
    }
}
