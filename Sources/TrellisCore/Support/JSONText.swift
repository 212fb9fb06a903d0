/// Writes JSON text by hand, so key order is fixed and output is identical
/// from build to build. `<`, `>` and `&` are escaped so the text can sit
/// inside an HTML `<script>` element.
package struct JSONText {
    /// The JSON written so far, as UTF-8 bytes (appending bytes is far
    /// cheaper than growing a String for a catalogue of thousands of entries).
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func write(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A quoted string, escaped; bytes copied as they are when nothing needs escaping.
    private mutating func writeQuoted(_ value: String) {
        var plain = true
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2 {
            plain = false
            break
        }
        if plain {
            bytes.append(0x22)
            bytes.append(contentsOf: value.utf8)
            bytes.append(0x22)
        } else {
            bytes.append(contentsOf: JSONText.quoted(value).utf8)
        }
    }

    package static func quoted(_ value: String) -> String {
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
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func key(_ name: String?) {
        separator()
        if let name {
            writeQuoted(name)
            bytes.append(0x3A)
        }
    }

    mutating func beginObject(_ name: String? = nil) {
        key(name)
        bytes.append(0x7B)
        needsComma.append(false)
    }
    mutating func endObject() {
        needsComma.removeLast()
        bytes.append(0x7D)
    }
    mutating func beginArray(_ name: String? = nil) {
        key(name)
        bytes.append(0x5B)
        needsComma.append(false)
    }
    mutating func endArray() {
        needsComma.removeLast()
        bytes.append(0x5D)
    }

    mutating func string(_ name: String?, _ value: String?) {
        key(name)
        if let value { writeQuoted(value) } else { write("null") }
    }

    mutating func int(_ name: String?, _ value: Int?) {
        key(name)
        if let value { bytes.append(contentsOf: String(value).utf8) } else { write("null") }
    }

    mutating func bool(_ name: String?, _ value: Bool) {
        key(name)
        if value { write("true") } else { write("false") }
    }

    mutating func strings(_ name: String, _ values: [String]) {
        beginArray(name)
        for value in values { string(nil, value) }
        endArray()
    }
}
