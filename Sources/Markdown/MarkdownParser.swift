import CCmarkGFM
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses Markdown with cmark-gfm and renders it block by block.
///
/// In: text, options, and a hook that may rewrite link destinations.
/// Out: a ``MarkdownDocument``. The cmark tree lives only inside `parse`.
/// Every walk over the tree uses cmark's iterator, so nesting depth costs
/// no stack.
public enum MarkdownParser {
    /// The GitHub extensions Trellis enables.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    static let inlinePass = NSLock()

    /// `cmark_parser_finish`, the inline pass, one at a time in the process:
    /// every finish of a parser with extensions goes through here.
    ///
    /// cmark-gfm 0.29 keeps the extensions' inline trigger characters
    /// (':' and 'w' for autolinks, '~' for strikethrough) in a process-wide
    /// table that each parser sets when its inline pass starts and clears
    /// when it ends. Two inline passes at once would clear each other's
    /// characters and silently miss autolinks, so the inline pass runs one at
    /// a time; block parsing (feed), rendering and everything else stay
    /// parallel. (Setting the characters once and emptying the extensions'
    /// lists does not work: the emphasis pass finds the strikethrough
    /// extension by its list, and without it loops for ever on `~~`.)
    ///
    /// - Parameter whileWaiting: called at most once, when another parser is
    ///   in its inline pass, before this one waits for it.
    static func finish(_ parser: OpaquePointer, whileWaiting: () -> Void = {}) -> OpaquePointer? {
        if !inlinePass.try() {
            whileWaiting()
            inlinePass.lock()
        }
        defer { inlinePass.unlock() }
        return cmark_parser_finish(parser)
    }

    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Parses `text` and renders every top-level block.
    ///
    /// - Parameter rewriteLink: called once per link or image (not for
    ///   removed unsafe ones); a non-nil result replaces the destination.
    /// - Parameter whileWaiting: called at most once, when another thread is
    ///   in its inline pass (``finish(_:whileWaiting:)``): work of the
    ///   caller's that does not need this document's Markdown, done instead
    ///   of waiting.
    public static func parse(
        _ text: String,
        options: MarkdownOptions = MarkdownOptions(),
        rewriteLink: (MarkdownLink) -> String? = { _ in nil },
        whileWaiting: () -> Void = {}
    ) -> MarkdownDocument {
        _ = registered
        var cmarkOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        if options.unsafeHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        guard let parser = cmark_parser_new(cmarkOptions) else { return MarkdownDocument() }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                _ = cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var source = text
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        let finished = finish(parser, whileWaiting: whileWaiting)
        guard let root = finished else { return MarkdownDocument() }
        defer { cmark_node_free(root) }

        var walker = TreeWalker(options: options)
        walker.walk(root, rewriteLink: rewriteLink)
        let facilitatorBlocks = walker.applyAlerts()
        var renderer = BlockRenderer(
            options: cmarkOptions,
            extensions: cmark_parser_get_syntax_extensions(parser),
            lineOffset: options.lineOffset,
            anchors: AnchorSet(reserved: options.reservedAnchors)
        )
        var document = renderer.render(root: root, facilitatorBlocks: facilitatorBlocks)
        document.links = walker.links
        document.notices = walker.notices
        return document
    }
}

// MARK: - Reading cmark values

@inline(__always)
func nodeType(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

func literal(_ node: OpaquePointer) -> String {
    guard let chars = cmark_node_get_literal(node) else { return "" }
    return String(cString: chars)
}

@inline(__always)
func isBlock(_ type: cmark_node_type) -> Bool {
    type.rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK)
}

/// Takes ownership of a string cmark allocated and frees it.
func consume(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    defer { free(pointer) }
    return String(cString: pointer)
}

/// The plain text of a subtree: text, code, and a space for each break;
/// each list item and table row ends its line, so a list reads as lines.
func plainText(of node: OpaquePointer) -> String {
    var bytes: [UInt8] = []
    plainTextBytes(of: node, into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// ``plainText(of:)`` as UTF-8 bytes, written over `out` (emptied first,
/// its room kept): a block compares them with what its HTML gives back and
/// keeps them (as a String) only if they differ, so one buffer serves every
/// block of a document.
func plainTextBytes(of node: OpaquePointer, into out: inout [UInt8]) {
    out.removeAll(keepingCapacity: true)
    guard let iter = cmark_iter_new(node) else { return }
    defer { cmark_iter_free(iter) }
    let space = UInt8(ascii: " ")
    let newline = UInt8(ascii: "\n")
    func appendLiteral(_ node: OpaquePointer) {
        guard let chars = cmark_node_get_literal(node) else { return }
        out.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(chars).assumingMemoryBound(to: UInt8.self), count: strlen(chars)))
    }
    func endLine() {
        while out.last == space { out.removeLast() }
        if !out.isEmpty && out.last != newline { out.append(newline) }
    }
    while true {
        let event = cmark_iter_next(iter)
        if event == CMARK_EVENT_DONE { break }
        guard let current = cmark_iter_get_node(iter) else { continue }
        let type = nodeType(current)
        if event == CMARK_EVENT_ENTER {
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                appendLiteral(current)
            case CMARK_NODE_CODE_BLOCK:
                if !out.isEmpty && out.last != space { out.append(space) }
                appendLiteral(current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out.append(space)
            case CMARK_NODE_ITEM:
                endLine()
            default:
                if isBlock(type), isTableRow(current) { endLine() }
            }
        } else if isBlock(type), !out.isEmpty {
            if type == CMARK_NODE_ITEM || isTableRow(current) {
                endLine()
            } else if out.last != space && out.last != newline {
                out.append(space)
            }
        }
    }
    while out.last == space || out.last == newline { out.removeLast() }
}

/// A row of a GFM table (an extension node, known by its type name).
private func isTableRow(_ node: OpaquePointer) -> Bool {
    guard let name = cmark_node_get_type_string(node) else { return false }
    return strcmp(name, "table_row") == 0
}

/// Ends the current line (a list item or table row starts or ends here).
