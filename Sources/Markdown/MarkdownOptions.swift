/// How a document is parsed and rendered.
public struct MarkdownOptions: Sendable {
    /// Emit raw HTML found in the Markdown (site.yml `unsafe_html: true`).
    public var unsafeHTML: Bool
    /// Added to every line number cmark reports, so positions are file lines
    /// (the number of lines of front matter before the body).
    public var lineOffset: Int
    /// Anchors already taken on the page (ids used by the theme).
    public var reservedAnchors: Set<String>
    /// The label above each kind of callout in the document's language, by
    /// kind (`note` → "Nota"); a kind not given gets its English ``AlertKind/title``.
    public var alertTitles: [AlertKind: String]

    public init(unsafeHTML: Bool = false, lineOffset: Int = 0, reservedAnchors: Set<String> = [], alertTitles: [AlertKind: String] = [:]) {
        self.unsafeHTML = unsafeHTML
        self.lineOffset = lineOffset
        self.reservedAnchors = reservedAnchors
        self.alertTitles = alertTitles
    }
}

/// The known GitHub alert kinds plus Trellis's facilitator-only block.
public enum AlertKind: String, Sendable, CaseIterable {
    case note, tip, important, warning, caution, facilitator

    /// The label shown above the callout, in English.
    public var title: String {
        switch self {
        case .note: "Note"
        case .tip: "Tip"
        case .important: "Important"
        case .warning: "Warning"
        case .caution: "Caution"
        case .facilitator: "For facilitators"
        }
    }
}
