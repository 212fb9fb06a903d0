/// Where a generated page lives in `output/`. Pages mirror the content
/// folder's depth (`practices/x.md` → `practices/x.html`), so relative links
/// to media written by authors keep working, and every link ends in a file name.
public enum Route: Sendable, Hashable {
    case home
    case moduleList
    /// Page `n` of the module list (page 1 is ``moduleList``).
    case moduleListPage(Int)
    case module(String)
    /// Page `n` of every good practice related to a module (when its page
    /// shows only the first): `modules/<id>/index.practices.html`, then
    /// `index.practices.2.html`; no task id contains a dot.
    case relatedPractices(module: String, page: Int)
    case task(module: String, task: String)
    case catalogue
    /// Page `n` of the catalogue's cards (page 1 is ``catalogue``). Page `n`
    /// of `x.html` is always `x.n.html`: no segment contains a dot, so it
    /// can never be another page's path.
    case cataloguePage(Int)
    case practice(String)
    case page(String)
    case notFound
    /// A static page listing the practices of one country, sector or tag.
    case facet(Facet, String)
    /// Page `n` of a facet value's cards (page 1 is ``facet(_:_:)``).
    case facetPage(Facet, String, Int)
    case asset(String)
    case file(String)

    /// Path inside `output/`, with `/` separators. Every part that comes
    /// from content passes ``OutputPath/segment(_:)``.
    public var path: String {
        let segment = OutputPath.segmentOrPlaceholder
        return switch self {
        case .home: "index.html"
        case .moduleList: "modules/index.html"
        case .module(let id): Self.joined("modules/", segment(id), "/index.html")
        case .relatedPractices(let module, let n): "modules/\(segment(module))/index.practices\(n <= 1 ? "" : ".\(n)").html"
        case .task(let module, let task): Self.joined("modules/", segment(module), "/", segment(task), ".html")
        case .catalogue: "practices/index.html"
        case .cataloguePage(let n): n <= 1 ? Route.catalogue.path : "practices/index.\(n).html"
        case .moduleListPage(let n): n <= 1 ? Route.moduleList.path : "modules/index.\(n).html"
        case .practice(let id): Self.joined("practices/", segment(id), ".html")
        case .page(let id): "pages/\(segment(id)).html"
        case .notFound: "404.html"
        case .facet(let facet, let value): Self.joined("practices/", facet.rawValue, "/", segment(value), ".html")
        case .facetPage(let facet, let value, let n):
            n <= 1 ? Route.facet(facet, value).path : "practices/\(facet.rawValue)/\(segment(value)).\(n).html"
        case .asset(let name): Self.joined("assets/", name)
        case .file(let path): path
        }
    }

    /// The pieces of a path in one string, made at its size: pages ask for
    /// paths by the hundred thousand (every link is one), and an
    /// interpolation grows its buffer on the way.
    private static func joined(_ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "") -> String {
        var path = ""
        path.reserveCapacity(a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count)
        path += a
        path += b
        path += c
        path += d
        path += e
        return path
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
        // On bytes (every page has dozens of links): the folders both paths
        // share are their longest common prefix that ends in "/".
        let slash = UInt8(ascii: "/")
        var shared = 0  // bytes of that prefix
        var sharedFolders = 0
        var fromFolders = 0
        var matching = true
        var target = to.utf8.makeIterator()
        var offset = 0
        for byte in from.utf8 {
            if byte == slash { fromFolders += 1 }
            guard matching else { continue }
            guard target.next() == byte else {
                matching = false
                continue
            }
            offset += 1
            if byte == slash {
                sharedFolders += 1
                shared = offset
            }
        }
        let ups = fromFolders - sharedFolders
        if ups == 0 && shared == 0 { return to }
        let rest = to.utf8.count - shared
        var url = ""
        url.reserveCapacity(3 * ups + rest)
        for _ in 0..<ups { url += "../" }
        url += to[to.utf8.index(to.utf8.startIndex, offsetBy: shared)...]
        return url
    }

    /// `../../` for a page two folders deep: the way back to the site root.
    public static func root(from path: String) -> String {
        let depth = path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        return String(repeating: "../", count: depth)
    }
}
