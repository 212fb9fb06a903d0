import Foundation
import Synchronization
import Testing

@testable import TrellisCore

/// One plan of every output, made once after checking: collisions are
/// errors before anything is written, and an output that cannot be made is
/// a failure value, never a file in its place.
@Suite struct OutputPlanTests {
    static func renderer(_ fixture: String = "minimal") throws -> SiteRenderer {
        let result = Pipeline.run(BuildOptions(content: Fixtures.content(fixture), output: "", templates: noTemplates, write: false))
        let site = try #require(result.site)
        let theme = try #require(result.theme)
        return SiteRenderer(site: site, theme: theme)
    }

    @Test func planListsEveryFileTheBuildWrites() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("output")
        #expect(build(Fixtures.content("rich"), output: output).succeeded)
        let written = Set(snapshot(output).keys).subtracting([OutputWriter.marker])
        let plan = try Self.renderer("rich").plan()
        #expect(Set(plan.paths) == written)
        #expect(plan.collisions.isEmpty)
        // Pages say what they are made from, so the preview re-renders only those.
        let practice = try #require(plan.outputs.first { $0.path.hasPrefix("practices/") && $0.sources != nil && $0.sources?.isEmpty == false })
        #expect(practice.sources?.contains { $0.hasSuffix(".md") } == true)
        #expect(plan["practices/index.html"]?.sources == nil)
    }

    /// The kinds are planned on two threads and the data files last (they
    /// wait for the search index), but the plan keeps the render order:
    /// handbooks first, then the search index with the other data files,
    /// then the pages, the catalogue's list after every practice page.
    @Test func planKeepsTheRenderOrderOfTheKinds() throws {
        let paths = try Self.renderer("rich").plan().outputs.map(\.path)
        func first(_ test: (String) -> Bool) throws -> Int {
            let index = paths.firstIndex(where: test)
            return try #require(index)
        }
        func last(_ test: (String) -> Bool) throws -> Int {
            let index = paths.lastIndex(where: test)
            return try #require(index)
        }
        let handbooks = try last { $0.hasPrefix("handbooks/") }
        let search = try first { $0.hasPrefix("assets/search/") }
        let searchEnd = try last { $0.hasPrefix("assets/search/") }
        let csv = try first { $0 == "catalogue.csv" }
        let home = try first { $0 == "index.html" }
        let practices = try last { $0.hasPrefix("practices/") && $0.hasSuffix(".html") && !$0.hasPrefix("practices/index.") }
        let catalogue = try first { $0 == "practices/index.html" }
        #expect(handbooks < search)
        #expect(searchEnd < csv)
        #expect(csv < home)
        #expect(practices < catalogue)
    }

    @Test func twoOutputsOnOnePathAreAnError() throws {
        let origin = SourceLocation(path: "content/practices/b.md")
        let plan = OutputPlan([
            PlannedOutput(
                "practices/x.html", "the practice page", sources: [], origin: SourceLocation(path: "content/practices/a.md"),
                make: .file(Artifact(path: "practices/x.html", content: .text("a")))),
            PlannedOutput(
                "practices/x.html", "a tag page", sources: [], origin: origin, make: .file(Artifact(path: "practices/x.html", content: .text("b")))),
            PlannedOutput("practices/y.html", "the practice page", sources: [], make: .file(Artifact(path: "practices/y.html", content: .text("c")))),
        ])
        #expect(plan.paths == ["practices/x.html", "practices/y.html"])
        #expect(plan.collisions.count == 1)
        let collision = try #require(plan.collisions.first)
        #expect(collision.id == "output-collision")
        #expect(collision.severity == .error)
        #expect(collision.location == origin)
        #expect(collision.message.contains("content/practices/a.md"))
    }

    @Test func aFailedOutputIsAValueNotAFile() throws {
        let renderer = try Self.renderer()
        let plan = OutputPlan([
            PlannedOutput(
                "handbooks/x.epub", "the e-book", sources: nil,
                make: .render { _ throws(RenderFailure) in
                    throw RenderFailure(path: "handbooks/x.epub", reason: .epub("the archive could not be packed"))
                }),
            PlannedOutput("a.html", "a page", sources: nil, make: .file(Artifact(path: "a.html", content: .text("a")))),
        ])
        let written = Mutex<[String]>([])
        let failures = try renderer.renderEach(plan: plan) { artifact throws(OutputError) in written.withLock { $0.append(artifact.path) } }
        #expect(written.withLock { $0 } == ["a.html"])
        #expect(failures.map(\.path) == ["handbooks/x.epub"])
        #expect(failures.first?.reason == .epub("the archive could not be packed"))
        #expect(failures.first?.diagnostic.severity == .error)
        #expect(failures.first?.diagnostic.message.contains("handbooks/x.epub") == true)
    }
}
