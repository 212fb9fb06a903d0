/// Licences written as authors write them (`CC BY 4.0`, `CC0`, `MIT`),
/// and the absolute URL that names each for search engines and OER
/// repositories.
public enum License {
    /// The licence's URL, or nil when Trellis does not know the licence.
    public static func url(for text: String) -> String? {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://") { return trimmed }
        // "CC BY-SA 4.0", "cc-by-sa-4.0", "CC BY SA 4.0 International" → ["cc", "by", "sa", "4.0"]
        var words: [String] = []
        for part in trimmed.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" || $0 == "/" }) {
            let word = String(part)
            if word == "international" || word == "licence" || word == "license" { continue }
            words.append(word)
        }
        guard let first = words.first else { return nil }
        let version = words.last { $0.first?.isNumber == true }
        switch first {
        case "cc0":
            return "https://creativecommons.org/publicdomain/zero/1.0/"
        case "cc":
            if words.count >= 2, words[1] == "0" || words[1] == "zero" { return "https://creativecommons.org/publicdomain/zero/1.0/" }
            let elements = words.dropFirst().filter { ["by", "sa", "nc", "nd"].contains($0) }
            guard elements.first == "by" else { return nil }
            let known = ["by", "by-sa", "by-nc", "by-nd", "by-nc-sa", "by-nc-nd"]
            let kind = elements.joined(separator: "-")
            guard known.contains(kind) else { return nil }
            let v = version ?? "4.0"
            guard ["1.0", "2.0", "2.5", "3.0", "4.0"].contains(v) else { return nil }
            return "https://creativecommons.org/licenses/\(kind)/\(v)/"
        case "mit":
            return "https://opensource.org/licenses/MIT"
        case "apache":
            return "https://www.apache.org/licenses/LICENSE-2.0"
        case "bsd":
            return words.contains("2") || words.contains("2.0")
                ? "https://opensource.org/licenses/BSD-2-Clause" : "https://opensource.org/licenses/BSD-3-Clause"
        case "gpl", "gnu":
            let rest = words.dropFirst(first == "gnu" ? 1 : 0)
            let v = (version ?? "3").hasPrefix("2") ? "2.0" : "3.0"
            if rest.first == "fdl" || rest.first == "gfdl" { return "https://www.gnu.org/licenses/fdl-1.3.html" }
            if rest.first == "lgpl" { return "https://www.gnu.org/licenses/lgpl-3.0.html" }
            return v == "2.0" ? "https://www.gnu.org/licenses/old-licenses/gpl-2.0.html" : "https://www.gnu.org/licenses/gpl-3.0.html"
        case "gfdl", "fdl":
            return "https://www.gnu.org/licenses/fdl-1.3.html"
        case "lgpl":
            return "https://www.gnu.org/licenses/lgpl-3.0.html"
        default:
            return nil
        }
    }
}
