import Testing
@testable import Markdown

@Suite struct ScratchTests {
    @Test func scratch() {
        let doc = MarkdownParser.parse("# Hi *there*\n\n> [!NOTE]\n> Be careful\n\n> [!FACILITATOR]\n> secret\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee[^1] [x](../a.md) <b>raw</b>\n\n[^1]: foot\n", options: .init(lineOffset: 3)) { d, _ in d.hasSuffix(".md") ? "REWRITTEN" : nil }
        for b in doc.blocks { print(b.kind, b.line, b.html) }
        print(doc.footnotesHTML ?? "", doc.links, doc.notices)
        #expect(doc.blocks.count == 5)
    }
}
