/// A Markdown file parsed by cmark-gfm and rendered, block by block, to HTML.
///
/// In: Markdown text and options. Out: plain values (rendered blocks, links,
/// notes about omitted content) that no longer refer to cmark's tree, so they
/// can cross threads and outlive the parser. Everything cmark allocates is
/// freed before `parse` returns.
public struct MarkdownDocument: Sendable, Hashable {
    /// Top-level blocks in document order.
    public var blocks: [MarkdownBlock]
    /// The rendered footnote definitions (`<section class="footnotes">…`), if any.
    public var footnotes: HTMLSegments?
    public var footnotesHTML: String? { footnotes?.html }
    /// Every link and image destination, with its position, after rewriting.
    public var links: [MarkdownLink]
    /// Things the renderer left out or changed, for the caller to report.
    public var notices: [MarkdownNotice]

    public init(blocks: [MarkdownBlock] = [], footnotes: HTMLSegments? = nil, links: [MarkdownLink] = [], notices: [MarkdownNotice] = []) {
        self.blocks = blocks
        self.footnotes = footnotes
        self.links = links
        self.notices = notices
    }
}

/// One top-level block of a document.
public struct MarkdownBlock: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A heading; its HTML already carries `id="anchor"`.
        case heading(MarkdownHeading)
        /// Ordinary content.
        case content
        /// A `> [!FACILITATOR]` blockquote: `html` is its content without the quote.
        case facilitator
    }

    public let kind: Kind
    /// The rendered block, cut where outputs differ.
    public let segments: HTMLSegments
    /// The rendered block with links as `trellis-link:N`.
    public var html: String { segments.html }
    /// The block's text without markup, for search and summaries: made
    /// again from the segments when asked (``HTMLSegments/derivedPlainText()``),
    /// or, where they cannot give it back exactly, as kept.
    public var text: String { heldText ?? segments.derivedPlainText() ?? "" }
    /// The text the block holds as a String: kept, or its heading's; nil
    /// when it is made again from the segments.
    @usableFromInline
    var heldText: String? { keptText ?? heading?.text }
    /// The start of ``text``: at least `count` bytes after its leading white
    /// space, or all of it when it is shorter (a check that reads how every
    /// block starts does not make every block's whole text).
    public func textPrefix(_ count: Int) -> String {
        withTextPrefix(count) { String(decoding: $0, as: UTF8.self) }
    }

    /// `body` given the start of ``text`` as UTF-8 bytes (as for
    /// ``textPrefix(_:)``), without making a String of it: a check that asks
    /// every block how it starts.
    @inlinable
    public func withTextPrefix<Result>(_ count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if heldText == nil, let result = segments.withDerivedPlainTextPrefix(count, body) { return result }
        var whole = text
        return whole.withUTF8(body)
    }

    /// False when ``text`` surely has no `byte`, an ASCII byte other than
    /// `&`, `<`, `>`, `"`, space, tab or line feed: a quick test on the
    /// rendered text (the plain text's other bytes are all there as they are),
    /// before a check reads the plain text itself.
    public func textMayContain(_ byte: UInt8) -> Bool {
        heldText.map { $0.utf8.contains(byte) } ?? segments.textMayContain(byte)
    }

    /// `body` given ``text`` as UTF-8 bytes, without making a String of it
    /// where the segments give it back.
    /// (Inlined into callers in other modules, so the generic result is
    /// specialized there: unspecialized, it looked up type metadata for
    /// every block the search index, the spreadsheet and the summaries read.)
    @inlinable
    public func withText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if heldText == nil, let result = segments.withDerivedPlainText(body) { return result }
        var whole = text
        return whole.withUTF8(body)
    }

    /// True when the block has any plain text (``text`` is not empty).
    public var hasText: Bool { withTextPrefix(1) { !$0.isEmpty } }

    /// The plain text, only where the segments do not give it back.
    private let keptText: String?
    /// True when the block keeps its plain text (the segments do not give it back).
    var keepsText: Bool { keptText != nil }
    /// First and last source line (1-based, in the file, after the line offset).
    public var line: Int
    public var endLine: Int

    /// A block with its plain text as cmark's tree gives it (``plainText(of:)``);
    /// the text is kept only if the segments do not give the same back.
    public init(kind: Kind, segments: HTMLSegments, text: String, line: Int, endLine: Int) {
        self.init(kind: kind, segments: segments, textBytes: Array(text.utf8), line: line, endLine: endLine)
    }

    init(kind: Kind, segments: HTMLSegments, textBytes text: [UInt8], line: Int, endLine: Int) {
        self.kind = kind
        self.segments = segments
        if case .heading(let heading) = kind, heading.text.utf8.elementsEqual(text) {
            keptText = nil
        } else if segments.derivesPlainText(text) {
            keptText = nil
        } else {
            keptText = String(decoding: text, as: UTF8.self)
        }
        self.line = line
        self.endLine = endLine
    }

    public var heading: MarkdownHeading? {
        if case .heading(let heading) = kind { return heading }
        return nil
    }
}

/// A heading's level, text and stable anchor.
public struct MarkdownHeading: Sendable, Hashable {
    public var level: Int
    /// Plain text of the heading.
    public var text: String
    /// Rendered inline HTML of the heading (emphasis, code, …) without the `<hN>` tag.
    public var inner: HTMLSegments
    public var innerHTML: String { inner.html }
    /// The `id` given to the heading, unique within the document.
    public var anchor: String
    public var line: Int
    public var column: Int
}

/// A link or image destination as written, and where.
public struct MarkdownLink: Sendable, Hashable {
    public var destination: String
    public var isImage: Bool
    /// For images, the alternative text; for links, the link text.
    public var text: String
    public var line: Int
    public var column: Int
}

/// Something in the source that was not rendered as written.
public struct MarkdownNotice: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Raw HTML omitted because unsafe HTML is off.
        case rawHTMLOmitted
        /// A `javascript:`, `vbscript:` or `data:` link removed: from a
        /// Markdown link or image (the destination), or from raw HTML with
        /// unsafe HTML on (the URL as a browser reads it). Also raw HTML
        /// attributes that run script whatever their URL (`onclick="…"`,
        /// `srcdoc="…"`, `style="…"` with `expression(`), as `name="value"`.
        case unsafeLinkRemoved(String)
        /// A `[!FACILITATOR]` blockquote nested inside another block; it was
        /// rendered as a callout but cannot be separated from its parent.
        case nestedFacilitatorBlock
        /// A `[!KIND]` alert marker that is not one of the known kinds.
        case unknownAlert(String)
    }

    public var kind: Kind
    public var line: Int
    public var column: Int
}
