/// Escaping for text Trellis writes into HTML and XML itself (outside Mustache).
public enum HTML {
    /// Escapes `& < > " '` for text and attribute values, and drops the
    /// characters XML 1.0 forbids (the parse stage has already warned about
    /// any that came from content), so no page, feed or EPUB is ill-formed.
    public static func escape(_ text: String) -> String {
        var needs = false
        for byte in text.utf8
        where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0x7F || byte == 0xC2 || byte == 0xEF
            || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
        {
            needs = true
            break
        }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let value = scalar.value
                if (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
                    || value == 0xFFFE || value == 0xFFFF
                {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
