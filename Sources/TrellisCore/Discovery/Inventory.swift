/// What kind of page a Markdown file becomes.
public enum DocumentKind: Sendable, Hashable {
    case home
    case module(String)
    case task(module: String, id: String, number: Int)
    case practice(String)
    case page(String)

    public var route: Route {
        switch self {
        case .home: .home
        case .module(let id): .module(id)
        case .task(let module, let id, _): .task(module: module, task: id)
        case .practice(let id): .practice(id)
        case .page(let id): .page(id)
        }
    }
}

/// A Markdown file found in the content folder, with its kind.
public struct DocumentSource: Sendable, Hashable {
    public var kind: DocumentKind
    public var file: SourceFile
}

/// Everything discovery found: the files of the site, in a fixed order,
/// and where each publishable file will live in `output/`.
public struct Inventory: Sendable {
    /// Absolute path of the content folder.
    public var contentDirectory: String
    /// How the content folder is shown in messages (as the user typed it).
    public var displayDirectory: String
    public var config: SourceFile?
    public var documents: [DocumentSource]
    public var media: [SourceFile]
    /// Content-relative path → output route, for every publishable file.
    public var routes: [String: Route]
    /// Every file found, published or not, for link checking.
    public var allFiles: Set<String>
    /// The site's interface strings, `i18n/<lang>.yml`, by language code.
    public var interfaceFiles: [String: SourceFile] = [:]
    /// Translations beside their originals (`module.es.md`, `01-intro.es.md`).
    public var translations: [TranslationSource] = []
}

/// A translation of a document: `<name>.<lang>.md` beside `<name>.md`.
public struct TranslationSource: Sendable, Hashable {
    public var language: String
    public var file: SourceFile
    /// The original's content-relative path (`modules/m/01-intro.md`).
    public var originalPath: String

    /// `01-intro.es.md` → (`01-intro.md`, `es`); nil for a name without a language suffix.
    public static func split(_ name: String) -> (original: String, language: String)? {
        guard name.hasSuffix(".md") else { return nil }
        let stem = name.dropLast(3)
        // Looked for in the bytes: the name of every file of the site is asked, and a search by
        // characters weighs each one's grapheme breaks.
        guard let dot = stem.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let base = stem[..<dot]
        let language = String(Substring(stem.utf8[stem.utf8.index(after: dot)...]))
        guard !base.isEmpty, !base.contains("."), SiteConfig.isLanguageTag(language) else { return nil }
        return (base + ".md", language)
    }
}
