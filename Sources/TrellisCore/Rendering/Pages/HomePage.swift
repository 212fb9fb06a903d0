/// The home page: the introduction from `index.md`, module cards and the catalogue in numbers.
enum HomePage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        [.page(.home, "the home page", sources: nil, origin: renderer.site.home?.file.location()) { $0.homePage() }]
    }
}

extension SiteRenderer {
    /// Module cards on the home page; the module list has them all.
    static let homeModules = 12

    func homePage() -> Artifact {
        let context = PageContext(path: Route.home.path, strings: strings)
        let countries = Set(site.practices.compactMap { $0.country?.code })
        let view = HomeView(
            title: site.home?.title ?? site.config.title,
            introHTML: site.home.map { context.bodyHTML($0.body) } ?? site.config.description.map { "<p>\(HTML.escape($0))</p>" } ?? "",
            modules: site.modules.prefix(Self.homeModules).map { moduleCard($0, context) }, moduleCount: site.modules.count,
            moreModules: site.modules.count > Self.homeModules,
            modulesHref: context.url(.moduleList),
            catalogueHref: context.url(.catalogue), practiceCount: site.practices.count,
            countryCount: countries.count, hasPractices: !site.practices.isEmpty,
            modulesLinkLabel: site.modules.count > Self.homeModules
                ? strings("home_all_modules_count", ["count": String(site.modules.count)]) : strings("home_all_modules"),
            practicesSummary: strings(
                "home_practices_summary",
                ["practices": practiceCount(site.practices.count), "countries": strings.plural("country_count", countries.count)])
        )
        return page(.home, title: view.title, template: .home, view: view, bodyClass: "home")
    }
}
