import Foundation
import Testing

@testable import TrellisCore

/// A slip in the `## Facilitator notes` heading must not show the notes to
/// participants, and free pages' notes stay out of the search index.
@Suite struct FacilitatorHeadingTests {
    @Test func nearMissesAreFacilitatorOnlyWithAWarning() throws {
        #expect(ModuleTask.facilitatorHeadingMatch("Facilitator notes") == .exact)
        #expect(ModuleTask.facilitatorHeadingMatch("Facilitator note") == .near)
        #expect(ModuleTask.facilitatorHeadingMatch("Facilitators notes") == .near)
        #expect(ModuleTask.facilitatorHeadingMatch("Facilitator nots:") == .near)
        #expect(ModuleTask.facilitatorHeadingMatch("Facilitation") == .none)
        #expect(ModuleTask.facilitatorHeadingMatch("Notes") == .none)

        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        let output = directory.sub("output")
        try writeSite(
            content,
            [
                "site.yml": "title: T\n",
                "modules/m/module.md": "---\ntitle: M\nsummary: S.\n---\n\nOverview.\n",
                "modules/m/01-t.md":
                    "---\ntitle: T\ntype: reflection\n---\n\n## Instructions\n\nGo.\n\n## Facilitator note\n\nSecret-task-hint for the facilitator.\n",
                "pages/guide.md": "---\ntitle: Guide\n---\n\nPublic text.\n\n## Facilitator notes\n\nSecret-page-hint for the facilitator.\n",
            ])
        let result = build(content, output: output)
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let warnings = result.diagnostics.filter { $0.id == "facilitator-heading" }
        #expect(warnings.map { $0.location?.line } == [10], "\(summary(result.diagnostics))")
        let participant = try readText("\(output)/handbooks/m-participant.html")
        #expect(!participant.contains("Secret-task-hint"))
        #expect(try readText("\(output)/handbooks/m-facilitator.html").contains("Secret-task-hint"))
        let search = try searchIndexText(output)
        #expect(!search.contains("Secret-task-hint") && !search.contains("Secret-page-hint"))
        #expect(search.contains("Public text"))
        let page = try readText("\(output)/pages/guide.html")
        #expect(page.contains("<details class=\"facilitator\">"))
    }

    /// Excerpts (the feed, a participant handbook's related practices) never
    /// carry a `[!FACILITATOR]` block of the text they are cut from.
    @Test func facilitatorBlocksStayOutOfExcerpts() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        let output = directory.sub("output")
        let sections = ["Description", "Who is involved?", "Benefits", "Challenges and how they were overcome", "Step by step implementation"]
        let body = sections.enumerated().map { index, heading in
            index == 0
                ? "## \(heading)\n\n> [!FACILITATOR]\n> Secret-practice-hint for the facilitator.\n\nPublic description.\n"
                : "## \(heading)\n\nText.\n"
        }.joined(separator: "\n")
        try writeSite(
            content,
            [
                "site.yml": "title: T\n",
                "practices/p.md": "---\ntitle: P\ncountry: FI\nmodules: [m]\n---\n\n" + body,
                "modules/m/module.md": "---\ntitle: M\nsummary: S.\n---\n\nOverview.\n",
                "modules/m/01-t.md": "---\ntitle: T\ntype: reflection\n---\n\n## Instructions\n\nGo.\n",
            ])
        let result = build(content, output: output)
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        #expect(try readText("\(output)/handbooks/m-participant.html").contains("Public description."))
        for path in ["feed.xml", "handbooks/m-participant.html"] {
            #expect(try !readText("\(output)/\(path)").contains("Secret-practice-hint"), "\(path)")
        }
        // On the site the block is shown collapsed; the page's metadata must not carry it.
        let page = try readText("\(output)/practices/p.html")
        #expect(!(page.components(separatedBy: "application/ld+json").last ?? "").contains("Secret-practice-hint"))
    }
}
