/// Stable, readable anchors and ids from arbitrary text.
public enum Slug {
    /// Lowercases, keeps letters and digits of any script, turns runs of
    /// anything else into one hyphen. Empty input gives `fallback`.
    public static func make(_ text: String, fallback: String = "section") -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
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
        return out.isEmpty ? fallback : out
    }
}

/// Hands out anchors unique within one page: `intro`, `intro-1`, `intro-2`.
public struct AnchorSet: Sendable {
    private var used: Set<String>

    public init(reserved: Set<String> = []) { used = reserved }

    public mutating func claim(_ text: String) -> String {
        let base = Slug.make(text)
        var candidate = base
        var n = 0
        while used.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        used.insert(candidate)
        return candidate
    }
}
