/// The built-in theme's files, embedded in the binary by SwiftPM.
enum BuiltinTheme {
    static let files: [(name: String, bytes: [UInt8])] = [
        ("layout.mustache", PackageResources.layout_mustache),
        ("home.mustache", PackageResources.home_mustache),
        ("modules.mustache", PackageResources.modules_mustache),
        ("module.mustache", PackageResources.module_mustache),
        ("task.mustache", PackageResources.task_mustache),
        ("catalogue.mustache", PackageResources.catalogue_mustache),
        ("practice.mustache", PackageResources.practice_mustache),
        ("page.mustache", PackageResources.page_mustache),
        ("not-found.mustache", PackageResources.not_found_mustache),
        ("practice-card.mustache", PackageResources.practice_card_mustache),
        ("module-card.mustache", PackageResources.module_card_mustache),
        ("facet.mustache", PackageResources.facet_mustache),
        ("related.mustache", PackageResources.related_mustache),
        ("pagination.mustache", PackageResources.pagination_mustache),
        ("practice-form.mustache", PackageResources.practice_form_mustache),
        ("handbook.mustache", PackageResources.handbook_mustache),
        ("trellis.css", PackageResources.trellis_css),
        ("handbook.css", PackageResources.handbook_css),
        ("epub.css", PackageResources.epub_css),
    ]

    /// Progressive enhancement of the catalogue page: combinable filters.
    static let catalogueScript: [UInt8] = PackageResources.catalogue_js
    /// The search box: loads the index on first use.
    static let searchScript: [UInt8] = PackageResources.search_js
    /// The "done" control of task pages and the progress on module pages.
    static let progressScript: [UInt8] = PackageResources.progress_js
}
