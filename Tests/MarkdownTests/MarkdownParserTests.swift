import Testing
@testable import Markdown

@Suite struct ScratchTests {
    @Test func scratch() {
        let inputs = [
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "~~gone~~ and www.example.com and https://x.org/a and - [x] done\n\n- [ ] todo\n- [x] done\n",
            "Text[^1].\n\n[^1]: The note.\n",
            "<title>x</title>\n\n<xmp>y</xmp> inline <b>bold</b> <!-- c -->\n",
            "<!-- only a comment -->\n\npara\n",
            "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1))\n",
            "> [!NOTE]\n> Be careful\n",
            "> [!TIP] inline\n> more\n",
            "- item\n\n  > [!FACILITATOR]\n  > secret\n",
            "> [!FOO]\n> x\n",
            "# Α Ωμέγα\n\n## Intro\n\n## Intro\n\n## Intro\n",
        ]
        for i in inputs {
            let doc = MarkdownParser.parse(i)
            print("=====", i.debugDescription)
            for b in doc.blocks { print(b.kind, b.line, b.endLine, b.html.debugDescription) }
            print("FOOT", doc.footnotesHTML.debugDescription, doc.links, doc.notices)
            let u = MarkdownParser.parse(i, options: .init(unsafeHTML: true))
            print("UNSAFE", u.blocks.map(\.html))
        }
        #expect(Bool(true))
    }
}
