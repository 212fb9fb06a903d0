import Foundation
import Testing

@testable import TrellisCore

/// The minimal fixture built once per test into a temporary folder.
struct BuiltSite {
    let directory: TemporaryDirectory
    let output: String
    let result: BuildResult

    init(_ fixture: String = "minimal") {
        let directory = TemporaryDirectory()
        self.directory = directory
        output = directory.sub("out")
        result = build(Fixtures.content(fixture), output: output)
    }

    // These keep the temporary folder alive while they read it: a
    // `BuiltSite(…).output` alone would let it be removed at once.
    func text(_ path: String) throws -> String { try withExtendedLifetime(directory) { try readText("\(output)/\(path)") } }

    func data(_ path: String) -> Data? { withExtendedLifetime(directory) { FileManager.default.contents(atPath: "\(output)/\(path)") } }

    func exists(_ path: String) -> Bool { withExtendedLifetime(directory) { FileManager.default.fileExists(atPath: "\(output)/\(path)") } }

    /// Every file written, as paths inside the output folder.
    var files: [String] { withExtendedLifetime(directory) { snapshot(output).keys.sorted() } }

    var htmlFiles: [String] { files.filter { $0.hasSuffix(".html") } }
}

/// Every `href="…"` and `src="…"` value in an HTML text.
func linkTargets(in html: String) -> [String] {
    var out: [String] = []
    for attribute in ["href=\"", "src=\""] {
        var rest = html[...]
        while let start = rest.range(of: attribute) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            out.append(String(rest[..<end]))
            rest = rest[end...]
        }
    }
    return out
}

/// True for URLs with a scheme (`https:`, `mailto:`) or protocol-relative ones.
func isExternal(_ url: String) -> Bool {
    url.hasPrefix("//") || url.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
}

/// `href` with `&amp;` decoded, without fragment or query.
func pathPart(_ url: String) -> String {
    var path = Substring(url.replacingOccurrences(of: "&amp;", with: "&"))
    if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
    if let query = path.firstIndex(of: "?") { path = path[..<query] }
    return String(path)
}

@Suite struct SiteOutputTests {
    @Test func minimalSiteBuildsCleanly() {
        let site = BuiltSite()
        #expect(site.result.succeeded)
        #expect(site.result.diagnostics.isEmpty, "\(summary(site.result.diagnostics))")
        #expect(site.result.outputError == nil)
        #expect(site.result.filesWritten > 0)
    }

    @Test(arguments: [
        "index.html", "modules/index.html", "modules/intro-module/index.html",
        "modules/intro-module/meet-each-other.html", "modules/intro-module/compare-schools.html",
        "practices/index.html", "practices/good-practice.html", "pages/about.html", "404.html",
        "assets/trellis.css", ".trellis-output", "modules/intro-module/media/diagram.svg",
    ])
    func expectedFileExists(path: String) {
        #expect(BuiltSite().exists(path), "\(path) missing")
    }

    @Test func taskPagesDropTheNumberPrefix() {
        let files = BuiltSite().files
        #expect(!files.contains { $0.contains("01-") || $0.contains("02-") })
        #expect(!files.contains { $0.hasSuffix(".md") })
    }

    @Test func mediaIsCopiedByteForByte() throws {
        let site = BuiltSite()
        let original = FileManager.default.contents(atPath: Fixtures.content("minimal") + "/modules/intro-module/media/diagram.svg")
        #expect(original != nil)
        #expect(site.data("modules/intro-module/media/diagram.svg") == original)
    }

    @Test(arguments: ["minimal", "rich", "multilingual"])
    func relativeLinksEndInAFileName(fixture: String) throws {
        let site = BuiltSite(fixture)
        #expect(site.result.succeeded, "\(summary(site.result.diagnostics))")
        var checked = 0
        for file in site.htmlFiles {
            for url in linkTargets(in: try site.text(file)) where !isExternal(url) {
                checked += 1
                #expect(!url.isEmpty, "empty link in \(file)")
                #expect(!url.hasPrefix("/"), "absolute path \(url) in \(file)")
                if url.hasPrefix("#") { continue }
                let path = pathPart(url)
                #expect(!path.hasSuffix("/"), "\(url) in \(file) ends with '/'")
                let name = (path as NSString).lastPathComponent
                let ext = (name as NSString).pathExtension
                #expect(
                    !ext.isEmpty && ext.allSatisfy { $0.isLetter || $0.isNumber } && name.count > ext.count + 1,
                    "\(url) in \(file) does not end in a file name")
                if !url.contains("/media/") && !url.hasPrefix("media/") {
                    #expect(["html", "css", "js", "json", "csv", "xml", "epub", "pdf"].contains(ext), "\(url) in \(file)")
                }
            }
        }
        #expect(checked > 50)
    }

    @Test(arguments: ["minimal", "rich", "multilingual"])
    func relativeLinksPointToGeneratedFiles(fixture: String) throws {
        let site = BuiltSite(fixture)
        #expect(!site.htmlFiles.isEmpty)
        for file in site.htmlFiles {
            let folder = (file as NSString).deletingLastPathComponent
            for url in linkTargets(in: try site.text(file)) where !isExternal(url) && !url.hasPrefix("#") {
                let path = pathPart(url).removingPercentEncoding ?? pathPart(url)
                let root = "/trellis-site-root/"
                let target = URL(fileURLWithPath: root + (folder.isEmpty ? "" : folder + "/") + path).standardizedFileURL.path
                #expect(target.hasPrefix(root), "\(url) in \(file) leaves the site")
                #expect(site.exists(String(target.dropFirst(root.count))), "\(url) in \(file) leads nowhere")
            }
        }
    }

    @Test(arguments: ["minimal", "rich", "multilingual"])
    func nothingIsFetchedFromAnotherHost(fixture: String) throws {
        let site = BuiltSite(fixture)
        for file in site.htmlFiles {
            let html = try site.text(file)
            var rest = html[...]
            while let start = rest.range(of: "src=\"") {
                rest = rest[start.upperBound...]
                let url = String(rest.prefix { $0 != "\"" })
                #expect(!isExternal(url), "\(file) loads \(url)")
            }
            #expect(!html.contains("rel=\"stylesheet\" href=\"http"), "\(file) loads a remote stylesheet")
        }
    }

    @Test(arguments: ["minimal", "rich", "multilingual"])
    func noPlaceholdersOrMarkdownLinksLeft(fixture: String) throws {
        let site = BuiltSite(fixture)
        #expect(!site.htmlFiles.isEmpty)
        for file in site.htmlFiles {
            let html = try site.text(file)
            #expect(!html.contains("trellis-link:"), "\(file)")
            #expect(!linkTargets(in: html).contains { pathPart($0).hasSuffix(".md") }, "\(file)")
        }
    }

    @Test func markdownLinksAreRewrittenRelativeToThePage() throws {
        let site = BuiltSite()
        let about = try site.text("pages/about.html")
        #expect(about.contains("href=\"../practices/good-practice.html\""))
        #expect(about.contains("href=\"../modules/intro-module/meet-each-other.html\""))
        let task = try site.text("modules/intro-module/meet-each-other.html")
        #expect(task.contains("href=\"../../practices/good-practice.html#benefits\""))
        #expect(task.contains("href=\"compare-schools.html\""))
        let module = try site.text("modules/intro-module/index.html")
        #expect(module.contains("href=\"meet-each-other.html\""))
        #expect(module.contains("href=\"../../practices/good-practice.html\""))
        #expect(module.contains("src=\"media/diagram.svg\""))
        let home = try site.text("index.html")
        #expect(home.contains("href=\"pages/about.html\""))
    }

    @Test func stylesheetLinkedRelativelyAtEveryDepth() throws {
        let site = BuiltSite()
        #expect(try site.text("index.html").contains("href=\"assets/trellis.css\""))
        #expect(try site.text("pages/about.html").contains("href=\"../assets/trellis.css\""))
        #expect(try site.text("modules/intro-module/compare-schools.html").contains("href=\"../../assets/trellis.css\""))
    }

    @Test func facilitatorNotesAreInsideDetails() throws {
        let html = try BuiltSite().text("modules/intro-module/meet-each-other.html")
        for secret in ["Secret hint for facilitators only.", "Post your own video first as a model."] {
            let position = try #require(html.range(of: secret), "\(secret) missing")
            let before = html[..<position.lowerBound]
            let open = try #require(before.range(of: "<details class=\"facilitator\">", options: .backwards), "\(secret) not in details")
            #expect(!html[open.upperBound..<position.lowerBound].contains("</details>"), "\(secret) is after the details closed")
            #expect(html[position.upperBound...].contains("</details>"))
        }
        #expect(!html.contains("[!FACILITATOR]"))
        #expect(!html.contains("<details class=\"facilitator\" open"))
    }

    @Test func instructionsAreNotHidden() throws {
        let html = try BuiltSite().text("modules/intro-module/meet-each-other.html")
        let instructions = try #require(html.range(of: "Record a short video."))
        let details = try #require(html.range(of: "<details class=\"facilitator\">"))
        #expect(instructions.lowerBound < details.lowerBound)
    }

    @Test func calloutsTablesAndTaskNavigation() throws {
        let site = BuiltSite()
        let second = try site.text("modules/intro-module/compare-schools.html")
        #expect(second.contains("callout callout-tip"))
        #expect(second.contains("<table>"))
        #expect(second.contains("href=\"meet-each-other.html\""))
        let first = try site.text("modules/intro-module/meet-each-other.html")
        #expect(first.contains("rel=\"next\""))
        #expect(!first.contains("rel=\"prev\""))
    }

    @Test func practicePageShowsTemplateSections() throws {
        let html = try BuiltSite().text("practices/good-practice.html")
        let headings = ["Description", "Who is involved?", "Benefits", "Challenges and how they were overcome", "Step by step implementation"]
        var last = html.startIndex
        for heading in headings {
            let range = try #require(
                html.range(of: ">\(escapeHTML(heading))</a></h2>", range: last..<html.endIndex), "\(heading) missing or out of order")
            last = range.upperBound
        }
        #expect(html.contains("Finland"))
        #expect(html.contains("id=\"benefits\""))
    }

    @Test func unknownSectionTextIsPublished() throws {
        let site = BuiltSite("invalid/unknown-section")
        #expect(site.result.succeeded, "\(summary(site.result.diagnostics))")
        #expect(site.result.diagnostics.map(\.id.rawValue) == ["unknown-section"])
        let html = try site.text("practices/with-costs.html")
        #expect(html.contains("Costs"))
        #expect(html.contains("About 200 euros for webcams per classroom."))
    }

    @Test func pageTitlesAndLanguage() throws {
        let site = BuiltSite()
        let about = try site.text("pages/about.html")
        #expect(about.contains("<html lang=\"en\">"))
        #expect(about.contains("<title>About – Minimal Trellis Site</title>"))
        #expect(try site.text("index.html").contains("<title>Minimal Trellis Site</title>"))
    }
}

private func escapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}
