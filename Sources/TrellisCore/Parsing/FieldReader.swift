import Yams

/// Reads typed values out of a YAML mapping and reports, with file
/// positions, every missing, mistyped or unknown key.
///
/// One reader per mapping; nested mappings (an outcome, a phase) get their
/// own reader through ``mappings(_:)``. Call ``finish(known:)`` to warn about
/// keys no one asked for.
struct FieldReader {
    let mapping: Node.Mapping
    let file: SourceFile
    /// Added to YAML line numbers so they become file lines.
    let lineOffset: Int
    /// Where the mapping itself starts, for "missing key" errors.
    let origin: SourceLocation
    /// What the mapping is, for messages: "front matter", "outcome".
    let context: String
    var diagnostics: [Diagnostic] = []
    /// Each key's value (the first, where a key repeats), read once: a
    /// document asks for a dozen keys.
    private let values: [String: Node]

    init(mapping: Node.Mapping, file: SourceFile, lineOffset: Int, origin: SourceLocation, context: String) {
        self.mapping = mapping
        var values: [String: Node] = [:]
        values.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            guard let text = key.scalar?.string, values[text] == nil else { continue }
            values[text] = value
        }
        self.values = values
        self.file = file
        self.lineOffset = lineOffset
        self.origin = origin
        self.context = context
    }

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return origin }
        return file.location(line: mark.line + lineOffset, column: mark.column)
    }

    func locationOfKey(_ key: String) -> SourceLocation {
        for (k, _) in mapping where k.scalar?.string == key { return location(of: k) }
        return origin
    }

    /// The value for `key`, or nil when absent or YAML null.
    func value(_ key: String) -> Node? {
        // By key text: Yams' own lookup compares whole nodes.
        guard let node = values[key] else { return nil }
        if Self.isNull(node) { return nil }
        return node
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    private mutating func missing(_ key: String, hint: String?) {
        diagnostics.append(.error("missing-key", at: origin, "\(context) has no '\(key)'", hint: hint ?? "add '\(key): …'"))
    }

    private mutating func wrongType(_ key: String, _ node: Node, expected: String) {
        diagnostics.append(
            .error(
                "wrong-type", at: location(of: node), "'\(key)' must be \(expected)",
                hint: "write it as \(Self.example(for: key, expected: expected))"))
    }

    private static func example(for key: String, expected: String) -> String {
        switch expected {
        case "a list": "'\(key): [first, second]'"
        case "a whole number": "'\(key): 2024'"
        case "true or false": "'\(key): true'"
        default: "'\(key): some text' (quote it if it contains a colon)"
        }
    }

    /// A text value. Numbers and dates are accepted as written.
    mutating func string(_ key: String, required: Bool = false, hint: String? = nil) -> String? {
        guard let node = value(key) else {
            if required { missing(key, hint: hint) }
            return nil
        }
        guard let scalar = node.scalar else {
            wrongType(key, node, expected: "text")
            return nil
        }
        let text = cleaned(scalar.string, at: node).trimmingSpaces
        if text.isEmpty {
            if required { missing(key, hint: hint) }
            return nil
        }
        return text
    }

    /// A licence search engines can name by URL (``License``); an unknown one
    /// is kept as written, with a warning at the value. Returns `text`.
    @discardableResult
    mutating func checkLicense(_ text: String) -> String {
        if License.url(for: text) == nil {
            diagnostics.append(
                .warning(
                    "unknown-license", at: value("license").map { location(of: $0) } ?? origin,
                    "'\(text)' is not a licence Trellis can name for search engines; it is shown as written",
                    hint: "write a known licence such as 'CC BY 4.0', 'CC BY-SA 4.0', 'CC0', 'MIT', or its full https:// address"))
        }
        return text
    }

    /// Text with the characters that pages, feeds and e-books cannot hold
    /// (a YAML escape such as `"\v"` or `"\e"`) replaced by spaces, and a
    /// `control-character` warning at the value.
    mutating func cleaned(_ text: String, at node: Node) -> String {
        guard text.unicodeScalars.contains(where: HTML.isForbidden) else { return text }
        diagnostics.append(
            .warning(
                "control-character", at: location(of: node),
                "the value contains a control character that web pages, feeds and e-books cannot hold; it was replaced by a space",
                hint: "remove the escape (such as \\v, \\f or \\e) from the quoted text"))
        var out = ""
        for scalar in text.unicodeScalars { out.unicodeScalars.append(HTML.isForbidden(scalar) ? " " : scalar) }
        return out
    }

    /// A list of texts; a single text is taken as a list of one.
    mutating func strings(_ key: String) -> [String] {
        guard let node = value(key) else { return [] }
        if let scalar = node.scalar {
            let text = cleaned(scalar.string, at: node).trimmingSpaces
            return text.isEmpty ? [] : [text]
        }
        guard let sequence = node.sequence else {
            wrongType(key, node, expected: "a list")
            return []
        }
        var out: [String] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                diagnostics.append(
                    .error(
                        "wrong-type", at: location(of: item), "each item of '\(key)' must be text",
                        hint: "write the list as '\(key): [first, second]'"))
                continue
            }
            let text = cleaned(scalar.string, at: item).trimmingSpaces
            if !text.isEmpty { out.append(text) }
        }
        return out
    }

    /// A whole number, with where it was written.
    mutating func int(_ key: String) -> (value: Int, location: SourceLocation)? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar, let number = Int(scalar.string.trimmingSpaces) else {
            wrongType(key, node, expected: "a whole number")
            return nil
        }
        return (number, location(of: node))
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar else {
            wrongType(key, node, expected: "true or false")
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            wrongType(key, node, expected: "true or false")
            return nil
        }
    }

    /// A list of mappings (outcomes, phases, sections), each with its own reader.
    mutating func mappings(_ key: String, itemContext: String) -> [FieldReader] {
        guard let node = value(key) else { return [] }
        guard let sequence = node.sequence else {
            wrongType(key, node, expected: "a list")
            return []
        }
        var readers: [FieldReader] = []
        for item in sequence {
            guard let map = item.mapping else {
                diagnostics.append(
                    .error(
                        "wrong-type", at: location(of: item), "each item of '\(key)' must be a mapping such as '{id: …, title: …}'",
                        hint: "write each item as '- {id: x, title: …}'"))
                continue
            }
            readers.append(FieldReader(mapping: map, file: file, lineOffset: lineOffset, origin: location(of: item), context: itemContext))
        }
        return readers
    }

    /// A nested mapping, with its own reader.
    mutating func mapping(_ key: String, context: String) -> FieldReader? {
        guard let node = value(key) else { return nil }
        guard let map = node.mapping else {
            wrongType(key, node, expected: "a mapping")
            return nil
        }
        return FieldReader(mapping: map, file: file, lineOffset: lineOffset, origin: location(of: node), context: context)
    }

    /// Warns about keys not in `known`, suggesting the closest known key.
    mutating func finish(known: [String]) {
        // Each key looked for in the list (a score of names): a set made for every document
        // hashed them all, to be asked about half a dozen keys.
        for keyNode in mapping.keys {
            let key = keyNode.scalar?.string ?? ""
            if known.contains(key) { continue }
            let hint =
                Suggestion.closest(to: key, in: known).map { "did you mean '\($0)'?" }
                ?? "known keys: \(known.joined(separator: ", "))"
            diagnostics.append(.warning("unknown-key", at: location(of: keyNode), "unknown key '\(key)' in \(context); it is ignored", hint: hint))
        }
    }
}

extension String {
    var trimmingSpaces: String {
        // Most values neither start nor end with white space: when the first and last bytes are
        // ASCII and not white space, neither is the first or last character, and the text is
        // returned without walking its characters (twice, to count them).
        let utf8 = self.utf8
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80, !first.isASCIIWhitespace, !last.isASCIIWhitespace {
            return self
        }
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return view.count == count ? self : String(view)
    }
}
