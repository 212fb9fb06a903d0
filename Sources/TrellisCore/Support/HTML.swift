/// Escaping for text Trellis writes into HTML and XML itself (outside Mustache).
public enum HTML {
    /// Escapes `& < > " '` for text and attribute values, and drops the
    /// characters XML 1.0 forbids (the parse stage has already warned about
    /// any that came from content), so no page, feed or EPUB is ill-formed.
    public static func escape(_ text: String) -> String {
        // On the bytes, with runs that need nothing copied whole; the text
        // itself when nothing needs escaping (most of it). Read where the
        // string keeps them: a copy to make them contiguous only when they are not.
        let escaped =
            text.utf8.withContiguousStorageIfAvailable(escapedBytes)
            ?? {
                var source = text
                return source.withUTF8(escapedBytes)
            }()
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// The escaped bytes, or nil when nothing in `bytes` needs escaping.
    private static func escapedBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8]?
        var run = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard special[Int(byte)] else {
                index += 1
                continue
            }
            var replacement: StaticString = ""
            var length = 1
            switch byte {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            case 0xC2:
                // C1 controls (U+0080–U+009F) are dropped; other characters starting C2 are kept.
                guard index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) else {
                    index += 1
                    continue
                }
                length = 2
            case 0xEF:
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are dropped.
                guard index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF else {
                    index += 1
                    continue
                }
                length = 3
            default: break  // other controls and DEL: dropped
            }
            if out == nil {
                out = [UInt8]()
                out?.reserveCapacity(count + 16)
            }
            if run < index { out?.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
            out?.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            index += length
            run = index
        }
        if run < count { out?.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<count])) }
        return out
    }

    /// Bytes ``escape(_:)`` looks at: the five it escapes, controls other
    /// than tab and line ends, DEL, and the first bytes of C1 controls (C2)
    /// and of U+FFFE/U+FFFF (EF).
    private static let special: [Bool] = (0..<256).map { byte in
        [0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F, 0xC2, 0xEF].contains(byte) || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
    }

    /// Characters XML 1.0 or HTML forbid in text: controls other than tab
    /// and line ends, DEL, C1 controls, U+FFFE and U+FFFF. The one
    /// definition: the parse stage replaces them (with a warning) and
    /// ``escape(_:)`` drops any that get this far.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
            || value == 0xFFFE || value == 0xFFFF
    }
}
