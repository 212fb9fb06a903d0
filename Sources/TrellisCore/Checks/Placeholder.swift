import Markdown
import Yams

/// Placeholder text: what `trellis init` and `trellis new module|task` write
/// for the author to replace. Every such text starts with the marker
/// `Replace this:`, so it can be found until it is replaced: a
/// `placeholder-text` warning for each front-matter value and each section
/// that still starts with it.
public enum Placeholder {
    public static let marker = "Replace this:"

    /// True when `text` starts with the marker (ignoring case and leading spaces).
    public static func isPlaceholder(_ text: String) -> Bool {
        // Every front-matter value and every block's start is asked: most are
        // told apart on their bytes, without making lowercased copies.
        guard mayBePlaceholder(text) else { return false }
        let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        return trimmed.prefix(marker.count).lowercased() == marker.lowercased()
    }

    /// False when `text` cannot start with the marker: after spaces, tabs
    /// and line feeds, its next bytes are not the marker's in ASCII, either
    /// case. (No other character lowercases to one of the marker's letters
    /// alone, so this never turns away a text that starts with it.)
    static func mayBePlaceholder(_ text: String) -> Bool {
        mayBePlaceholder(text.utf8)
    }

    static func mayBePlaceholder(_ bytes: some Sequence<UInt8>) -> Bool {
        let wanted = markerBytes
        var utf8 = bytes.makeIterator()
        var byte = utf8.next()
        while let current = byte, current == 0x20 || current == 0x09 || current == 0x0A { byte = utf8.next() }
        for expected in wanted {
            guard let current = byte else { return false }
            let folded = (0x41...0x5A).contains(current) ? current | 0x20 : current
            guard folded == expected else { return false }
            byte = utf8.next()
        }
        return true
    }

    private static let markerBytes = Array(marker.lowercased().utf8)
    /// The marker's last byte, its colon: ASCII and without case, so a text
    /// that starts with the marker in any case has it as written.
    private static let markerEnd = marker.utf8.last ?? UInt8(ascii: ":")

    /// `Replace this: <what to write>`.
    public static func text(_ guidance: String) -> String { "\(marker) \(guidance)" }

    /// One warning per front-matter value (at any depth: an outcome's `text`
    /// too) that still starts with the marker, at its line and column.
    static func check(_ fields: inout FieldReader) {
        var found: [Diagnostic] = []
        /// `place` names the value for the author: "'summary'", "'text' of 'lo1' in 'outcomes'".
        func walk(_ node: Node, place: String) {
            switch node {
            case .scalar(let scalar):
                if isPlaceholder(scalar.string) {
                    found.append(
                        .warning(
                            "placeholder-text", at: fields.location(of: node),
                            "\(place) still holds placeholder text: '\(excerpt(scalar.string))'",
                            hint: "write your own text in place of the '\(marker) …' placeholder"))
                }
            case .mapping(let mapping):
                for (key, value) in mapping { walk(value, place: "'\(key.scalar?.string ?? "")'") }
            case .sequence(let sequence):
                for item in sequence {
                    guard let mapping = item.mapping else {
                        walk(item, place: place)
                        continue
                    }
                    let id = mapping.first { $0.key.scalar?.string == "id" }?.value.scalar?.string
                    for (key, value) in mapping {
                        walk(value, place: "'\(key.scalar?.string ?? "")' of " + (id.map { "'\($0)' in " } ?? "an item of ") + place)
                    }
                }
            case .alias:
                break
            }
        }
        walk(.mapping(fields.mapping), place: "")
        fields.diagnostics += found
    }

    /// One warning per section (and the text before the first heading) with a
    /// paragraph, list or quote that starts with the marker, at the first one's line.
    static func check(_ body: Body) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for section in [body.intro] + body.sections {
            guard
                let block = section.blocks.first(where: { block in
                    // Most blocks have no byte of the marker's last (its colon), and are not read.
                    block.textMayContain(markerEnd)
                        && block.withTextPrefix(marker.utf8.count) { mayBePlaceholder($0) } && isPlaceholder(block.textPrefix(marker.utf8.count))
                })
            else { continue }
            let place = section.heading.map { "the section '\($0.text)'" } ?? "the text before the first heading"
            diagnostics.append(
                .warning(
                    "placeholder-text", at: SourceLocation(path: section.location.path, line: block.line),
                    "\(place) still holds placeholder text: '\(excerpt(block.text))'",
                    hint: "write your own text in place of the '\(marker) …' paragraph"))
        }
        return diagnostics
    }

    static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count > 60 ? String(line.prefix(57)) + "…" : line
    }
}
