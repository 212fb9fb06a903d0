import Dispatch
import Foundation
import Testing

@testable import Markdown

/// All the HTML of a document's top-level blocks, joined.
private func html(_ document: MarkdownDocument) -> String {
    document.blocks.map(\.html).joined()
}

private func parse(_ text: String, _ options: MarkdownOptions = MarkdownOptions()) -> MarkdownDocument {
    MarkdownParser.parse(text, options: options)
}

@Suite("GitHub extensions")
struct GFMExtensionTests {
    @Test func tables() {
        let document = parse("| a | b |\n|---|--:|\n| 1 | 2 |\n")
        #expect(document.blocks.count == 1)
        let output = html(document)
        #expect(output.contains("<table>"))
        #expect(output.contains("<th>a</th>"))
        #expect(output.contains("<td>1</td>"))
        #expect(output.contains("<td style=\"text-align: right\">2</td>"))
    }

    @Test func strikethrough() {
        #expect(html(parse("~~gone~~ kept\n")).contains("<del>gone</del> kept"))
    }

    @Test func autolinks() {
        let document = parse("Visit www.example.com or https://example.org/path today.\n")
        let output = html(document)
        #expect(output.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(output.contains("<a href=\"https://example.org/path\">https://example.org/path</a>"))
        #expect(document.links.map(\.destination) == ["http://www.example.com", "https://example.org/path"])
    }

    @Test func taskLists() {
        let output = html(parse("- [ ] todo\n- [x] done\n"))
        let items = output.components(separatedBy: "<li>").dropFirst()
        #expect(items.count == 2)
        let todo = items.first ?? ""
        let done = items.last ?? ""
        #expect(todo.contains("type=\"checkbox\"") && todo.contains("disabled") && !todo.contains("checked"))
        #expect(done.contains("type=\"checkbox\"") && done.contains("disabled") && done.contains("checked=\"\""))
        #expect(!output.contains("[ ]"))
        #expect(!output.contains("[x]"))
    }

    @Test func footnotesAreCollectedSeparately() throws {
        let document = parse("Text[^1].\n\n[^1]: The note.\n")
        // The definition is not a block of its own…
        #expect(document.blocks.count == 1)
        #expect(document.blocks[0].html.contains("href=\"#fn-1\""))
        // …but is rendered in footnotesHTML.
        let footnotes = try #require(document.footnotesHTML)
        #expect(footnotes.hasPrefix("<section class=\"footnotes\""))
        #expect(footnotes.contains("The note."))
        #expect(!html(document).contains("The note."))
    }

    @Test func noFootnotesGivesNil() {
        #expect(parse("Just text.\n").footnotesHTML == nil)
    }

    @Test func tagfilterEscapesDangerousTagsEvenWhenUnsafe() {
        let output = html(parse("<script>alert(1)</script>\n\nA <iframe src=x></iframe> b <em>ok</em>\n", MarkdownOptions(unsafeHTML: true)))
        #expect(!output.contains("<script>"))
        #expect(output.contains("&lt;script>"))
        #expect(!output.contains("<iframe"))
        #expect(output.contains("<em>ok</em>"))
    }
}

@Suite("Raw HTML and unsafe links")
struct SafetyTests {
    @Test func rawHTMLOmittedByDefaultWithNotice() {
        let document = parse("Some <b>bold</b> text.\n\n<div class=\"x\">block</div>\n")
        let output = html(document)
        #expect(!output.contains("<b>"))
        #expect(!output.contains("<div class=\"x\">"))
        let raw = document.notices.filter { $0.kind == .rawHTMLOmitted }
        #expect(raw.count == 3)
        #expect(raw.map(\.line) == [1, 1, 3])
        #expect(raw.first?.column == 6)
    }

    @Test func htmlCommentsGiveNoNotice() {
        let document = parse("<!-- a block comment -->\n\nText <!-- inline comment --> here.\n")
        #expect(document.notices.isEmpty)
        #expect(html(document).contains("Text"))
    }

    @Test func rawHTMLEmittedWhenUnsafe() {
        let document = parse("Some <b>bold</b> text.\n\n<div class=\"x\">block</div>\n", MarkdownOptions(unsafeHTML: true))
        let output = html(document)
        #expect(output.contains("<b>bold</b>"))
        #expect(output.contains("<div class=\"x\">block</div>"))
        #expect(document.notices.isEmpty)
    }

    @Test(arguments: [false, true])
    func javascriptLinksRemoved(unsafe: Bool) {
        let document = parse(
            "[x](javascript:alert(1)) and [y]( JavaScript:alert(2)) and [ok](https://example.org)\n",
            MarkdownOptions(unsafeHTML: unsafe))
        let output = html(document)
        #expect(!output.lowercased().contains("javascript:"))
        #expect(output.contains("<a href=\"https://example.org\">ok</a>"))
        let removed = document.notices.compactMap { notice -> String? in
            if case .unsafeLinkRemoved(let url) = notice.kind { return url }
            return nil
        }
        #expect(removed.count == 2)
        #expect(removed.first == "javascript:alert(1)")
    }

    @Test(arguments: [
        "<javascript:alert(1)>",  // autolink
        "[x][r]\n\n[r]: javascript:alert(1)",  // reference definition
        "![i](javascript:alert(1))",  // image
        "[x](jav&#x61;script:alert(1))",  // entity in the scheme
        "[x](javascript&colon;alert(1))",  // named entity for ':'
        "[x](<java\tscript:alert(1)>)",  // control character inside the scheme
        "[x](VBScript:msgbox(1))",
    ])
    func unsafeURLVariantsRemoved(text: String) {
        for unsafe in [false, true] {
            let document = parse(text + "\n", MarkdownOptions(unsafeHTML: unsafe))
            let output = html(document).lowercased()
            let attribute = output.range(of: #"(href|src)="[^"]*script:"#, options: .regularExpression)
            #expect(attribute == nil, "\(text) (unsafeHTML: \(unsafe)) → \(output)")
            #expect(document.notices.count { if case .unsafeLinkRemoved = $0.kind { true } else { false } } == 1)
        }
    }

    /// SPEC 5: "`javascript:` links are never emitted" — also not from raw HTML
    /// when unsafe HTML is on.
    @Test func javascriptInRawHTMLWhenUnsafe() {
        let output = html(parse("<a href=\"javascript:alert(1)\">x</a>\n", MarkdownOptions(unsafeHTML: true)))
        #expect(output.contains(">x</a>"))
        #expect(!output.contains("javascript:"))
    }

    @Test func unsafeLinkNotPassedToRewriteHook() {
        var seen: [String] = []
        _ = MarkdownParser.parse("[x](javascript:alert(1)) [y](page.md)\n") { link in
            seen.append(link.destination)
            return nil
        }
        #expect(seen == ["page.md"])
    }

    @Test func dataImagesAllowedButDataLinksRemoved() {
        let document = parse("![dot](data:image/png;base64,AAAA) [d](data:text/html,hi)\n")
        let output = html(document)
        #expect(output.contains("src=\"data:image/png;base64,AAAA\""))
        #expect(!output.contains("data:text/html"))
        #expect(document.notices.count == 1)
    }
}

@Suite("Alerts and facilitator blocks")
struct AlertTests {
    @Test(arguments: [
        ("NOTE", "note", "Note"), ("TIP", "tip", "Tip"), ("IMPORTANT", "important", "Important"),
        ("WARNING", "warning", "Warning"), ("CAUTION", "caution", "Caution"),
    ])
    func alertBecomesCallout(marker: String, kind: String, title: String) throws {
        let document = parse("> [!\(marker)]\n> Be careful here.\n")
        let block = try #require(document.blocks.first)
        #expect(document.blocks.count == 1)
        #expect(block.kind == .content)
        #expect(block.html.hasPrefix("<div class=\"callout callout-\(kind)\" role=\"note\">"))
        #expect(block.html.contains("<p class=\"callout-title\">\(title)</p>"))
        #expect(block.html.contains("Be careful here."))
        #expect(!block.html.contains("[!"))
        #expect(!block.html.contains("<blockquote>"))
        #expect(document.notices.isEmpty)
    }

    @Test func markerIsCaseInsensitiveAndTextOnSameLineKept() {
        let output = html(parse("> [!tip] Start early.\n> Then rest.\n"))
        #expect(output.contains("callout-tip"))
        #expect(output.contains("Start early."))
        #expect(output.contains("Then rest."))
        #expect(!output.contains("[!tip]"))
    }

    @Test func topLevelFacilitatorBlock() throws {
        let document = parse("Intro.\n\n> [!FACILITATOR]\n> Only for you.\n\nAfter.\n")
        #expect(document.blocks.count == 3)
        let block = document.blocks[1]
        #expect(block.kind == .facilitator)
        #expect(block.html.contains("Only for you."))
        #expect(!block.html.contains("[!FACILITATOR]"))
        #expect(!block.html.contains("<blockquote>"))
        #expect(block.line == 3)
        #expect(block.endLine == 4)
        #expect(document.notices.isEmpty)
    }

    @Test func nestedFacilitatorBlockGivesNotice() throws {
        let document = parse("- item\n\n  > [!FACILITATOR]\n  > secret\n")
        #expect(!document.blocks.contains { $0.kind == .facilitator })
        let notice = try #require(document.notices.first)
        #expect(document.notices.count == 1)
        #expect(notice.kind == .nestedFacilitatorBlock)
        #expect(notice.line == 3)
    }

    @Test func unknownAlertGivesNoticeAndStaysAQuote() throws {
        let document = parse("> [!FOO]\n> text\n")
        let notice = try #require(document.notices.first)
        #expect(notice.kind == .unknownAlert("FOO"))
        #expect(notice.line == 1)
        #expect(html(document).contains("<blockquote>"))
    }

    @Test func ordinaryQuoteIsUntouched() {
        let document = parse("> Just a quote [!NOTE] in the middle.\n")
        #expect(html(document).contains("<blockquote>"))
        #expect(document.notices.isEmpty)
    }

    @Test func calloutBlockCarriesItsSourceLines() throws {
        let document = parse("Intro.\n\n> [!NOTE]\n> Careful.\n", MarkdownOptions(lineOffset: 10))
        let callout = try #require(document.blocks.last)
        #expect(callout.html.contains("callout-note"))
        #expect(callout.line == 13)
        #expect(callout.endLine == 14)
    }
}

@Suite("Heading anchors")
struct HeadingAnchorTests {
    @Test func topLevelHeadingsGetIDs() throws {
        let document = parse("# Hello *World*\n\nText\n\n## Second part\n")
        let headings = document.blocks.compactMap(\.heading)
        #expect(headings.map(\.anchor) == ["hello-world", "second-part"])
        #expect(headings.map(\.level) == [1, 2])
        #expect(headings[0].text == "Hello World")
        #expect(headings[0].innerHTML == "Hello <em>World</em>")
        #expect(document.blocks[0].html == "<h1 id=\"hello-world\">Hello <em>World</em></h1>\n")
    }

    @Test func anchorsAreUniqueWithSuffixes() {
        let anchors = parse("## Intro\n\n## Intro\n\n## Intro\n").blocks.compactMap(\.heading).map(\.anchor)
        #expect(anchors == ["intro", "intro-1", "intro-2"])
    }

    @Test func anchorsAreStable() {
        let text = "# A\n\n## B c\n\n## B c\n\n### Ünïcode\n"
        #expect(parse(text) == parse(text))
    }

    @Test func unicodeLettersAreKept() {
        let anchors = parse("# Καλημέρα κόσμε\n\n## Ωμέγα\n").blocks.compactMap(\.heading).map(\.anchor)
        #expect(anchors == ["καλημέρα-κόσμε", "ωμέγα"])
    }

    @Test func reservedAnchorsAreAvoided() {
        let anchors = parse("## Main\n\n## Top\n", MarkdownOptions(reservedAnchors: ["main"])).blocks.compactMap(\.heading).map(\.anchor)
        #expect(anchors == ["main-1", "top"])
    }

    @Test func headingPositions() throws {
        let heading = try #require(parse("Text\n\n## Section\n", MarkdownOptions(lineOffset: 4)).blocks.last?.heading)
        #expect(heading.line == 7)
        #expect(heading.column == 1)
    }
}

@Suite("Positions and link rewriting")
struct PositionTests {
    @Test func lineOffsetShiftsBlocksAndLinks() throws {
        let text = "First paragraph.\n\nSecond with [a link](other.md).\n"
        let plain = parse(text)
        let shifted = parse(text, MarkdownOptions(lineOffset: 5))
        #expect(plain.blocks.map(\.line) == [1, 3])
        #expect(shifted.blocks.map(\.line) == [6, 8])
        #expect(shifted.blocks.map(\.endLine) == [6, 8])
        let link = try #require(shifted.links.first)
        #expect(plain.links.first?.line == 3)
        #expect(link.line == 8)
        #expect(link.column == 13)
        #expect(link.destination == "other.md")
        #expect(link.text == "a link")
        #expect(!link.isImage)
    }

    @Test func noticesAreShiftedToo() throws {
        let notice = try #require(parse("\n<b>x</b>\n", MarkdownOptions(lineOffset: 3)).notices.first)
        #expect(notice.line == 5)
    }

    @Test func rewriteHookReplacesDestinations() {
        var seen: [MarkdownLink] = []
        let document = MarkdownParser.parse("[a](one.md) ![pic](media/p.png) [b](https://example.org)\n") { link in
            seen.append(link)
            return link.destination.hasSuffix(".md") ? "one.html" : nil
        }
        let output = html(document)
        #expect(output.contains("<a href=\"one.html\">a</a>"))
        #expect(output.contains("src=\"media/p.png\""))
        #expect(output.contains("href=\"https://example.org\""))
        #expect(seen.map(\.destination) == ["one.md", "media/p.png", "https://example.org"])
        #expect(seen.map(\.isImage) == [false, true, false])
        #expect(seen[1].text == "pic")
        // `links` records destinations as written.
        #expect(document.links.map(\.destination) == ["one.md", "media/p.png", "https://example.org"])
    }

    @Test func blockTextIsPlain() {
        let document = parse("Some *emphasis* and `code`.\n")
        #expect(document.blocks.first?.text == "Some emphasis and code.")
    }
}

@Suite("Pathological input")
struct PathologicalInputTests {
    @Test func deeplyNestedQuotes() {
        let document = parse(String(repeating: ">", count: 50_000) + " deep\n")
        #expect(document.blocks.count == 1)
        #expect(document.blocks.first?.text == "deep")
    }

    @Test func manyOpenBrackets() {
        let document = parse(String(repeating: "[", count: 50_000) + "\n")
        #expect(document.blocks.count == 1)
        #expect(document.blocks.first?.text.count == 50_000)
    }

    @Test func manyNestedLists() {
        let text = (0..<5_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        #expect(parse(text).blocks.count == 1)
    }

    @Test func emptyInput() {
        let document = parse("")
        #expect(document.blocks.isEmpty)
        #expect(document.footnotesHTML == nil)
    }
}

/// cmark-gfm keeps the extensions' inline trigger characters in a
/// process-wide table; parsers running at once must not clear each other's.
@Suite struct ConcurrentParsingTests {
    @Test func autolinksAndStrikethroughSurviveParallelParsing() {
        let text = String(repeating: "Visit www.example.com or https://example.org/path and ~~old~~ text.\n\n", count: 40)
        let runs = 400
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: runs)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        let results = CountsBox(counts)
        DispatchQueue.concurrentPerform(iterations: runs) { index in
            let document = MarkdownParser.parse(text)
            let html = document.blocks.map(\.html).joined()
            let links = html.components(separatedBy: "<a href=").count - 1
            let struck = html.components(separatedBy: "<del>").count - 1
            results.buffer[index] = links * 1000 + struck
        }
        #expect(Set(counts).count == 1, "parallel parses gave different results")
        #expect(counts[0] == 80 * 1000 + 40)
    }
}

private struct CountsBox: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Int>
    init(_ buffer: UnsafeMutableBufferPointer<Int>) { self.buffer = buffer }
}

/// A parse that finds another document in cmark's inline pass does the
/// caller's other work first (``MarkdownParser/parse(_:options:rewriteLink:whileWaiting:)``),
/// then waits its turn, and its document is whole: autolinks and
/// strikethrough, whose characters that pass needs, are all there.
@Suite struct InlinePassTests {
    final class Result: @unchecked Sendable {
        var html = ""
        var waited = false
    }

    @Test func aWaitingParseDoesOtherWorkThenFinishes() {
        let result = Result()
        let waiting = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        MarkdownParser.inlinePass.lock()
        Thread.detachNewThread {
            let document = MarkdownParser.parse(
                "See www.example.org and ~~old~~ new.\n",
                whileWaiting: {
                    result.waited = true
                    waiting.signal()
                })
            result.html = html(document)
            finished.signal()
        }
        // The other thread is waiting for the pass this thread holds, and did its other work.
        #expect(waiting.wait(timeout: .now() + 10) == .success)
        #expect(finished.wait(timeout: .now() + 0.2) == .timedOut, "the parse went on without the inline pass")
        MarkdownParser.inlinePass.unlock()
        #expect(finished.wait(timeout: .now() + 10) == .success)
        #expect(result.waited)
        #expect(result.html.contains("<a href=\"http://www.example.org\">www.example.org</a>"), "\(result.html)")
        #expect(result.html.contains("<del>old</del>"), "\(result.html)")
    }
}
