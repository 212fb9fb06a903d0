import Foundation
import Testing

@testable import TrellisCore

/// Every template, built-in or override, is checked against the view it
/// renders when the theme loads: a misspelt field is a warning at its line.
@Suite struct TemplateCheckTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func load(_ files: [String: String]) throws -> [Diagnostic] {
        let directory = TemporaryDirectory()
        try writeSite(directory.path, files)
        return Theme.load(overrides: directory.path, displayDirectory: "templates").1
    }

    @Test func builtInTemplatesUseOnlyTheirViewsFields() {
        let (theme, diagnostics) = Theme.load(overrides: nil, displayDirectory: "templates")
        #expect(theme != nil)
        #expect(diagnostics.isEmpty, "\(summary(diagnostics))")
    }

    @Test func typoInAnOverrideIsAWarningAtItsLine() throws {
        let diagnostics = try load(["module.mustache": "<article>\n<h1>{{title}}</h1>\n<p>{{titel}} and {{{overviewHTML}}}</p>\n</article>\n"])
        #expect(diagnostics.count == 1, "\(summary(diagnostics))")
        let warning = try #require(diagnostics.first)
        #expect(warning.id == "template-unknown-field")
        #expect(warning.severity == .warning)
        #expect(warning.location == SourceLocation(path: "templates/module.mustache", line: 3, column: 4))
        #expect(warning.hint == "did you mean 'title'?")
    }

    @Test func listPositionsAreNotFieldsAndASharedPartialIsReportedOnce() throws {
        // The card is included by the catalogue, facet, module and related pages.
        let diagnostics = try load([
            "practice-card.mustache":
                "<li>{{titel}}{{#tags}}{{#first()}}: {{/first()}}{{.}}{{^last()}}, {{/last()}} {{index()}}{{/tags}}</li>\n"
        ])
        #expect(diagnostics.count == 1, "\(summary(diagnostics))")
        #expect(diagnostics.first?.location == SourceLocation(path: "templates/practice-card.mustache", line: 1, column: 5))
    }

    @Test func sectionsOpenTheirViewAndNamesPassOutward() throws {
        let diagnostics = try load([
            "module.mustache": """
            {{#facts}}{{label}} {{value}} {{title}}{{/facts}}
            {{#facts}}{{lable}}{{/facts}}
            {{#phases}}{{#tasks}}{{#badges}}{{meaning}} {{summary}}{{/badges}}{{/tasks}}{{/phases}}
            {{^empty(outcomes)}}{{#outcomes}}{{text}}{{/outcomes}}{{/empty(outcomes)}}
            {{#coverage}}{{#rows}}{{#cells}}{{covered}}{{/cells}}{{/rows}}{{/coverage}}
            {{#handbooks}}{{.}}{{/handbooks}}{{^handbooks}}{{nothing}}{{/handbooks}}
            {{! a comment with {{titel}} is not checked }}
            """
        ])
        let found = diagnostics.map { "\($0.location?.line ?? 0):\($0.message.prefix(while: { $0 != " " }))" }
        #expect(found == ["2:'lable'", "6:'nothing'"], "\(summary(diagnostics))")
    }

    @Test func partialsAreCheckedWhereTheyAreIncluded() throws {
        let diagnostics = try load(["practice-card.mustache": "<li>{{title}} {{countryName}}</li>\n"])
        #expect(
            diagnostics.contains {
                $0.id == "template-unknown-field" && $0.location?.path == "templates/practice-card.mustache" && $0.location?.line == 1
            },
            "\(summary(diagnostics))")
        #expect(diagnostics.allSatisfy { $0.location?.path == "templates/practice-card.mustache" })
    }

    /// The field lookups are generated from ViewModels.swift; the committed
    /// file must be what the generator writes now.
    @Test func generatedLookupsAreUpToDate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/generate-view-lookups", "--check"]
        process.currentDirectoryURL = Self.repository
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }

    /// Every stored field of a view model can be read by name: the lookup
    /// and Mirror agree on a real view.
    @Test func lookupsAgreeWithMirror() throws {
        let view = LinkView(title: "T", href: "h", current: true)
        for child in Mirror(reflecting: view).children {
            let label = try #require(child.label)
            #expect(LinkView.templateFields.keys.contains(label), "\(label)")
            if case .none = view.value(named: label) { Issue.record("'\(label)' cannot be read by name") }
        }
        #expect(Mirror(reflecting: view).children.count == LinkView.templateFields.count)
    }
}
