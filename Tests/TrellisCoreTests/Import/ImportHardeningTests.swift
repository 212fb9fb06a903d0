import Foundation
import Markdown
import Testing
import Yams
import ZIPFoundation

@testable import TrellisCore

/// Builds `.docx` files in memory for the import tests.
enum TestDocx {
    static let namespace = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    /// word/document.xml with a two-column table; "\n" in an answer is a line break (`<w:br/>`).
    static func documentXML(_ rows: [(String, [String])]) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        func paragraph(_ text: String) -> String {
            "<w:p>"
                + text.components(separatedBy: "\n").map { "<w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r>" }
                .joined(separator: "<w:r><w:br/></w:r>") + "</w:p>"
        }
        var body = "<w:tbl>"
        for (label, answer) in rows {
            body += "<w:tr><w:tc>\(paragraph(label))</w:tc><w:tc>\(answer.map(paragraph).joined())</w:tc></w:tr>"
        }
        body += "</w:tbl>"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \(namespace)><w:body>\(body)</w:body></w:document>"
    }

    static func docx(_ rows: [(String, [String])]) throws -> Data {
        try FormArchive.stored([(name: "word/document.xml", data: Data(documentXML(rows).utf8))])
    }

    static let goodRows: [(String, [String])] = [
        ("Name of the good practice", ["A good small form"]),
        ("Country", ["Finland"]),
        ("Description", ["What it is."]),
        ("Who is involved?", ["Teachers."]),
        ("Benefits", ["Many."]),
        ("Challenges and how they were overcome", ["Few."]),
        ("Step by step implementation", ["Do it."]),
    ]

    /// A `.docx` whose word/document.xml (deflated) is about `inflated` bytes
    /// long: one answer made of `filler` repeated. `declared` is the size the
    /// headers give (the real one when nil). Only the compressed bytes are
    /// ever in memory.
    static func bomb(inflated: Int, declared: Int? = nil, filler: String = " ") throws -> Data {
        let head = Data(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(namespace)><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Description</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>"
                .utf8)
        let tail = Data("</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>".utf8)
        let unit = Data(filler.utf8)
        let repeats = (inflated - head.count - tail.count) / unit.count
        let block = Data((0..<max(1, (1 << 20) / unit.count)).flatMap { _ in unit })
        let total = head.count + repeats * unit.count + tail.count
        let fillEnd = head.count + repeats * unit.count
        var compressed = Data()
        let crc = try Data.compress(
            size: Int64(total), bufferSize: 1 << 20,
            provider: { position, size in
                var at = Int(position)
                let end = min(total, at + size)
                var chunk = Data()
                while at < end {
                    if at < head.count {
                        let piece = head[at..<min(head.count, end)]
                        chunk.append(piece)
                        at += piece.count
                    } else if at < fillEnd {
                        let offset = (at - head.count) % unit.count
                        let piece = block[offset..<min(block.count, offset + min(end, fillEnd) - at)]
                        chunk.append(piece)
                        at += piece.count
                    } else {
                        let piece = tail[(at - fillEnd)..<(min(end, total) - fillEnd)]
                        chunk.append(piece)
                        at += piece.count
                    }
                }
                return chunk
            }, consumer: { compressed.append($0) })
        return zip(name: "word/document.xml", compressed: compressed, crc: crc, size: declared ?? total)
    }

    /// A one-entry ZIP (deflate) with the given sizes in its headers.
    static func zip(name: String, compressed: Data, crc: UInt32, size: Int) -> Data {
        var out = Data()
        func le16(_ value: Int) {
            out.append(UInt8(value & 0xFF))
            out.append(UInt8((value >> 8) & 0xFF))
        }
        func le32(_ value: Int) {
            le16(value & 0xFFFF)
            le16((value >> 16) & 0xFFFF)
        }
        let nameBytes = Data(name.utf8)
        le32(0x0403_4b50)
        le16(20)
        le16(0)
        le16(8)
        le16(0)
        le16(0x21)
        le32(Int(crc))
        le32(compressed.count)
        le32(size)
        le16(nameBytes.count)
        le16(0)
        out.append(nameBytes)
        out.append(compressed)
        let directory = out.count
        le32(0x0201_4b50)
        le16(20)
        le16(20)
        le16(0)
        le16(8)
        le16(0)
        le16(0x21)
        le32(Int(crc))
        le32(compressed.count)
        le32(size)
        le16(nameBytes.count)
        le16(0)
        le16(0)
        le16(0)
        le16(0)
        le32(0)
        le32(0)
        out.append(nameBytes)
        let directorySize = out.count - directory
        le32(0x0605_4b50)
        le16(0)
        le16(0)
        le16(1)
        le16(1)
        le32(directorySize)
        le32(directory)
        le16(0)
        return out
    }
}

/// A form that inflates without bound is refused, in bounded memory, and the
/// other forms of the same import are still written.
@Suite struct InflationBombTests {
    @Test func oversizedDocumentIsRefusedAndTheOtherFormImported() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(content, ["site.yml": "title: T\n"])
        // 200 MB of spaces (200 kB compressed): well past the 16 MB bound.
        let bomb = directory.sub("bomb.docx")
        try TestDocx.bomb(inflated: 200 << 20).write(to: URL(fileURLWithPath: bomb))
        let good = directory.sub("good.docx")
        try TestDocx.docx(TestDocx.goodRows).write(to: URL(fileURLWithPath: good))
        let outcomes = FormImport.run(forms: [bomb, good], content: content, force: false)
        #expect(outcomes.count == 2)
        #expect(outcomes[0].written == nil)
        #expect(outcomes[0].error == "word/document.xml inflates to more than 16 MB; a filled-in form is never that large, so it was not read")
        #expect(outcomes[0].hint?.contains("copy the form's table into a new document") == true)
        let written = try #require(outcomes[1].written, "\(outcomes[1].error ?? "")")
        #expect(written.hasSuffix("practices/a-good-small-form.md"))
        #expect(try readText(written).contains("title: \"A good small form\""))
    }

    /// The declared size is not trusted: a header that says 1 kB while the
    /// data inflates to 200 MB is caught by counting the inflated bytes.
    @Test func lyingDeclaredSizeIsCaughtWhileInflating() throws {
        let bytes = try TestDocx.bomb(inflated: 200 << 20, declared: 1000)
        let archive = try FormArchive(bytes: bytes)
        #expect(archive.entry(named: "word/document.xml")?.uncompressedSize == 1000)
        #expect(throws: FormArchive.Failure.tooLarge(entry: "word/document.xml", limit: FormArchive.maxEntrySize)) {
            _ = try archive.contents(of: "word/document.xml")
        }
        // The same through the reader, with its message.
        do {
            _ = try DocxFormReader.read(bytes: bytes)
            Issue.record("a 200 MB document.xml was read")
        } catch let failure as DocxFormReader.Failure {
            #expect(failure.description.contains("inflates to more than 16 MB"))
        }
    }

    /// Just under the bound is still read.
    @Test func formUnderTheBoundIsRead() throws {
        let bytes = try TestDocx.bomb(inflated: 15 << 20, filler: "a</w:t></w:r><w:r><w:t>")
        let form = try DocxFormReader.read(bytes: bytes)
        #expect(form.rows.first?.label == "Description")
        #expect(form.rows.first.map { FilledForm.plainText($0.answer[0]).count } ?? 0 > 500_000)
    }

    /// A deflate stream cut short is refused (ZIPFoundation's own reader
    /// loops for ever on it).
    @Test func truncatedDeflateStreamIsRefused() throws {
        var compressed = Data()
        let text = Data(TestDocx.documentXML(TestDocx.goodRows).utf8)
        let crc = try Data.compress(
            size: Int64(text.count), bufferSize: 4096,
            provider: { position, size in
                text.subdata(in: Int(position)..<min(text.count, Int(position) + size))
            }, consumer: { compressed.append($0) })
        let cut = TestDocx.zip(name: "word/document.xml", compressed: compressed.prefix(compressed.count / 2), crc: crc, size: text.count)
        #expect(throws: DocxFormReader.Failure.self) { _ = try DocxFormReader.read(bytes: cut) }
        // Damaged sizes in the directory are refused, not trusted.
        var damaged = TestDocx.zip(name: "word/document.xml", compressed: compressed, crc: crc, size: text.count)
        let directory = damaged.count - 22 - (46 + 17)
        damaged.replaceSubrange((directory + 20)..<(directory + 24), with: [0xF0, 0xFF, 0xFF, 0x7F])
        #expect(throws: DocxFormReader.Failure.self) { _ = try DocxFormReader.read(bytes: damaged) }
        // And the intact one is read.
        let intact = TestDocx.zip(name: "word/document.xml", compressed: compressed, crc: crc, size: text.count)
        #expect(try DocxFormReader.read(bytes: intact).rows.count == TestDocx.goodRows.count)
    }

    /// XXE and entity expansion stay refused: any DTD is.
    @Test func dtdsAreRefused() throws {
        let body = TestDocx.documentXML(TestDocx.goodRows)
        let xxe = body.replacingOccurrences(of: "<w:document", with: "<!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document")
            .replacingOccurrences(of: "What it is.", with: "&x;")
        let laughs = body.replacingOccurrences(
            of: "<w:document", with: "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><w:document"
        )
        .replacingOccurrences(of: "What it is.", with: "&b;")
        for xml in [xxe, laughs] {
            let docx = try FormArchive.stored([(name: "word/document.xml", data: Data(xml.utf8))])
            do {
                _ = try DocxFormReader.read(bytes: docx)
                Issue.record("a document with a DTD was read")
            } catch let failure as DocxFormReader.Failure {
                #expect(failure.description.contains("declares a DTD"))
            }
        }
        let utf16 = body.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        #expect(throws: DocxFormReader.Failure.self) {
            _ = try DocxFormReader.read(bytes: try FormArchive.stored([(name: "word/document.xml", data: Data(utf16.utf8))]))
        }
    }

    /// Entry names are never paths: a zip-slip name is ignored.
    @Test func zipSlipNamesAreIgnored() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(content, ["site.yml": "title: T\n"])
        let form = directory.sub("forms/slip.docx")
        try FileManager.default.createDirectory(atPath: directory.sub("forms"), withIntermediateDirectories: true)
        try FormArchive.stored([
            (name: "../../../escaped.txt", data: Data("x".utf8)),
            (name: "word/document.xml", data: Data(TestDocx.documentXML(TestDocx.goodRows).utf8)),
        ])
        .write(to: URL(fileURLWithPath: form))
        let outcomes = FormImport.run(forms: [form], content: content, force: false)
        #expect(outcomes.first?.written != nil)
        #expect(!FileManager.default.fileExists(atPath: directory.sub("escaped.txt")))
        #expect(!FileManager.default.fileExists(atPath: directory.sub("forms/../../escaped.txt")))
    }
}

/// Answers come out as typed: no line of an answer opens a block of its own.
@Suite struct AnswerEscapingTests {
    /// Every line start that means something in Markdown (and GFM).
    static let hostileLines = [
        "## Injected heading", "# Top heading", "#hashtag", "> a quote", "- a list item", "* a star item", "+ a plus item",
        "1. a numbered item", "1) another numbered item", "---", "===", "***", "___", "```swift", "~~~", "| a | b |", "|---|---|",
        "    four spaces of code", "<div>html</div>", "<!-- comment -->", "[link](https://example.org)", "*emphasis* and _this_",
        "`code`", "~~struck~~", "&amp; &copy;", "\\ backslash", "![image](x.png)", "[^1]: footnote", "<https://example.org>",
    ]

    static func practice(from markdown: String) throws -> (Practice, [Diagnostic]) {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(content, ["site.yml": "title: T\n", "practices/imported.md": markdown])
        let result = Pipeline.run(BuildOptions(content: content, output: directory.sub("out"), templates: noTemplates, write: false))
        let practice = try #require(result.site?.practices.first { $0.id == "imported" }, "\(summary(result.diagnostics))")
        return (practice, result.diagnostics)
    }

    @Test func everyLineStaysInItsSection() throws {
        // Each hostile line as a paragraph of its own, and all of them as the
        // lines of one paragraph (line breaks in Word), in Description; as
        // bullets in Benefits; in a numbered step; in the title's note.
        let lines = Self.hostileLines
        let rows: [(String, [String])] = [
            ("Name of the good practice", ["Typed *as* is # [x]", "## note under the title\n> quoted"]),
            ("Country", ["Finland"]),
            ("Description", lines + [lines.joined(separator: "\n")]),
            ("Who is involved?", ["Teachers\n\n## After a blank line\n---"]),
            ("Benefits", ["Plain benefit"]),
            ("Challenges and how they were overcome", ["first line\n===\nsecond line\n---"]),
            ("Step by step implementation", ["Do it\n## Not a step heading"]),
            ("Costs ## and # funding\nsecond line", ["> cost"]),
        ]
        var form = try DocxFormReader.read(bytes: TestDocx.docx(rows))
        // Lists too (the plain-text export makes them from "- " and "1. ").
        form.rows[4].answer = lines.map { .bullet($0, level: 0) } + [.bullet("nested\n## inside", level: 1), .numbered("## step", level: 0)]
        let result = PracticeImporter(template: .builtIn).convert(form, fallbackTitle: "x")
        let (practice, diagnostics) = try Self.practice(from: result.markdown)

        #expect(practice.title == "Typed *as* is # [x]")
        let headings = practice.body.sections.map { $0.heading?.text }
        #expect(
            headings == [
                "Description", "Who is involved?", "Benefits", "Challenges and how they were overcome",
                "Step by step implementation", "Costs ## and # funding second line",
            ])
        #expect(headings.count == result.headings.count)
        #expect(practice.sections.allSatisfy { $0.content != nil })
        // No heading, quote, rule, code, table or raw HTML anywhere in the body.
        for section in [practice.body.intro] + practice.body.sections {
            for block in section.blocks {
                if case .heading = block.kind { Issue.record("an answer became a heading: \(block.html)") }
                for tag in [
                    "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<blockquote", "<hr", "<pre", "<code", "<table", "<em>", "<strong>",
                    "<del>", "<div>", "<!--", "<img", "<sup",
                ] {
                    #expect(!block.html.contains(tag), "\(tag) in \(block.html)")
                }
            }
        }
        // Each typed line is in the text of its own section, as typed.
        let description = try #require(practice.body.sections.first).plainText
        for line in lines {
            #expect(description.contains(line.trimmingCharacters(in: .whitespaces)), "'\(line)' is not in Description: \(description)")
        }
        let benefits = practice.body.sections[2]
        for line in lines {
            #expect(benefits.plainText.contains(line.trimmingCharacters(in: .whitespaces)), "'\(line)' is not in Benefits")
        }
        #expect(benefits.blocks.allSatisfy { $0.html.hasPrefix("<ul>") || $0.html.hasPrefix("<ol>") })
        #expect(benefits.plainText.contains("## inside"))
        #expect(practice.body.sections[1].plainText.contains("## After a blank line"))
        #expect(practice.body.sections[3].plainText.contains("==="))
        #expect(practice.body.intro.plainText.contains("## note under the title"))
        #expect(practice.body.intro.plainText.contains("> quoted"))
        // Only the warning for the row outside the template.
        #expect(diagnostics.map(\.id.rawValue) == ["unknown-section"], "\(summary(diagnostics))")
    }
}

/// Found by the fuzzer (Tests/Fuzz/regressions/import-nul-in-answer): a NUL
/// byte in an answer made the written file unreadable (nul-byte).
@Suite struct ControlCharacterTests {
    @Test func controlCharactersInAnswersAreLeftOut() throws {
        let text =
            "\tName of the best practice\n\tTal\u{0}k\n\tCountry\n\tFI\n\tBenefits\n\tLess\u{0}\u{1}\u{7F} isolation\n\u{0}\u{0}\n\tRow\u{0}\n\tx\u{1B}y\n"
        let result = PracticeImporter(template: .builtIn).convert(TextFormReader.read(text), fallbackTitle: "x")
        #expect(!result.markdown.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
        #expect(result.markdown.contains("Less isolation"))
        #expect(result.markdown.contains("xy"))
        #expect(Fuzzing.checkImport(TextFormReader.read(text)).isEmpty)
        let (practice, _) = try AnswerEscapingTests.practice(from: result.markdown)
        #expect(practice.title == "Talk")
    }
}

/// Found by the fuzzer (Tests/Fuzz/regressions/import-autolink-swallows-escape):
/// GFM autolinks keep backslash escapes as text, so addresses are not linked.
@Suite struct AddressTests {
    @Test func addressesShowAsTyped() throws {
        let typed = ["see https://example.org/my_page?a=1&b=2 now", "www.example.org/x_y", "http://x.org/\">\\<b>", "mail a_b@example.org"]
        let form = FilledForm(
            rows: [
                FilledForm.Row(label: "Country", answer: [.paragraph("FI")]),
                FilledForm.Row(label: "Description http://a.org/\"><b>", answer: typed.map { .paragraph($0) }),
            ], preamble: [])
        let result = PracticeImporter(template: .builtIn).convert(form, fallbackTitle: "x")
        let (practice, _) = try AnswerEscapingTests.practice(from: result.markdown)
        #expect(practice.body.sections.map { $0.heading?.text } == ["Description http://a.org/\"><b>"])
        let texts = practice.body.sections.first?.blocks.map(\.text) ?? []
        #expect(texts == typed)
        #expect(Fuzzing.checkImport(form).isEmpty)
    }
}

/// Word import fills the front matter from every row that names a field.
@Suite struct FrontMatterRowTests {
    @Test func sectorYearAndTheOtherRowsBecomeFrontMatter() throws {
        let path = FormImportTests.forms.appendingPathComponent("workplace-mentoring.docx").path
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(content, ["site.yml": "title: T\n"])
        let outcome = try #require(FormImport.run(forms: [path], content: content, force: false).first)
        let result = try #require(outcome.result, "\(outcome.error ?? "")")
        #expect(result.warnings == [])
        #expect(result.mappings.filter(\.isExtra).isEmpty)
        let written = try #require(outcome.written)
        let text = try readText(written)
        #expect(
            text.hasPrefix(
                """
                ---
                title: "Workplace mentors for apprentices"
                country: "FI"  # Finland
                organisation: "Omnia Vocational College"
                sector: "vet"  # Vocational education and training
                tags: ["Mentoring", "Apprenticeship", "Video Chat"]
                year: 2021
                website: "https://www.example.org/workplace-mentors"
                status: "established"
                ---
                """))
        let build = Pipeline.run(BuildOptions(content: content, output: directory.sub("out"), templates: noTemplates, write: false))
        #expect(build.diagnostics.isEmpty, "\(summary(build.diagnostics))")
        let practice = try #require(build.site?.practices.first)
        #expect(practice.sector?.value == "vet")
        #expect(practice.year == 2021)
        #expect(practice.tags == ["mentoring", "apprenticeship", "video-chat"])
        #expect(practice.organisation == "Omnia Vocational College")
        #expect(practice.website == "https://www.example.org/workplace-mentors")
        #expect(practice.status == "established")
        #expect(practice.body.sections.map { $0.heading?.text } == PracticeTemplate.builtIn.sections.map(\.heading))
    }

    @Test func closeVariantsOfTheLabelsAreRecognised() {
        let rows: [(String, String, String)] = [
            ("Name of the good practice", "A", "title"), ("Country", "Suomi", "country"), ("Organization", "X", "organisation"),
            ("Institution", "X", "organisation"), ("Sector", "VET", "sector"), ("Educational sector", "Higher education", "sector"),
            ("Tags", "a, b", "tags"), ("Keywords", "a", "tags"), ("Year", "2020", "year"), ("Year of implementation", "2019-2021", "year"),
            ("Website", "https://a.example", "website"), ("Web site", "https://a.example", "website"), ("URL", "https://a.example", "website"),
            ("Status", "pilot plan", "status"),
        ]
        for (label, answer, target) in rows {
            let form = FilledForm(rows: [FilledForm.Row(label: label, answer: [.paragraph(answer)])], preamble: [])
            let result = PracticeImporter(template: .builtIn).convert(form, fallbackTitle: "x")
            #expect(result.mappings.first?.target == target, "\(label)")
        }
    }

    @Test func sectorAnswersAreVocabularyTerms() {
        let importer = PracticeImporter(template: .builtIn)
        #expect(importer.sectorTerm("VET") == "vet")
        #expect(importer.sectorTerm("Vocational education and training") == "vet")
        #expect(importer.sectorTerm("vocational education & training.") == "vet")
        #expect(importer.sectorTerm("Higher Education") == "higher-education")
        #expect(importer.sectorTerm("adult-education") == "adult-education")
        #expect(importer.sectorTerm("School") == "school")
        #expect(importer.sectorTerm("Space travel") == nil)
        // A site's own vocabulary.
        #expect(PracticeImporter(template: .builtIn, sectors: ["teacher-education"]).sectorTerm("Teacher education") == "teacher-education")
        #expect(PracticeImporter(template: .builtIn, sectors: ["school"]).sectorTerm("VET") == nil)
    }

    @Test func unusableValuesAreWarnedAbout() {
        let form = FilledForm(
            rows: [
                FilledForm.Row(label: "Sector", answer: [.paragraph("Space travel")]),
                FilledForm.Row(label: "Year", answer: [.paragraph("last spring")]),
            ], preamble: [])
        let result = PracticeImporter(template: .builtIn).convert(form, fallbackTitle: "x")
        #expect(result.warnings.contains { $0.contains("sector 'Space travel' is not in the sectors vocabulary") })
        #expect(result.warnings.contains { $0.contains("year 'last spring' is not a year") })
        // Every word is kept: the year's text as a section of its own.
        #expect(result.markdown.contains("## Year\n\nlast spring"))
    }
}

/// Front-matter strings are written by Yams and read back as themselves.
@Suite struct YAMLEmissionTests {
    static let titles = [
        "Plain title", "He said \"hi\" and 'bye'", "Key: value", "a:b", "# not a comment", "title # with hash", "- leading dash",
        "-", "? question", ": colon", "line one\nline two", "trailing newline\n", "\ttab", " leading and trailing ",
        "Ünïcödé 日本語 Κύπρος 🎉", "control \u{0}\u{1}\u{7}\u{8}\u{1B}\u{7F} characters", "next line \u{85} and \u{2028} \u{2029}",
        "a\u{FEFF}b", "null", "true", "~", "123", "0x1F", "1e3", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`",
        "C:\\path\\to", "{braces}", "[brackets]", "a, b", "|", ">", "'", "\"", "", "---", "...", "\r\n", "\u{A0}nbsp\u{A0}",
        String(repeating: "long ", count: 60),
    ]

    @Test func scalarsRoundTripThroughYams() throws {
        for title in Self.titles {
            let line = PracticeImporter.yamlLine("title", .string(title))
            #expect(!line.contains("\n"), "\(line)")
            let loaded = try Yams.load(yaml: line) as? [String: Any]
            #expect(loaded?["title"] as? String == title, "\(title.debugDescription) → \(line)")
            let composed = try Yams.compose(yaml: line, .basic)
            #expect(composed?["title"]?.string == title, "\(title.debugDescription) → \(line)")
        }
        // A leading byte-order mark is dropped by libyaml's reader even when
        // escaped; the importer takes it out of titles (oneLine) for that reason.
        #expect(PracticeImporter.oneLine("\u{FEFF}bom") == "bom")
        let list = PracticeImporter.yamlLine("tags", .list(["a, b", "c: d", "#e"]))
        #expect(try (Yams.load(yaml: list) as? [String: Any])?["tags"] as? [String] == ["a, b", "c: d", "#e"])
    }

    /// Through the whole import and the practice parser.
    @Test func importedTitlesReadBackFromTheFile() throws {
        for title in Self.titles where !PracticeImporter.oneLine(title).isEmpty {
            let form = FilledForm(
                rows: [
                    FilledForm.Row(label: "Name of the good practice", answer: [.paragraph(title)]),
                    FilledForm.Row(label: "Country", answer: [.paragraph("FI")]),
                ], preamble: [])
            let result = PracticeImporter(template: .builtIn).convert(form, fallbackTitle: "x")
            let problems = Fuzzing.checkImport(form)
            #expect(problems.isEmpty, "\(title.debugDescription): \(problems)")
            #expect(result.title == PracticeImporter.oneLine(title))
        }
    }
}

/// The import seeds of the fuzzer and the inputs it ever crashed on
/// (Tests/Fuzz/regressions) go through `Fuzzing.runImport`, as in `make fuzz`.
@Suite struct FuzzImportRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    @Test func seedsAndRegressionsKeepTheImportsPromises() throws {
        var count = 0
        for sub in ["seeds", "regressions"] {
            let dir = Self.folder.appendingPathComponent(sub).path
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            where name.hasPrefix("import-") || sub == "regressions" && !name.hasSuffix(".txt") {
                let bytes = try #require(FileManager.default.contents(atPath: "\(dir)/\(name)"))
                let problems = Fuzzing.runImport([UInt8](bytes))
                #expect(problems.isEmpty, "\(sub)/\(name): \(problems)")
                count += 1
            }
        }
        #expect(count >= 7)
    }

    /// The seed forms are read (not only survived).
    @Test func docxSeedsAreForms() throws {
        let dir = Self.folder.appendingPathComponent("seeds").path
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".docx") {
            let bytes = try #require(FileManager.default.contents(atPath: "\(dir)/\(name)"))
            #expect(try DocxFormReader.read(bytes: bytes).rows.count >= 7, "\(name)")
        }
    }
}
