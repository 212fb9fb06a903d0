/// Writes JSON text by hand, so key order is fixed and output is identical
/// from build to build. `<`, `>` and `&` are escaped so the text can sit
/// inside an HTML `<script>` element.
package struct JSONText {
    /// The JSON written so far, as UTF-8 bytes (appending bytes is far
    /// cheaper than growing a String for a catalogue of thousands of entries).
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands the bytes written so far to `emit` and forgets them, once
    /// there are at least `limit` (what is still open stays open).
    mutating func drain(over limit: Int = 1 << 20, _ emit: (UnsafeRawBufferPointer) -> Void) {
        bytes.drain(over: limit, emit)
    }

    private mutating func write(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A quoted string, escaped; bytes copied as they are when nothing needs escaping.
    private mutating func writeQuoted(_ value: String) {
        JSONText.appendQuoted(value, to: &bytes)
    }

    package static func quoted(_ value: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 2)
        appendQuoted(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` as a JSON string: `"`, `\`, control characters, `<`, `>`,
    /// `&`, U+2028 and U+2029 escaped, every other byte copied; one pass over
    /// the UTF-8 bytes (a String's bytes are valid UTF-8, so a byte 0xE2
    /// always starts three).
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        var value = value
        value.withUTF8 { source in
            // Runs of bytes that need nothing are copied whole (section texts
            // with a line break every sentence went byte by byte).
            var run = 0
            var index = 0
            let count = source.count
            func flush(_ end: Int) {
                if run < end { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<end])) }
            }
            func escape(_ code: UInt32) {
                let hex: StaticString = "0123456789abcdef"
                let digits = hex.utf8Start
                bytes.append(0x5C)
                bytes.append(0x75)
                for shift in [12, 8, 4, 0] as [UInt32] { bytes.append(digits[Int(code >> shift & 0xF)]) }
            }
            while index < count {
                let byte = source[index]
                guard Self.special[Int(byte)] else {
                    index += 1
                    continue
                }
                if byte == 0xE2 {
                    // U+2028 and U+2029 (E2 80 A8, E2 80 A9); any other character starting E2 is copied.
                    guard index + 2 < count, source[index + 1] == 0x80, source[index + 2] == 0xA8 || source[index + 2] == 0xA9 else {
                        index += 1
                        continue
                    }
                    flush(index)
                    escape(source[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                    index += 3
                    run = index
                    continue
                }
                flush(index)
                switch byte {
                case 0x22, 0x5C:
                    bytes.append(0x5C)
                    bytes.append(byte)
                case 0x0A:
                    bytes.append(0x5C)
                    bytes.append(0x6E)
                case 0x0D:
                    bytes.append(0x5C)
                    bytes.append(0x72)
                case 0x09:
                    bytes.append(0x5C)
                    bytes.append(0x74)
                default:
                    escape(UInt32(byte))
                }
                index += 1
                run = index
            }
            flush(count)
        }
        bytes.append(0x22)
    }

    /// Bytes that are escaped, or may start a character that is (0xE2).
    private static let special: [Bool] = (0..<256).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2
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
