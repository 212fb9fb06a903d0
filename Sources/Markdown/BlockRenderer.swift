import CCmarkGFM
import Foundation

/// Renders a prepared tree's top-level blocks one at a time with cmark's
/// HTML renderer, gives headings their anchors, and gathers footnote
/// definitions into one section.
struct BlockRenderer {
    let options: Int32
    let extensions: UnsafeMutablePointer<cmark_llist>?
    let lineOffset: Int
    var anchors: AnchorSet
    /// Each block's plain text, as cmark's tree gives it, written here in
    /// turn (one buffer for the document, not one array per block).
    var text: [UInt8] = []

    mutating func render(root: OpaquePointer, facilitatorBlocks: Set<OpaquePointer>) -> MarkdownDocument {
        var document = MarkdownDocument()
        var footnotes: [OpaquePointer] = []
        text.reserveCapacity(2048)
        var node = cmark_node_first_child(root)
        while let current = node {
            node = cmark_node_next(current)
            let type = nodeType(current)
            if type == CMARK_NODE_FOOTNOTE_DEFINITION {
                footnotes.append(current)
                continue
            }
            let (start, end) = Self.lines(of: current)
            let line = start + lineOffset
            let endLine = max(end + lineOffset, line)
            if facilitatorBlocks.contains(current) {
                var html = ""
                var child = cmark_node_first_child(current)
                while let inner = child {
                    html += renderHTML(inner)
                    child = cmark_node_next(inner)
                }
                plainTextBytes(of: current, into: &text)
                document.blocks.append(
                    MarkdownBlock(kind: .facilitator, segments: HTMLSegments(html: html), textBytes: text, line: line, endLine: endLine))
            } else if type == CMARK_NODE_HEADING {
                document.blocks.append(renderHeading(current, line: line, endLine: endLine))
            } else {
                plainTextBytes(of: current, into: &text)
                document.blocks.append(
                    MarkdownBlock(kind: .content, segments: HTMLSegments(html: renderHTML(current)), textBytes: text, line: line, endLine: endLine))
            }
        }
        if !footnotes.isEmpty, let holder = cmark_node_new(CMARK_NODE_DOCUMENT) {
            for definition in footnotes {
                cmark_node_unlink(definition)
                _ = cmark_node_append_child(holder, definition)
            }
            document.footnotes = HTMLSegments(html: Self.closeAttributes(renderHTML(holder)))
            cmark_node_free(holder)
        }
        return document
    }

    /// A node's first and last source line; callouts (made by Trellis) take
    /// them from their children.
    static func lines(of node: OpaquePointer) -> (Int, Int) {
        let start = Int(cmark_node_get_start_line(node))
        if start > 0 { return (start, Int(cmark_node_get_end_line(node))) }
        guard let first = cmark_node_first_child(node), let last = cmark_node_last_child(node) else { return (0, 0) }
        return (lines(of: first).0, lines(of: last).1)
    }

    func renderHTML(_ node: OpaquePointer) -> String {
        var html = consume(cmark_render_html(node, options, extensions))
        if html.utf8Contains(" data-footnote") { html = Self.closeAttributes(html) }
        if html.utf8Contains("<input type=\"checkbox\"") { html = Self.labelCheckboxes(html) }
        return html
    }

    /// Task-list checkboxes get an accessible name: "done" or "not done".
    static func labelCheckboxes(_ html: String) -> String {
        html.replacingOccurrences(
            of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
            with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"done\" />"
        )
        .replacingOccurrences(
            of: "<input type=\"checkbox\" disabled=\"\" />", with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"not done\" />")
    }

    /// Gives cmark's bare footnote attributes a value, so the HTML is also
    /// well-formed XML (EPUB): `data-footnote-ref` → `data-footnote-ref=""`.
    static func closeAttributes(_ html: String) -> String {
        html.replacingOccurrences(of: " data-footnote-ref>", with: " data-footnote-ref=\"\">")
            .replacingOccurrences(of: " data-footnotes>", with: " data-footnotes=\"\">")
            .replacingOccurrences(of: " data-footnote-backref ", with: " data-footnote-backref=\"\" ")
    }

    private mutating func renderHeading(_ node: OpaquePointer, line: Int, endLine: Int) -> MarkdownBlock {
        let level = Int(cmark_node_get_heading_level(node))
        let text = plainText(of: node)
        let anchor = anchors.claim(text)
        var rendered = renderHTML(node)
        // cmark writes exactly "<hN>" … "</hN>\n" for a top-level heading.
        let inner = rendered.withUTF8 { bytes in
            // `<hN>` and `</hN>`, compared where they lie.
            let digit = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: level)
            var start = 0
            var end = bytes.count
            if end >= 4, bytes[0] == UInt8(ascii: "<"), bytes[1] == UInt8(ascii: "h"), bytes[2] == digit, bytes[3] == UInt8(ascii: ">") {
                start = 4
            }
            while end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
            if end - start >= 5, bytes[end - 5] == UInt8(ascii: "<"), bytes[end - 4] == UInt8(ascii: "/"), bytes[end - 3] == UInt8(ascii: "h"),
                bytes[end - 2] == digit, bytes[end - 1] == UInt8(ascii: ">")
            {
                end -= 5
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        let innerSegments = HTMLSegments(html: inner)
        let heading = MarkdownHeading(
            level: level, text: text, inner: innerSegments, anchor: anchor,
            line: line, column: max(Int(cmark_node_get_start_column(node)), 1)
        )
        var segments = HTMLSegments()
        segments.reserveCapacity(innerSegments.parts.count + 5)
        segments.append(.heading(level: level, closing: false))
        segments.append(.id(anchor))
        segments.append(.html(">"))
        segments.append(innerSegments)
        segments.append(.heading(level: level, closing: true))
        segments.append(.html(">\n"))
        return MarkdownBlock(kind: .heading(heading), segments: segments, text: text, line: line, endLine: endLine)
    }
}

extension String {
    /// Substring search on UTF-8 bytes (memchr + memcmp), without
    /// Foundation's locale-aware machinery.
    public func utf8Contains(_ needle: StaticString) -> Bool {
        var haystack = self
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        let first = Int32(needle.utf8Start.pointee)
        return haystack.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count >= count else { return false }
            var position = base
            let last = base + (bytes.count - count)
            while position <= last {
                guard let hit = memchr(position, first, last - position + 1) else { return false }
                let candidate = hit.assumingMemoryBound(to: UInt8.self)
                if memcmp(candidate, needle.utf8Start, count) == 0 { return true }
                position = UnsafePointer(candidate) + 1
            }
            return false
        }
    }
}
