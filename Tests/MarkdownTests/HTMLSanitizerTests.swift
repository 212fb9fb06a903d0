import Testing

@testable import Markdown

// Raw HTML with `unsafe_html: true` (issue "Hardening, round two", item 6):
// encoded script URLs, event handlers and tokenizer tricks must not reach
// the page; safe HTML must come out equivalent.

private func unsafe(_ text: String, lineOffset: Int = 0) -> MarkdownDocument {
    MarkdownParser.parse(text, options: MarkdownOptions(unsafeHTML: true, lineOffset: lineOffset))
}

private func html(_ document: MarkdownDocument) -> String {
    document.blocks.map(\.html).joined()
}

private func removed(_ document: MarkdownDocument) -> [String] {
    document.notices.compactMap { notice in
        if case .unsafeLinkRemoved(let what) = notice.kind { return what }
        return nil
    }
}

/// Script schemes in `text` as a browser's URL parser would find them, by a
/// decoder independent of the one under test: numeric references (decimal
/// or hex, any zeros, `;` optional) and the named references for ASCII are
/// decoded, then every space and control dropped and the text lowercased.
func scriptSchemes(in text: String) -> Int {
    let names: [String: String] = [
        "colon": ":", "Tab": "\t", "NewLine": "\n", "lpar": "(", "rpar": ")", "sol": "/", "period": ".",
        "excl": "!", "num": "#", "quot": "\"", "amp": "&", "lt": "<", "gt": ">", "apos": "'", "semi": ";",
        "comma": ",", "plus": "+", "equals": "=", "lowbar": "_", "QUOT": "\"", "AMP": "&", "LT": "<", "GT": ">",
    ]
    let input = Array(text.unicodeScalars)
    var decoded: [Unicode.Scalar] = []
    var index = 0
    while index < input.count {
        let c = input[index]
        guard c == "&", index + 1 < input.count else {
            decoded.append(c)
            index += 1
            continue
        }
        if input[index + 1] == "#" {
            var position = index + 2
            var radix: UInt32 = 10
            if position < input.count, input[position] == "x" || input[position] == "X" {
                radix = 16
                position += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while position < input.count, let digit = Int(String(input[position]), radix: Int(radix)) {
                value = min(value * radix + UInt32(digit), 0x110000)
                digits += 1
                position += 1
            }
            if digits > 0 {
                if position < input.count, input[position] == ";" { position += 1 }
                decoded.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                index = position
                continue
            }
        } else {
            var position = index + 1
            var name = ""
            while position < input.count, input[position].properties.isAlphabetic || ("0"..."9").contains(input[position]) {
                name.unicodeScalars.append(input[position])
                position += 1
            }
            if let value = names[name] {
                if position < input.count, input[position] == ";" { position += 1 }
                decoded.append(contentsOf: value.unicodeScalars)
                index = position
                continue
            }
        }
        decoded.append(c)
        index += 1
    }
    var squeezed = ""
    for c in decoded where c.value > 0x20 { squeezed.unicodeScalars.append(c) }
    squeezed = squeezed.lowercased()
    return ["javascript:", "vbscript:", "data:text/html"].reduce(0) { count, scheme in
        count + squeezed.components(separatedBy: scheme).count - 1
    }
}

@Suite("Raw HTML: encoded script URLs")
struct EncodedScriptURLTests {
    /// Every way of writing a script or data URL a browser still follows.
    static let vectors = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "&#X6a;avascript:alert(1)",
        "&#0000106;avascript:alert(1)",
        "&#x0000006A;avascript:alert(1)",
        "&#106avascript:alert(1)",
        "javascrip&#x74:alert(1)",
        "javascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "javascript&#x3a;alert(1)",
        "javascript&#0000058alert(1)",
        "java&Tab;script:alert(1)",
        "java&NewLine;script:alert(1)",
        "jav&#x0A;ascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav&#13;ascript:alert(1)",
        "&#x20;&#1;javascript:alert(1)",
        "  javascript:alert(1)",
        "&#x6a&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3a;alert(1)",
        "java&foo;script:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript&colon;msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg",
        "&#100;ata:text/html,hi",
    ]

    /// Elements with URL attributes; `V` is replaced by the vector, the
    /// second string is what must still be there afterwards.
    static let contexts: [(String, String)] = [
        ("<a href=\"V\">x</a>", "<a>x</a>"),
        ("<a href='V'>x</a>", "<a>x</a>"),
        ("<A HREF=\"V\">x</A>", "<A>x</A>"),
        ("<iframe src=\"V\"></iframe>", "&lt;iframe>&lt;/iframe>"),
        ("<form action=\"V\"><button formaction=\"V\">go</button></form>", "<form><button>go</button></form>"),
        ("<svg><a xlink:href=\"V\"><text>x</text></a></svg>", "<svg><a><text>x</text></a></svg>"),
        ("<object data=\"V\"></object>", "<object></object>"),
        ("<video poster=\"V\"></video>", "<video></video>"),
        ("<img srcset=\"ok.png 1x, V 2x\" src=\"ok.png\" alt=\"a\">", "<img src=\"ok.png\" alt=\"a\" />"),
        ("<embed src=\"V\">", "<embed />"),
    ]

    /// Attributes split by `/` or not split at all: HTML, but not raw HTML
    /// for cmark's inline parser (which writes them as text), so block only.
    static let blockOnlyContexts: [(String, String)] = [
        ("<a/href=\"V\">x</a>", "<a>x</a>"),
        ("<a title=\"t\"href=\"V\">x</a>", "<a title=\"t\">x</a>"),
        ("<a title=\"t\"/href=V>x</a>", "<a title=\"t\">x</a>"),
    ]

    /// Vectors that can also be written without quotes (no space, quote or `=`).
    static let unquoted = vectors.filter { !$0.contains(" ") && !$0.contains("=") && !$0.hasPrefix(" ") }

    @Test(arguments: (contexts + blockOnlyContexts).indices)
    func blockHTML(context: Int) {
        let (template, expected) = (Self.contexts + Self.blockOnlyContexts)[context]
        for vector in Self.vectors {
            let source = template.replacingOccurrences(of: "V", with: vector)
            let document = unsafe("<div>\n\(source)\n</div>\n")
            let output = html(document)
            #expect(scriptSchemes(in: output) == 0, "\(source) → \(output)")
            #expect(output.contains(expected), "\(source) → \(output)")
            #expect(!removed(document).isEmpty, "\(source): no notice")
        }
    }

    @Test(arguments: contexts.indices)
    func inlineHTML(context: Int) {
        let (template, expected) = Self.contexts[context]
        for vector in Self.vectors {
            let source = template.replacingOccurrences(of: "V", with: vector)
            let document = unsafe("Before \(source) after.\n")
            let output = html(document)
            #expect(scriptSchemes(in: output) == 0, "\(source) → \(output)")
            #expect(output.contains("Before ") && output.contains(" after."), "\(source) → \(output)")
            #expect(!removed(document).isEmpty, "\(source): no notice")
            // cmark reads inline HTML one tag at a time; the element is kept.
            if !expected.hasPrefix("&lt;") {
                #expect(output.contains(String(expected.prefix(while: { $0 != ">" && $0 != " " }))), "\(source) → \(output)")
            }
        }
    }

    @Test func unquotedValues() {
        for vector in Self.unquoted {
            for source in ["<a href=\(vector)>x</a>", "<iframe src=\(vector)></iframe>", "<object data=\(vector)></object>"] {
                let document = unsafe("<div>\n\(source)\n</div>\n")
                let output = html(document)
                #expect(scriptSchemes(in: output) == 0, "\(source) → \(output)")
                #expect(removed(document).count == 1, "\(source): \(removed(document))")
            }
        }
    }

    @Test func noticeNamesTheDecodedURL() {
        let document = unsafe("<a href=\"&#106;ava&Tab;script&colon;alert(1)\">x</a>\n")
        #expect(removed(document) == ["javascript:alert(1)"])
    }

    @Test func noticeIsAtTheAttribute() throws {
        let block = unsafe("Intro.\n\n<div>\n  <a title=\"t\"\n     href=\"javascript:alert(1)\">x</a>\n</div>\n", lineOffset: 4)
        let notice = try #require(block.notices.first)
        #expect(notice.line == 9)
        #expect(notice.column == 6)
        let inline = unsafe("Text <a href=\"javascript:alert(1)\">x</a>\n")
        let first = try #require(inline.notices.first)
        #expect(first.line == 1)
        #expect(first.column == 9)
    }

    @Test func imageDataStaysOnlyInImageSource() {
        let document = unsafe(
            """
            <div>
            <img src="data:image/png;base64,AAAA" alt="dot">
            <img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;" alt="svg">
            <img srcset="data:image/png;base64,AAAA 1x" alt="set">
            <a href="data:image/png;base64,AAAA">png</a>
            </div>

            """)
        let output = html(document)
        #expect(output.contains("<img src=\"data:image/png;base64,AAAA\" alt=\"dot\" />"))
        #expect(output.contains("<img alt=\"svg\" />"))
        #expect(output.contains("<img alt=\"set\" />"))
        #expect(output.contains("<a>png</a>"))
        #expect(removed(document).count == 3)
    }

    @Test(arguments: [
        "<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a></svg>",
        "<svg><a><animate attributeName=\"href\" values=\"https://example.org;javascript:alert(1)\"/></a></svg>",
        "<svg xmlns:x=\"http://www.w3.org/1999/xlink\"><a x:href=\"javascript:alert(1)\">x</a></svg>",
        "<object><param name=\"movie\" value=\"javascript:alert(1)\"></object>",
        "<div xml:base=\"javascript:alert(1)//\"><a href=\"x\">x</a></div>",
        "<a href=\"https://example.org\" ping=\"https://example.org/p javascript:alert(1)\">x</a>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<base href=\"javascript:alert(1)//\">",
        "<input type=\"image\" src=\"javascript:alert(1)\" formaction=\"javascript:alert(2)\">",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
        "<blockquote cite=\"javascript:alert(1)\">x</blockquote>",
    ])
    func otherURLAttributes(source: String) {
        let document = unsafe("<div>\n\(source)\n</div>\n")
        let output = html(document)
        #expect(scriptSchemes(in: output) == 0, "\(output)")
        #expect(!removed(document).isEmpty)
    }
}

@Suite("Raw HTML: handlers, styles, refresh")
struct UnsafeAttributeTests {
    /// The flag: cmark also reads it as inline raw HTML (it does not with
    /// `/` or no space between attributes).
    @Test(arguments: [
        ("<img src=\"x.png\" alt=\"a\" onerror=\"alert(1)\">", true),
        ("<img src=x.png alt=a ONERROR=alert(1)>", true),
        ("<img src='x.png' alt='a' OnError='alert(1)'>", true),
        ("<b/onclick=alert(1)>x</b>", false),
        ("<a href=\"https://example.org\"onmouseover=\"alert(1)\">x</a>", false),
        ("<div onclick\n=\n\"alert(1)\">x</div>", false),  // inline, `=` alone on a line makes a heading
        ("<svg onload=alert(1)></svg>", true),
        ("<details open ontoggle=alert(1)><summary>s</summary></details>", true),
        ("<body onpageshow=\"alert(1)\">", true),
        ("<x-widget on-click=\"alert(1)\"></x-widget>", true),
    ])
    func eventHandlersNeverPass(source: String, inline: Bool) {
        for text in ["<div>\n\(source)\n</div>\n"] + (inline ? ["Some \(source) text.\n"] : []) {
            let document = unsafe(text)
            let output = html(document).lowercased()
            for handler in ["onerror", "onclick", "onmouseover", "onload", "ontoggle", "onpageshow", "on-click"] {
                #expect(!output.contains(handler), "\(source) → \(output)")
            }
            #expect(!output.contains("alert(1)\""), "\(source) → \(output)")
            #expect(removed(document).count == 1, "\(source): \(removed(document))")
        }
    }

    @Test func srcdocIsAlwaysDropped() {
        let document = unsafe("<div>\n<iframe srcdoc=\"&lt;p&gt;hello&lt;/p&gt;\"></iframe>\n</div>\n")
        #expect(!html(document).contains("srcdoc"))
        #expect(removed(document).count == 1)
    }

    @Test(arguments: [
        "background: url(javascript:alert(1))",
        "background: url(&#106;avascript:alert(1))",
        "background: url('java\\73 cript:alert(1)')",
        "width: expression(alert(1))",
        "width: EXPRESSION (alert(1))",
        "width: expr/**/ession(alert(1))",
        "width: \\65 xpression(alert(1))",
        "-moz-binding: url(x.xml#x)",
    ])
    func unsafeStylesDropped(style: String) {
        let document = unsafe("<div>\n<p style=\"\(style)\" class=\"c\">x</p>\n</div>\n")
        let output = html(document)
        #expect(output.contains("<p class=\"c\">x</p>"), "\(output)")
        #expect(removed(document).count == 1)
    }

    @Test func safeStyleKept() {
        let output = html(unsafe("<div>\n<p style=\"color: red; background: url(media/x.png)\">x</p>\n</div>\n"))
        #expect(output.contains("<p style=\"color: red; background: url(media/x.png)\">x</p>"))
    }

    @Test(arguments: [
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<meta http-equiv=\"Refresh\" content=\"0; URL='&#106;avascript:alert(1)'\">",
        "<meta content=\"0;url=java&Tab;script:alert(1)\" http-equiv=\" refresh \">",
        "<meta http-equiv=refresh content=\"0;url=data:text/html,hi\">",
    ])
    func metaRefreshNeutralised(source: String) {
        let document = unsafe("<div>\n\(source)\n</div>\n")
        let output = html(document)
        #expect(scriptSchemes(in: output) == 0, "\(output)")
        #expect(!output.contains("content="), "\(output)")
        #expect(removed(document).count == 1)
    }

    @Test func safeMetaRefreshKept() {
        let output = html(unsafe("<div>\n<meta http-equiv=\"refresh\" content=\"5; url=https://example.org/\">\n</div>\n"))
        #expect(output.contains("<meta http-equiv=\"refresh\" content=\"5; url=https://example.org/\" />"))
    }

    /// `unsafe_html` has never let `<script>` run (cmark-gfm's tagfilter);
    /// the sanitiser keeps that, and writes every tag that would change how
    /// a browser reads what follows as text as well.
    @Test func scriptAndRawTextTagsAreText() {
        let output = html(unsafe("<div>\n<script>alert(1)</script><style>p{}</style><noscript>n</noscript><textarea>t</textarea>\n</div>\n"))
        #expect(output.contains("&lt;script>alert(1)&lt;/script>"))
        #expect(output.contains("&lt;style>p{}&lt;/style>"))
        #expect(output.contains("&lt;noscript>n&lt;/noscript>"))
        #expect(output.contains("&lt;textarea>t&lt;/textarea>"))
        #expect(!output.contains("<script") && !output.contains("<style") && !output.contains("<noscript"))
    }

    @Test func rawTextTagsCannotHideMarkup() {
        // In a browser's RAWTEXT state the comment would not be one, and the
        // attribute value would end at `</noscript>`.
        let document = unsafe("<div>\n<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></p></noscript>\n</div>\n")
        let output = html(document)
        #expect(!output.contains("<img"))
        #expect(!output.contains("</noscript>"))
        #expect(output.contains("title=\"&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;\""))
    }
}

@Suite("Raw HTML: tokenizer states")
struct HTMLTokenizerStateTests {
    private func sanitized(_ html: String) -> String { HTMLSanitizer.sanitize(html).html }

    @Test func duplicateAttributesFirstWins() {
        #expect(sanitized("<a href=\"https://example.org\" href=\"javascript:alert(1)\">x</a>") == "<a href=\"https://example.org\">x</a>")
        let reversed = HTMLSanitizer.sanitize("<a HREF=\"javascript:alert(1)\" href=\"https://example.org\">x</a>")
        #expect(reversed.html == "<a>x</a>")
        #expect(reversed.removals.map(\.description) == ["javascript:alert(1)"])
    }

    @Test func attributesWithoutValuesAndQuoting() {
        #expect(sanitized("<details open><summary>s</summary></details>") == "<details open=\"\"><summary>s</summary></details>")
        #expect(sanitized("<p class=note id='a\"b' title=\"x>y\">t</p>") == "<p class=\"note\" id=\"a&quot;b\" title=\"x&gt;y\">t</p>")
        #expect(sanitized("<input disabled/>") == "<input disabled=\"\" />")
        #expect(sanitized("<p a = 1 b= '2' c =\"3\">") == "<p a=\"1\" b=\"2\" c=\"3\">")
    }

    @Test func commentsEndWhereBrowsersEndThem() {
        // `--!>` ends a comment: what follows is a tag and is sanitised.
        #expect(sanitized("<!-- a --!><a href=\"javascript:alert(1)\">x</a>-->") == "<!-- a --!><a>x</a>-->")
        // `<!-->` and `<!--->` are empty comments.
        #expect(sanitized("<!--><a href=javascript:alert(1)>x</a>-->") == "<!--><a>x</a>-->")
        #expect(sanitized("<!---><a href=javascript:alert(1)>x</a>-->") == "<!---><a>x</a>-->")
        // A comment is kept as written, even with a tag-like inside.
        #expect(sanitized("<!-- <a href=\"https://x\"> <!-- --- -->") == "<!-- <a href=\"https://x\"> <!-- --- -->")
        // A comment the input ends inside is closed, so the next node is not swallowed.
        #expect(sanitized("<!-- open -- > --!") == "<!-- open --  -->")
    }

    @Test func bogusCommentsAndDeclarations() {
        #expect(sanitized("<? x > <a href=\"javascript:alert(1)\">x</a> ?>") == "<!--? x --> <a>x</a> ?>")
        #expect(sanitized("</ x><a href=javascript:alert(1)>y</a>") == "<!-- x--><a>y</a>")
        #expect(sanitized("<![CDATA[ > <a href=javascript:alert(1)>x</a> ]]>") == "<!--[CDATA[ --> <a>x</a> ]]>")
        #expect(sanitized("<!ELEMENT x><p>") == "<!--ELEMENT x--><p>")
        // A DOCTYPE ends at the first `>`, even inside quotes; it is dropped.
        #expect(sanitized("<!DOCTYPE html \"><a href=javascript:alert(1)>\">x") == "<a>\">x")
        #expect(sanitized("</>text") == "text")
    }

    @Test func textIsKept() {
        #expect(sanitized("a &amp; b &nbsp; &copy; 1 < 2 <3 > 0\n") == "a &amp; b &nbsp; &copy; 1 &lt; 2 &lt;3 > 0\n")
        #expect(sanitized("x </") == "x &lt;/")
    }

    @Test func tagsTheInputEndsInsideAreDropped() {
        #expect(sanitized("ok <a href=\"javascript:alert(1)") == "ok ")
        #expect(sanitized("ok <a href=x") == "ok ")
        #expect(sanitized("ok <img") == "ok ")
    }

    @Test func oddNamesAreDropped() {
        #expect(sanitized("<a\"x href=\"javascript:alert(1)\">y") == "y")
        #expect(sanitized("<p \"onclick\"=1 'x'=2 class=k>") == "<p class=\"k\">")
    }

    @Test func prefixedScriptIsText() {
        #expect(
            sanitized("<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>")
                == "&lt;x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)&lt;/x:script>")
    }

    @Test func tokensForAttributes() throws {
        let input = Array("<IMG SRC = \"a.png\"ALT=b/ data-x>".unicodeScalars)
        let tokens = HTMLTokenizer.tokenize(input)
        #expect(tokens.count == 1)
        guard case .tag(let tag) = try #require(tokens.first) else {
            Issue.record("not a tag")
            return
        }
        #expect(tag.name == "img")
        #expect(tag.attributes.map(\.name) == ["src", "alt", "data-x"])
        #expect(tag.attributes.map { String(scalars: $0.value) } == ["a.png", "b/", ""])
        #expect(!tag.selfClosing)
    }
}

@Suite("Raw HTML: character references")
struct HTMLEntityTests {
    private func decode(_ text: String) -> String {
        let input = Array("<a title=\"\(text)\">".unicodeScalars)
        guard case .tag(let tag)? = HTMLTokenizer.tokenize(input).first, let value = tag.attributes.first?.value else { return "?" }
        return String(scalars: value)
    }

    @Test func numeric() {
        #expect(decode("&#106;&#x6A;&#X6a;&#0000106;&#x0000006A;&#106") == "jjjjjj")
        #expect(decode("&#0;&#x110000;&#xD800;&#99999999999999999999;") == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(decode("&#128;&#x9F;&#x81;") == "\u{20AC}\u{178}\u{81}")
        #expect(decode("&#;&#x;&#xg") == "&#;&#x;&#xg")
        #expect(decode("&#9;&#10;&#13;") == "\t\n\r")
    }

    @Test func named() {
        #expect(decode("&colon;&Tab;&NewLine;&lpar;&rpar;&sol;&period;&excl;&num;&quot;&amp;&lt;&gt;&apos;") == ":\t\n()/.!#\"&<>'")
        #expect(decode("&eacute;&CounterClockwiseContourIntegral;&fjlig;") == "é\u{2233}fj")
        // Legacy names match without `;`, except before `=` or a letter or digit.
        #expect(decode("&amp &lt;x &copy=1 &copyx &notit; &ampx;") == "& <x &copy=1 &copyx &notit; &ampx;")
        #expect(decode("&unknown; & &;") == "&unknown; & &;")
    }

    @Test func unknownReferenceInSchemeIsUnsafe() {
        for value in ["java&foo;script:alert(1)", "javascript&colonalert(1):", "&x;:x"] {
            #expect(!HTMLSanitizer.sanitize("<a href=\"\(value)\">x</a>").removals.isEmpty, "\(value)")
        }
        // …but not after the scheme, nor in a path.
        for value in ["https://example.org/?a=1&b;=2", "page.html?x=1&y=2", "?a&foo;b:c"] {
            #expect(HTMLSanitizer.sanitize("<a href=\"\(value)\">x</a>").removals.isEmpty, "\(value)")
        }
    }
}

@Suite("Raw HTML: safe HTML still works")
struct SafeRawHTMLTests {
    @Test(arguments: [
        ("<a href=\"https://example.org/path?a=1&amp;b=2\" title=\"T\">x</a>", "<a href=\"https://example.org/path?a=1&amp;b=2\" title=\"T\">x</a>"),
        ("<img src=\"media/x.png\" alt=\"A picture\">", "<img src=\"media/x.png\" alt=\"A picture\" />"),
        (
            "<table class=\"grid\"><tr><td colspan=\"2\" style=\"text-align: right\">1</td></tr></table>",
            "<table class=\"grid\"><tr><td colspan=\"2\" style=\"text-align: right\">1</td></tr></table>"
        ),
        ("<a href=\"?x=1&copy=2\">q</a>", "<a href=\"?x=1&amp;copy=2\">q</a>"),
        ("<a href=\"https://example.org/caf&eacute;\">c</a>", "<a href=\"https://example.org/café\">c</a>"),
        ("<a href=\"mailto:a@example.org\">m</a>", "<a href=\"mailto:a@example.org\">m</a>"),
        ("<a href=\"#section\">s</a>", "<a href=\"#section\">s</a>"),
        ("<a href=\"javascript-guide.html\">g</a>", "<a href=\"javascript-guide.html\">g</a>"),
        ("<a href=\"notes/javascript:intro\">n</a>", "<a href=\"notes/javascript:intro\">n</a>"),
        ("<p class=note>Unquoted</p>", "<p class=\"note\">Unquoted</p>"),
        ("<br>", "<br />"),
        ("<kbd>Ctrl</kbd>+<kbd>C</kbd>", "<kbd>Ctrl</kbd>+<kbd>C</kbd>"),
        (
            "<video controls src=\"media/v.mp4\" poster=\"media/p.jpg\"></video>",
            "<video controls=\"\" src=\"media/v.mp4\" poster=\"media/p.jpg\"></video>"
        ),
        ("<img srcset=\"a.png 1x, b.png 2x\" src=\"a.png\" alt=\"a\">", "<img srcset=\"a.png 1x, b.png 2x\" src=\"a.png\" alt=\"a\" />"),
        // Case is kept for EPUB's XHTML, where SVG names are case-sensitive.
        (
            "<svg viewBox=\"0 0 10 10\"><linearGradient id=\"g\"></linearGradient><rect width=\"10\" height=\"10\"/></svg>",
            "<svg viewBox=\"0 0 10 10\"><linearGradient id=\"g\"></linearGradient><rect width=\"10\" height=\"10\" /></svg>"
        ),
    ])
    func equivalent(source: String, expected: String) {
        for text in ["<div>\n\(source)\n</div>\n", "Text \(source) text.\n"] {
            let document = unsafe(text)
            #expect(html(document).contains(expected), "\(html(document))")
            #expect(document.notices.isEmpty, "\(document.notices)")
        }
    }

    @Test func detailsWithMarkdownInside() {
        let document = unsafe("<details>\n<summary>More</summary>\n\nSome *text*.\n\n</details>\n")
        let output = html(document)
        #expect(output.contains("<details>\n<summary>More</summary>"))
        #expect(output.contains("<em>text</em>"))
        #expect(output.contains("</details>"))
        #expect(document.notices.isEmpty)
    }

    @Test func unchangedHTMLIsByteForByte() {
        let source = "<div class=\"x\">\n<p>Para &amp; <b>bold</b> <!-- note --></p>\n</div>\n"
        #expect(html(unsafe(source)) == source)
    }
}

/// Random raw HTML from pieces that exercise every tokenizer state: the
/// sanitiser never traps, and its output, read again, is already safe and
/// written the same way. Were the output read differently from the input
/// (a value ending early, a comment ending elsewhere), a second pass
/// would change or remove something.
@Suite("Raw HTML: random input")
struct HTMLSanitizerRandomTests {
    static let pieces = [
        "<", ">", "/", "!", "-", "?", "\"", "'", "=", "&", "#", ";", " ", "\n", "\t", "\r", "\0", "`",
        "a", "A", "x", "1", "0", "é", "[", "]", ":", "<a", "</a", "<svg", "<script", "<style", "<noscript",
        "<!--", "-->", "--!>", "<!-->", "<!", "<?", "</", "<![CDATA[", "]]>", "<!DOCTYPE", " href=", " HREF=",
        " src=", " srcset=", " onclick=", " style=", " title=", " xlink:href=", "javascript:", "jav&#x0A;ascript:",
        "&#106;", "&#x6A", "&colon;", "&Tab;", "&amp", "&#", "&#x", "&foo;", "expression(", "data:text/html,",
        " http-equiv=refresh content=", "<meta", "<img", "<a/", "\"javascript:alert(1)\"", "'x'",
    ]

    /// SplitMix64, so every run sees the same inputs.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func outputIsStableAndSafe() {
        var generator = Generator(state: 6)
        for _ in 0..<20_000 {
            var html = ""
            for _ in 0..<Int.random(in: 1...30, using: &generator) {
                html += Self.pieces.randomElement(using: &generator) ?? ""
            }
            let once = HTMLSanitizer.sanitize(html)
            let twice = HTMLSanitizer.sanitize(once.html)
            #expect(twice.html == once.html, "\(html.debugDescription) → \(once.html.debugDescription) → \(twice.html.debugDescription)")
            #expect(twice.removals.isEmpty, "\(html.debugDescription) → \(once.html.debugDescription): \(twice.removals)")
            if twice.html != once.html || !twice.removals.isEmpty { return }
        }
    }

    @Test func longInputIsLinear() {
        let html = String(repeating: "<a href=\"&#106;avascript:x\" onclick=y>t</a>\n", count: 20_000)
        let result = HTMLSanitizer.sanitize(html)
        #expect(result.removals.count == 40_000)
        #expect(result.removals.last?.lineOffset == 19_999)
        #expect(result.html == String(repeating: "<a>t</a>\n", count: 20_000))
    }
}
