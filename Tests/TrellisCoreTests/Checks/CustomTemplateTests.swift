import Foundation
import Testing

@testable import TrellisCore

/// SPEC 4.2: a template in site.yml replaces the built-in one; practices
/// are validated against it and pages follow its order.
@Suite struct CustomTemplateTests {
    private let siteYML = """
        title: Custom
        templates:
          practice:
            sections:
              - id: summary
                heading: Summary
                aliases: [Short description]
              - id: results
                heading: Results
              - id: contact
                heading: Contact person
                required: false
        """

    @Test func practicesFollowTheCustomTemplate() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(
            content,
            [
                "site.yml": siteYML,
                "practices/p.md":
                    "---\ntitle: P\ncountry: FI\n---\n\n## Results\n\nGreat results.\n\n## Short description:\n\nA summary.\n\n## Description\n\nBuilt-in heading.\n",
            ])
        let output = directory.sub("out")
        let result = build(content, output: output)
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        // "Description" is a built-in section but not one of this template's.
        #expect(result.diagnostics.map { "\($0.id) \($0.location?.line ?? 0)" } == ["unknown-section 14"])
        let practice = try #require(result.site?.practice("p"))
        #expect(practice.sections.map(\.template.id) == ["summary", "results", "contact"])
        #expect(practice.sections.map { $0.content != nil } == [true, true, false])
        let html = try readText("\(output)/practices/p.html")
        let summaryAt = try #require(html.range(of: "A summary."))
        let resultsAt = try #require(html.range(of: "Great results."))
        let extraAt = try #require(html.range(of: "Built-in heading."))
        #expect(summaryAt.lowerBound < resultsAt.lowerBound)
        #expect(resultsAt.lowerBound < extraAt.lowerBound)
        #expect(html.contains(">Summary</a></h2>"))
    }

    @Test func missingCustomRequiredSection() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(
            content,
            [
                "site.yml": siteYML,
                "practices/p.md": "---\ntitle: P\ncountry: FI\n---\n\n## Summary\n\nA summary.\n",
            ])
        let result = build(content, output: directory.sub("out"), write: false)
        let found = result.diagnostics.map { "\($0.severity.rawValue) \($0.id) \($0.location?.line ?? 0)" }
        #expect(found == ["error missing-section 5"])
        #expect(result.diagnostics.first?.message.contains("Results") == true)
    }

    @Test func emptyRequiredSection() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(
            content,
            [
                "site.yml": siteYML,
                "practices/p.md": "---\ntitle: P\ncountry: FI\n---\n\n## Summary\n\n## Results\n\nR.\n",
            ])
        let result = build(content, output: directory.sub("out"), write: false)
        #expect(result.diagnostics.map { "\($0.id) \($0.location?.line ?? 0)" } == ["empty-section 6"])
    }
}
