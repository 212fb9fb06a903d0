/// Writes JSON text by hand, so key order is fixed and output is identical
/// from build to build. `<`, `>` and `&` are escaped so the text can sit
/// inside an HTML `<script>` element.
struct JSONText {
    private(set) var text = ""
    private var needsComma: [Bool] = [false]

    static func quoted(_ value: String) -> String {
        // Fast path: nothing to escape (checked on UTF-8 bytes).
        var plain = true
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2 {
            plain = false
            break
        }
        if plain { return "\"" + value + "\"" }
        var out = "\""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func key(_ name: String?) {
        separator()
        if let name { text += JSONText.quoted(name) + ":" }
    }

    mutating func beginObject(_ name: String? = nil) { key(name); text += "{"; needsComma.append(false) }
    mutating func endObject() { needsComma.removeLast(); text += "}" }
    mutating func beginArray(_ name: String? = nil) { key(name); text += "["; needsComma.append(false) }
    mutating func endArray() { needsComma.removeLast(); text += "]" }

    mutating func string(_ name: String?, _ value: String?) {
        key(name)
        text += value.map(JSONText.quoted) ?? "null"
    }

    mutating func int(_ name: String?, _ value: Int?) {
        key(name)
        text += value.map(String.init) ?? "null"
    }

    mutating func bool(_ name: String?, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    mutating func strings(_ name: String, _ values: [String]) {
        beginArray(name)
        for value in values { string(nil, value) }
        endArray()
    }
}
