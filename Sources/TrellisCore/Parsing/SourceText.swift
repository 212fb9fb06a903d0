import Foundation

/// Decodes a file's bytes as UTF-8 text: a BOM is dropped, CRLF and CR line
/// ends become LF. UTF-16, invalid UTF-8 and NUL bytes are refused with the
/// line where they occur.
enum SourceText {
    static func decode(_ bytes: [UInt8], file: SourceFile) -> Result<String, Diagnostic> {
        var warnings: [Diagnostic] = []
        return decode(bytes, file: file, warnings: &warnings)
    }

    /// Also replaces characters that XML 1.0 and HTML forbid (C0 controls
    /// other than tab and line ends, DEL, C1 controls, U+FFFE and U+FFFF, as
    /// pasted from word processors) by spaces, with one `control-character`
    /// warning at the first of them: they must never reach a page, a feed or
    /// an EPUB, where one makes the file unreadable.
    static func decode(_ bytes: [UInt8], file: SourceFile, warnings: inout [Diagnostic]) -> Result<String, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            return .failure(
                .error(
                    "utf16", at: file.location(), "the file is UTF-16; Trellis reads UTF-8",
                    hint: "save it as UTF-8 (in most editors: Save As… → Encoding: UTF-8)"))
        }
        // One pass over the bytes; lines are counted only for a message.
        enum Stop { case nul(Int), invalid(Int) }
        var hasCR = false
        /// Byte ranges (from the start of `body`) of forbidden characters, and the first one's code.
        var forbidden: [Range<Int>] = []
        var firstScalar: UInt32 = 0
        let stop: Stop? = body.withUnsafeBufferPointer { bytes -> Stop? in
            func forbid(_ start: Int, _ length: Int, _ scalar: UInt32) {
                if forbidden.isEmpty { firstScalar = scalar }
                forbidden.append(start..<(start + length))
            }
            var index = 0
            let count = bytes.count
            while index < count {
                // Eight printable ASCII bytes at a time (no high bit, none below
                // 0x20, no DEL): most of a text, between its line ends.
                if let word = ByteWords.load(bytes, at: index), ByteWords.belowOrHigh(word, 0x20) | ByteWords.has(word, 0x7F) == 0 {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                if (byte >= 0x20 && byte < 0x7F) || byte == 0x0A || byte == 0x09 {
                    index += 1
                    continue
                }
                if byte == 0x0D {
                    hasCR = true
                    index += 1
                    continue
                }
                if byte == 0 { return .nul(index) }
                if byte < 0x80 {
                    forbid(index, 1, UInt32(byte))
                    index += 1
                    continue
                }
                let length = utf8SequenceLength(bytes, at: index)
                if length == 0 { return .invalid(index) }
                if length == 2, byte == 0xC2, bytes[index + 1] <= 0x9F {
                    forbid(index, 2, UInt32(bytes[index + 1]))
                } else if length == 3, byte == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                    forbid(index, 3, bytes[index + 2] == 0xBE ? 0xFFFE : 0xFFFF)
                }
                index += length
            }
            return nil
        }
        /// Line and column (in bytes, 1-based) of byte `offset` of `body`.
        func position(_ offset: Int) -> (line: Int, column: Int) {
            var line = 1
            var lineStart = 0
            for (index, byte) in body.prefix(offset).enumerated() where byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            return (line, offset - lineStart + 1)
        }
        if let stop {
            let (offset, id, message, hint) =
                switch stop {
                case .nul(let offset):
                    (
                        offset, "nul-byte", "the file contains a NUL byte (byte \(offset)); it is not a text file",
                        "remove the NUL character or re-save the file as plain UTF-8 text"
                    )
                case .invalid(let offset):
                    (
                        offset, "invalid-utf8", "the file is not valid UTF-8 (byte \(offset))",
                        "re-save the file as UTF-8; it may have been written as Latin-1 or Windows-1252"
                    )
                }
            let (line, column) = position(offset)
            return .failure(.error(Diagnostic.ID(rawValue: id), at: file.location(line: line, column: column), message, hint: hint))
        }
        if let first = forbidden.first {
            let (line, column) = position(first.lowerBound)
            var cleaned = Array(body)
            for range in forbidden { for i in range { cleaned[i] = 0x20 } }
            body = cleaned[...]
            let name = String(firstScalar, radix: 16, uppercase: true)
            let count = forbidden.count
            warnings.append(
                .warning(
                    "control-character", at: file.location(line: line, column: column),
                    "the file contains \(count == 1 ? "a control character" : "\(count) control characters") (U+\(String(repeating: "0", count: max(0, 4 - name.count)))\(name)\(count == 1 ? "" : " first")) that web pages, feeds and e-books cannot hold; \(count == 1 ? "it was" : "they were") replaced by spaces",
                    hint: "these often come from text pasted from a word processor; delete the character or retype the text around it"))
        }
        var text = String(decoding: body, as: UTF8.self)
        if hasCR {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(text)
    }

    /// Length of the well-formed UTF-8 sequence at `i`, or 0 when malformed.
    private static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let first = bytes[i]
        let end = bytes.count
        func continuation(_ k: Int) -> Bool { i + k < end && bytes[i + k] & 0xC0 == 0x80 }
        switch first {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            let second = bytes[i + 1]
            if first == 0xE0 && second < 0xA0 { return 0 }
            if first == 0xED && second > 0x9F { return 0 }
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return 0 }
            let second = bytes[i + 1]
            if first == 0xF0 && second < 0x90 { return 0 }
            if first == 0xF4 && second > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }
}

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatterSplit {
    /// The YAML between the `---` lines, or nil when the file has none.
    var yaml: String?
    var body: String
    /// Lines before the body's first line (the front matter and its fences).
    var bodyLineOffset: Int

    static func split(_ text: String, file: SourceFile) -> Result<FrontMatterSplit, Diagnostic> {
        guard text.hasPrefix("---") else { return .success(FrontMatterSplit(yaml: nil, body: text, bodyLineOffset: 0)) }
        let utf8 = text.utf8
        guard let firstNewline = utf8.firstIndex(of: 0x0A) else {
            return .failure(unterminated(file))
        }
        let opening = text[text.startIndex..<firstNewline]
        guard isFence(opening) else {
            return .success(FrontMatterSplit(yaml: nil, body: text, bodyLineOffset: 0))
        }
        var line = 2
        var lineStart = utf8.index(after: firstNewline)
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            let content = text[lineStart..<lineEnd]
            if content == "---" || content == "..." || isFence(content) {
                let yaml = String(text[utf8.index(after: firstNewline)..<lineStart])
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return .success(FrontMatterSplit(yaml: yaml, body: String(text[bodyStart...]), bodyLineOffset: line))
            }
            line += 1
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        return .failure(unterminated(file))
    }

    /// `---` with only spaces or tabs around it (any Unicode space, as
    /// Foundation's `.whitespaces`).
    static func isFence(_ line: Substring) -> Bool {
        line.utf8[...].trimmingLineSpaces.elementsEqual("---".utf8)
    }

    private static func unterminated(_ file: SourceFile) -> Diagnostic {
        .error(
            "unterminated-front-matter", at: file.location(line: 1), "the front matter starting here has no closing '---' line",
            hint: "add a line with only '---' after the last 'key: value' line")
    }
}
