/// Stable, readable anchors and ids from arbitrary text.
public enum Slug {
    /// Lowercases, keeps letters and digits of any script, turns runs of
    /// anything else into one hyphen. Empty input gives `fallback`.
    public static func make(_ text: String, fallback: String = "section") -> String {
        let out = text.utf8.allSatisfy({ $0 < 0x80 }) ? ascii(text) : scalars(text)
        return out.isEmpty ? fallback : out
    }

    /// The slug of any text, scalar by scalar ("" when nothing is kept).
    static func scalars(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                // Letters and digits are ASCII's only alphabetic and numeric scalars.
                switch UInt8(scalar.value) {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if pendingHyphen && !out.isEmpty { out.append("-") }
                    pendingHyphen = false
                    out.unicodeScalars.append(scalar)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if pendingHyphen && !out.isEmpty { out.append("-") }
                    pendingHyphen = false
                    out.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value) + 32))
                default:
                    pendingHyphen = true
                }
                continue
            }
            let props = scalar.properties
            if props.isAlphabetic || props.numericType != nil {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(contentsOf: props.lowercaseMapping.unicodeScalars)
            } else if props.generalCategory == .nonspacingMark, !out.isEmpty {
                continue
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}

extension Slug {
    /// ``make(_:fallback:)`` for ASCII text, written byte by byte.
    static func ascii(_ text: String) -> String {
        let bytes = text.utf8
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pendingHyphen = false
            for byte in bytes {
                let kept: UInt8
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): kept = byte
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): kept = byte + 32
                default:
                    pendingHyphen = true
                    continue
                }
                if pendingHyphen && count > 0 {
                    out[count] = UInt8(ascii: "-")
                    count += 1
                }
                pendingHyphen = false
                out[count] = kept
                count += 1
            }
            return count
        }
    }
}

/// Hands out anchors unique within one page: `intro`, `intro-1`, `intro-2`.
public struct AnchorSet: Sendable {
    /// Shared by every page (never copied); `used` holds this page's own.
    private let reserved: Set<String>
    private var used: Set<String> = []

    public init(reserved: Set<String> = []) { self.reserved = reserved }

    public mutating func claim(_ text: String) -> String {
        let base = Slug.make(text)
        var candidate = base
        var n = 0
        while reserved.contains(candidate) || used.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        used.insert(candidate)
        return candidate
    }
}
