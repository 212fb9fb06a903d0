import Foundation
import Testing

@testable import TrellisCore

/// A file in `templates/` replaces the built-in template of the same name.
@Suite struct ThemeOverrideTests {
    private func buildWithTemplates(_ files: [String: String]) throws -> (BuildResult, TemporaryDirectory) {
        let directory = TemporaryDirectory()
        let templates = directory.sub("templates")
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        try writeSite(templates, files)
        let result = Pipeline.run(
            BuildOptions(
                content: Fixtures.content("minimal"), output: directory.sub("out"),
                templates: templates, write: true))
        return (result, directory)
    }

    @Test func builtInThemeLoadsWithoutOverrides() throws {
        let (theme, diagnostics) = Theme.load(overrides: noTemplates, displayDirectory: "templates")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(loaded.overridden.isEmpty)
        #expect(!loaded.stylesheet.isEmpty)
    }

    @Test func pageTemplateAndStylesheetOverrides() throws {
        let (result, directory) = try buildWithTemplates([
            "page.mustache": "<div class=\"custom-page\"><h1>{{title}}</h1>{{{html}}}</div>\n",
            "trellis.css": "body { color: rebeccapurple; }\n",
        ])
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let about = try readText(directory.sub("out") + "/pages/about.html")
        #expect(about.contains("<div class=\"custom-page\"><h1>About</h1>"))
        #expect(about.contains("href=\"../practices/good-practice.html\""))
        #expect(try readText(directory.sub("out") + "/assets/trellis.css") == "body { color: rebeccapurple; }\n")
        // Other pages still use the built-in templates.
        #expect(!(try readText(directory.sub("out") + "/practices/good-practice.html")).contains("custom-page"))
    }

    @Test func brokenTemplateIsAnErrorAndNothingIsWritten() throws {
        let (result, directory) = try buildWithTemplates(["page.mustache": "<div>{{#title}}unclosed</div>\n"])
        #expect(!result.succeeded)
        let diagnostic = try #require(result.diagnostics.first { $0.id == "template-syntax" })
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.path == directory.sub("templates") + "/page.mustache")
        #expect(diagnostic.message == "the template cannot be read: a section is opened and never closed: {{#title}} at line 1 is never closed")
        #expect(diagnostic.hint == "close each {{#name}} or {{^name}} with {{/name}}")
        #expect(!FileManager.default.fileExists(atPath: directory.sub("out")))
    }

    /// Which tags do not pair up, named with their lines, for the message.
    @Test func unbalancedSectionsAreNamed() {
        #expect(Theme.unbalancedSection(in: "{{#a}}{{^b}}{{/b}}{{/a}}{{<layout}}{{$content}}x{{/content}}{{/layout}}") == nil)
        #expect(Theme.unbalancedSection(in: "x\n{{/a}}") == "{{/a}} at line 2 closes no section")
        #expect(
            Theme.unbalancedSection(in: "{{<layout}}\n{{$content}}\n{{/layout}}") == "{{/layout}} at line 3 closes {{$content}}, opened at line 2")
        #expect(Theme.unbalancedSection(in: "{{#a}}\n{{#b}}{{/b}}") == "{{#a}} at line 1 is never closed")
        // After a change of delimiters the scan would misread the tags: nothing is said.
        #expect(Theme.unbalancedSection(in: "{{=<% %>=}}<%#a%>") == nil)
    }

    /// swift-mustache's names for what it could not read become sentences, at
    /// the line and column of the author's file.
    @Test(arguments: [
        (
            "{{#sections}}\n<p>{{heading}}</p>\n{{/layout}}\n", 3,
            "a section is closed with another name than the one it was opened with: {{/layout}} at line 3 closes {{#sections}}, opened at line 1"
        ),
        (
            "{{^empty(x)}}\n{{#y}}\n{{/x}}\n", 3,
            "a section is closed with another name than the one it was opened with: {{/x}} at line 3 closes {{#y}}, opened at line 2"
        ),
        ("<h1>{{title</h1>\n", 1, "a tag is not finished"),
        ("{{=<% x %>=}}\n", 1, "a change of delimiters is not written as Mustache expects"),
    ])
    func templateSyntaxErrorsAreSentences(text: String, line: Int, message: String) throws {
        let (result, _) = try buildWithTemplates(["page.mustache": text])
        let diagnostic = try #require(result.diagnostics.first { $0.id == "template-syntax" })
        #expect(diagnostic.message == "the template cannot be read: " + message)
        #expect(diagnostic.location?.line == line)
        #expect(!diagnostic.message.contains("Incorrect") && diagnostic.hint?.isEmpty == false)
    }

    @Test func strayAndUnknownTemplateFilesAreWarnings() throws {
        let (result, directory) = try buildWithTemplates(["notes.txt": "x", "pgae.mustache": "{{title}}"])
        #expect(result.succeeded)
        let found = result.diagnostics.map { "\($0.severity.rawValue) \($0.id) \($0.location?.path ?? "")" }.sorted()
        #expect(
            found == [
                "warning stray-template \(directory.sub("templates"))/notes.txt",
                "warning unknown-template \(directory.sub("templates"))/pgae.mustache",
            ])
        let hint = result.diagnostics.first { $0.id == "unknown-template" }?.hint
        #expect(hint?.contains("page.mustache") == true)
    }
}
