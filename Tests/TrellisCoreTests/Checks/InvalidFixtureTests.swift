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
            ExpectedDiagnostic(
                diagnostic, contentRoot: content,
                withColumn: withColumn
                    && expected.contains {
                        $0.id == diagnostic.id.rawValue && $0.column != nil
                    })
        }
        #expect(actual.allSatisfy { $0 != nil }, "a diagnostic has no location:\n\(summary(result.diagnostics))")
        #expect(
            actual.compactMap { $0 }.sorted { $0.description < $1.description } == expected.sorted { $0.description < $1.description },
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

    // "Did you mean" where a one-letter slip would otherwise leave the author guessing.

    @Test func brokenLinkSuggestsTheFileWithTheClosestName() throws {
        let found = diagnostics("link-typo").filter { $0.id == "broken-link" }
        let practice = try #require(found.first { $0.message.contains("samtalk.md") })
        #expect(practice.hint == "did you mean '../../practices/sammtalk.md'?")
        let task = try #require(found.first { $0.message.contains("02-secnd.md") })
        #expect(task.hint == "did you mean '02-second.md'?")
    }

    @Test func brokenLinkWithNothingCloseKeepsTheGeneralHint() throws {
        let diagnostic = try #require(diagnostics("broken-link").first { $0.id == "broken-link" })
        #expect(diagnostic.hint == "check the file name; paths are relative to this file")
    }

    @Test func taskHeadingInstructionSuggestsInstructions() throws {
        let diagnostic = try #require(diagnostics("task-heading-typo").first { $0.id == "missing-instructions" })
        #expect(diagnostic.location?.line == 8)
        #expect(diagnostic.message.contains("'## Instruction'"))
        #expect(diagnostic.hint == "did you mean '## Instructions'? rename the heading")
    }

    @Test func practiceHeadingBenefitSuggestsBenefits() throws {
        let found = diagnostics("practice-heading-typo")
        let unknown = try #require(found.first { $0.id == "unknown-section" })
        #expect(unknown.hint == "did you mean '## Benefits'?")
        let missing = try #require(found.first { $0.id == "missing-section" })
        #expect(missing.location?.line == 14)
        #expect(missing.hint == "did you mean '## Benefits'? rename the heading '## Benefit'")
    }

    @Test func unknownOutcomeListsTheModulesFewOutcomes() throws {
        let diagnostic = try #require(diagnostics("unknown-outcome").first { $0.id == "unknown-outcome" })
        #expect(diagnostic.hint == "did you mean 'lo1'? the module's outcomes are: lo1")
    }

    // YAML mistakes in plain words, at the place where the author must act.

    private func yamlError(_ name: String) throws -> Diagnostic {
        let found = diagnostics(name)
        #expect(found.count == 1, "\(found)")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.id == "yaml-syntax")
        #expect(!diagnostic.message.contains("while parsing"), "jargon: \(diagnostic.message)")
        #expect(!diagnostic.message.contains("while scanning"), "jargon: \(diagnostic.message)")
        #expect(!diagnostic.message.contains("indicator"), "jargon: \(diagnostic.message)")
        return diagnostic
    }

    @Test func yamlTabSaysTabsAreNotAllowed() throws {
        let diagnostic = try yamlError("yaml-tab")
        #expect(diagnostic.location?.line == 4)
        #expect(diagnostic.location?.column == 1)
        #expect(diagnostic.message == "this line is indented with a tab; YAML allows only spaces for indentation")
        #expect(diagnostic.hint?.contains("replace the tab with spaces") == true)
    }

    @Test func yamlMissingSpaceAfterColon() throws {
        let diagnostic = try yamlError("yaml-missing-space")
        // Reported on the line of 'title:Intro', not on the next line where the reader gave up.
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 7)
        #expect(diagnostic.message == "'title:Intro' needs a space after the colon to be read as the key 'title'")
        #expect(diagnostic.hint == "write 'title: Intro'")
    }

    @Test func yamlUnclosedQuotePointsAtTheQuote() throws {
        let diagnostic = try yamlError("yaml-unclosed-quote")
        // The line where the quote was opened, not the end of the front matter.
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 8)
        #expect(diagnostic.message == "the quote \" opened here is never closed")
        #expect(diagnostic.hint?.hasPrefix("end the value with \" on the same line: title: \"Sammtalk\"") == true)
    }

    @Test func yamlUnclosedBracketPointsAtTheBracket() throws {
        let diagnostic = try yamlError("yaml-unclosed-bracket")
        #expect(diagnostic.location?.line == 4)
        #expect(diagnostic.location?.column == 7)
        #expect(diagnostic.message == "the '[' opened here is never closed")
        #expect(diagnostic.hint == "end the list with ']' on the same line: tags: [video-chat, pdca]")
    }

    @Test func yamlListItemAtTheWrongDepth() throws {
        let diagnostic = try yamlError("yaml-list-depth")
        #expect(diagnostic.location?.line == 8)
        #expect(diagnostic.location?.column == 4)
        #expect(diagnostic.message == "this list item starts in column 4, but the item on line 5 starts in column 3")
        #expect(diagnostic.hint?.contains("same column (column 3 here)") == true)
    }

    @Test func yamlColonInAValueSaysQuoteIt() throws {
        let diagnostic = try yamlError("yaml-colon-in-value")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 8)
        #expect(diagnostic.message == "the value of 'title' contains ': ', which YAML reads as the start of another key")
        #expect(diagnostic.hint == "put the value in quotes: title: \"Module: an intro\"")
    }

    @Test func diagnosticDescriptionIsEditorFriendly() {
        let diagnostic = Diagnostic.error(
            "broken-link", at: SourceLocation(path: "content/pages/a.md", line: 7, column: 5),
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
