import Foundation
import Testing
import ZIPFoundation

@testable import TrellisCore

/// Content from many hands: hostile values must never become markup in any
/// output, odd text must be read or refused clearly, and nothing may crash.
@Suite struct HostileTextTests {
    static let payload = "<script>alert(1)</script>"
    static let attribute = "\" onmouseover=\"alert(2)"

    /// A site whose every free-text value tries to inject markup.
    static func hostileSite(_ root: String) throws {
        let p = payload, a = attribute
        try writeSite(
            root,
            [
                "site.yml": "title: \"Site \(p)\"\ndescription: '\(a)'\nlicense: \"CC \(p)\"\nbase_url: https://example.org/x/\n",
                "index.md": "---\ntitle: \"Home \(p)\"\n---\n\nWelcome <img src=x onerror=alert(3)>.\n",
                "practices/evil.md": """
                ---
                title: "Evil \(p)"
                country: FI
                organisation: '=HYPERLINK("http://evil.example","click") \(a)'
                sector: school
                tags: ["\(p)", "plain"]
                status: '\(a)'
                year: 2024
                updated: 2026-01-01
                ---

                ## Description

                A [link](javascript:alert(4)) and [another](JaVaScRiPt:alert(5)) and <b onclick="alert(6)">raw</b>.
                An image ![alt \(a)](data:text/html,alert(7)).

                ## Who is involved?

                @SUM(1+1) and -2+3 and +cmd

                ## Benefits

                Some.

                ## Challenges and how they were overcome

                Some.

                ## Step by step implementation

                1. One.

                """,
                "modules/m/module.md":
                    "---\ntitle: \"Module \(p)\"\nsummary: '\(a)'\noutcomes:\n  - {id: o1, domain: digital, text: \"\(p)\"}\npractices: [evil]\n---\n\nBody.\n",
                "modules/m/01-task.md":
                    "---\ntitle: \"Task \(p)\"\ntype: reflection\noutcomes: [o1]\ntools: [\"\(p)\"]\n---\n\n## Instructions\n\n1. Go.\n\n## Facilitator notes\n\nNote \(p).\n",
                "pages/about.md": "---\ntitle: \"About \(p)\"\n---\n\nText.\n",
            ])
    }

    /// Text content of every output file; EPUBs unpacked.
    static func outputs(_ root: String) throws -> [String: String] {
        var texts: [String: String] = [:]
        for (path, data) in snapshot(root) {
            if path.hasSuffix(".epub") {
                let archive = try Archive(data: data, accessMode: .read)
                for entry in archive where entry.type == .file {
                    var bytes = Data()
                    _ = try archive.extract(entry) { bytes.append($0) }
                    texts["\(path)!\(entry.path)"] = String(decoding: bytes, as: UTF8.self)
                }
            } else {
                texts[path] = String(decoding: data, as: UTF8.self)
            }
        }
        return texts
    }

    @Test func noOutputContainsInjectedMarkup() throws {
        let directory = TemporaryDirectory()
        try Self.hostileSite(directory.sub("content"))
        let result = build(directory.sub("content"), output: directory.sub("out"))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let texts = try Self.outputs(directory.sub("out"))
        #expect(texts.count > 30)
        // Markup outputs (pages, handbooks, EPUB documents, feeds, scripts):
        // hostile text is escaped everywhere. CSV is plain data (checked below).
        for (path, text) in texts where !path.hasSuffix(".csv") && !path.hasSuffix(".json") {
            #expect(!text.contains("<script>alert"), "\(path) contains a live script tag")
            #expect(!text.contains("onmouseover=\"alert"), "\(path) contains an injected attribute")
            #expect(!text.lowercased().contains("href=\"javascript:"), "\(path) contains a javascript: link")
            #expect(!text.contains("onerror=alert"), "\(path) contains raw HTML")
            #expect(!text.contains("onclick=\"alert"), "\(path) contains raw HTML")
            #expect(!text.contains("data:text/html"), "\(path) contains a data: URL")
        }
        // The hostile text is kept, escaped, where it belongs.
        let page = try #require(texts["practices/evil.html"])
        #expect(page.contains("Evil &lt;script&gt;alert(1)&lt;/script&gt;"))
        let json = try #require(texts["catalogue.json"])
        #expect(json.contains("Evil \\u003cscript\\u003e"))
        #expect(!json.contains("<"), "catalogue.json must escape every '<'")
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["title"] as? String) == "Site \(Self.payload)")
        #expect(page.contains("\"name\":\"Evil \\u003cscript\\u003ealert(1)\\u003c/script\\u003e\""))
        let index = texts.filter { $0.key.hasPrefix("assets/search/d-") }.values.joined()
        #expect(index.contains("Evil \\u003cscript"))
    }

    @Test func spreadsheetFormulasAreDefused() throws {
        let directory = TemporaryDirectory()
        try Self.hostileSite(directory.sub("content"))
        #expect(build(directory.sub("content"), output: directory.sub("out")).succeeded)
        let csv = try readText(directory.sub("out/catalogue.csv"))
        #expect(csv.contains("\"'=HYPERLINK("))
        #expect(csv.contains("'@SUM(1+1)"))
        #expect(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"))
    }

    @Test func unsafeLinksAreReported() throws {
        let directory = TemporaryDirectory()
        try Self.hostileSite(directory.sub("content"))
        let result = build(directory.sub("content"), output: directory.sub("out"), write: false)
        let unsafe = result.diagnostics.filter { $0.id == "unsafe-link" }
        #expect(unsafe.count == 3)
        #expect(unsafe.allSatisfy { $0.location?.path.hasSuffix("practices/evil.md") == true })
        #expect(result.diagnostics.contains { $0.id == "raw-html" && $0.location?.path.hasSuffix("index.md") == true })
    }
}

@Suite struct HostileFileTests {
    static let practiceBody =
        "\n## Description\n\nText.\n\n## Who is involved?\n\nT.\n\n## Benefits\n\nB.\n\n## Challenges and how they were overcome\n\nC.\n\n## Step by step implementation\n\n1. S.\n"

    @Test func byteOrderMarkAndWindowsLineEndsAreRead() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(content, ["site.yml": "title: T\r\n"])
        let text = ("---\ntitle: Windows file\ncountry: NL\n---\n" + Self.practiceBody).replacingOccurrences(of: "\n", with: "\r\n")
        try FileManager.default.createDirectory(atPath: "\(content)/practices", withIntermediateDirectories: true)
        try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: URL(fileURLWithPath: "\(content)/practices/win.md"))
        let result = build(content, output: directory.sub("out"))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let page = try readText(directory.sub("out/practices/win.html"))
        #expect(page.contains("<h1>Windows file</h1>"))
        #expect(!page.contains("\r"))
    }

    @Test func tenMegabyteFileBuilds() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        var big = "---\ntitle: Big\ncountry: FI\n---\n\n## Description\n\n"
        let paragraph = String(repeating: "A long paragraph about virtual exchange between schools. ", count: 20) + "\n\n"
        while big.utf8.count < 10_000_000 { big += paragraph }
        big += Self.practiceBody.replacingOccurrences(of: "\n## Description\n\nText.\n", with: "")
        try writeSite(content, ["site.yml": "title: T\n", "practices/big.md": big])
        let result = build(content, output: directory.sub("out"))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let size = try FileManager.default.attributesOfItem(atPath: directory.sub("out/practices/big.html"))[.size] as? Int ?? 0
        #expect(size > 10_000_000)
    }

    @Test(arguments: [">", "[", "*", "- ", "1. ", "<"])
    func pathologicalNestingBuilds(unit: String) throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        let deep = String(repeating: unit, count: 50_000) + " text\n"
        try writeSite(
            content,
            [
                "site.yml": "title: T\n",
                "practices/deep.md": "---\ntitle: Deep\ncountry: FI\n---\n\n## Description\n\n" + deep
                    + Self.practiceBody.replacingOccurrences(of: "\n## Description\n\nText.\n", with: ""),
            ])
        let result = build(content, output: directory.sub("out"))
        #expect(result.succeeded, "\(summary(result.diagnostics).prefix(500))")
        #expect(FileManager.default.fileExists(atPath: directory.sub("out/practices/deep.html")))
    }

    @Test func aliasBombIsRefusedQuickly() throws {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        let file = SourceFile(relativePath: "x.md", displayPath: "x.md")
        switch YAMLLoader.mapping(yaml, file: file, lineOffset: 1, what: "the front matter") {
        case .success: Issue.record("an alias bomb was accepted")
        case .failure(let diagnostic): #expect(diagnostic.id == "yaml-aliases")
        }
    }

    @Test func aFewAliasesAreStillAllowed() throws {
        let yaml = "title: T\ncountry: &c FI\nother: *c\n"
        let file = SourceFile(relativePath: "x.md", displayPath: "x.md")
        if case .failure(let diagnostic) = YAMLLoader.mapping(yaml, file: file, lineOffset: 1, what: "the front matter") {
            Issue.record("refused: \(diagnostic)")
        }
    }

    @Test func unknownKeyGetsADidYouMeanHint() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(
            content, ["site.yml": "title: T\n", "practices/p.md": "---\ntitle: P\ncountry: FI\norganization: X\n---\n" + Self.practiceBody])
        let result = build(content, output: directory.sub("out"), write: false)
        let warning = try #require(result.diagnostics.first { $0.id == "unknown-key" })
        #expect(warning.severity == .warning)
        #expect(warning.location?.line == 4)
        #expect(warning.hint?.contains("organisation") == true)
    }
}

@Suite struct OutputRefusalTests {
    @Test func rootAndHomeAreRefused() throws {
        for target in ["/", ProcessInfo.processInfo.environment["HOME"] ?? "/root"] {
            let writer = OutputWriter(output: target)
            #expect(throws: OutputError.self) { try writer.validate(content: "/nonexistent-content") }
        }
    }

    @Test func unwritableOutputIsAClearError() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let result = build(content, output: "/proc/trellis-cannot-write-here")
        #expect(!result.succeeded)
        let error = try #require(result.outputError)
        #expect(error.message.contains("cannot"))
    }
}
