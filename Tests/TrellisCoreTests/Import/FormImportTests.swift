import Foundation
import Testing
import ZIPFoundation

@testable import TrellisCore

/// `trellis import` on the .docx forms in Fixtures/forms (made by
/// scripts/make-docx-fixtures): every word of every answer reaches the
/// Markdown, and the result passes the checks.
@Suite struct FormImportTests {
    static let forms = Fixtures.root.appendingPathComponent("forms")

    static func formPaths() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: forms.path).filter { $0.hasSuffix(".docx") }.sorted()
            .map { forms.appendingPathComponent($0).path }
    }

    /// The words of a form's table, read straight from word/document.xml
    /// (independently of Trellis's reader).
    static func tableWords(_ path: String) throws -> [String] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        let xml = String(decoding: data, as: UTF8.self)
        let regex = try NSRegularExpression(pattern: "<w:t[^>]*>([^<]*)</w:t>")
        var words: [String] = []
        // The answer is every cell of a row after the first (the label).
        for row in xml.components(separatedBy: "<w:tr>").dropFirst() {
            for cell in row.components(separatedBy: "<w:tc>").dropFirst(2) {
                for match in regex.matches(in: cell, range: NSRange(cell.startIndex..., in: cell)) {
                    guard let range = Range(match.range(at: 1), in: cell) else { continue }
                    let text = cell[range].replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
                    words += text.split(whereSeparator: { $0.isWhitespace })
                        .map { $0.trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty }
                }
            }
        }
        return words
    }

    @Test func threeFormsAreImportedWithEveryWord() throws {
        let paths = try Self.formPaths()
        #expect(paths.count == 4)
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(content, ["site.yml": "title: Imported\n"])
        let outcomes = FormImport.run(forms: paths, content: content, force: false)
        for outcome in outcomes {
            let written = try #require(outcome.written, "\(outcome.source): \(outcome.error ?? "")")
            let markdown = try readText(written).replacingOccurrences(of: "\\", with: "")
            let words = try Self.tableWords(outcome.source)
            #expect(words.count > 40)
            for word in words {
                #expect(markdown.contains(word), "\(outcome.source): '\(word)' is missing from \(written)")
            }
        }
        let result = Pipeline.run(BuildOptions(content: content, output: directory.sub("out"), templates: noTemplates, write: false))
        #expect(!result.diagnostics.hasErrors, "\(summary(result.diagnostics))")
        // The row outside the template is kept, with a warning.
        let extra = result.diagnostics.filter { $0.id == "unknown-section" }
        #expect(extra.count == 1)
        #expect(extra.first?.message.contains("Costs and funding") == true)
        let tandem = try #require(outcomes.first { $0.source.hasSuffix("language-tandem.docx") }?.result)
        #expect(tandem.warnings.contains { $0.contains("Costs and funding") })
        #expect(tandem.mappings.contains { $0.isExtra && $0.label == "Costs and funding" })
    }

    @Test func listsAndStepsBecomeMarkdown() throws {
        let path = try #require(try Self.formPaths().first { $0.hasSuffix("rural-mentoring.docx") })
        let form = try DocxFormReader.read(URL(fileURLWithPath: path))
        let result = PracticeImporter(template: .builtIn).convert(form, fallbackTitle: "x")
        #expect(result.markdown.contains("title: \"Mentoring circles for rural schools\""))
        #expect(result.markdown.contains("country: \"SI\""))
        #expect(result.markdown.contains("- Early-career teachers who work alone in their subject"))
        #expect(result.markdown.contains("1. Map the schools and subjects that have a single teacher\n2. Recruit mentors"))
        #expect(result.markdown.contains("## Step by step implementation"))
    }

    @Test func plainTextExportIsRead() throws {
        let text =
            "TEMPLATE FOR COLLECTION OF GOOD PRACTICES\n\n\tName of the best practice\n\t[bookmark: _GoBack]Sammtalk (https://sammtalk.com)\n(international platform)\n\n\tCountry\n\tNetherlands\n\n\tBenefits \n\t· A practical tool\n· Accessible at any level\n"
        let form = TextFormReader.read(text)
        let result = PracticeImporter(template: .builtIn).convert(form, fallbackTitle: "x")
        #expect(result.title == "Sammtalk")
        #expect(result.markdown.contains("website: \"https://sammtalk.com\""))
        #expect(result.markdown.contains("(international platform)"))
        #expect(result.markdown.contains("- A practical tool\n- Accessible at any level"))
        #expect(!result.markdown.contains("bookmark"))
    }

    @Test func existingFileIsNotOverwrittenWithoutForce() throws {
        let path = try #require(try Self.formPaths().first)
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(content, ["site.yml": "title: T\n"])
        let first = FormImport.run(forms: [path], content: content, force: false)
        let written = try #require(first.first?.written)
        try "changed by hand".write(toFile: written, atomically: true, encoding: .utf8)
        let second = FormImport.run(forms: [path], content: content, force: false)
        #expect(second.first?.written == nil)
        #expect(second.first?.error?.contains("--force") == true)
        #expect(try readText(written) == "changed by hand")
        let forced = FormImport.run(forms: [path], content: content, force: true)
        #expect(forced.first?.written == written)
        #expect(try readText(written) != "changed by hand")
    }
}

/// Facet counts on the catalogue page agree with catalogue.json.
@Suite struct FacetCountTests {
    @Test func catalogueCountsMatchTheData() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        var files = ["site.yml": "title: Facets\n"]
        let countries = ["FI", "NL", "ES", "SI", "GR"]
        let sectors = ["school", "vet", "higher-education"]
        let tags = ["mentoring", "rural", "video-chat", "pdca"]
        for index in 0..<60 {
            files["practices/p\(index).md"] = """
                ---
                title: Practice \(index)
                country: \(countries[index % 5])
                sector: \(sectors[index % 3])
                tags: [\(tags[index % 4]), \(tags[(index / 4) % 4])]
                year: \(2018 + index % 7)
                ---
                \(HostileFileTests.practiceBody)
                """
        }
        try writeSite(content, files)
        let result = build(content, output: directory.sub("out"))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let data = try #require(FileManager.default.contents(atPath: directory.sub("out/catalogue.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let practices = try #require(json["practices"] as? [[String: Any]])
        #expect(practices.count == 60)
        var expected: [String: [String: Int]] = [:]
        for practice in practices {
            expected["country", default: [:]][(practice["country"] as? String ?? "").lowercased(), default: 0] += 1
            expected["sector", default: [:]][practice["sector"] as? String ?? "", default: 0] += 1
            for tag in practice["tags"] as? [String] ?? [] { expected["tag", default: [:]][tag, default: 0] += 1 }
            expected["year", default: [:]][String(practice["year"] as? Int ?? 0), default: 0] += 1
        }
        // The "Browse" lists (the filters are made from them) give value="…"
        // and (count) for every facet value.
        let page = try readText(directory.sub("out/practices/index.html"))
        let sections = try NSRegularExpression(
            pattern: "<section class=\"facet-group\" data-facet=\"([a-z]+)\">(.*?)</section>", options: .dotMatchesLineSeparators)
        let entries = try NSRegularExpression(pattern: "<li data-value=\"([^\"]+)\">.*?<span class=\"count\">\\((\\d+)\\)</span></li>")
        var shown: [String: [String: Int]] = [:]
        for section in sections.matches(in: page, range: NSRange(page.startIndex..., in: page)) {
            guard let keyRange = Range(section.range(at: 1), in: page), let bodyRange = Range(section.range(at: 2), in: page) else { continue }
            let body = String(page[bodyRange])
            for entry in entries.matches(in: body, range: NSRange(body.startIndex..., in: body)) {
                guard let value = Range(entry.range(at: 1), in: body), let count = Range(entry.range(at: 2), in: body) else { continue }
                shown[String(page[keyRange]), default: [:]][String(body[value])] = Int(body[count])
            }
        }
        #expect(shown == expected)
        // Each country page lists exactly its practices.
        for (code, count) in expected["country"] ?? [:] {
            let facet = try readText(directory.sub("out/practices/country/\(code).html"))
            #expect(facet.components(separatedBy: "class=\"card practice-card\"").count - 1 == count)
        }
    }
}
