/// The settings of site.yml, typed and checked.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var description: String?
    /// BCP 47 language tag of the content.
    public var language: String
    /// Absolute URL the site is published under; only for feed, sitemap and canonical links.
    public var baseURL: String?
    public var license: String?
    /// Emit raw HTML written in Markdown.
    public var unsafeHTML: Bool
    public var vocabularies: Vocabularies
    public var practiceTemplate: PracticeTemplate
    /// `handbooks: {pdf: true}`: write PDF handbooks on every build.
    public var handbookPDF: Bool = false
    /// Every published language, the default (`language`) first: the
    /// default's pages are at the root, each other's under `<code>/`.
    public var languages: [String] = []

    /// The published languages other than the default.
    public var otherLanguages: [String] { languages.filter { $0 != language } }

    public init(
        title: String, description: String? = nil, language: String = "en", baseURL: String? = nil,
        license: String? = nil, unsafeHTML: Bool = false, vocabularies: Vocabularies = .builtIn,
        practiceTemplate: PracticeTemplate = .builtIn
    ) {
        self.title = title
        self.description = description
        self.language = language
        languages = [language]
        self.baseURL = baseURL
        self.license = license
        self.unsafeHTML = unsafeHTML
        self.vocabularies = vocabularies
        self.practiceTemplate = practiceTemplate
    }

    static let keys = [
        "title", "description", "language", "base_url", "license", "unsafe_html", "vocabularies", "templates", "handbooks", "languages",
    ]
}
