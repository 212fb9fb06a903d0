/// Where a generated page lives in `output/`. Pages mirror the content
/// folder's depth (`practices/x.md` → `practices/x.html`), so relative links
/// to media written by authors keep working, and every link ends in a file name.
public enum Route: Sendable, Hashable {
    case home
    case moduleList
    case module(String)
    case task(module: String, task: String)
    case catalogue
    case practice(String)
    case page(String)
    case notFound
    /// A static page listing the practices of one country, sector or tag.
    case facet(Facet, String)
    case asset(String)
    case file(String)

    /// Path inside `output/`, with `/` separators. Every part that comes
    /// from content passes ``OutputPath/segment(_:)``.
    public var path: String {
        let segment = OutputPath.segmentOrPlaceholder
        return switch self {
        case .home: "index.html"
        case .moduleList: "modules/index.html"
        case .module(let id): "modules/\(segment(id))/index.html"
        case .task(let module, let task): "modules/\(segment(module))/\(segment(task)).html"
        case .catalogue: "practices/index.html"
        case .practice(let id): "practices/\(segment(id)).html"
        case .page(let id): "pages/\(segment(id)).html"
        case .notFound: "404.html"
        case .facet(let facet, let value): "practices/\(facet.rawValue)/\(segment(value)).html"
        case .asset(let name): "assets/\(name)"
        case .file(let path): path
        }
    }
}

/// The dimensions the catalogue is browsed by.
public enum Facet: String, Sendable, Hashable, CaseIterable {
    case country, sector, tag

    public var title: String {
        switch self {
        case .country: "Country"
        case .sector: "Sector"
        case .tag: "Tag"
        }
    }
}

/// Relative URLs between files of the output tree.
public enum RelativeURL {
    /// The URL that leads from the page at `from` to the file at `to`
    /// (both output paths), e.g. `../practices/sammtalk.html`.
    public static func from(_ from: String, to: String) -> String {
        let fromParts = from.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        let toParts = to.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < fromParts.count, common < toParts.count - 1,
            fromParts[fromParts.startIndex + common] == toParts[common]
        {
            common += 1
        }
        let ups = fromParts.count - common
        var url = String(repeating: "../", count: ups)
        url += toParts[common...].joined(separator: "/")
        return url
    }

    /// `../../` for a page two folders deep: the way back to the site root.
    public static func root(from path: String) -> String {
        let depth = path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        return String(repeating: "../", count: depth)
    }
}
