import Foundation
import Testing

@testable import TrellisCore

/// The front matter is read while the body waits for cmark's inline pass
/// (or after it): what a document reports does not depend on which.
@Suite struct DocumentParserTests {
    let parser = DocumentParser(
        config: SiteConfig(title: "Test"), links: LinkResolver(routes: [:], allFiles: []), contentDirectory: "/nonexistent")
    let page = DocumentSource(kind: .page("p"), file: SourceFile(relativePath: "pages/p.md", displayPath: "content/pages/p.md"))
    /// A body with two warnings of its own: a second level-1 heading and an image without alternative text.
    let body = "\n# A second title\n\n![](media/photo.png)\n"

    func parse(_ text: String) -> (ParsedDocument?, [Diagnostic]) {
        parser.parse(page, bytes: Array(text.utf8))
    }

    /// A front matter that cannot be read is the document's one finding:
    /// the body's warnings are not reported with it, as when the body was
    /// parsed only after the front matter.
    @Test func aFrontMatterErrorIsReportedAlone() {
        let (document, diagnostics) = parse("---\ntitle: Sammtalk: a call\n---\n" + body)
        #expect(document == nil)
        #expect(diagnostics.map(\.id.rawValue) == ["yaml-syntax"], "\(diagnostics)")
    }

    /// No front matter at all: one error, and nothing from the body.
    @Test func aMissingFrontMatterIsReportedAlone() {
        let (document, diagnostics) = parse("Just text.\n" + body)
        #expect(document == nil)
        #expect(diagnostics.map(\.id.rawValue) == ["missing-front-matter"], "\(diagnostics)")
    }

    /// A readable document reports, in order, what decoding found, what the
    /// body's Markdown found, then what its fields found.
    @Test func findingsComeInTheOrderOfTheStages() {
        let (document, diagnostics) = parse("---\ntitle: P\ncolour: red\n---\n" + body.replacingOccurrences(of: "A second", with: "A\u{7}second"))
        #expect(document != nil)
        #expect(
            diagnostics.map(\.id.rawValue) == ["control-character", "missing-alt", "heading-level-1", "unknown-key"], "\(diagnostics)")
    }
}
