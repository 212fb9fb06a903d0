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
        let context = PageContext(path: route.path)
        let sectors = site.config.vocabularies.sectors.map(Vocabularies.label).joined(separator: " / ")
        let view = PracticeFormView(
            title: "Good practice collection form", siteTitle: site.config.title,
            fields: [
                .init(label: "Name of the good practice", note: nil),
                .init(label: "Country", note: nil),
                .init(label: "Organisation", note: nil),
                .init(label: "Sector", note: sectors),
                .init(label: "Year", note: nil),
                .init(label: "Website", note: nil),
                .init(label: "Keywords (tags)", note: "separate with commas"),
                .init(label: "Contact person and e-mail", note: nil),
            ],
            sections: site.config.practiceTemplate.sections.map { .init(heading: $0.heading, guidance: $0.guidance, required: $0.required) },
            catalogueHref: context.url(.catalogue)
        )
        return page(
            route, title: view.title, template: .practiceForm, view: view, bodyClass: "form",
            breadcrumbs: [LinkView(title: "Good practices", href: context.url(.catalogue))])
    }
}
