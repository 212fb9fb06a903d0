import Foundation
import Testing

@testable import TrellisCore

@Suite struct PipelineTests {
    @Test func stagesRunInOrder() {
        let directory = TemporaryDirectory()
        let result = build(Fixtures.content("minimal"), output: directory.sub("out"))
        #expect(
            isSubsequence(["discover", "parse", "assemble", "check", "render", "write"], of: result.stages.map(\.name)),
            "\(result.stages.map(\.name))")
        #expect(result.stages.map(\.name).first == "discover")
    }

    @Test func checkStopsBeforeRender() {
        let directory = TemporaryDirectory()
        let result = build(Fixtures.content("minimal"), output: directory.sub("out"), write: false)
        #expect(result.succeeded)
        #expect(result.site != nil)
        let names = result.stages.map(\.name)
        #expect(isSubsequence(["discover", "parse", "assemble", "check"], of: names), "\(names)")
        #expect(!names.contains("render"))
        #expect(!names.contains("write"))
    }

    @Test func errorsStopBeforeRender() {
        let directory = TemporaryDirectory()
        let result = build(Fixtures.invalid("unknown-type"), output: directory.sub("out"))
        #expect(!result.stages.map(\.name).contains("render"))
        #expect(!result.stages.map(\.name).contains("write"))
    }

    @Test func progressIsReportedPerStage() {
        let directory = TemporaryDirectory()
        let names = LockedList()
        _ = Pipeline.run(BuildOptions(content: Fixtures.content("minimal"), output: directory.sub("out"), templates: noTemplates, write: false)) {
            report in
            names.append(report.name)
        }
        #expect(isSubsequence(["discover", "parse", "assemble", "check"], of: names.all), "\(names.all)")
        #expect(!names.all.contains("write"))
    }

    @Test func missingContentFolder() {
        let directory = TemporaryDirectory()
        let result = build(directory.sub("no-content"), output: directory.sub("out"))
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.id == "missing-content" })
        #expect(!FileManager.default.fileExists(atPath: directory.sub("out")))
    }

    @Test(arguments: ["minimal", "rich"])
    func buildingTwiceGivesIdenticalBytes(fixture: String) throws {
        let directory = TemporaryDirectory()
        let first = build(Fixtures.content(fixture), output: directory.sub("one"))
        let second = build(Fixtures.content(fixture), output: directory.sub("two"))
        #expect(first.succeeded && second.succeeded)
        let a = snapshot(directory.sub("one"))
        let b = snapshot(directory.sub("two"))
        #expect(a.count > 10)
        #expect(Set(a.keys) == Set(b.keys))
        for (path, bytes) in a {
            #expect(b[path] == bytes, "\(path) differs between builds")
        }
    }

    @Test func rebuildingInPlaceGivesIdenticalBytes() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("out")
        #expect(build(Fixtures.content("minimal"), output: output).succeeded)
        let before = snapshot(output)
        #expect(build(Fixtures.content("minimal"), output: output).succeeded)
        #expect(snapshot(output) == before)
    }

    @Test func contentPathWithTrailingSlashIsShownWithoutIt() throws {
        let directory = TemporaryDirectory()
        let content = Fixtures.invalid("unknown-type")
        let result = build(content + "/", output: directory.sub("out"), write: false)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.location?.path == content + "/modules/m/01-first-task.md")
    }

    @Test func unsafeHTMLSetting() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(
            content,
            [
                "site.yml": "title: T\nunsafe_html: true\n",
                "pages/raw.md": "---\ntitle: Raw\n---\n\nText with <kbd>Ctrl</kbd> and [x](javascript:alert(1)).\n",
            ])
        let result = build(content, output: directory.sub("out"))
        #expect(result.succeeded)
        #expect(result.diagnostics.map(\.id.rawValue) == ["unsafe-link"])
        let html = try readText(directory.sub("out") + "/pages/raw.html")
        #expect(html.contains("<kbd>Ctrl</kbd>"))
        #expect(!html.contains("javascript:"))
    }
}

/// True when `needles` appear in `haystack` in this order (not necessarily adjacent).
func isSubsequence(_ needles: [String], of haystack: [String]) -> Bool {
    var rest = haystack[...]
    for needle in needles {
        guard let index = rest.firstIndex(of: needle) else { return false }
        rest = rest[(index + 1)...]
    }
    return true
}

/// A list several threads may append to.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ item: String) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
