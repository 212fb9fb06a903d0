/// Fast literal replacement on UTF-8 bytes (CSV quoting): one pass over the
/// text for any number of patterns; Foundation's `replacingOccurrences`
/// goes through UTF-16.
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
