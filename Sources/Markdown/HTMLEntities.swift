/// Character references as the HTML tokenizer reads them inside attribute
/// values (WHATWG HTML §13.2.5.72–80: character reference, named, ambiguous
/// ampersand, numeric, hexadecimal and decimal states, numeric end).
///
/// A value decoded here is the value the browser sees, so it can be checked
/// and then written back escaped, and it means the same.
enum HTMLEntities {
    /// One reference read at `start` (the `&`).
    struct Reference {
        /// What it stands for; empty when it was left as written.
        var scalars: [Unicode.Scalar]
        /// The index after the last character consumed.
        var end: Int
    }

    /// The longest name in the table, `;` included.
    static let longestName = 32

    /// Name (with its `;` when it has one) → the text it stands for.
    static let named: [String: String] = {
        var table: [String: String] = [:]
        table.reserveCapacity(2_300)
        for line in namedTable.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2 else { continue }
            var value = ""
            for hex in parts.dropFirst() {
                if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                    value.unicodeScalars.append(scalar)
                }
            }
            table[String(parts[0])] = value
        }
        return table
    }()

    /// Windows-1252 code points that numeric references in 0x80…0x9F stand
    /// for (the numeric character reference end state's table).
    static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D,
        0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
        0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// The outcome of reading a character reference at `start` (an `&`)
    /// inside an attribute value.
    enum Outcome {
        /// Decoded to `scalars`; continue at `end`.
        case decoded([Unicode.Scalar], end: Int)
        /// `&` followed by letters or digits that HTML leaves as written: a
        /// name not in the table, or a legacy name without `;` followed by
        /// `=` or a letter or digit (kept for old query strings). The `&`
        /// is literal; continue after it.
        case undecoded
        /// A lone `&` (not followed by a name or `#`): literal.
        case literal
    }

    static func read(_ input: [Unicode.Scalar], at start: Int, inAttribute: Bool = true) -> Outcome {
        let next = start + 1
        guard next < input.count else { return .literal }
        if input[next] == "#" { return numeric(input, at: start) }
        guard isASCIIAlphanumeric(input[next]) else { return .literal }

        // Named character reference state: the longest name in the table
        // that the following characters begin with.
        var candidate: [Unicode.Scalar] = []
        var index = next
        while index < input.count, candidate.count < longestName, isASCIIAlphanumeric(input[index]) {
            candidate.append(input[index])
            index += 1
        }
        if index < input.count, input[index] == ";", candidate.count < longestName { candidate.append(";") }
        var length = candidate.count
        while length > 0 {
            var name = ""
            name.unicodeScalars.append(contentsOf: candidate[0..<length])
            if let value = named[name] {
                let end = next + length
                if candidate[length - 1] != ";", inAttribute, end < input.count,
                    input[end] == "=" || isASCIIAlphanumeric(input[end])
                {
                    // "For historical reasons": `&copy=` in a query string stays as written.
                    return .undecoded
                }
                return .decoded(Array(value.unicodeScalars), end: end)
            }
            length -= 1
        }
        return .undecoded
    }

    /// Numeric character reference state and its followers: decimal or
    /// hexadecimal digits, any number of leading zeros, `;` optional.
    private static func numeric(_ input: [Unicode.Scalar], at start: Int) -> Outcome {
        var index = start + 2
        var hex = false
        if index < input.count, input[index] == "x" || input[index] == "X" {
            hex = true
            index += 1
        }
        let firstDigit = index
        var value: UInt32 = 0
        var overflow = false
        while index < input.count, let digit = digitValue(input[index], hex: hex) {
            if !overflow {
                value = value * (hex ? 16 : 10) + digit
                if value > 0x10FFFF { overflow = true }
            }
            index += 1
        }
        // Absence of digits: `&#` or `&#x` stays as written.
        guard index > firstDigit else { return .literal }
        if index < input.count, input[index] == ";" { index += 1 }
        return .decoded([scalar(forReference: overflow ? 0x110000 : value)], end: index)
    }

    /// The numeric character reference end state.
    static func scalar(forReference value: UInt32) -> Unicode.Scalar {
        let replacement: Unicode.Scalar = "\u{FFFD}"
        if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return replacement }
        if let mapped = windows1252[value] { return Unicode.Scalar(mapped) ?? replacement }
        return Unicode.Scalar(value) ?? replacement
    }

    private static func digitValue(_ scalar: Unicode.Scalar, hex: Bool) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: return scalar.value - 0x30
        case 0x41...0x46 where hex: return scalar.value - 0x41 + 10
        case 0x61...0x66 where hex: return scalar.value - 0x61 + 10
        default: return nil
        }
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }
}
