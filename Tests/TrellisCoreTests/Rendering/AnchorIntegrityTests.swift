import Foundation
import Testing

@testable import TrellisCore

/// Every `id="…"` value in an HTML text, in order.
func elementIDs(in html: String) -> [String] {
    var ids: [String] = []
    var rest = html[...]
    while let start = rest.range(of: " id=\"") {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { break }
        ids.append(String(rest[..<end]))
        rest = rest[end...]
    }
    return ids
}

@Suite struct AnchorIntegrityTests {
    @Test(arguments: ["minimal", "rich", "multilingual"])
    func idsAreUniqueOnEveryPage(fixture: String) throws {
        let site = BuiltSite(fixture)
        #expect(!site.htmlFiles.isEmpty)
        for file in site.htmlFiles {
            let ids = elementIDs(in: try site.text(file))
            let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "\(file) repeats ids \(repeated)")
        }
    }

    @Test(arguments: ["minimal", "rich", "multilingual"])
    func fragmentsPointToExistingIDs(fixture: String) throws {
        let site = BuiltSite(fixture)
        var idsByPage: [String: Set<String>] = [:]
        for file in site.htmlFiles { idsByPage[file] = Set(elementIDs(in: try site.text(file))) }
        var checked = 0
        for file in site.htmlFiles {
            let folder = (file as NSString).deletingLastPathComponent
            for url in linkTargets(in: try site.text(file)) where !isExternal(url) {
                guard let hash = url.firstIndex(of: "#") else { continue }
                let fragment = String(url[url.index(after: hash)...]).removingPercentEncoding ?? ""
                let path = String(url[..<hash])
                let root = "/trellis-site-root/"
                let target =
                    path.isEmpty
                    ? file
                    : String(URL(fileURLWithPath: root + (folder.isEmpty ? "" : folder + "/") + path).standardizedFileURL.path.dropFirst(root.count))
                guard let ids = idsByPage[target] else { continue }
                checked += 1
                #expect(ids.contains(fragment), "\(url) in \(file): no id '\(fragment)' in \(target)")
            }
        }
        #expect(checked > 0)
    }

    /// Author headings must not take ids the theme uses on the same page.
    @Test func headingsDoNotCollideWithThemeIDs() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let module = "\(content)/modules/intro-module/module.md"
        try (readText(module) + "\n## Outcomes\n\nA.\n\n## Handbooks\n\nPrint them.\n\n## Site search\n\nType.\n")
            .write(toFile: module, atomically: false, encoding: .utf8)
        let output = directory.sub("out")
        #expect(build(content, output: output).succeeded)
        let ids = elementIDs(in: try readText("\(output)/modules/intro-module/index.html"))
        #expect(ids.contains("outcomes-1"))
        #expect(ids.filter { $0 == "outcomes" }.count == 1)
        #expect(ids.filter { $0 == "handbooks" }.count == 1)
        #expect(ids.filter { $0 == "site-search" }.count == 1)
    }
}
