extension Substring.UTF8View.SubSequence {
    /// A line without the spaces and tabs around it (also U+00A0 and the
    /// other Unicode spaces, as Foundation's `.whitespaces`), on bytes.
    var trimmingLineSpaces: Substring.UTF8View.SubSequence {
        let line = self
        // ASCII spaces and tabs on bytes; only a line that then begins or
        // ends with a non-ASCII character is looked at as Unicode.
        var lower = line.startIndex
        var upper = line.endIndex
        while lower < upper, line[lower] == 0x20 || line[lower] == 0x09 { lower = line.index(after: lower) }
        while lower < upper, line[line.index(before: upper)] == 0x20 || line[line.index(before: upper)] == 0x09 {
            upper = line.index(before: upper)
        }
        guard lower < upper, line[lower] >= 0x80 || line[line.index(before: upper)] >= 0x80 else { return line[lower..<upper] }
        return Self.trimmingUnicodeSpaces(line[lower..<upper])
    }

    private static func trimmingUnicodeSpaces(_ line: Substring.UTF8View.SubSequence) -> Substring.UTF8View.SubSequence {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        let text = Substring(line)
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first, isSpace(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, isSpace(last) { scalars = scalars.dropLast() }
        return Substring(scalars).utf8[...]
    }
}
