import Foundation
import Markdown

/// Machine-readable views of the catalogue: `catalogue.json`,
/// `catalogue.csv`, the Atom feed and the sitemap (SPEC 6). Each is
/// deterministic: same content, same bytes.
struct DataExports {
    let site: Site
    /// With several languages: per practice id, the languages it can be read in.
    var availability: [String: [String]] = [:]

    /// Version of the catalogue.json format; raised when keys change meaning.
    static let formatVersion = 1

    func url(_ route: Route) -> String { route.path }

    func catalogueJSON() throws(OutputError) -> [UInt8] {
        var all: [UInt8] = []
        try catalogueJSON { all.append(contentsOf: $0) }
        return all
    }

    /// ``catalogueJSON()`` handed to `emit` a megabyte or so at a time. Each
    /// practice's sections are given as the author wrote them, read again
    /// from its file (``Body/markdownReader()``), which throws if the file
    /// changed after it was parsed.
    func catalogueJSON(_ emit: (UnsafeRawBufferPointer) -> Void) throws(OutputError) {
        var json = JSONText()
        json.beginObject()
        json.int("format_version", Self.formatVersion)
        json.string("title", site.config.title)
        json.string("description", site.config.description)
        json.string("language", site.config.language)
        json.string("license", site.config.license)
        json.beginArray("template")
        for section in site.config.practiceTemplate.sections {
            json.beginObject()
            json.string("id", section.id)
            json.string("heading", section.heading)
            json.bool("required", section.required)
            json.endObject()
        }
        json.endArray()
        json.beginArray("practices")
        for practice in site.practices {
            json.beginObject()
            json.string("id", practice.id)
            json.string("title", practice.title)
            json.string("country", practice.country?.code)
            json.string("country_name", practice.country?.name)
            json.string("organisation", practice.organisation)
            json.string("sector", practice.sector?.value)
            json.strings("tags", practice.tags)
            json.int("year", practice.year)
            json.string("website", practice.website)
            json.strings("modules", practice.modules.map(\.value))
            json.strings("cited_by_modules", practice.citedBy)
            json.string("status", practice.status)
            json.string("updated", practice.updated)
            if let languages = availability[practice.id] { json.strings("languages", languages) }
            json.string("url", url(practice.route))
            let markdown = try practice.body.markdownReader()
            json.beginArray("sections")
            for section in practice.sections {
                json.beginObject()
                json.string("id", section.template.id)
                json.string("heading", section.template.heading)
                json.string("markdown", section.content.map(markdown) ?? "")
                json.endObject()
            }
            json.endArray()
            json.beginArray("other_sections")
            for section in practice.extraSections {
                json.beginObject()
                json.string("heading", section.heading?.text ?? "")
                json.string("markdown", markdown(section))
                json.endObject()
            }
            json.endArray()
            json.endObject()
            json.drain(emit)
        }
        json.endArray()
        json.beginArray("modules")
        for module in site.modules {
            json.beginObject()
            json.string("id", module.id)
            json.string("title", module.title)
            json.string("summary", module.summary)
            json.string("duration", module.duration?.value)
            json.string("url", url(module.route))
            json.strings("practices", module.practices.map(\.value))
            json.beginArray("tasks")
            for task in module.tasks {
                json.beginObject()
                json.string("id", task.id)
                json.string("title", task.title)
                json.string("type", task.type?.value)
                json.string("phase", task.phase?.value)
                json.string("url", url(task.route))
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.drain(over: 0, emit)
        withUnsafeBytes(of: UInt8(0x0A)) { emit($0) }
    }

    /// RFC 4180 CSV, UTF-8 with a byte order mark, CRLF line ends; one row
    /// per practice and one column per template section. Section cells hold
    /// plain text (``plainLines(_:)``), not Markdown. Cells that a
    /// spreadsheet would run as a formula are prefixed with an apostrophe.
    func catalogueCSV() -> [UInt8] {
        var all: [UInt8] = []
        catalogueCSV { all.append(contentsOf: $0) }
        return all
    }

    /// ``catalogueCSV()`` handed to `emit` a megabyte or so at a time.
    func catalogueCSV(_ emit: (UnsafeRawBufferPointer) -> Void) {
        let template = site.config.practiceTemplate.sections
        var header = [
            "id", "title", "country", "country_name", "organisation", "sector", "tags", "year", "website", "modules", "status", "updated", "url",
        ]
        header += template.map(\.heading)
        header.append("Other sections")
        // Bytes from the start (with the mark that tells spreadsheets it is UTF-8): the file is tens of
        // megabytes for a large catalogue, and is never held as a String and then copied.
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        Self.appendRow(header, to: &out)
        for practice in site.practices {
            var cells = [
                practice.id, practice.title, practice.country?.code ?? "", practice.country?.name ?? "",
                practice.organisation ?? "", practice.sector?.value ?? "", practice.tags.joined(separator: "; "),
                practice.year.map(String.init) ?? "", practice.website ?? "",
                practice.modules.map(\.value).joined(separator: "; "), practice.status ?? "", practice.updated ?? "",
                url(practice.route),
            ]
            cells += practice.sections.map { $0.content.map { Self.plainLines($0.blocks) } ?? "" }
            cells.append(
                practice.extraSections.map { section in
                    [section.heading?.text ?? "", Self.plainLines(section.blocks)].filter { !$0.isEmpty }.joined(separator: "\n")
                }.joined(separator: "\n\n"))
            Self.appendRow(cells, to: &out)
            out.drain(emit)
        }
        out.drain(over: 0, emit)
    }

    /// A CSV row (RFC 4180: commas, CRLF), each cell as ``cell(_:)`` writes it.
    static func appendRow(_ cells: [String], to out: inout [UInt8]) {
        for (index, value) in cells.enumerated() {
            if index > 0 { out.append(0x2C) }
            appendCell(value, to: &out)
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    /// A section's text for a spreadsheet cell, from the parsed blocks:
    /// their plain text, one line per paragraph, list item and table row,
    /// without bullets, numbers or any Markdown (`**`, `- `, `[…](…)`).
    static func plainLines(_ blocks: [MarkdownBlock]) -> String {
        var out: [UInt8] = []
        for block in blocks {
            block.withText { bytes in
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                    // Spaces and tabs around the line on bytes; a line that begins or ends with
                    // another character than ASCII is trimmed as Unicode (U+00A0 and the like).
                    var lower = start
                    var upper = end
                    while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
                    while lower < upper && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09) { upper -= 1 }
                    if lower < upper {
                        let line = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
                        if line[0] < 0x80 && line[line.count - 1] < 0x80 {
                            if !out.isEmpty { out.append(0x0A) }
                            out.append(contentsOf: line)
                        } else {
                            let trimmed = Substring(String(decoding: line, as: UTF8.self)).utf8.trimmingLineSpaces
                            if !trimmed.isEmpty {
                                if !out.isEmpty { out.append(0x0A) }
                                out.append(contentsOf: trimmed)
                            }
                        }
                    }
                    start = end + 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Characters that make a spreadsheet read a cell as a formula, when the
    /// cell starts with one (after leading spaces and line breaks).
    static func isFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first(where: { $0 != " " && $0 != "\n" }) else { return false }
        return first == "=" || first == "+" || first == "-" || first == "@" || first == "\t" || first == "\r"
    }

    static func cell(_ value: String) -> String {
        var out: [UInt8] = []
        appendCell(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a cell holds a comma, a quote or a line break, and so is quoted.
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while let word = ByteWords.load(bytes, at: index) {
            if ByteWords.has(word, 0x2C) | ByteWords.has(word, 0x22) | ByteWords.has(word, 0x0A) | ByteWords.has(word, 0x0D) != 0 { return true }
            index += 8
        }
        return bytes[index...].contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    /// A cell on bytes: `'` before a formula, quotes around a cell with a
    /// comma, quote or line break (its quotes doubled, CRLF made LF).
    static func appendCell(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            // The first character that is not a space or line break starts a formula (ASCII either way).
            let first = bytes.first { $0 != 0x20 && $0 != 0x0A }
            let formula = first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } ?? false
            let quoted = Self.needsQuotes(bytes)
            if quoted { out.append(0x22) }
            if formula { out.append(0x27) }
            guard quoted else {
                out.append(contentsOf: bytes)
                return
            }
            var run = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes with no `"` and no carriage return at a time.
                if let word = ByteWords.load(bytes, at: index), ByteWords.has(word, 0x22) | ByteWords.has(word, 0x0D) == 0 {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                if byte == 0x22 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...index]))
                    out.append(0x22)
                    index += 1
                    run = index
                } else if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                    index += 1  // the LF is kept
                    run = index
                } else {
                    index += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
            out.append(0x22)
        }
    }

    /// Practices by `updated` (newest first), then id.
    func feedOrder() -> [Practice] {
        site.practices.sorted { a, b in
            let (x, y) = (a.updated ?? "", b.updated ?? "")
            return x == y ? a.id < b.id : x > y
        }
    }

    static func timestamp(_ date: String?) -> String? {
        guard let date, date.count >= 10 else { return nil }
        let day = date.prefix(10)
        let parts = day.split(separator: "-")
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        return "\(day)T00:00:00Z"
    }

    /// An Atom feed of the practices, handed to `emit` a megabyte or so at a
    /// time: every practice is an entry, so at 100,000 practices the feed is
    /// a hundred megabytes, which is never held whole.
    func atomFeed(_ emit: (UnsafeRawBufferPointer) -> Void) {
        let practices = feedOrder()
        let base = site.config.baseURL
        let siteID = base ?? "urn:trellis:\(Slug.make(site.config.title, fallback: "site"))"
        let latest = practices.compactMap { Self.timestamp($0.updated) }.max() ?? "1970-01-01T00:00:00Z"
        var out: [UInt8] = []
        func add(_ text: String) { out.append(contentsOf: text.utf8) }
        add("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        add(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(HTML.escape(site.config.language))\"\(base.map { " xml:base=\"\(HTML.escape($0))\"" } ?? "")>\n"
        )
        add("<title>\(HTML.escape(site.config.title)) – good practices</title>\n")
        add("<id>\(HTML.escape(siteID + (base == nil ? ":practices" : "feed.xml")))</id>\n")
        add("<updated>\(latest)</updated>\n")
        add("<link rel=\"self\" href=\"feed.xml\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"practices/index.html\"/>\n")
        add("<author><name>\(HTML.escape(site.config.title))</name></author>\n")
        if let license = site.config.license { add("<rights>\(HTML.escape(license))</rights>\n") }
        for practice in practices {
            let id = base.map { $0 + practice.route.path } ?? "\(siteID):practice:\(practice.id)"
            add("<entry>\n<title>\(HTML.escape(practice.title))</title>\n<id>\(HTML.escape(id))</id>\n")
            add("<updated>\(Self.timestamp(practice.updated) ?? latest)</updated>\n")
            add("<link rel=\"alternate\" type=\"text/html\" href=\"\(HTML.escape(practice.route.path))\"/>\n")
            if let country = practice.country { add("<category term=\"\(country.code)\" label=\"\(HTML.escape(country.name))\"/>\n") }
            for tag in practice.tags { add("<category term=\"\(HTML.escape(tag))\"/>\n") }
            let summary = Self.excerpt(of: (practice.sections.first?.content ?? practice.body.intro).blocks, words: 60)
            add("<summary>\(HTML.escape(summary))</summary>\n</entry>\n")
            out.drain(emit)
        }
        add("</feed>\n")
        out.drain(over: 0, emit)
    }

    /// The first `words` words of a text on one line (runs of spaces and
    /// line breaks become one space), with an ellipsis when cut. Words are
    /// split at ASCII spaces, on UTF-8 bytes (no grapheme work).
    static func excerpt(_ text: String, words: Int) -> String {
        var excerpt = WordExcerpt(words: words)
        excerpt.add(text.utf8)
        return excerpt.text
    }

    /// ``excerpt(_:words:)`` of the blocks' plain text, joined by spaces as
    /// ``BodySection/plainText`` joins it, reading each block only as far as
    /// the excerpt needs: a summary of 60 words does not make a long
    /// section's whole text.
    static func excerpt(of blocks: [MarkdownBlock], words: Int) -> String {
        var excerpt = WordExcerpt(words: words)
        let wanted = words * 16 + 64
        var first = true
        for block in blocks where block.kind != .facilitator {
            if !first { excerpt.add(CollectionOfOne(UInt8(ascii: " "))) }
            first = false
            let before = excerpt
            // Fewer bytes than asked for are the whole text; as many may be only its start.
            let whole = block.withTextPrefix(wanted) { bytes in
                excerpt.add(bytes)
                return bytes.count < wanted
            }
            if !whole && !excerpt.isCut {
                excerpt = before
                excerpt.add(block.text.utf8)
            }
            if excerpt.isCut { break }
        }
        return excerpt.text
    }

    /// sitemap.xml with absolute URLs; only when base_url is set.
    /// - Parameter languages: with several languages, each page lists its
    ///   real translations as `xhtml:link` alternates (and `x-default`).
    func sitemap(paths: [String], languages: LanguageContext = .single("en")) -> String? {
        guard let base = site.config.baseURL else { return nil }
        let multilingual = languages.entries.count > 1
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
        xml += multilingual ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" : ">\n"
        // Which paths each language really has translated (the rest are the default's text).
        var routes: [String: Route] = [:]
        for route in languages.documents { routes[route.path] = route }
        func unprefixed(_ path: String) -> (String, LanguageContext.Entry?) {
            for entry in languages.entries where !entry.prefix.isEmpty && path.hasPrefix(entry.prefix) {
                return (String(path.dropFirst(entry.prefix.count)), entry)
            }
            return (path, languages.entry(languages.defaultLanguage))
        }
        func translated(_ path: String, into code: String) -> Bool {
            guard let route = routes[path] else { return true }
            return languages.isTranslated(route, into: code)
        }
        // The date a page last changed, where its content says (`updated`).
        var modified: [String: String] = [:]
        func day(_ text: String?) -> String? {
            guard let text, Self.timestamp(text) != nil else { return nil }
            return String(text.prefix(10))
        }
        for module in site.modules {
            guard let date = day(module.updated) else { continue }
            modified[module.route.path] = date
            for task in module.tasks { modified[task.route.path] = date }
        }
        for practice in site.practices { modified[practice.route.path] = day(practice.updated) }
        for path in paths.sorted() where path.hasSuffix(".html") && path != Route.notFound.path && !path.hasSuffix(".pdf.html") {
            let (page, language) = unprefixed(path)
            if page == Route.notFound.path { continue }
            // A page shown untranslated in another language is the default's: it is not listed twice.
            if multilingual, let language, !translated(page, into: language.code) { continue }
            let lastmod = modified[page].map { "<lastmod>\($0)</lastmod>" } ?? ""
            var alternates = ""
            if multilingual {
                for entry in languages.entries where translated(page, into: entry.code) {
                    alternates +=
                        "<xhtml:link rel=\"alternate\" hreflang=\"\(entry.code)\" href=\"\(HTML.escape(base + Self.percentEncodePath(entry.prefix + page)))\"/>"
                }
                alternates += "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(HTML.escape(base + Self.percentEncodePath(page)))\"/>"
            }
            xml += "<url><loc>\(HTML.escape(base + Self.percentEncodePath(path)))</loc>\(lastmod)\(alternates)</url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func percentEncodePath(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

}

/// The first words of a text, fed in pieces: each run of spaces, tabs and
/// line ends becomes one space, and " …" marks a cut.
struct WordExcerpt {
    let words: Int
    private var out: [UInt8] = []
    private var count = 0
    private var inWord = false
    private var space = false
    private(set) var isCut = false

    init(words: Int) {
        self.words = words
        // Room for the usual words (about seven bytes each, with the space): made once.
        out.reserveCapacity(words * 8)
    }

    mutating func add(_ bytes: some Sequence<UInt8>) {
        guard !isCut else { return }
        for byte in bytes {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                space = space || inWord
                inWord = false
                continue
            }
            if !inWord {
                count += 1
                if count > words {
                    isCut = true
                    return
                }
                if space { out.append(0x20) }
                space = false
                inWord = true
            }
            out.append(byte)
        }
    }

    var text: String {
        String(decoding: isCut ? out + " …".utf8 : out, as: UTF8.self)
    }
}
