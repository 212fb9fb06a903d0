/// The printable good-practice collection form, shaped by the practice template.
enum PracticeFormPage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        [.page(.file(SiteRenderer.practiceFormPath), "the printable practice form", sources: nil) { $0.practiceFormPage() }]
    }
}

extension SiteRenderer {
    static let practiceFormPath = "forms/practice-form.html"

    func practiceFormPage() -> Artifact {
        let route = Route.file(Self.practiceFormPath)
        let context = PageContext(path: route.path, strings: strings)
        let sectors = site.config.vocabularies.sectors.map(strings.term).joined(separator: " / ")
        let view = PracticeFormView(
            title: strings("form_title"),
            introHTML: strings.html("form_intro", ["required": "<strong>\(HTML.escape(strings("form_required")))</strong>"]),
            siteTitle: site.config.title,
            fields: [
                .init(label: strings("form_name"), note: nil),
                .init(label: strings("fact_country"), note: nil),
                .init(label: strings("fact_organisation"), note: nil),
                .init(label: strings("fact_sector"), note: sectors),
                .init(label: strings("fact_year"), note: nil),
                .init(label: strings("fact_website"), note: nil),
                .init(label: strings("form_keywords"), note: strings("form_keywords_note")),
                .init(label: strings("form_contact"), note: nil),
            ],
            sections: site.config.practiceTemplate.sections.map { .init(heading: $0.heading, guidance: $0.guidance, required: $0.required) },
            catalogueHref: context.url(.catalogue)
        )
        return page(
            route, title: view.title, template: .practiceForm, view: view, bodyClass: "form",
            breadcrumbs: [LinkView(title: strings("nav_practices"), href: context.url(.catalogue))])
    }
}
