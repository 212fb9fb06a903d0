/// Escaping for text Trellis writes into HTML and XML itself (outside Mustache).
public enum HTML {
    /// Escapes `& < > " '` for text and attribute values, and drops the
    /// characters XML 1.0 forbids (the parse stage has already warned about
    /// any that came from content), so no page, feed or EPUB is ill-formed.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: if !isForbidden(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
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

    /// One pass over the bytes (the hot path: every text on every page):
    /// an escape-worthy ASCII byte, or the exact UTF-8 of a forbidden character.
    private static func needsEscaping(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F: return true
            case 0x00..<0x20 where byte != 0x09 && byte != 0x0A && byte != 0x0D: return true
            case 0x80...0x9F where previous == 0xC2: return true  // C1 control
            case 0xBE,
                0xBF where previous == 0xBF && beforePrevious == 0xEF:
                return true  // U+FFFE, U+FFFF
            default: break
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }
}
