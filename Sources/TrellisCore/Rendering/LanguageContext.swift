/// Where a page stands among the site's languages: which language it is in,
/// where each language's pages are (the default's at the root, every other's
/// under `<code>/`), and which documents each language has translated.
public struct LanguageContext: Sendable {
    public struct Entry: Sendable {
        public var code: String
        /// The language's own name ("Español", "فارسی").
        public var name: String
        /// `""` for the default language, `"es/"` for another.
        public var prefix: String
    }

    public var entries: [Entry]
    public var current: String
    public var defaultLanguage: String
    /// Per other language, the documents translated into it.
    var translated: [String: Set<Route>]
    /// Every document's route: pages that show an author's document (the
    /// others, lists and the catalogue, exist in every language in full).
    var documents: Set<Route>

    /// One language: nothing to switch between.
    static func single(_ language: String) -> LanguageContext {
        LanguageContext(
            entries: [Entry(code: language, name: language, prefix: "")], current: language, defaultLanguage: language,
            translated: [:], documents: [])
    }

    func entry(_ code: String) -> Entry? { entries.first { $0.code == code } }

    var prefix: String { entry(current)?.prefix ?? "" }

    /// The same context, seen from `code`'s pages.
    func viewed(from code: String) -> LanguageContext {
        var copy = self
        copy.current = code
        return copy
    }

    /// Whether the page at `route` is in `code` (translated, or not a document).
    func isTranslated(_ route: Route, into code: String) -> Bool {
        code == defaultLanguage || !documents.contains(route) || translated[code]?.contains(route) == true
    }

    /// Whether this language publishes `module`'s handbooks and package:
    /// the default language every module's, another the translated ones'.
    func publishes(_ module: Module) -> Bool { isTranslated(module.route, into: current) }

    static func make(_ config: SiteConfig, site: Site, translations: [TranslatedSite]) -> LanguageContext {
        var documents: Set<Route> = []
        if site.home != nil { documents.insert(.home) }
        for module in site.modules {
            documents.insert(module.route)
            for task in module.tasks { documents.insert(task.route) }
        }
        for practice in site.practices { documents.insert(practice.route) }
        for page in site.pages { documents.insert(page.route) }
        return LanguageContext(
            entries: config.languages.map {
                Entry(code: $0, name: Strings.forLanguage($0).strings("language_name"), prefix: $0 == config.language ? "" : "\($0)/")
            },
            current: config.language, defaultLanguage: config.language,
            translated: Dictionary(translations.map { ($0.language, $0.translated) }, uniquingKeysWith: { a, _ in a }),
            documents: documents)
    }
}
