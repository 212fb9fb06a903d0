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
/// Chapter bodies are segments: each format (print HTML, EPUB) writes them
/// with its own link rules, and ids are made unique in the book then.
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
    /// Who wrote the book, for EPUB's `dc:creator`: the module's authors,
    /// else the site's title.
    var creators: [String] = []
    var chapters: [Chapter]
    /// True when chapters are made each time a format writes them (the
    /// catalogue's): such a book is large, and is written as a stream.
    var makesChaptersWhenWritten: Bool {
        chapters.contains { if case .deferred = $0.body { true } else { false } }
    }
    /// Site routes that are in this book (a chapter, or an entry of one),
    /// and where: links to them stay inside the book.
    var anchors: [Route: Anchor]

    /// Where a site route is in the book.
    struct Anchor: Sendable, Hashable {
        /// The id in the book (a chapter's anchor, or an entry's id).
        var id: String
        /// Whether a link's fragment leads somewhere inside: true for a
        /// chapter written from the target's own body (its ids are
        /// `<anchor>-<id>`), false for an entry Trellis wrote (a related
        /// practice in a module book), where the fragment is dropped.
        var takesFragments: Bool = true
    }

    struct Chapter: Sendable {
        var anchor: String
        var title: String
        var kicker: String?
        /// Heading of a group of chapters (a phase, a country) shown before this one.
        var part: String?
        var body: Body
        var links: [ContentLink]
        /// Ids and in-page links get the chapter's anchor in front, and
        /// headings move down one level (the chapter title is the `<h2>`);
        /// false for chapters Trellis writes whole (related practices, tag index).
        var isContent: Bool
        /// Chapters with the same file share one XHTML file in the EPUB.
        var file: String
        var startsPage: Bool
        /// Shown in the table of contents.
        var inContents: Bool = true
        /// Ids of entries inside this chapter that links may lead to (a
        /// related practice), so the EPUB knows their file.
        var entries: [String] = []
        /// The language of the chapter's text when it is not the book's: a
        /// document with no translation into the book's language, shown as
        /// written (its section gets `lang`, and `dir` where that differs).
        var language: String?
    }

    /// A chapter's text, as segments each format writes with its own rules.
    enum Body: Sendable {
        /// Made with the book.
        case made(HTMLSegments)
        /// Made each time a format writes the chapter, and let go after:
        /// the catalogue's chapter per practice, so a catalogue of 100,000
        /// practices never holds every practice's text a second time.
        /// `approximateByteCount` is what ``HTMLSegments/approximateByteCount``
        /// would say, to reserve room for a whole book.
        case deferred(approximateByteCount: Int, make: @Sendable () -> HTMLSegments)

        var segments: HTMLSegments {
            switch self {
            case .made(let segments): segments
            case .deferred(_, let make): make()
            }
        }

        var approximateByteCount: Int {
            switch self {
            case .made(let segments): segments.approximateByteCount
            case .deferred(let count, _): count
            }
        }
    }
}

/// Turns parsed bodies into chapter segments for a book, keeping or
/// leaving out facilitator content by edition. Heading levels and ids are
/// made right for the book when the chapter is written (``Handbook/Chapter/writer(_:)``).
struct ChapterHTML {
    let edition: Edition
    let strings: Strings

    /// Blocks for the book; facilitator blocks only in the facilitator edition.
    func blocks(_ blocks: [MarkdownBlock]) -> HTMLSegments {
        var out = HTMLSegments()
        append(blocks, to: &out)
        return out
    }

    /// ``blocks(_:)`` added to `out` where it stands: the markup joins
    /// `out`'s own, copied once, not first into segments of its own.
    func append(_ blocks: [MarkdownBlock], to out: inout HTMLSegments) {
        // The markup of consecutive blocks joins into one string: room for
        // all of it is made at once, not doubled block by block.
        out.reserveMarkup(blocks.reduce(0) { $0 + $1.segments.approximateByteCount })
        for block in blocks {
            switch block.kind {
            case .facilitator:
                guard edition == .facilitator else { continue }
                out.append(
                    html: "<aside class=\"facilitator-note\"><p class=\"audience-label\">\(HTML.escape(strings("book_for_facilitators")))</p>\n")
                out.append(block.segments)
                out.append(html: "</aside>\n")
            case .heading, .content:
                out.append(block.segments)
            }
        }
    }

    /// A section heading as `<h2 id="…">…</h2>` (shifted later), with `extra`
    /// HTML after the heading's own text.
    static func heading(_ heading: MarkdownHeading, extra: String = "") -> HTMLSegments {
        var out = HTMLSegments([.heading(level: 2, closing: false), .id(heading.anchor), .html(">")])
        out.append(heading.inner)
        out.append(html: extra)
        out.append(contentsOf: [.heading(level: 2, closing: true), .html(">\n")])
        return out
    }

    /// A body's sections, each under an `<h2>` (shifted later), skipping or
    /// labelling facilitator-only sections.
    func sections(_ body: Body) -> HTMLSegments {
        var out = blocks(body.intro.blocks)
        for section in body.sections {
            let restricted = section.isFacilitatorOnly
            if restricted && edition == .participant { continue }
            guard let heading = section.heading else { continue }
            if restricted {
                out.append(html: "<section class=\"facilitator-section\">\n")
                out.append(Self.heading(heading, extra: " <span class=\"audience-label\">for facilitators</span>"))
                append(section.blocks, to: &out)
                out.append(html: "</section>\n")
            } else {
                out.append(Self.heading(heading))
                append(section.blocks, to: &out)
            }
        }
        if let footnotes = body.footnotes { out.append(footnotes) }
        return out
    }
}

extension Handbook.Chapter {
    /// This chapter's rules on top of a format's: ids prefixed with the
    /// chapter's anchor and headings one level down, so ids stay unique in
    /// the book and the chapter title stays the chapter's top heading.
    func writer(_ format: HTMLWriter) -> HTMLWriter {
        guard isContent else { return format }
        var writer = format
        writer.idPrefix = "\(anchor)-"
        writer.headingShift = 1
        return writer
    }
}
