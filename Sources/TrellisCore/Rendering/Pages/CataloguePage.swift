/// The catalogue: the practices as cards, ``Pagination/perPage`` a page,
/// with the facets to browse by and the filters (which load the compact
/// catalogue data when first used).
enum CataloguePage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        (1...Pagination.pageCount(renderer.site.practices.count)).map { n in
            .page(.cataloguePage(n), n == 1 ? "the catalogue" : "page \(n) of the catalogue", sources: nil) { $0.cataloguePage(n) }
        }
    }
}

extension SiteRenderer {
    func cataloguePage(_ n: Int = 1) -> Artifact {
        let route = Route.cataloguePage(n)
        let context = PageContext(path: route.path, strings: strings)
        let count = site.practices.count
        let pages = Pagination.pageCount(count)
        let pagination = Pagination.view(current: n, count: pages, total: count, label: strings("pages_of_practices"), strings: strings) {
            context.url(.cataloguePage($0))
        }
        let view = CatalogueView(
            title: strings("catalogue_title"), count: count, countLabel: practiceCount(count),
            lead: strings("catalogue_lead", ["count": practiceCount(count)]),
            practices: site.practices[Pagination.slice(count, page: n)].map { practiceCard($0, context) },
            facets: facetGroups(context), pagination: pagination, dataHref: context.url(.asset(CatalogueData.fileName)), root: context.root,
            scriptHref: context.url(.asset("catalogue.js")),
            jsonHref: context.url(.file("catalogue.json")), csvHref: context.url(.file("catalogue.csv")),
            feedHref: context.url(.file("feed.xml")), formHref: context.url(.file(Self.practiceFormPath)),
            handbooks: site.practices.isEmpty
                ? []
                : handbookFormats.map {
                    let path = Self.handbookPath("catalogue", $0)
                    // Another language links to the default language's catalogue book, at the root.
                    let own = handbookFiles[path] != nil
                    let size = (own ? handbookSize(path) : nil).map { ", " + $0 } ?? ""
                    let href = own ? context.url(.file(path)) : RelativeURL.from(languages.prefix + context.path, to: path)
                    return LinkView(title: "\(strings("handbook_catalogue")) (\($0.uppercased())\(size))", href: href)
                })
        let title =
            pagination.map { strings("paged_title", ["title": view.title, "current": String(n), "count": String($0.pageCount)]) } ?? view.title
        return page(route, title: title, template: .catalogue, view: view, bodyClass: "catalogue", current: .catalogue)
    }

    func facetGroups(_ context: PageContext) -> [FacetGroupView] {
        var groups = Facet.allCases.map { facet in
            FacetGroupView(
                title: strings.facet(facet), key: facet.rawValue,
                entries: catalogue.entries(facet).map {
                    FacetEntryView(label: $0.label, value: $0.value, count: $0.count, href: context.url(.facet(facet, $0.value)))
                })
        }
        groups.append(
            FacetGroupView(
                title: strings("facet_year"), key: "year",
                entries: catalogue.years.map {
                    FacetEntryView(label: $0.label, value: $0.value, count: $0.count, href: nil)
                }))
        return groups.filter { !$0.entries.isEmpty }
    }
}
