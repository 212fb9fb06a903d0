/// The print edition of a handbook: one HTML file for A4 paper (CSS Paged
/// Media: cover, contents with page numbers, running header, page numbers),
/// rendered through the theme's `handbook` template.
struct HandbookRenderer: Sendable {
    let theme: Theme
    let siteTitle: String
    let baseURL: String?
    /// Where the content's media files are, for the PDF copy's images.
    var contentDirectory: String?
    /// The book's interface strings (contents, labels).
    var strings: Strings = .english

    /// - Parameter forPDF: links to site pages become absolute (base_url) or
    ///   text with the page's path; images are carried in the HTML itself.
    func printHTML(_ book: Handbook, forPDF: Bool = false) -> String {
        var links = HandbookLinks(book: book, format: .print, baseURL: baseURL)
        links.offsite = forPDF
        if forPDF, let contentDirectory {
            links.embed = { HandbookLinks.dataURL($0, contentDirectory: contentDirectory) }
        }
        // The template gets a marker for each chapter's body, and the bodies are written into its
        // result one at a time: a catalogue of thousands of practices is never held three times over
        // (every body, the template's loop, the page).
        let chapters = book.chapters.enumerated().map { index, chapter in
            HandbookView.Chapter(
                anchor: chapter.anchor, title: chapter.title, kicker: chapter.kicker, part: chapter.part,
                bodyHTML: Self.bodyMarker(index), startsPage: chapter.startsPage, textLang: chapter.language,
                textDir: chapter.language.flatMap { Strings.direction(of: $0, inside: book.language) })
        }
        let contents = book.chapters.filter(\.inContents).map {
            HandbookView.Entry(anchor: $0.anchor, title: $0.title, part: $0.part)
        }
        let view = HandbookView(
            lang: book.language, rtl: strings.isRightToLeft, title: book.title, subtitle: book.subtitle, summary: book.summary, siteTitle: siteTitle,
            facts: book.coverFacts.map { FactView(label: $0.label, value: $0.value) }, license: book.license,
            stylesheetHref: "../\(Route.asset("handbook.css").path)", contents: contents, chapters: chapters
        )
        let page = theme.render(.handbook, view, strings)
        // Room for the whole book at once: grown by doubling, a large catalogue's was twice its size for a moment.
        let size = page.utf8.count + book.chapters.reduce(0) { $0 + $1.body.approximateByteCount } / 20 * 21
        return Self.splice(page, reserving: size) { index in index < book.chapters.count ? links.write(book.chapters[index]) : "" }
    }

    /// Where chapter `index`'s body goes: NUL, the number, NUL. No text
    /// of a page can hold a NUL (content with control characters is refused).
    static func bodyMarker(_ index: Int) -> String { "\u{0}\(index)\u{0}" }

    /// `page` with each ``bodyMarker(_:)`` replaced by `body(index)`.
    static func splice(_ page: String, reserving size: Int = 0, body: (Int) -> String) -> String {
        var out = ""
        out.reserveCapacity(size)
        var rest = Substring(page)
        while let start = rest.utf8.firstIndex(of: 0) {
            let afterStart = rest.utf8.index(after: start)
            guard let end = rest.utf8[afterStart...].firstIndex(of: 0), let index = Int(Substring(rest.utf8[afterStart..<end])) else { break }
            out += rest[..<start]
            out += body(index)
            rest = rest[rest.utf8.index(after: end)...]
        }
        out += rest
        return out
    }
}

/// What the `handbook` template receives.
public struct HandbookView: Sendable {
    public struct Entry: Sendable {
        public var anchor: String
        public var title: String
        public var part: String?
    }

    public struct Chapter: Sendable {
        public var anchor: String
        public var title: String
        public var kicker: String?
        public var part: String?
        public var bodyHTML: String
        public var startsPage: Bool
        /// The chapter's language when it is shown untranslated (nil when
        /// it is in the book's), and its direction where that differs.
        public var textLang: String?
        public var textDir: String?
    }

    public var lang: String
    /// True for a right-to-left language (`dir="rtl"`).
    public var rtl: Bool
    public var title: String
    public var subtitle: String
    public var summary: String?
    public var siteTitle: String
    public var facts: [FactView]
    public var license: String?
    public var stylesheetHref: String
    public var contents: [Entry]
    public var chapters: [Chapter]
}
