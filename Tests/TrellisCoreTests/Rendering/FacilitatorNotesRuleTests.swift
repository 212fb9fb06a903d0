import Foundation
import Testing

@testable import TrellisCore

/// `## Facilitator notes` is for facilitators only in task files and in
/// module.md; the authoring guide states that rule once, as the program does.
@Suite struct FacilitatorNotesRuleTests {
    @Test func moduleFacilitatorNotesAreFacilitatorOnly() throws {
        let directory = TemporaryDirectory()
        try writeSite(
            directory.sub("content"),
            [
                "site.yml": "title: F\n",
                "modules/m/module.md":
                    "---\ntitle: M\nsummary: S\n---\n\n## Overview\n\nFor everyone.\n\n## Facilitator notes\n\nZanzibarword only for facilitators.\n",
                "modules/m/01-t.md": "---\ntitle: T\ntype: reflection\n---\n\n## Instructions\n\nDo it.\n",
            ])
        let result = build(directory.sub("content"), output: directory.sub("out"))
        #expect(result.diagnostics.isEmpty, "\n\(summary(result.diagnostics))")
        let page = try readText(directory.sub("out/modules/m/index.html"))
        #expect(page.contains("<details class=\"facilitator\">"))
        #expect(page.contains("(for facilitators only)"))
        #expect(try readText(directory.sub("out/handbooks/m-facilitator.html")).contains("Zanzibarword"))
        #expect(!(try readText(directory.sub("out/handbooks/m-participant.html")).contains("Zanzibarword")))
        #expect(!(try searchIndexText(directory.sub("out")).lowercased().contains("zanzibarword")))
    }

    @Test func theAuthoringGuideStatesOneRule() throws {
        let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/authoring.md").path
        let text = try readText(guide)
        #expect(text.components(separatedBy: "#### What is for facilitators only").count == 2, "the rule is stated once")
        // The old contradiction: section 6 said "ordinary heading" in module.md, section 14 said facilitator-only.
        #expect(!text.contains("in `module.md` it is an ordinary heading"))
        #expect(!text.contains("`## Facilitator notes` only has its meaning in task files"))
        #expect(text.contains("`## Facilitator notes` in a task file, in\n  `module.md` or in a free page** is for facilitators only"))
    }
}
