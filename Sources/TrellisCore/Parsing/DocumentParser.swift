import Foundation
import Markdown
import Yams

/// A document after parsing: typed front matter and a parsed body.
public enum ParsedDocument: Sendable {
    case home(Page)
    case module(Module)
    case task(ModuleTask)
    case practice(Practice)
    case page(Page)
}

/// Reads, decodes and parses one Markdown file: front matter into typed
/// fields, body once through cmark-gfm into sections.
struct DocumentParser: Sendable {
    let config: SiteConfig
    let links: LinkResolver
    let contentDirectory: String
    /// Ids the theme and Trellis put on pages (``Theme/reservedIDs``);
    /// heading anchors avoid them.
    var reservedAnchors: Set<String> = Theme.builtInReservedIDs
    /// Callout labels in the document's language (``Strings/alertTitles``).
    var alertTitles: [AlertKind: String] = [:]

    func parse(_ source: DocumentSource) -> (ParsedDocument?, [Diagnostic]) {
        let file = source.file
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(of: "\(contentDirectory)/\(file.relativePath)")
        } catch {
            return (nil, [.unreadable(file, reason: error.reason)])
        }
        return parse(source, bytes: bytes)
    }

    /// Parses a document from its bytes (the file is not read).
    func parse(_ source: DocumentSource, bytes: [UInt8]) -> (ParsedDocument?, [Diagnostic]) {
        let file = source.file
        let text: String
        var decodeWarnings: [Diagnostic] = []
        switch SourceText.decode(bytes, file: file, warnings: &decodeWarnings) {
        case .success(let value): text = value
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        let split: FrontMatterSplit
        switch FrontMatterSplit.split(text, file: file) {
        case .success(let value): split = value
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        var diagnostics = decodeWarnings
        if split.yaml == nil, source.kind != .home {
            diagnostics.append(
                .error(
                    "missing-front-matter", at: file.location(), "the file has no front matter",
                    hint: "start the file with a '---' line, 'title: …', and another '---' line"))
            return (nil, diagnostics)
        }
        // The front matter is read while the body's Markdown waits for cmark's inline pass, which
        // runs one document at a time (``MarkdownParser``), or after it; when it cannot be read,
        // its error alone is reported, as if the body had not been parsed.
        var loaded: Result<Node.Mapping, Diagnostic>?
        func frontMatter() -> Result<Node.Mapping, Diagnostic> {
            if let loaded { return loaded }
            let result = split.yaml.map { YAMLLoader.mapping($0, file: file, lineOffset: 1, what: "the front matter") } ?? .success(Node.Mapping([]))
            loaded = result
            return result
        }
        var bodyDiagnostics: [Diagnostic] = []
        var body = parseBody(
            split.body, lineOffset: split.bodyLineOffset, file: file, diagnostics: &bodyDiagnostics, whileWaiting: { _ = frontMatter() })
        let mapping: Node.Mapping
        switch frontMatter() {
        case .success(let value): mapping = value
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        diagnostics += bodyDiagnostics
        var fields = FieldReader(mapping: mapping, file: file, lineOffset: 1, origin: file.location(), context: "the front matter")
        body.source = SourceRef(path: "\(contentDirectory)/\(file.relativePath)", displayPath: file.displayPath, bytes: bytes)
        let document: ParsedDocument?
        switch source.kind {
        case .home:
            document = .home(Page(id: "index", file: file, title: fields.string("title") ?? config.title, body: body, isHome: true))
            fields.finish(known: ["title"])
        case .page(let id):
            document = fields.string("title", required: true).map { .page(Page(id: id, file: file, title: $0, body: body)) }
            fields.finish(known: ["title"])
        case .module(let id):
            document = parseModule(id: id, file: file, fields: &fields, body: body).map { .module($0) }
        case .task(let module, let id, let number):
            document = parseTask(module: module, id: id, number: number, file: file, fields: &fields, body: body).map { .task($0) }
        case .practice(let id):
            document = parsePractice(id: id, file: file, fields: &fields, body: body).map { .practice($0) }
        }
        diagnostics += fields.diagnostics
        return (document, diagnostics)
    }

    // MARK: Body

    func parseBody(
        _ text: String, lineOffset: Int, file: SourceFile, diagnostics: inout [Diagnostic], whileWaiting: () -> Void = {}
    ) -> Body {
        var contentLinks: [ContentLink] = []
        var external: [Located<String>] = []
        let options = MarkdownOptions(
            unsafeHTML: config.unsafeHTML, lineOffset: lineOffset, reservedAnchors: reservedAnchors, alertTitles: alertTitles)
        let rewrite = { (link: MarkdownLink) -> String? in
            let location = file.location(line: link.line, column: link.column)
            if link.isImage && link.text.trimmingSpaces.isEmpty {
                diagnostics.append(
                    .warning(
                        "missing-alt", at: location, "the image '\(link.destination.prefix(60))' has no alternative text",
                        hint: "describe the image for readers who cannot see it: ![what it shows](\(link.destination.prefix(40)))"))
            }
            guard let resolved = links.resolve(link.destination, from: file, isImage: link.isImage, at: location) else {
                if LinkResolver.hasScheme(link.destination) { external.append(Located(link.destination, at: location)) }
                // A destination written like Trellis's own link token would be
                // taken for one: its colon is encoded, so it stays the author's text.
                if link.destination.hasPrefix(HTMLSegments.linkTokenPrefix) {
                    return "trellis-link%3A" + link.destination.dropFirst(HTMLSegments.linkTokenPrefix.count)
                }
                return nil
            }
            contentLinks.append(resolved)
            return "\(HTMLSegments.linkTokenPrefix)\(contentLinks.count - 1)"
        }
        let document = MarkdownParser.parse(text, options: options, rewriteLink: rewrite, whileWaiting: whileWaiting)
        for block in document.blocks {
            if let heading = block.heading, heading.level == 1 {
                diagnostics.append(
                    .warning(
                        "heading-level-1", at: file.location(line: heading.line, column: heading.column),
                        "'# \(heading.text)' is a second level-1 heading; the page title is the page's only one",
                        hint: "start sections with '## ' (and subsections with '### ')"))
            }
        }
        for notice in document.notices {
            let location = file.location(line: notice.line, column: notice.column)
            switch notice.kind {
            case .rawHTMLOmitted:
                diagnostics.append(
                    .warning(
                        "raw-html", at: location, "raw HTML is not published: the tag is left out (text between inline tags is kept)",
                        hint: "write it in Markdown, or set 'unsafe_html: true' in site.yml if you trust every author"))
            case .unsafeLinkRemoved(let url):
                diagnostics.append(
                    .warning(
                        "unsafe-link", at: location, "link to '\(url.prefix(40))' removed: script and data links are never published",
                        hint: "link to an http, https or mailto address instead"))
            case .nestedFacilitatorBlock:
                diagnostics.append(
                    .error(
                        "nested-facilitator", at: location,
                        "a [!FACILITATOR] block inside a list or quote cannot be left out of participant handbooks",
                        hint: "move the '> [!FACILITATOR]' block to the top level of its section"))
            case .unknownAlert(let name):
                diagnostics.append(
                    .warning(
                        "unknown-alert", at: location, "'[!\(name)]' is not a known callout; it is shown as a plain quote",
                        hint: Suggestion.hint(for: name.lowercased(), in: AlertKind.allCases.map { $0.rawValue.uppercased() })))
            }
        }
        return Self.split(document, source: text, lineOffset: lineOffset, file: file, links: contentLinks, external: external)
    }

    /// Splits top-level blocks at level-2 headings. Each section records
    /// where its Markdown is in the body, by line (UTF-8 offsets, one pass
    /// over the text); the text is read again when an output needs it.
    static func split(
        _ document: MarkdownDocument, source: String, lineOffset: Int, file: SourceFile,
        links: [ContentLink], external: [Located<String>]
    ) -> Body {
        // Where each line starts, and the bytes around the sections (blank lines are trimmed).
        var copy = source
        var lineStarts: [Int] = []
        copy.withUTF8 { bytes in
            // Each line end found with memchr, which reads many bytes at a time (two loops over
            // every byte, one to count the lines and one to note them, were 1% of a build).
            lineStarts.reserveCapacity(bytes.count / 32 + 1)
            lineStarts.append(0)
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
                offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
                lineStarts.append(offset)
            }
        }
        let byteCount = source.utf8.count
        func markdownRange(from start: Int, to end: Int) -> Range<Int> {
            // start, end: 1-based body lines; start inclusive, end exclusive.
            let lower = min(max(start - 1, 0), lineStarts.count)
            let upper = min(max(end - 1, lower), lineStarts.count)
            guard lower < upper else { return 0..<0 }
            var from = lineStarts[lower]
            var to = upper < lineStarts.count ? lineStarts[upper] : byteCount
            copy.withUTF8 { bytes in
                while from < to, bytes[from] == 0x0A { from += 1 }
                while to > from, bytes[to - 1] == 0x0A { to -= 1 }
            }
            return from..<to
        }
        // Each section's blocks are the run up to the next `##`, taken as one
        // slice (an array made at its size, not grown block by block).
        let blocks = document.blocks
        var headings: [(index: Int, heading: MarkdownHeading)] = []
        for (index, block) in blocks.enumerated() {
            if let heading = block.heading, heading.level == 2 { headings.append((index, heading)) }
        }
        var intro = BodySection(
            heading: nil, blocks: Array(blocks[..<(headings.first?.index ?? blocks.count)]), location: file.location(line: lineOffset + 1))
        var sections: [BodySection] = []
        sections.reserveCapacity(headings.count)
        var starts: [Int] = []
        starts.reserveCapacity(headings.count)
        for (position, found) in headings.enumerated() {
            let end = position + 1 < headings.count ? headings[position + 1].index : blocks.count
            sections.append(
                BodySection(
                    heading: found.heading, blocks: Array(blocks[(found.index + 1)..<end]),
                    location: file.location(line: found.heading.line, column: found.heading.column)))
            starts.append(blocks[found.index].line - lineOffset)
        }
        let lineCount = lineStarts.count
        intro.markdownRange = markdownRange(from: 1, to: starts.first ?? lineCount + 1)
        for index in sections.indices {
            let end = index + 1 < starts.count ? starts[index + 1] : lineCount + 1
            sections[index].markdownRange = markdownRange(from: starts[index] + 1, to: end)
        }
        return Body(intro: intro, sections: sections, footnotes: document.footnotes, links: links, externalLinks: external)
    }
}
