import Foundation

/// Reads the plain-text export of a filled-in form, where each table cell
/// starts on a line beginning with a tab: label, answer, label, answer…
/// Lines without a tab continue the cell above. Bullet characters
/// (`·`, `•`, `-`, `*`) and `1.` / `1)` start list items.
public enum TextFormReader {
    public static func read(_ text: String) -> FilledForm {
        var cells: [[String]] = []
        var preamble: [String] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.hasPrefix("\t") {
                cells.append([String(line.drop(while: { $0 == "\t" }))])
            } else if cells.isEmpty {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { preamble.append(trimmed) }
            } else {
                cells[cells.count - 1].append(String(line))
            }
        }
        var rows: [FilledForm.Row] = []
        var index = 0
        while index < cells.count {
            let label = cells[index].joined(separator: " ").trimmingCharacters(in: .whitespaces)
            let answer = index + 1 < cells.count ? blocks(cells[index + 1]) : []
            rows.append(FilledForm.Row(label: label, answer: answer))
            index += 2
        }
        return FilledForm(rows: rows, preamble: preamble)
    }

    static func blocks(_ lines: [String]) -> [FilledForm.Block] {
        var blocks: [FilledForm.Block] = []
        for raw in lines {
            let line = stripArtifacts(raw).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if let first = line.first, "·•▪◦*-–".contains(first), line.dropFirst().first == " " || line.dropFirst().first == "\t" {
                blocks.append(.bullet(String(line.dropFirst()).trimmingCharacters(in: .whitespaces), level: 0))
                continue
            }
            let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, digits.count <= 2, let marker = line.dropFirst(digits.count).first, marker == "." || marker == ")",
                line.dropFirst(digits.count + 1).first == " "
            {
                blocks.append(.numbered(String(line.dropFirst(digits.count + 1)).trimmingCharacters(in: .whitespaces), level: 0))
                continue
            }
            blocks.append(.paragraph(line))
        }
        return blocks
    }

    /// Removes word-processor residue such as `[bookmark: _GoBack]`.
    static func stripArtifacts(_ line: String) -> String {
        var text = line
        while let start = text.range(of: "[bookmark:"), let end = text[start.upperBound...].firstIndex(of: "]") {
            text.removeSubrange(start.lowerBound...end)
        }
        return text
    }
}
