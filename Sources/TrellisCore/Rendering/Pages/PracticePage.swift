/// A good practice: facts, tags, the template sections in order, related modules, JSON-LD.
enum PracticePage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        let site = renderer.site
        return site.practices.indices.map { p in
            let practice = site.practices[p]
            var files: Set<String> = [practice.file.relativePath]
            for id in practice.modules.map(\.value) + practice.citedBy {
                if let module = site.module(id) { files.insert(module.file.relativePath) }
            }
            return .page(practice.route, "the practice page", sources: files, origin: practice.file.location()) {
                $0.practicePage($0.site.practices[p])
            }
        }
    }
}

extension SiteRenderer {
    func practicePage(_ practice: Practice) -> Artifact {
        let context = PageContext(path: practice.route.path, strings: strings)
        var facts: [FactView] = []
        if let country = practice.country {
            facts.append(
                FactView(
                    label: strings("fact_country"), value: strings.country(country), href: context.url(.facet(.country, country.code.lowercased()))))
        }
        if let organisation = practice.organisation { facts.append(FactView(label: strings("fact_organisation"), value: organisation)) }
        if let sector = practice.sector {
            facts.append(FactView(label: strings("fact_sector"), value: strings.term(sector.value), href: context.url(.facet(.sector, sector.value))))
        }
        if let year = practice.year { facts.append(FactView(label: strings("fact_year"), value: String(year))) }
        if let status = practice.status { facts.append(FactView(label: strings("fact_status"), value: status)) }
        if let website = practice.website { facts.append(FactView(label: strings("fact_website"), value: website, href: website)) }
        if let updated = practice.updated { facts.append(FactView(label: strings("fact_updated"), value: strings.date(updated))) }
        var sections: [SectionView] = practice.sections.compactMap { matched in
            guard let content = matched.content else { return nil }
            var view = context.sectionView(content, body: practice.body)
            view.headingHTML = HTML.escape(matched.template.heading)
            return view
        }
        sections += practice.extraSections.map { context.sectionView($0, body: practice.body) }
        var moduleIDs = practice.modules.map(\.value)
        for id in practice.citedBy where !moduleIDs.contains(id) { moduleIDs.append(id) }
        let view = PracticeView(
            title: practice.title, facts: facts,
            tags: practice.tags.map { LinkView(title: $0, href: context.url(.facet(.tag, $0))) },
            introHTML: context.blocksHTML(practice.body.intro.blocks, practice.body), sections: sections,
            modules: moduleIDs.compactMap { site.module($0) }.map { LinkView(title: $0.title, href: context.url($0.route)) },
            footnotesHTML: context.footnotes(practice.body), catalogueHref: context.url(.catalogue),
            jsonLD: LearningMetadata(site: site).practice(practice),
            countryHref: practice.country.map { context.url(.facet(.country, $0.code.lowercased())) }
        )
        return page(
            practice.route, title: practice.title, template: .practice, view: view, bodyClass: "practice",
            breadcrumbs: [LinkView(title: strings("nav_practices"), href: context.url(.catalogue))])
    }
}
