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
        // Room for the whole book at once: grown by doubling, a large catalogue's was twice its size for a moment.
        var out = ""
        out.reserveCapacity(book.chapters.reduce(64 * 1024) { $0 + $1.body.approximateByteCount } / 20 * 21)
        printHTML(book, forPDF: forPDF) { out += $0 }
        return out
    }

    /// The same HTML handed on in pieces: the template's text between
    /// chapters, and each chapter as it is written. A catalogue of 100,000
    /// practices is a file of hundreds of megabytes; written this way, no
    /// more than a chapter of it is held.
    func printHTML(_ book: Handbook, forPDF: Bool = false, emit: (Substring) -> Void) {
        let (page, links) = template(book, forPDF: forPDF)
        Self.splice(page, body: { links.write(book.chapters[$0]) }, count: book.chapters.count, emit: emit)
    }

    /// The page from the theme's template, with a marker where each
    /// chapter's body goes, and the link rules the bodies are written with.
    /// The bodies are written into the page one at a time: a catalogue of
    /// thousands of practices is never held three times over (every body,
    /// the template's loop, the page).
    private func template(_ book: Handbook, forPDF: Bool) -> (page: String, links: HandbookLinks) {
        var links = HandbookLinks(book: book, format: .print, baseURL: baseURL)
        links.offsite = forPDF
        if forPDF, let contentDirectory {
            links.embed = { HandbookLinks.dataURL($0, contentDirectory: contentDirectory) }
        }
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
        return (theme.render(.handbook, view, strings), links)
    }

    /// Where chapter `index`'s body goes: NUL, the number, NUL. No text
    /// of a page can hold a NUL (content with control characters is refused).
    static func bodyMarker(_ index: Int) -> String { "\u{0}\(index)\u{0}" }

    /// `page` in pieces, with each ``bodyMarker(_:)`` below `count` replaced
    /// by `body(index)` (a marker past it by nothing).
    static func splice(_ page: String, body: (Int) -> String, count: Int, emit: (Substring) -> Void) {
        var rest = Substring(page)
        while let start = rest.utf8.firstIndex(of: 0) {
            let afterStart = rest.utf8.index(after: start)
            guard let end = rest.utf8[afterStart...].firstIndex(of: 0), let index = Int(Substring(rest.utf8[afterStart..<end])) else { break }
            emit(rest[..<start])
            if index < count { emit(Substring(body(index))) }
            rest = rest[rest.utf8.index(after: end)...]
        }
        emit(rest)
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
