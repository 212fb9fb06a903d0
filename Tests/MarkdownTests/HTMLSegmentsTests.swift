import Testing

@testable import Markdown

/// Rendered HTML is cut once into segments; each output writes them with
/// its own rules and never scans HTML again.
@Suite struct HTMLSegmentsTests {
    @Test func cutsLinksIdsLocalLinksAndHeadings() {
        let segments = HTMLSegments(
            html: "<h2 id=\"a\">T <a href=\"trellis-link:3\">x</a> <img src=\"trellis-link:12\" alt=\"\" /> <a href=\"#fn-1\">1</a></h2>\n")
        #expect(
            segments.parts == [
                .heading(level: 2, closing: false), .id("a"), .html(">T <a"), .link(attribute: "href", index: 3), .html(">x"),
                .linkEnd(index: 3), .html(" "), .image(index: 12, alt: "", rest: " alt=\"\" />"), .html(" <a"), .localLink("fn-1"),
                .html(">1</a>"), .heading(level: 2, closing: true), .html(">\n"),
            ])
        // Written with no rules, the segments are the HTML they were cut from.
        #expect(
            segments.html == "<h2 id=\"a\">T <a href=\"trellis-link:3\">x</a> <img src=\"trellis-link:12\" alt=\"\" /> <a href=\"#fn-1\">1</a></h2>\n"
        )
    }

    /// With self-links (the site), a heading's text links to the heading;
    /// a heading that holds a link keeps it alone (links cannot nest).
    @Test func headingsLinkToThemselvesUnlessTheyHoldALink() {
        var writer = HTMLWriter()
        writer.selfLinks = true
        let plain = HTMLSegments(html: "<h2 id=\"plan\">Plan <em>it</em></h2>\n<p>x</p>\n")
        #expect(writer.write(plain) == "<h2 id=\"plan\"><a class=\"self-link\" href=\"#plan\">Plan <em>it</em></a></h2>\n<p>x</p>\n")
        let linked = HTMLSegments(html: "<h3 id=\"about\">About <a href=\"trellis-link:0\">eTwinning</a></h3>\n")
        #expect(writer.write(linked) == linked.html)
        let noID = HTMLSegments(html: "<h2>Plain</h2>\n")
        #expect(writer.write(noID) == noID.html)
        // Handbooks write no self-links; with an id prefix the link follows it.
        #expect(HTMLWriter().write(plain) == plain.html)
        writer.idPrefix = "c1-"
        #expect(writer.write(plain).hasPrefix("<h2 id=\"c1-plan\"><a class=\"self-link\" href=\"#c1-plan\">"))
    }

    /// A link or image an output cannot follow keeps its text: the link its
    /// words and a note, the image its alternative text.
    @Test func unreachableLinksAndImagesKeepTheirText() {
        let document = MarkdownParser.parse("See [the About page](x) and ![a map of the region](y \"Map\").\n") { link in
            link.isImage ? "trellis-link:1" : "trellis-link:0"
        }
        let segments = document.blocks[0].segments
        let offline = HTMLWriter(resolve: { index, _ in .unlinked(note: index == 0 ? "pages/about.html" : nil) })
        #expect(
            offline.write(segments)
                == "<p>See <a data-offsite=\"\">the About page</a> (pages/about.html) and <span class=\"image-unavailable\">a map of the region</span>.</p>\n"
        )
        let online = HTMLWriter(resolve: { index, _ in .url(index == 0 ? "../pages/about.html" : "media/map&1.png") })
        #expect(
            online.write(segments)
                == "<p>See <a href=\"../pages/about.html\">the About page</a> and <img src=\"media/map&amp;1.png\" alt=\"a map of the region\" title=\"Map\" />.</p>\n"
        )
    }

    @Test func writersApplyTheirRules() {
        let segments = HTMLSegments(html: "<h1 id=\"top\"><a href=\"trellis-link:0\">a</a> <a href=\"#top\">b</a></h1>")
        #expect(HTMLWriter().write(segments) == "<h1 id=\"top\"><a href=\"trellis-link:0\">a</a> <a href=\"#top\">b</a></h1>")
        let book = HTMLWriter(resolve: { index, _ in .url("page-\(index).html") }, idPrefix: "ch-", headingShift: 1)
        #expect(book.write(segments) == "<h2 id=\"ch-top\"><a href=\"page-0.html\">a</a> <a href=\"#ch-top\">b</a></h2>")
        let deep = HTMLWriter(headingShift: 9)
        #expect(deep.write(HTMLSegments(html: "<h5>x</h5>")) == "<h6>x</h6>")
    }

    /// Text is escaped by cmark, so words that look like markers stay words.
    @Test func authorTextIsNeverAMarker() {
        let document = MarkdownParser.parse(
            """
            A practice about trellis-link:0 and trellis-anchor:"foo", id="x" and href="#y", \\<h2> and \\</h3>.
            """)
        let writer = HTMLWriter(resolve: { _, _ in .url("RESOLVED") }, idPrefix: "P-", headingShift: 1)
        let html = document.blocks.map { writer.write($0.segments) }.joined()
        #expect(!html.contains("RESOLVED"))
        #expect(!html.contains("P-"))
        #expect(
            html.contains("trellis-link:0 and trellis-anchor:&quot;foo&quot;, id=&quot;x&quot; and href=&quot;#y&quot;, &lt;h2&gt; and &lt;/h3&gt;"))
    }

    @Test func appendingMergesMarkup() {
        var segments = HTMLSegments(html: "<p>a")
        segments.append(html: "b</p>")
        segments.append(html: "")
        #expect(segments.parts == [.html("<p>ab</p>")])
        #expect(segments.containsMarkup("<p>"))
        #expect(!HTMLSegments([.id("img")]).containsMarkup("img"))
        #expect(HTMLSegments(html: "<p><img src=\"trellis-link:0\" alt=\"a map\" /></p>").hasImage)
        #expect(HTMLSegments(html: "<p><img src=\"https://example.org/a.png\" alt=\"a\" /></p>").hasImage)
        #expect(!HTMLSegments(html: "<p>an image</p>").hasImage)
    }

    /// The cutter jumps from one `<` or attribute quote to the next; the
    /// pieces it cuts are those of reading every byte, whatever the markup,
    /// text and stray quotes around them (random texts from fragments that
    /// start, end or almost make a segment).
    @Test func jumpingOverTextCutsWhatReadingEveryByteCuts() {
        let fragments = [
            "<p>", "</p>\n", "text ", " ", "\"", "=\"", "a=\"b\"", " id=\"x\"", " id=\"", " href=\"#note\"", " href=\"trellis-link:7\"",
            " src=\"trellis-link:2\" alt=\"a map\" />", "<img", "<a", "</a>", ">", "<h2", "</h2", "<h7", "<hr />", " href=\"trellis-link:x\"",
            " src=\"trellis-link:", "é", "&quot;", "<", " class=\"c\"", "\"\"",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var html = ""
            for _ in 0..<Int.random(in: 0...24, using: &generator) { html += fragments.randomElement(using: &generator) ?? "" }
            let jumped = HTMLSegments(html: html)
            #expect(jumped.parts == HTMLSegments(html: html, skippingText: false).parts, "\(html)")
            #expect(jumped.html == html)
        }
    }
}
