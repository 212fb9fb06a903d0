import Markdown

/// Who a module handbook is for. Facilitator-only content (SPEC 3.2) is in
/// the facilitator edition and nowhere in the participant edition.
public enum Edition: String, CaseIterable, Sendable {
    case participant, facilitator

    public var title: String {
        switch self {
        case .participant: "Participant"
        case .facilitator: "Facilitator"
        }
    }
}

/// A printable book built from the same parsed documents as the site.
/// Chapter bodies keep `trellis-link:N` placeholders until a format
/// (print HTML, EPUB) resolves them; their ids are already unique in the book.
struct Handbook: Sendable {
    /// File name without extension: `<module>-participant`, `catalogue`.
    var id: String
    var title: String
    var subtitle: String
    var summary: String?
    var coverFacts: [(label: String, value: String)]
    var license: String?
    var language: String
    /// `YYYY-MM-DD` of the newest content, for EPUB's `dcterms:modified`.
    var modified: String
    var chapters: [Chapter]
    /// Site routes that are chapters of this book, and their anchors.
    var anchors: [Route: String]

    struct Chapter: Sendable {
        var anchor: String
        var title: String
        var kicker: String?
        /// Heading of a group of chapters (a phase, a country) shown before this one.
        var part: String?
        var bodyHTML: String
        var links: [ContentLink]
        /// Chapters with the same file share one XHTML file in the EPUB.
        var file: String
        var startsPage: Bool
        /// Shown in the table of contents.
        var inContents: Bool = true
    }
}

/// Turns parsed bodies into chapter HTML for a book: heading levels moved
/// down, ids prefixed so they are unique in the book, facilitator content
/// kept or left out by edition.
struct ChapterHTML {
    let edition: Edition

    /// Blocks as HTML for the book; nil-edition content is always kept.
    func blocks(_ blocks: [MarkdownBlock]) -> String {
        var html = ""
        for block in blocks {
            switch block.kind {
            case .facilitator:
                guard edition == .facilitator else { continue }
                html += "<aside class=\"facilitator-note\"><p class=\"audience-label\">For facilitators</p>\n\(block.html)</aside>\n"
            case .heading, .content:
                html += block.html
            }
        }
        return html
    }

    /// A body's sections, each under an `<h2>` (shifted later), skipping or
    /// labelling facilitator-only sections.
    func sections(_ body: Body, isRestricted: (BodySection) -> Bool = { _ in false }) -> String {
        var html = blocks(body.intro.blocks)
        for section in body.sections {
            let restricted = isRestricted(section)
            if restricted && edition == .participant { continue }
            guard let heading = section.heading else { continue }
            if restricted {
                html += "<section class=\"facilitator-section\">\n<h2 id=\"\(heading.anchor)\">\(heading.innerHTML) <span class=\"audience-label\">for facilitators</span></h2>\n"
                html += blocks(section.blocks) + "</section>\n"
            } else {
                html += "<h2 id=\"\(heading.anchor)\">\(heading.innerHTML)</h2>\n" + blocks(section.blocks)
            }
        }
        if let footnotes = body.footnotesHTML { html += footnotes }
        return html
    }

    /// Moves every heading down by `levels` (h2 → h3 …, never past h6).
    /// Heading levels moved down by one (h6 stays h6), in one pass.
    /// (`<h` only starts a tag in rendered HTML: text has `&lt;`.)
    static let demoteByOne: [(String, String)] = (1...6).flatMap { level -> [(String, String)] in
        let target = min(level + 1, 6)
        return [("<h\(level)", "<h\(target)"), ("</h\(level)", "</h\(target)")]
    }

    /// Moves every heading down one level and prefixes every `id` and
    /// in-page `#` link with the chapter's anchor, so ids stay unique in the book.
    func chapterBody(_ html: String, anchor: String) -> String {
        html.replacingAll(Self.demoteByOne + [(" id=\"", " id=\"\(anchor)-"), (" href=\"#", " href=\"#\(anchor)-")])
    }
}

import Foundation
