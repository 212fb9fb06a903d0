import Foundation

/// "Did you mean …?" hints by edit distance.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    /// `maxDistance` overrides the usual limit (a third of the word's length, at least 2).
    public static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let target = Array(word.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        guard let best else { return nil }
        let limit = maxDistance ?? max(2, target.count / 3)
        return best.distance <= limit ? best.candidate : nil
    }

    /// For an unknown id among a few of a kind (a module's outcomes): the
    /// closest one, and every one when there are at most `listUpTo`;
    /// with more, only the closest, or `otherwise` when none is close.
    /// `did you mean 'lo1'? the module's outcomes are: lo1, lo3, lo5`
    public static func hint(for word: String, in candidates: [String], listUpTo limit: Int, label: String, otherwise: String) -> String {
        let guess = closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
        guard candidates.count <= limit else { return guess ?? otherwise }
        let list = "\(label): \(candidates.joined(separator: ", "))"
        return guess.map { "\($0) \(list)" } ?? list
    }

    /// A link destination with its last path component replaced by the
    /// closest existing file name in `names`, keeping any `#part`:
    /// `../../practices/samtalk.md` → `../../practices/sammtalk.md`.
    public static func link(_ destination: String, toClosestOf names: some Sequence<String>) -> String? {
        var path = Substring(destination)
        var tail = Substring("")
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            tail = path[cut...]
            path = path[..<cut]
        }
        let slash = path.lastIndex(of: "/")
        let name = slash.map { path[path.index(after: $0)...] } ?? path
        let decoded = String(name).removingPercentEncoding ?? String(name)
        guard !decoded.isEmpty, let match = closest(to: decoded, in: names.filter { $0 != decoded }) else { return nil }
        let head = slash.map { String(path[...$0]) } ?? ""
        return head + match + tail
    }

    /// A hint sentence: `did you mean 'x'?` or a list of what is allowed.
    public static func hint(for word: String, in candidates: [String]) -> String {
        if let match = closest(to: word, in: candidates) { return "did you mean '\(match)'?" }
        let shown = candidates.prefix(12).joined(separator: ", ")
        return "expected one of: \(shown)\(candidates.count > 12 ? ", …" : "")"
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
