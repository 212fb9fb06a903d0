import Foundation
import Testing
@testable import TrellisCore

/// Every folder in `Fixtures/invalid/` is a site with exactly the
/// diagnostics listed in its `expected.txt`.
@Suite struct InvalidFixtureTests {
    @Test func thereAreInvalidFixtures() {
        #expect(Fixtures.invalidCases.count >= 10)
    }

    @Test(arguments: Fixtures.invalidCases)
    func producesExactlyTheExpectedDiagnostics(name: String) throws {
        let expected = try Fixtures.expectedDiagnostics(name)
        #expect(!expected.isEmpty, "expected.txt of \(name) lists nothing")
        let content = Fixtures.invalid(name)
        let directory = TemporaryDirectory()
        let result = build(content, output: directory.sub("out"), write: false)
        let withColumn = expected.contains { $0.column != nil }
        let actual = result.diagnostics.map { diagnostic in
            ExpectedDiagnostic(diagnostic, contentRoot: content, withColumn: withColumn && expected.contains {
                $0.id == diagnostic.id.rawValue && $0.column != nil
            })
        }
        #expect(actual.allSatisfy { $0 != nil }, "a diagnostic has no location:\n\(summary(result.diagnostics))")
        #expect(actual.compactMap { $0 }.sorted { $0.description < $1.description } == expected.sorted { $0.description < $1.description },
                "\n\(summary(result.diagnostics))")
        #expect(result.succeeded == !expected.contains { $0.severity == .error })
    }

    @Test(arguments: Fixtures.invalidCases)
    func failedBuildWritesNothing(name: String) throws {
        let expected = try Fixtures.expectedDiagnostics(name)
        guard expected.contains(where: { $0.severity == .error }) else { return }
        let directory = TemporaryDirectory()
        let output = directory.sub("out")
        let result = build(Fixtures.invalid(name), output: output, write: true)
        #expect(!result.succeeded)
        #expect(result.filesWritten == 0)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}

/// Findings whose message or hint matters, beyond id and place.
@Suite struct DiagnosticDetailTests {
    private func diagnostics(_ name: String) -> [Diagnostic] {
        let directory = TemporaryDirectory()
        return build(Fixtures.invalid(name), output: directory.sub("out"), write: false).diagnostics
    }

    @Test func unknownTypeSuggestsTheClosestType() throws {
        let diagnostic = try #require(diagnostics("unknown-type").first { $0.id == "unknown-type" })
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.hint?.contains("did you mean") == true)
        #expect(diagnostic.hint?.contains("collaboration") == true)
        #expect(diagnostic.message.contains("colaboration"))
    }

    @Test func unknownPhaseSuggestsAPhase() throws {
        let diagnostic = try #require(diagnostics("unknown-phase").first { $0.id == "unknown-phase" })
        #expect(diagnostic.hint == "did you mean 'work'?")
    }

    @Test func unknownSectionNamesTheHeading() throws {
        let diagnostic = try #require(diagnostics("unknown-section").first { $0.id == "unknown-section" })
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message.contains("Costs"))
        #expect(diagnostic.location?.column == 1)
    }

    @Test func missingSectionNamesTheSection() throws {
        let diagnostic = try #require(diagnostics("missing-required-section").first { $0.id == "missing-section" })
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("Benefits"))
        #expect(diagnostic.hint?.contains("## Benefits") == true)
    }

    @Test func badIDSuggestsAName() throws {
        let diagnostic = try #require(diagnostics("bad-id").first { $0.id == "bad-id" })
        #expect(diagnostic.hint?.contains("my-practice") == true)
    }

    @Test func unknownFrontMatterKeySuggestsTheKnownOne() throws {
        let diagnostic = try #require(diagnostics("missing-title").first { $0.id == "unknown-key" })
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.hint == "did you mean 'title'?")
    }

    @Test func unknownCountrySaysWhatToWrite() throws {
        let diagnostic = try #require(diagnostics("unknown-country").first { $0.id == "unknown-country" })
        #expect(diagnostic.message.contains("Atlantis"))
        #expect(diagnostic.hint != nil)
    }

    @Test func brokenLinkNamesTheTarget() throws {
        let diagnostic = try #require(diagnostics("broken-link").first { $0.id == "broken-link" })
        #expect(diagnostic.message.contains("practices/missing.md"))
    }

    @Test func yamlErrorLineIsTheFileLine() throws {
        // The error is on line 2 of the YAML, which is line 3 of the file.
        let diagnostic = try #require(diagnostics("yaml-syntax").first)
        #expect(diagnostic.id == "yaml-syntax")
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.hint != nil)
    }

    @Test func diagnosticDescriptionIsEditorFriendly() {
        let diagnostic = Diagnostic.error("broken-link", at: SourceLocation(path: "content/pages/a.md", line: 7, column: 5),
                                          "oops", hint: "fix it")
        #expect(diagnostic.description == "content/pages/a.md:7:5: error: oops [broken-link]\n  hint: fix it")
    }

    @Test func sortedForDisplay() {
        let a = Diagnostic.warning("x", at: SourceLocation(path: "b.md", line: 2), "w")
        let b = Diagnostic.error("y", at: SourceLocation(path: "a.md", line: 9), "e")
        let c = Diagnostic.error("z", at: SourceLocation(path: "b.md", line: 1), "e")
        let d = Diagnostic.error("n", at: nil, "no place")
        #expect([a, b, c, d].sortedForDisplay().map(\.id.rawValue) == ["n", "y", "z", "x"])
        #expect([a, b].hasErrors)
        #expect(![a].hasErrors)
        #expect([a, b, c].errorCount == 2)
        #expect([a, b, c].warningCount == 1)
    }
}
