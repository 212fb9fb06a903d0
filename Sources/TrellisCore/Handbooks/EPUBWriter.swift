import Foundation
import Markdown

/// Packs a handbook as EPUB 3: package document with accessibility
/// metadata, a navigation document, one XHTML file per chapter (chapters of
/// one country share a file), the stylesheet and the media it uses.
/// The archive is byte-identical for the same content.
struct EPUBWriter: Sendable {
    let siteTitle: String
    let baseURL: String?
    let contentDirectory: String
    let stylesheet: String
    /// The book's interface strings (the contents page's title).
    var strings: Strings = .english

    struct Item {
        var id: String
        var href: String
        var mediaType: String
        var properties: String?
        var data: [UInt8]
        /// For a chapter file: its number in the book's file order. Its
        /// XHTML is written only when it is zipped, and let go once it is
        /// compressed, so a catalogue of thousands of practices is never
        /// held whole as XHTML beside its archive.
        var chapterFile: Int? = nil
    }

    /// - Parameter previous: the previous build's e-book at the same path, whose unchanged entries are reused.
    func epub(_ book: Handbook, reusing previous: PreviousArchive? = nil) throws -> [UInt8] {
        var all: [UInt8] = []
        try epub(book, reusing: previous) { all.append(contentsOf: $0) }
        return all
    }

    /// ``epub(_:reusing:)`` handed to `emit` a megabyte or so at a time, as
    /// each file of the book is compressed: the catalogue's e-book, at
    /// 100,000 practices, is never held whole.
    func epub(_ book: Handbook, reusing previous: PreviousArchive? = nil, _ emit: (UnsafeRawBufferPointer) -> Void) throws {
        var order: [String] = []
        var chaptersByFile: [String: [Handbook.Chapter]] = [:]
        var files: [String: String] = [:]
        for chapter in book.chapters {
            if chaptersByFile[chapter.file] == nil { order.append(chapter.file) }
            chaptersByFile[chapter.file, default: []].append(chapter)
            files[chapter.anchor] = chapter.file
            for entry in chapter.entries { files[entry] = chapter.file }
        }
        let links = HandbookLinks(book: book, format: .epub(files: files), baseURL: baseURL)
        var items: [Item] = []
        items.append(Item(id: "css", href: "style.css", mediaType: "text/css", data: Array(stylesheet.utf8)))
        items.append(Item(id: "cover", href: "cover.xhtml", mediaType: "application/xhtml+xml", data: Array(cover(book).utf8)))
        items.append(
            Item(
                id: "cover-image", href: "cover.svg", mediaType: "image/svg+xml", properties: "cover-image",
                data: Array(coverImage(book).utf8)))
        func chapterXHTML(_ file: String) -> [UInt8] {
            let chapters = chaptersByFile[file] ?? []
            var body = ""
            for chapter in chapters {
                if let part = chapter.part { body += "<h1 class=\"part\">\(HTML.escape(part))</h1>\n" }
                var language = ""
                if let code = chapter.language {
                    language = " lang=\"\(HTML.escape(code))\" xml:lang=\"\(HTML.escape(code))\""
                    if let dir = Strings.direction(of: code, inside: book.language) { language += " dir=\"\(dir)\"" }
                }
                body += "<section class=\"chapter\" id=\"\(chapter.anchor)\"\(language) aria-labelledby=\"\(chapter.anchor)-title\">\n"
                if let kicker = chapter.kicker { body += "<p class=\"chapter-kicker\">\(HTML.escape(kicker))</p>\n" }
                body += "<h2 class=\"chapter-title\" id=\"\(chapter.anchor)-title\">\(HTML.escape(chapter.title))</h2>\n"
                links.write(chapter, into: &body)
                body += "</section>\n"
            }
            let title = chapters.first?.part ?? chapters.first?.title ?? book.title
            return Array(xhtml(title: title, language: book.language, body: body).utf8)
        }
        for (index, file) in order.enumerated() {
            items.append(Item(id: "c\(index + 1)", href: "\(file).xhtml", mediaType: "application/xhtml+xml", data: [], chapterFile: index))
        }
        items.append(
            Item(
                id: "nav", href: "nav.xhtml", mediaType: "application/xhtml+xml", properties: "nav",
                data: Array(navigation(book, files: files).utf8)))
        for path in HandbookLinks.media(in: book) {
            guard let data = FileManager.default.contents(atPath: "\(contentDirectory)/\(path)"),
                let type = Self.mediaType(path)
            else { continue }
            items.append(Item(id: "m\(items.count)", href: "media/\(path)", mediaType: type, data: [UInt8](data)))
        }
        let opf = package(book, items: items, spine: ["cover"] + order.indices.map { "c\($0 + 1)" })

        var zip = StableZip(reusing: previous)
        try zip.add("mimetype", Array("application/epub+zip".utf8), compress: false)
        try zip.add("META-INF/container.xml", Array(Self.container.utf8))
        try zip.add("OEBPS/package.opf", Array(opf.utf8))
        for item in items {
            try zip.add("OEBPS/\(item.href)", item.chapterFile.map { chapterXHTML(order[$0]) } ?? item.data)
            zip.drain(emit)
        }
        try zip.finish(emit)
    }

    static func mediaType(_ path: String) -> String? {
        switch (path as NSString).pathExtension.lowercased() {
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        default: nil
        }
    }

    static let container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
        <rootfiles><rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
        </container>

        """

    func xhtml(title: String, language: String, body: String, epubNamespace: Bool = false) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml"\(epubNamespace ? " xmlns:epub=\"http://www.idpf.org/2007/ops\"" : "") xml:lang="\(HTML.escape(language))" lang="\(HTML.escape(language))"\(strings.isRightToLeft ? " dir=\"rtl\"" : "")>
        <head>
        <meta charset="utf-8"/>
        <title>\(HTML.escape(title))</title>
        <link rel="stylesheet" type="text/css" href="style.css"/>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    func cover(_ book: Handbook) -> String {
        var body = "<section class=\"cover\" aria-label=\"Cover\">\n<p class=\"cover-site\">\(HTML.escape(siteTitle))</p>\n"
        body += "<h1>\(HTML.escape(book.title))</h1>\n<p class=\"cover-subtitle\">\(HTML.escape(book.subtitle))</p>\n"
        if let summary = book.summary { body += "<p class=\"cover-summary\">\(HTML.escape(summary))</p>\n" }
        if !book.coverFacts.isEmpty {
            body += "<dl class=\"cover-facts\">\n"
            for fact in book.coverFacts { body += "<dt>\(HTML.escape(fact.label))</dt><dd>\(HTML.escape(fact.value))</dd>\n" }
            body += "</dl>\n"
        }
        if let license = book.license { body += "<p class=\"cover-license\">\(HTML.escape(strings("fact_licence"))): \(HTML.escape(license))</p>\n" }
        body += "</section>\n"
        return xhtml(title: book.title, language: book.language, body: body)
    }

    /// The cover as an image for reading systems' shelves: the site title,
    /// the book's title (wrapped) and subtitle on a plain background, in the
    /// colours of the print cover. Text only, so the same book gives the
    /// same image.
    func coverImage(_ book: Handbook) -> String {
        let width = 600, height = 900, left = 48
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-labelledby="cover-title">
            <title id="cover-title">\(HTML.escape(book.title)) – \(HTML.escape(book.subtitle))</title>
            <rect width="\(width)" height="\(height)" fill="#f7f4ec"/>
            <rect width="\(width)" height="14" fill="#0b4f94"/>
            <rect x="\(left)" y="300" width="80" height="6" fill="#0b4f94"/>
            <g font-family="DejaVu Sans, Helvetica, Arial, sans-serif" fill="#111">

            """
        var y = 120
        // The catalogue's title is the site's: not twice.
        for line in siteTitle == book.title ? [] : Self.wrap(siteTitle.uppercased(), width: 38).prefix(3) {
            svg += "<text x=\"\(left)\" y=\"\(y)\" font-size=\"18\" letter-spacing=\"1.5\" fill=\"#444\">\(HTML.escape(line))</text>\n"
            y += 26
        }
        y = 380
        let title = Self.wrap(book.title, width: 18)
        let size = title.count > 4 ? 38 : 48
        for (index, line) in title.prefix(7).enumerated() {
            let line = index == 6 && title.count > 7 ? line + " …" : line
            svg += "<text x=\"\(left)\" y=\"\(y)\" font-size=\"\(size)\" font-weight=\"bold\">\(HTML.escape(line))</text>\n"
            y += size + 12
        }
        y += 30
        for line in Self.wrap(book.subtitle, width: 30).prefix(2) {
            svg += "<text x=\"\(left)\" y=\"\(y)\" font-size=\"28\" fill=\"#0b4f94\">\(HTML.escape(line))</text>\n"
            y += 38
        }
        svg += "</g>\n</svg>\n"
        return svg
    }

    /// Words in lines of at most `width` characters (a longer word has a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    func navigation(_ book: Handbook, files: [String: String]) -> String {
        var body =
            "<nav epub:type=\"toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">Contents</h1>\n<ol>\n<li><a href=\"cover.xhtml\">Cover</a></li>\n"
        var openPart = false
        for chapter in book.chapters where chapter.inContents {
            if let part = chapter.part {
                if openPart { body += "</ol></li>\n" }
                body += "<li><a href=\"\(files[chapter.anchor] ?? "").xhtml\">\(HTML.escape(part))</a>\n<ol>\n"
                openPart = true
            } else if openPart && chapter.kicker == nil {
                body += "</ol></li>\n"
                openPart = false
            }
            body += "<li><a href=\"\(files[chapter.anchor] ?? "").xhtml#\(chapter.anchor)\">\(HTML.escape(chapter.title))</a></li>\n"
        }
        if openPart { body += "</ol></li>\n" }
        body += "</ol>\n</nav>\n"
        return xhtml(title: strings("book_contents"), language: book.language, body: body, epubNamespace: true)
    }

    func package(_ book: Handbook, items: [Item], spine: [String]) -> String {
        let identifier = "urn:trellis:\(Slug.make(siteTitle, fallback: "site")):\(book.id)"
        // The generated cover repeats the title page's text: not a visual of its own.
        let hasImages = items.contains { $0.mediaType.hasPrefix("image/") && $0.properties != "cover-image" }
        var opf = """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="\(HTML.escape(book.language))">
            <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:identifier id="uid">\(HTML.escape(identifier))</dc:identifier>
            <dc:title>\(HTML.escape(book.title)) – \(HTML.escape(book.subtitle))</dc:title>
            <dc:language>\(HTML.escape(book.language))</dc:language>
            <dc:publisher>\(HTML.escape(siteTitle))</dc:publisher>

            """
        for (index, creator) in (book.creators.isEmpty ? [siteTitle] : book.creators).enumerated() {
            opf += "<dc:creator id=\"creator\(index + 1)\">\(HTML.escape(creator))</dc:creator>\n"
        }
        if let license = book.license { opf += "<dc:rights>\(HTML.escape(license))</dc:rights>\n" }
        opf += "<meta property=\"dcterms:modified\">\(book.modified)T00:00:00Z</meta>\n"
        opf += "<meta property=\"schema:accessMode\">textual</meta>\n"
        if hasImages { opf += "<meta property=\"schema:accessMode\">visual</meta>\n" }
        opf += "<meta property=\"schema:accessModeSufficient\">textual</meta>\n"
        for feature in ["structuralNavigation", "tableOfContents", "readingOrder"] + (hasImages ? ["alternativeText"] : []) {
            opf += "<meta property=\"schema:accessibilityFeature\">\(feature)</meta>\n"
        }
        opf += "<meta property=\"schema:accessibilityHazard\">none</meta>\n"
        opf +=
            "<meta property=\"schema:accessibilitySummary\">Text with headings, a table of contents and alternative text for images; no content relies on colour alone.</meta>\n"
        opf += "</metadata>\n<manifest>\n"
        for item in items {
            opf +=
                "<item id=\"\(item.id)\" href=\"\(HTML.escape(item.href))\" media-type=\"\(item.mediaType)\"\(item.properties.map { " properties=\"\($0)\"" } ?? "")/>\n"
        }
        opf += "</manifest>\n<spine\(strings.isRightToLeft ? " page-progression-direction=\"rtl\"" : "")>\n"
        for id in spine { opf += "<itemref idref=\"\(id)\"/>\n" }
        opf += "<itemref idref=\"nav\" linear=\"no\"/>\n</spine>\n</package>\n"
        return opf
    }
}
