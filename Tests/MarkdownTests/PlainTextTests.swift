import CCmarkGFM
import Foundation
import Testing

@testable import Markdown

/// A block's plain text is made again from its HTML when it is read, and kept
/// only where the HTML does not give it back; either way it is what cmark's
/// tree gives (``plainText(of:)``), which these tests check through a second,
/// independent parse.
@Suite("Plain text made again from HTML")
struct PlainTextTests {
    /// Each top-level block's plain text straight from cmark's tree.
    private func treeTexts(_ markdown: String) -> [String] {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in MarkdownParser.extensionNames {
            if let ext = cmark_find_syntax_extension(name) { _ = cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var source = markdown
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        // Through the parser's own finish: an inline pass of its own here cleared the extensions'
        // characters under the parses of other tests running at the same time.
        guard let root = MarkdownParser.finish(parser) else { return [] }
        defer { cmark_node_free(root) }
        var texts: [String] = []
        var node = cmark_node_first_child(root)
        while let current = node {
            if cmark_node_get_type(current) != CMARK_NODE_FOOTNOTE_DEFINITION { texts.append(plainText(of: current)) }
            node = cmark_node_next(current)
        }
        return texts
    }

    /// Common blocks: their text is never held twice.
    @Test(arguments: [
        "A plain paragraph.",
        "A paragraph\nwith a soft break and a hard one  \nafter it.",
        "Some *emphasis*, **strong**, `code` and ~~struck~~ text.",
        "Escapes: 5 < 6 & 7 > 3, \"quoted\" and 'single'.",
        "Entities written out: &amp; &lt; &copy; &#233;.",
        "A [link](https://example.org \"with a title\") and <https://example.org/auto>.",
        "An image ![the *alt* text](pic.png \"title\") in a line.",
        "- one\n- two *three*\n- four\n",
        "1. first\n\n   second paragraph\n2. next\n",
        "- outer\n  - inner one\n  - inner two\n- last\n",
        "- [ ] to do\n- [x] done\n",
        "> A quote\n> over two lines.\n>\n> And a second paragraph.",
        "```swift\nlet x = 1 < 2\n  indented\n```",
        "    indented code\n    more",
        "| a | b |\n|---|--:|\n| 1 | *2* |\n|   | x |\n",
        "Ünïcödé text — with “quotes” and an emoji 🌍.",
        "***",
        "<div>a raw block, left out</div>",
        "Inline <span>raw</span> HTML, left out.",
    ])
    func commonBlocksAreMadeAgain(markdown: String) {
        let document = MarkdownParser.parse(markdown)
        let expected = treeTexts(markdown)
        #expect(document.blocks.map(\.text) == expected)
        for block in document.blocks {
            #expect(!block.keepsText, "kept: \(block.text.debugDescription) from \(block.html.debugDescription)")
            #expect(block.withText { String(decoding: $0, as: UTF8.self) } == block.text)
        }
    }

    /// Blocks the HTML does not give back keep their text, so nothing reads
    /// a different text than before.
    @Test(arguments: [
        "A footnote reference.[^1]\n\n[^1]: The note.",
        "<div>raw block</div>",
        "Look: <img src=\"a.png\" alt=\"an alt\"> here.",
    ])
    func unusualBlocksKeepTheirText(markdown: String) {
        let document = MarkdownParser.parse(markdown, options: MarkdownOptions(unsafeHTML: true))
        #expect(document.blocks.map(\.text) == treeTexts(markdown))
        #expect(document.blocks.contains { $0.keepsText })
        for block in document.blocks { #expect(block.withText { String(decoding: $0, as: UTF8.self) } == block.text) }
    }

    /// The quick test never says no to a byte the text has: every ASCII
    /// byte it is for, in every kind of block, in safe and unsafe mode.
    @Test func theQuickTestNeverMissesAByteOfTheText() {
        let markdown = """
            # A heading: with a colon

            Replace this: a paragraph, *with* `code: x` and a [link: here](https://example.org).

            ![alt: text](pic.png) then text; and more! #hash @at

            - [ ] item: one
            - [x] item two?

            | a: | b |
            |---|---|
            | 1: | 2 |

            A note.[^1]

            Plain words only.

            <div>raw: block</div>

            [^1]: The note: here.
            """
        let bytes = Array("!#$%'()*+,-./0123456789:;=?@ABCZ[\\]^_`abcz{|}~".utf8)
        for options in [MarkdownOptions(), MarkdownOptions(unsafeHTML: true)] {
            let blocks = MarkdownParser.parse(markdown, options: options).blocks
            #expect(blocks.count > 6)
            for block in blocks {
                for byte in bytes where block.text.utf8.contains(byte) {
                    #expect(block.textMayContain(byte), "\(UnicodeScalar(byte)) in \(block.text.debugDescription)")
                }
            }
            #expect(blocks.contains { !$0.textMayContain(UInt8(ascii: ":")) })
        }
    }

    @Test func headingsShareTheirText() {
        let document = MarkdownParser.parse("## A *heading* & more")
        #expect(document.blocks.first?.text == "A heading & more")
        #expect(document.blocks.first?.keepsText == false)
    }

    @Test func prefixIsTheStartOfTheText() throws {
        let long = String(repeating: "word ", count: 200) + "end."
        let document = MarkdownParser.parse("- item *one*\n- " + long)
        let block = try #require(document.blocks.first)
        let prefix = block.textPrefix(10)
        #expect(prefix.utf8.count >= 10)
        #expect(block.text.hasPrefix(prefix.trimmingCharacters(in: .whitespaces)))
        #expect(block.hasText)
        let empty = MarkdownParser.parse("<!-- only a comment -->")
        #expect(empty.blocks.allSatisfy { !$0.hasText })
    }

    /// A start cut inside a character ends before it, never with U+FFFD.
    @Test func prefixEndsOnACharacter() throws {
        for filler in 0..<4 {
            let text = String(repeating: "a", count: 60 + filler) + String(repeating: "🌍é", count: 40)
            let block = try #require(MarkdownParser.parse(text).blocks.first)
            let prefix = block.textPrefix(60)
            #expect(!prefix.contains("\u{FFFD}"))
            #expect(text.hasPrefix(prefix))
            #expect(prefix.utf8.count >= 60)
        }
    }

    /// The start handed over as bytes is the start given as a String, for
    /// text made again, kept text and a heading's.
    @Test func prefixBytesAreThePrefix() throws {
        let markdown = "A *start* of a text that goes on for a while, longer than the start.\n\nA note.[^1]\n\n## A heading\n\n[^1]: Note."
        for block in MarkdownParser.parse(markdown).blocks {
            let bytes = block.withTextPrefix(8) { Array($0) }
            #expect(String(decoding: bytes, as: UTF8.self) == block.textPrefix(8))
            #expect(block.text.utf8.starts(with: bytes))
        }
    }

    @Test func shortTextIsItsOwnPrefix() throws {
        let block = try #require(MarkdownParser.parse("Short.").blocks.first)
        #expect(block.textPrefix(64) == "Short.")
    }
}
