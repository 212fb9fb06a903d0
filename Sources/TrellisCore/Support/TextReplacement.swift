/// Fast literal replacement on UTF-8 bytes, for the hot paths that rewrite
/// rendered HTML (heading levels, ids, link placeholders). One pass over
/// the text for any number of patterns; Foundation's `replacingOccurrences`
/// goes through UTF-16 and was most of the build time on large sites.
struct TextReplacement {
    private let patterns: [(from: [UInt8], to: [UInt8])]
    private let firstBytes: [Bool]

    init(_ pairs: [(String, String)]) {
        patterns = pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }.filter { !$0.from.isEmpty }
        var first = [Bool](repeating: false, count: 256)
        for pattern in patterns { first[Int(pattern.from[0])] = true }
        firstBytes = first
    }

    func apply(_ text: String) -> String {
        var source = text
        return source.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            var changed = false
            var copied = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if firstBytes[Int(byte)] {
                    var matched = false
                    for pattern in patterns where pattern.from.count <= count - index {
                        var equal = true
                        for offset in 1..<max(pattern.from.count, 1) where bytes[index + offset] != pattern.from[offset] {
                            equal = false
                            break
                        }
                        if equal && bytes[index] == pattern.from[0] {
                            if !changed {
                                output.reserveCapacity(count + count / 8)
                                changed = true
                            }
                            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                            output.append(contentsOf: pattern.to)
                            index += pattern.from.count
                            copied = index
                            matched = true
                            break
                        }
                    }
                    if matched { continue }
                }
                index += 1
            }
            guard changed else { return text }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
            return String(decoding: output, as: UTF8.self)
        }
    }
}

extension String {
    /// Replaces every occurrence of each pattern (earlier pairs win at a position).
    func replacingAll(_ pairs: [(String, String)]) -> String {
        TextReplacement(pairs).apply(self)
    }

    /// Calls `replace` for each `prefix` followed by decimal digits, with the
    /// number; the result replaces prefix and digits. Used for link placeholders.
    func replacingNumbered(_ prefix: String, _ replace: (Int) -> String) -> String {
        replacingMarked(prefix, until: { $0 < 0x30 || $0 > 0x39 }) { digits in replace(Int(digits) ?? -1) }
    }

    /// Calls `replace` for each `prefix` followed by text up to a `"`.
    func replacingQuoted(_ prefix: String, _ replace: (String) -> String) -> String {
        replacingMarked(prefix, until: { $0 == 0x22 }, replace)
    }

    private func replacingMarked(_ prefix: String, until stop: (UInt8) -> Bool, _ replace: (String) -> String) -> String {
        let marker = Array(prefix.utf8)
        var source = self
        return source.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            var changed = false
            var copied = 0
            var index = 0
            let count = bytes.count
            while index + marker.count <= count {
                if bytes[index] == marker[0] {
                    var equal = true
                    for offset in 1..<marker.count where bytes[index + offset] != marker[offset] {
                        equal = false
                        break
                    }
                    if equal {
                        var end = index + marker.count
                        while end < count, !stop(bytes[end]) { end += 1 }
                        if end > index + marker.count {
                            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + marker.count)..<end]), as: UTF8.self)
                            if !changed { output.reserveCapacity(count + 64); changed = true }
                            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                            output.append(contentsOf: replace(value).utf8)
                            index = end
                            copied = end
                            continue
                        }
                    }
                }
                index += 1
            }
            guard changed else { return self }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
            return String(decoding: output, as: UTF8.self)
        }
    }
}
