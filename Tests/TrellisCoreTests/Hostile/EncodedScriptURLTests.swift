import Foundation
import Testing

@testable import TrellisCore

/// Issue "Hardening, round two", item 6: with `unsafe_html: true`, script
/// URLs written with character references (`&#106;avascript:`,
/// `javascript&colon;`, `java&Tab;script:`…) must not reach any output.
/// SPEC 5: "`javascript:` links are never emitted".
@Suite struct EncodedScriptURLSiteTests {
    static let vectors = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "&#0000106;avascript:alert(1)",
        "&#x0000006A;avascript:alert(1)",
        "&#106avascript:alert(1)",
        "javascript&colon;alert(1)",
        "javascript&#58alert(1)",
        "java&Tab;script:alert(1)",
        "java&NewLine;script:alert(1)",
        "jav&#x0A;ascript:alert(1)",
        "&#x20;&#1;javascript:alert(1)",
        "java&foo;script:alert(1)",
        "VBScript&colon;msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg",
    ]

    /// Every element and attribute the vectors go into; `V` is the vector.
    static let contexts = [
        "<a href=\"V\">link</a>",
        "<a href='V'>link</a>",
        "<A HREF=\"V\">link</A>",
        "<iframe src=\"V\"></iframe>",
        "<form action=\"V\"><button formaction=\"V\">go</button></form>",
        "<svg><a xlink:href=\"V\"><text>svg</text></a></svg>",
        "<object data=\"V\"></object>",
        "<video poster=\"V\"></video>",
        "<img srcset=\"media/x.png 1x, V 2x\" src=\"media/x.png\" alt=\"x\">",
        "<embed src=\"V\">",
    ]

    /// Vectors that are not vectors of URLs: handlers, styles, refresh,
    /// comments and tokenizer tricks.
    static let extras = [
        "<a/href=\"&#106;avascript:alert(1)\">split</a>",
        "<a title=\"t\"href=\"javascript&colon;alert(1)\">joined</a>",
        "<a href=&#106;avascript:alert(1)>unquoted</a>",
        "<img src=\"media/x.png\" alt=\"h\" onerror=\"alert(1)\" OnLoad='javascript:alert(1)'>",
        "<p style=\"background:url(&#106;avascript:alert(1))\">styled</p>",
        "<meta http-equiv=\"refresh\" content=\"0;url=&#106;avascript:alert(1)\">",
        "<!-- c --!><a href=\"javascript:alert(1)\">after comment</a>",
        "<!DOCTYPE x \"><a href=\"javascript:alert(1)\">after doctype</a>\">",
        "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
        "<iframe srcdoc=\"&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;\"></iframe>",
    ]

    /// Raw HTML blocks (inside a `<div>`) and inline tags with every vector.
    static var hostileMarkdown: String {
        var block = "<div class=\"vectors\">\n"
        var inline = ""
        for context in contexts {
            for vector in vectors {
                let html = context.replacingOccurrences(of: "V", with: vector)
                block += html + "\n"
                inline += "Inline " + html + " text.\n"
            }
        }
        block += extras.joined(separator: "\n") + "\n</div>\n"
        return block + "\n" + inline + "\n"
    }

    static func site(_ root: String) throws {
        let markdown = hostileMarkdown
        try writeSite(
            root,
            [
                "site.yml": "title: Encoded\nunsafe_html: true\nbase_url: https://example.org/x/\n",
                "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
                "practices/encoded.md": """
                ---
                title: Encoded
                country: FI
                sector: school
                tags: [plain]
                year: 2024
                updated: 2026-01-01
                ---

                ## Description

                \(markdown)
                ## Who is involved?

                Teachers.

                ## Benefits

                \(markdown)
                ## Challenges and how they were overcome

                Some.

                ## Step by step implementation

                1. One.

                """,
                "modules/m/module.md":
                    "---\ntitle: Module\nsummary: A module.\noutcomes:\n  - {id: o1, domain: digital, text: Outcome}\npractices: [encoded]\n---\n\n\(markdown)",
                "modules/m/01-task.md":
                    "---\ntitle: Task\ntype: reflection\noutcomes: [o1]\n---\n\n## Instructions\n\n\(markdown)\n## Facilitator notes\n\n\(markdown)\n> [!FACILITATOR]\n> \(contexts[0].replacingOccurrences(of: "V", with: vectors[2]))\n",
                "pages/about.md": "---\ntitle: About\n---\n\n\(markdown)",
            ])
    }

    /// `text` with JSON and JavaScript string escapes (`\u006a`, `\/`) read.
    static func unescapingJSON(_ text: String) -> String {
        let input = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < input.count {
            if input[index] == "\\", index + 1 < input.count {
                let next = input[index + 1]
                if next == "u", index + 5 < input.count,
                    let code = UInt32(String(String.UnicodeScalarView(input[(index + 2)...(index + 5)])), radix: 16),
                    let scalar = Unicode.Scalar(code)
                {
                    out.append(scalar)
                    index += 6
                    continue
                }
                if next == "/" || next == "\"" || next == "\\" {
                    out.append(next)
                    index += 2
                    continue
                }
                if next == "n" {
                    out.append("\n")
                    index += 2
                    continue
                }
                if next == "t" {
                    out.append("\t")
                    index += 2
                    continue
                }
            }
            out.append(input[index])
            index += 1
        }
        return String(out)
    }

    /// Script schemes in `text`, found as a browser's URL parser would find
    /// them: numeric character references (decimal or hex, any zeros, `;`
    /// optional) and the named references for ASCII decoded, then every
    /// space and control dropped and the text lowercased. Independent of
    /// the decoder under test.
    static func scriptSchemes(in text: String) -> Int {
        let names: [String: String] = [
            "colon": ":", "Tab": "\t", "NewLine": "\n", "lpar": "(", "rpar": ")", "sol": "/", "period": ".",
            "excl": "!", "num": "#", "quot": "\"", "amp": "&", "lt": "<", "gt": ">", "apos": "'", "semi": ";",
            "comma": ",", "plus": "+", "equals": "=", "lowbar": "_", "QUOT": "\"", "AMP": "&", "LT": "<", "GT": ">",
        ]
        let input = Array(text.unicodeScalars)
        var decoded = String.UnicodeScalarView()
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

    /// Occurrences per output file (EPUB members by `book.epub!member`).
    static func occurrences(_ texts: [String: String]) -> [String: Int] {
        var found: [String: Int] = [:]
        for (path, text) in texts {
            let readable = path.hasSuffix(".json") || path.hasSuffix(".js") ? unescapingJSON(text) : text
            let count = scriptSchemes(in: readable)
            if count > 0 { found[path] = count }
        }
        return found
    }

    @Test func scannerFindsEveryVector() {
        for vector in Self.vectors {
            #expect(Self.scriptSchemes(in: "<a href=\"\(vector)\">") == (vector.contains("&foo;") ? 0 : 1), "\(vector)")
        }
        #expect(Self.scriptSchemes(in: Self.unescapingJSON(#"{"u":"\u006aavascript:x","v":"java\tscript:y"}"#)) == 2)
    }

    @Test func noOutputContainsAScriptScheme() throws {
        let directory = TemporaryDirectory()
        try Self.site(directory.sub("content"))
        let result = build(directory.sub("content"), output: directory.sub("out"))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let texts = try HostileTextTests.outputs(directory.sub("out"))
        #expect(
            texts.keys.contains("handbooks/m-facilitator.epub!OEBPS/task-task.xhtml"),
            "no EPUB chapters: \(texts.keys.sorted().joined(separator: " "))")
        #expect(texts.keys.contains("catalogue.json") && texts.keys.contains("assets/search/index.js"))

        // The Markdown as written (catalogue.json `sections[].markdown`,
        // the CSV's section columns) is the author's source, not HTML: it
        // is left out of the count and reported below.
        var published = texts
        published["catalogue.csv"] = nil
        if let json = texts["catalogue.json"] { published["catalogue.json"] = Self.withoutMarkdownSources(json) }
        let found = Self.occurrences(published)
        let total = found.values.reduce(0, +)
        #expect(total == 0, "script schemes left: \(found.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))")

        // The vectors were there: pages still carry the elements, unlinked.
        let practice = try #require(texts["practices/encoded.html"])
        #expect(practice.contains("<a>link</a>"))
        #expect(practice.contains("<form><button>go</button></form>"))
        #expect(practice.contains("<img src=\"media/x.png\" alt=\"x\" />") || practice.contains("<img src=\"../media/x.png\" alt=\"x\" />"))
    }

    @Test func everyVectorIsReported() throws {
        let directory = TemporaryDirectory()
        try Self.site(directory.sub("content"))
        let result = build(directory.sub("content"), output: directory.sub("out"), write: false)
        let unsafe = result.diagnostics.filter { $0.id == "unsafe-link" }
        let practice = unsafe.filter { $0.location?.path.hasSuffix("practices/encoded.md") == true }
        // Per copy of the Markdown: each vector in each context, block and
        // inline (the form has two URL attributes), and the extras.
        let perCopy = 2 * Self.vectors.count * (Self.contexts.count + 1) + Self.extras.count + 1
        #expect(practice.count == 2 * perCopy, "\(practice.count) unsafe-link warnings in the practice")
        #expect(unsafe.allSatisfy { $0.severity == .warning })
        #expect(unsafe.allSatisfy { ($0.location?.line ?? 0) > 0 })
    }

    /// catalogue.json with every `"markdown"` value emptied.
    static func withoutMarkdownSources(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return json }
        func strip(_ value: Any) -> Any {
            if let dictionary = value as? [String: Any] {
                var copy: [String: Any] = [:]
                for (key, item) in dictionary { copy[key] = key == "markdown" ? "" : strip(item) }
                return copy
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        guard let data = try? JSONSerialization.data(withJSONObject: strip(object), options: [.sortedKeys]) else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}
