import Foundation

/// Decides what a link destination in a document refers to: another site
/// (left alone) or a file of the content folder (checked, then rewritten
/// to the generated page).
struct LinkResolver: Sendable {
    let routes: [String: Route]
    let allFiles: Set<String>

    /// nil for links to other sites, in-page anchors and absolute paths.
    func resolve(_ destination: String, from file: SourceFile, isImage: Bool, at location: SourceLocation) -> ContentLink? {
        guard !destination.isEmpty, !Self.hasScheme(destination),
            !destination.hasPrefix("#"), !destination.hasPrefix("/")
        else { return nil }
        var path = Substring(destination)
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = path[..<hash]
        }
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        let decoded = String(path).removingPercentEncoding ?? String(path)
        var link = ContentLink(
            destination: destination, target: nil, route: nil, fragment: fragment,
            isImage: isImage, location: location, problem: nil)
        guard let target = Self.join(file.directory, decoded) else {
            link.problem = .outsideContent
            return link
        }
        link.target = target
        if let route = routes[target] {
            link.route = route
        } else {
            link.problem = allFiles.contains(target) ? .notPublished : .missing
        }
        return link
    }

    /// `scheme:` at the start (letters, digits, `+ - .`), as in `https:` or `mailto:`.
    static func hasScheme(_ url: String) -> Bool {
        var sawLetter = false
        for scalar in url.unicodeScalars {
            if scalar == ":" { return sawLetter }
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            if !sawLetter {
                guard isLetter else { return false }
                sawLetter = true
            } else if !(isLetter || ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == ".") {
                return false
            }
        }
        return false
    }

    /// `dir` + relative `path`, with `.` and `..` resolved; nil if it climbs above the root.
    static func join(_ dir: String, _ path: String) -> String? {
        var parts = dir.isEmpty ? [] : dir.split(separator: "/").map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
