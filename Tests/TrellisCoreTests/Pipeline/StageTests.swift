import Foundation
import Testing

@testable import TrellisCore

/// The stages run one way: the theme is loaded before parsing (its ids are
/// reserved for heading anchors), and the cache reports in the result.
@Suite struct StageTests {
    @Test func idsOfAnOverrideTemplateAreReserved() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        let templates = directory.sub("templates")
        try writeSite(content, ["site.yml": "title: T\n", "pages/about.md": "---\ntitle: About\n---\n\n## Sidebar\n\nText.\n"])
        try writeSite(templates, ["page.mustache": "<aside id=\"sidebar\">Hi</aside>\n<h1>{{title}}</h1>\n{{{html}}}\n"])
        let result = Pipeline.run(BuildOptions(content: content, output: directory.sub("output"), templates: templates))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        #expect(result.stages.map(\.name).prefix(3) == ["discover", "theme", "parse"])
        let page = try readText(directory.sub("output/pages/about.html"))
        #expect(page.contains("<aside id=\"sidebar\">"))
        #expect(
            page.contains("<h2 id=\"sidebar-1\"><a class=\"self-link\" href=\"#sidebar-1\">Sidebar</a></h2>"),
            "the heading must not take the template's id")
    }

    @Test func parseFiguresAreInTheResult() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let cache = ParseCache()
        let options = BuildOptions(content: content, output: "", templates: noTemplates, write: false)
        let first = Pipeline.run(options, cache: cache)
        #expect(first.parse.full)
        #expect(first.parse.changed.count == 6)
        let second = Pipeline.run(options, cache: cache)
        #expect(!second.parse.full)
        #expect(second.parse.changed.isEmpty)
        try "---\ntitle: About us\n---\n\nNew text.\n".write(toFile: "\(content)/pages/about.md", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(content)/practices/good-practice.md")
        let third = Pipeline.run(options, cache: cache)
        #expect(third.parse.changed == ["pages/about.md", "practices/good-practice.md"])
    }

    @Test func missingContentStopsAfterDiscovery() {
        let result = Pipeline.run(BuildOptions(content: "/nonexistent/trellis", output: "", templates: noTemplates, write: false))
        #expect(result.diagnostics.map(\.id) == ["missing-content"])
        #expect(result.stages.map(\.name) == ["discover"])
    }
}
