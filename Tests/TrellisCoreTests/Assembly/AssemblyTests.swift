import Foundation
import Testing

@testable import TrellisCore

@Suite struct AssemblyTests {
    private func site(_ content: String) throws -> (Site, [Diagnostic]) {
        let directory = TemporaryDirectory()
        let result = build(content, output: directory.sub("out"), write: false)
        return (try #require(result.site), result.diagnostics)
    }

    @Test func minimalSiteModel() throws {
        let (site, diagnostics) = try site(Fixtures.content("minimal"))
        #expect(diagnostics.isEmpty, "\(summary(diagnostics))")
        #expect(site.config.title == "Minimal Trellis Site")
        #expect(site.home?.title == "Welcome")
        let module = try #require(site.module("intro-module"))
        #expect(module.title == "Introduction Module")
        #expect(module.tasks.map(\.id) == ["meet-each-other", "compare-schools"])
        #expect(module.tasks.map(\.number) == [1, 2])
        #expect(module.outcomes.map(\.id) == ["lo1", "lo2"])
        #expect(module.phases.map(\.id) == ["start", "work"])
        #expect(module.citedBy == ["good-practice"])
        let practice = try #require(site.practice("good-practice"))
        #expect(practice.country?.code == "FI")
        #expect(practice.tags == ["video-chat", "exchange"])
        #expect(practice.year == 2024)
        #expect(practice.sections.map(\.template.id) == ["description", "involved", "benefits", "challenges", "implementation"])
        #expect(practice.sections.allSatisfy { $0.content != nil })
        #expect(practice.extraSections.isEmpty)
        #expect(practice.citedBy == ["intro-module"])
        #expect(site.pages.map(\.id) == ["about"])
    }

    @Test func taskFrontMatter() throws {
        let (site, _) = try site(Fixtures.content("minimal"))
        let task = try #require(site.module("intro-module")?.tasks.first)
        #expect(task.type?.value == "information-exchange")
        #expect(task.type?.location.line == 3)
        #expect(task.phase?.value == "start")
        #expect(task.complexity?.value == 1)
        #expect(task.outcomes.map(\.value) == ["lo1"])
        #expect(task.tools == ["Forum"])
        #expect(task.body.sections.compactMap(\.heading?.text) == ["Instructions", "Facilitator notes"])
        #expect(task.body.sections.first?.location.line == 13)
    }

    @Test func unknownSectionIsKept() throws {
        let (site, diagnostics) = try site(Fixtures.invalid("unknown-section"))
        #expect(!diagnostics.hasErrors)
        let practice = try #require(site.practices.first)
        #expect(practice.extraSections.map { $0.heading?.text } == ["Costs"])
        #expect(try practice.extraSections.first.map(practice.body.markdownReader())?.contains("About 200 euros") == true)
        #expect(practice.sections.allSatisfy { $0.content != nil })
    }

    @Test func sectionsFollowTemplateOrder() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(
            content,
            [
                "site.yml": "title: T\n",
                "practices/p.md": """
                ---
                title: P
                country: SE
                ---

                ## Step by step implementation

                Steps.

                ## Benefits:

                Good.

                ## Description

                What.

                ## Benefits

                Again.

                ## Who is involved? How were they motivated to participate?

                People.

                ## Challenges and how they were overcome

                Hard.
                """,
            ])
        let (site, diagnostics) = try site(content)
        let practice = try #require(site.practices.first)
        #expect(
            practice.sections.map { $0.content?.heading?.text } == [
                "Description", "Who is involved? How were they motivated to participate?", "Benefits:",
                "Challenges and how they were overcome", "Step by step implementation",
            ])
        #expect(diagnostics.map(\.id.rawValue) == ["repeated-section"])
        #expect(diagnostics.first?.location?.line == 18)
        #expect(practice.extraSections.count == 1)
    }
}
