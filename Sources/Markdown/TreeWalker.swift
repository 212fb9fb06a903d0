import CCmarkGFM

/// One pass over the whole tree: rewrites and records links, notes omitted
/// raw HTML and unsafe URLs, and finds alert blockquotes. Alerts are turned
/// into callouts after the pass, because that changes the tree's shape.
struct TreeWalker {
    let options: MarkdownOptions
    var links: [MarkdownLink] = []
    var notices: [MarkdownNotice] = []
    private var alerts: [(node: OpaquePointer, kind: AlertKind, topLevel: Bool)] = []

    init(options: MarkdownOptions) {
        self.options = options
    }

    mutating func walk(_ root: OpaquePointer, rewriteLink: (MarkdownLink) -> String?) {
        guard let iter = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iter) }
        var blockLine = 1
        var blockColumn = 1
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = nodeType(node)
            var line = Int(cmark_node_get_start_line(node))
            var column = Int(cmark_node_get_start_column(node))
            if isBlock(type) {
                if line > 0 {
                    blockLine = line
                    blockColumn = max(column, 1)
                }
            }
            if line <= 0 {
                line = blockLine
                column = blockColumn
            }
            line += options.lineOffset
            column = max(column, 1)

            switch type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                visitLink(node, isImage: type == CMARK_NODE_IMAGE, line: line, column: column, rewriteLink: rewriteLink)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if options.unsafeHTML {
                    sanitize(node, line: line, column: column)
                } else {
                    let html = literal(node)
                    let trimmed = html.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" })
                    if !trimmed.hasPrefix("<!--") {
                        notices.append(MarkdownNotice(kind: .rawHTMLOmitted, line: line, column: column))
                    }
                }
            case CMARK_NODE_BLOCK_QUOTE:
                if let kind = detectAlert(node, line: line, column: column) {
                    let topLevel = cmark_node_parent(node).map { nodeType($0) == CMARK_NODE_DOCUMENT } ?? false
                    if kind == .facilitator && !topLevel {
                        notices.append(MarkdownNotice(kind: .nestedFacilitatorBlock, line: line, column: column))
                    }
                    alerts.append((node, kind, topLevel))
                }
            default:
                break
            }
        }
    }

    private mutating func visitLink(_ node: OpaquePointer, isImage: Bool, line: Int, column: Int, rewriteLink: (MarkdownLink) -> String?) {
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let link = MarkdownLink(destination: destination, isImage: isImage, text: plainText(of: node), line: line, column: column)
        links.append(link)
        if Self.isUnsafeURL(destination, isImage: isImage) {
            notices.append(MarkdownNotice(kind: .unsafeLinkRemoved(destination), line: line, column: column))
            _ = cmark_node_set_url(node, "")
            return
        }
        if let replacement = rewriteLink(link) {
            _ = cmark_node_set_url(node, replacement)
        }
    }

    /// `javascript:`, `vbscript:` and `data:` URLs (except inline raster images), ignoring
    /// case, leading spaces and control characters as browsers do.
    static func isUnsafeURL(_ url: String, isImage: Bool) -> Bool {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { break }
            if scalar.value <= 0x20 { continue }
            scheme.unicodeScalars.append(scalar)
            if scheme.count > 10 { return false }
        }
        switch scheme.lowercased() {
        case "javascript", "vbscript": return true
        case "data":
            // Images may be inline PNG, GIF, JPEG or WebP, as cmark allows.
            guard isImage else { return true }
            let lowered = url.lowercased()
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lowered.hasPrefix($0) }
        default: return false
        }
    }

    /// Raw HTML (an HTML block or inline tag, with unsafe HTML on) read
    /// with an HTML tokenizer and written again safely (``HTMLSanitizer``);
    /// a notice for each attribute removed, at its own line and column.
    private mutating func sanitize(_ node: OpaquePointer, line: Int, column: Int) {
        let html = literal(node)
        let result = HTMLSanitizer.sanitize(html)
        if result.html != html {
            _ = cmark_node_set_literal(node, result.html)
        }
        for removal in result.removals {
            let removalColumn = removal.lineOffset == 0 ? column + removal.column - 1 : removal.column
            notices.append(
                MarkdownNotice(
                    kind: .unsafeLinkRemoved(removal.description),
                    line: line + removal.lineOffset, column: removalColumn))
        }
    }

    /// `[!KIND]` at the very start of a blockquote's first paragraph.
    private mutating func detectAlert(_ quote: OpaquePointer, line: Int, column: Int) -> AlertKind? {
        guard let paragraph = cmark_node_first_child(quote), nodeType(paragraph) == CMARK_NODE_PARAGRAPH else { return nil }
        cmark_consolidate_text_nodes(paragraph)
        guard let first = cmark_node_first_child(paragraph), nodeType(first) == CMARK_NODE_TEXT else { return nil }
        let text = literal(first)
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return nil }
        let name = text[text.index(text.startIndex, offsetBy: 2)..<close]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter }) else { return nil }
        guard let kind = AlertKind(rawValue: name.lowercased()) else {
            notices.append(MarkdownNotice(kind: .unknownAlert(String(name)), line: line, column: column))
            return nil
        }
        return kind
    }

    /// Removes each alert's marker and turns the quote into a callout.
    /// Returns the top-level facilitator quotes, left as quotes for the
    /// renderer to treat as restricted blocks.
    mutating func applyAlerts() -> Set<OpaquePointer> {
        var facilitator: Set<OpaquePointer> = []
        for alert in alerts {
            removeMarker(from: alert.node)
            if alert.kind == .facilitator && alert.topLevel {
                facilitator.insert(alert.node)
                continue
            }
            guard let callout = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            let name = alert.kind.rawValue
            let title = HTMLWriter.escape(options.alertTitles[alert.kind] ?? alert.kind.title)
            _ = cmark_node_set_on_enter(callout, "<div class=\"callout callout-\(name)\" role=\"note\">\n<p class=\"callout-title\">\(title)</p>\n")
            _ = cmark_node_set_on_exit(callout, "</div>\n")
            while let child = cmark_node_first_child(alert.node) {
                cmark_node_unlink(child)
                _ = cmark_node_append_child(callout, child)
            }
            _ = cmark_node_replace(alert.node, callout)
            cmark_node_free(alert.node)
        }
        return facilitator
    }

    private func removeMarker(from quote: OpaquePointer) {
        guard let paragraph = cmark_node_first_child(quote),
            let first = cmark_node_first_child(paragraph)
        else { return }
        let text = literal(first)
        guard let close = text.firstIndex(of: "]") else { return }
        let rest = text[text.index(after: close)...].drop(while: { $0 == " " || $0 == "\t" })
        if rest.isEmpty {
            if let next = cmark_node_next(first),
                nodeType(next) == CMARK_NODE_SOFTBREAK || nodeType(next) == CMARK_NODE_LINEBREAK
            {
                cmark_node_free(next)
            }
            cmark_node_free(first)
            if cmark_node_first_child(paragraph) == nil {
                cmark_node_free(paragraph)
            }
        } else {
            _ = cmark_node_set_literal(first, String(rest))
        }
    }
}
