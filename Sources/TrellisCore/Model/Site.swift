/// The whole checked content: what renderers read.
public struct Site: Sendable {
    public var config: SiteConfig
    public var home: Page?
    /// Sorted by id.
    public var modules: [Module]
    /// Sorted by id.
    public var practices: [Practice]
    /// Sorted by id.
    public var pages: [Page]
    /// Media files to copy, by content-relative path.
    public var media: [SourceFile]
    public var contentDirectory: String
    /// The interface in the site's language (with the site's own strings).
    public var strings: Strings

    public var moduleIndex: [String: Int]
    public var practiceIndex: [String: Int]
    /// Ids of every module and practice file found, including ones that
    /// failed to parse, so one broken file does not make others' references fail too.
    public var discoveredModuleIDs: Set<String> = []
    public var discoveredPracticeIDs: Set<String> = []

    public init(
        config: SiteConfig, home: Page?, modules: [Module], practices: [Practice], pages: [Page], media: [SourceFile], contentDirectory: String
    ) {
        self.config = config
        self.home = home
        self.modules = modules
        self.practices = practices
        self.pages = pages
        self.media = media
        self.contentDirectory = contentDirectory
        strings = Strings.forLanguage(config.language).strings
        moduleIndex = Dictionary(modules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        practiceIndex = Dictionary(practices.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func module(_ id: String) -> Module? { moduleIndex[id].map { modules[$0] } }
    public func practice(_ id: String) -> Practice? { practiceIndex[id].map { practices[$0] } }

    /// The practices `module` relates to (its `practices`), then those that
    /// cite it, each once, only those that exist; linear in their number (a
    /// module may be cited by thousands).
    public func relatedPracticeIDs(_ module: Module) -> [String] {
        var ids = module.practices.map(\.value)
        var seen = Set(ids)
        for id in module.citedBy where seen.insert(id).inserted { ids.append(id) }
        return ids.filter { practiceIndex[$0] != nil }
    }
}
