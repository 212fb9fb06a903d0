import Foundation
import Markdown
import Testing

@testable import TrellisCore

/// SPEC 6, data: catalogue.json, catalogue.csv, the Atom feed, sitemap.xml.
@Suite struct DataExportTests {
    @Test(arguments: [
        ("one two three", 5, "one two three"),
        ("one two three", 2, "one two …"),
        ("  one\n\n  two\tthree\r\nfour  ", 3, "one two three …"),
        ("  one\n\n  two  ", 2, "one two"),
        ("Schüler·innen lernen — gemeinsam", 3, "Schüler·innen lernen — …"),
        ("", 3, ""),
    ])
    func excerptsOfWords(text: String, words: Int, excerpt: String) {
        #expect(DataExports.excerpt(text, words: words) == excerpt)
    }

    /// A section's excerpt read block by block, only as far as it needs, is
    /// the excerpt of its whole plain text: at every length, with words
    /// longer than what is read first, text in other scripts, a facilitator
    /// block (left out) and a footnote reference (whose text is kept).
    @Test func anExcerptReadFromTheBlocksStartsIsTheWholeTextsExcerpt() {
        let long = String(repeating: "Überlänge", count: 200)
        let markdown = """
            First paragraph with *emphasis*, `code` and a [link](https://example.org).

            \(long) then more words after the very long one.

            > [!FACILITATOR]
            > Only for facilitators: never in an excerpt.

            - one item
            - two items with Ελληνικά and فارسی words

            A note[^1] and \(String(repeating: "word ", count: 120))

            [^1]: The note.
            """
        let blocks = MarkdownParser.parse(markdown).blocks
        let section = BodySection(heading: nil, blocks: blocks, location: SourceLocation(path: "x.md"))
        for words in [0, 1, 2, 5, 9, 10, 11, 12, 20, 40, 60, 130, 200] {
            #expect(DataExports.excerpt(of: blocks, words: words) == DataExports.excerpt(section.plainText, words: words), "\(words) words")
        }
        #expect(DataExports.excerpt(of: [], words: 10) == "")
    }

    @Test(arguments: [
        ("  plain text\t", "plain text"), ("plain", "plain"), ("", ""), ("   ", ""),
        ("\u{00A0}Schüler\u{2003} ", "Schüler"), (" é ", "é"), ("\t\u{3000}日本\u{3000}", "日本"),
    ])
    func cellLinesLoseTheSpacesAroundThem(line: String, trimmed: String) {
        #expect(String(Substring(Substring(line).utf8[...].trimmingLineSpaces)) == trimmed)
    }

    private func catalogue(_ fixture: String) throws -> [String: Any] {
        let data = try #require(BuiltSite(fixture).data("catalogue.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func catalogueJSONFollowsTheContract() throws {
        let json = try catalogue("minimal")
        #expect(json["title"] as? String == "Minimal Trellis Site")
        let practices = try #require(json["practices"] as? [[String: Any]])
        let practice = try #require(practices.first)
        #expect(practices.count == 1)
        #expect(practice["id"] as? String == "good-practice")
        #expect(practice["title"] as? String == "A Good Practice")
        #expect(practice["country"] as? String == "FI")
        #expect(practice["country_name"] as? String == "Finland")
        #expect(practice["sector"] as? String == "vet")
        #expect(practice["tags"] as? [String] == ["video-chat", "exchange"])
        #expect(practice["year"] as? Int == 2024)
        #expect(practice["website"] as? String == "https://example.org/")
        #expect(practice["modules"] as? [String] == ["intro-module"])
        #expect(practice["url"] as? String == "practices/good-practice.html")
        let sections = try #require(practice["sections"] as? [[String: Any]])
        #expect(sections.compactMap { $0["id"] as? String } == ["description", "involved", "benefits", "challenges", "implementation"])
        #expect(sections.first?["heading"] as? String == "Description")
        #expect(sections.first?["markdown"] as? String == "Students from two colleges meet online every week.")

        let modules = try #require(json["modules"] as? [[String: Any]])
        let module = try #require(modules.first)
        #expect(module["id"] as? String == "intro-module")
        #expect(module["title"] as? String == "Introduction Module")
        #expect(module["summary"] as? String == "A two-task module used by the tests.")
        #expect(module["url"] as? String == "modules/intro-module/index.html")
        let tasks = try #require(module["tasks"] as? [[String: Any]])
        #expect(tasks.compactMap { $0["id"] as? String } == ["meet-each-other", "compare-schools"])
        #expect(tasks.first?["type"] as? String == "information-exchange")
        #expect(tasks.first?["phase"] as? String == "start")
        #expect(tasks.first?["url"] as? String == "modules/intro-module/meet-each-other.html")
    }

    /// catalogue.json gives each section's Markdown as the author wrote
    /// it, read again from the practice's file: the build does not keep it.
    /// A file edited after it was parsed stops the export with a message
    /// (the writer then fails the build and keeps the previous site) rather
    /// than mixing the new text with the old page.
    @Test func catalogueJSONReadsTheMarkdownAgainAndRefusesAChangedFile() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let result = build(content, output: directory.sub("out"))
        let site = try #require(result.site)
        let practice = try #require(site.practices.first)
        let markdown = try practice.body.markdownReader()
        let texts = practice.sections.compactMap(\.content).map(markdown)
        #expect(texts.first == "Students from two colleges meet online every week.")
        #expect(texts.count == practice.sections.count)
        #expect(texts.allSatisfy { !$0.hasPrefix("\n") && !$0.hasSuffix("\n") && !$0.hasPrefix("## ") })
        let written = try #require(FileManager.default.contents(atPath: directory.sub("out") + "/catalogue.json"))
        #expect(try DataExports(site: site).catalogueJSON() == [UInt8](written))

        let path = "\(content)/practices/good-practice.md"
        try (try readText(path) + "\nA line added while the site was being built.\n").write(toFile: path, atomically: false, encoding: .utf8)
        do {
            _ = try DataExports(site: site).catalogueJSON()
            Issue.record("a changed file was read as if it were the one parsed")
        } catch {
            #expect(error.message.contains("practices/good-practice.md' changed while the site was being built"))
            #expect(error.hint?.contains("build again") == true)
        }
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: OutputError.self) { try DataExports(site: site).catalogueJSON() }
    }

    @Test func catalogueJSONEscapesText() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let path = "\(content)/practices/good-practice.md"
        try readText(path).replacingOccurrences(of: "title: A Good Practice", with: "title: \"Tom & \\\"Jerry\\\" <3\"")
            .write(toFile: path, atomically: false, encoding: .utf8)
        #expect(build(content, output: directory.sub("out")).succeeded)
        let data = try #require(FileManager.default.contents(atPath: directory.sub("out") + "/catalogue.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let practices = try #require(json["practices"] as? [[String: Any]])
        #expect(practices.first?["title"] as? String == "Tom & \"Jerry\" <3")
    }

    /// The byte-level escaper: what must be escaped is, every other
    /// character (three-byte ones starting like U+2028 too) is copied, and
    /// JSON parsers read back the same text.
    @Test(arguments: [
        "plain", "Tom & \"Jerry\" <3>", "line\nbreak\r\ttab\\", "\u{01}\u{1F}", "a\u{2028}b\u{2029}c", "– … € ‰ “quotes”",
        "ελληνικά ΣΣ", "فارسی\u{200C}متن", "emoji 👩🏽‍🏫", "",
    ])
    func jsonStringsAreEscapedAndReadBack(text: String) throws {
        let quoted = JSONText.quoted(text)
        #expect(!quoted.utf8.contains { $0 < 0x20 || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 })
        #expect(!quoted.contains("\u{2028}") && !quoted.contains("\u{2029}"))
        let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(back == [text])
    }

    /// The eight-bytes-at-a-time reader answers as reading byte by byte
    /// does, wherever in a word (or in the tail after the last whole word)
    /// the byte that matters falls: whether a cell is quoted; and JSON text
    /// of the same pieces reads back whole.
    @Test func wordAtATimeReadersAgreeWithByteByByte() throws {
        let pieces = ["a", "b", "é", ",", "\"", "\n", "\r", "<", "&", "\\", "\u{1}", "–", " "]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            var bytes = text
            let quoted = bytes.withUTF8 { DataExports.needsQuotes($0) }
            #expect(quoted == text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }, "\(text.debugDescription)")
            let back = try JSONSerialization.jsonObject(with: Data("[\(JSONText.quoted(text))]".utf8)) as? [String]
            #expect(back == [text], "\(text.debugDescription)")
        }
    }

    @Test func jsonEscapesAreTheSameBytesEveryTime() {
        #expect(JSONText.quoted("a<b>&\"\\\n\r\t\u{1}\u{2028}é–") == #""a\u003cb\u003e\u0026\"\\\n\r\t\u0001\u2028é–""#)
        #expect(JSONText.quoted("no escapes at all") == "\"no escapes at all\"")
    }

    @Test func catalogueCSVHasARowPerPracticeAndAColumnPerSection() throws {
        let text = try BuiltSite("rich").text("catalogue.csv")
        let rows = parseCSV(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        let header = try #require(rows.first)
        for heading in PracticeTemplate.builtIn.sections.map(\.heading) {
            #expect(header.contains(heading), "no column for \(heading)")
        }
        let body = rows.dropFirst().filter { $0 != [""] }
        #expect(body.count == 4)
        #expect(body.allSatisfy { $0.count == header.count })
        let idColumn = try #require(header.firstIndex(of: "id"))
        #expect(body.map { $0[idColumn] }.sorted() == ["cyprus-twinning", "dutch-exchange", "finnish-network", "sammtalk"])
    }

    /// A practice written like the sample's: list answers with items over
    /// two lines, bold text, a link, and one paragraph that a spreadsheet
    /// would take for a formula.
    static let sampleLikePractice = """
        ---
        title: Apprenticeship exchange
        country: SE
        ---

        ## Description

        In an **apprenticeship** exchange, student teachers work with
        learners like the ones they will [one day](https://example.org/) teach.

        ## Who is involved?

        - Student teachers of English, who use the exchange to try out what they
          are learning on their course.
        - Upper-secondary learners in *Swedish* schools.
        - Teacher educators & mentors.

        ## Benefits

        1. Student teachers apply their **growing knowledge** of grammar.
        2. Both sides communicate regularly.

        ## Challenges and how they were overcome

        +3 schools joined late; =SUM(A1) is not a formula here.

        Contact alone does not guarantee learning.

        ## Step by step implementation

        Plan the exchange:

        - Agree on times
          - across time zones
        - Record each session

        ## Costs

        - None
        """

    /// Lines of a spreadsheet cell, on bytes, as the rule on characters says:
    /// one line per non-empty line of the blocks' text, trimmed of spaces and
    /// tabs (Unicode spaces too).
    @Test(arguments: [
        "", "\n\n", "one", "  two  \n\tthree\t\n", "\u{00A0}nbsp both\u{00A0}", "\u{2003}em space\nnext\u{3000}",
        "é starts\nends é", "a\r\nb", "   \n \u{00A0} \n", "x\u{00A0}\u{00A0}y", "\u{00A0}", "tab\tinside\n",
    ])
    func plainLinesFollowTheRuleOnCharacters(_ text: String) {
        let blocks = [text, "second block"].map { MarkdownBlock(kind: .content, segments: HTMLSegments(html: ""), text: $0, line: 1, endLine: 1) }
        let expected = blocks.flatMap { block in
            block.text.utf8.split(separator: 0x0A).compactMap { line -> String? in
                let trimmed = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            }
        }.joined(separator: "\n")
        #expect(DataExports.plainLines(blocks) == expected)
    }

    @Test func catalogueCSVCellsArePlainTextWithListsAsLines() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("rich", into: directory)
        try Self.sampleLikePractice.write(toFile: "\(content)/practices/sample-like.md", atomically: false, encoding: .utf8)
        let result = build(content, output: directory.sub("out"))
        #expect(result.succeeded, "\(result.diagnostics)")
        let text = try readText(directory.sub("out") + "/catalogue.csv")
        let rows = parseCSV(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).filter { $0 != [""] }
        let header = try #require(rows.first)
        let row = try #require(rows.first { $0.first == "sample-like" })
        func cell(_ column: String) throws -> String { row[try #require(header.firstIndex(of: column))] }

        #expect(
            try cell("Description")
                == "In an apprenticeship exchange, student teachers work with learners like the ones they will one day teach.")
        #expect(
            try cell("Who is involved?") == """
                Student teachers of English, who use the exchange to try out what they are learning on their course.
                Upper-secondary learners in Swedish schools.
                Teacher educators & mentors.
                """)
        #expect(try cell("Benefits") == "Student teachers apply their growing knowledge of grammar.\nBoth sides communicate regularly.")
        #expect(
            try cell("Challenges and how they were overcome")
                == "'+3 schools joined late; =SUM(A1) is not a formula here.\nContact alone does not guarantee learning.")
        #expect(try cell("Step by step implementation") == "Plan the exchange:\nAgree on times\nacross time zones\nRecord each session")
        #expect(try cell("Other sections") == "Costs\nNone")

        for row in rows.dropFirst() {
            for value in row {
                #expect(!value.contains("**"), "Markdown left in \(value.debugDescription)")
                #expect(!value.hasPrefix("- ") && !value.contains("\n- "), "a list marker in \(value.debugDescription)")
                if value.hasPrefix("'") {
                    #expect(DataExports.isFormula(String(value.dropFirst())), "guarded but not a formula: \(value.debugDescription)")
                }
            }
        }
        // catalogue.json keeps the Markdown.
        let json = try readText(directory.sub("out") + "/catalogue.json")
        #expect(json.contains("**growing knowledge**"))
        #expect(json.contains("- Student teachers of English"))
    }

    @Test func formulaGuardOnlyForFormulas() {
        #expect(DataExports.cell("=1+1") == "'=1+1")
        #expect(DataExports.cell("  @SUM") == "'  @SUM")
        #expect(DataExports.cell("-5") == "'-5")
        #expect(DataExports.cell("Plain text") == "Plain text")
        #expect(DataExports.cell("It's fine") == "It's fine")
        #expect(DataExports.cell("a - b") == "a - b")
    }

    @Test func feedIsWellFormedXML() throws {
        let data = try #require(BuiltSite("rich").data("feed.xml"))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(text.components(separatedBy: "<entry>").count - 1 == 4)
        #expect(!text.contains("& "))
    }

    @Test func sitemapOnlyWithBaseURL() throws {
        #expect(!BuiltSite().exists("sitemap.xml"))
        let sitemap = try BuiltSite("rich").text("sitemap.xml")
        #expect(
            sitemap.contains("<loc>https://example.org/trellis-rich/index.html</loc>")
                || sitemap.contains("<loc>https://example.org/trellis-rich/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/trellis-rich/practices/sammtalk.html</loc>"))
    }
}

/// RFC 4180 fields: quoted fields may hold commas, quotes ("") and newlines.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = text.makeIterator()
    var pending: Character?
    while let c = pending ?? characters.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = characters.next() {
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    quoted = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\n" || c == "\r\n" {
            row.append(field)
            field = ""
            rows.append(row)
            row = []
        } else if c != "\r" {
            field.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}
