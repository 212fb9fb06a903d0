import Foundation
import Testing
import ZIPFoundation

@testable import TrellisCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A practice file with every required section of the built-in template.
private func practice(_ frontMatter: String) -> String {
    """
    ---
    \(frontMatter)
    ---

    ## Description

    D.

    ## Who is involved?

    W.

    ## Benefits

    B.

    ## Challenges and how they were overcome

    C.

    ## Step by step implementation

    S.

    """
}

/// Every file under `root` that is not under one of `excluding` (relative paths).
private func files(under root: String, excluding: [String]) -> Set<String> {
    Set(snapshot(root).keys.filter { path in !excluding.contains { path == $0 || path.hasPrefix($0 + "/") } })
}

/// Output paths from author data: vocabulary terms, tags, countries and ids
/// all pass one function, and the writer refuses anything that would leave
/// the output folder.
@Suite struct OutputPathTests {
    static let hostile = [
        "../../../escaped", "..", ".", "/etc/passwd", "a/../../b", "a\\b", "..\\..\\x", "x\u{0}y", "line\nbreak",
        "\u{202E}gpj.exe", "", "   ", "-leading", String(repeating: "é", count: 300), "C:\\Windows", "%2e%2e%2f",
    ]

    @Test(arguments: hostile)
    func segmentsAreAlwaysSafe(text: String) {
        guard let segment = OutputPath.segment(text) else { return }
        #expect(!segment.isEmpty)
        #expect(segment != "." && segment != "..")
        #expect(!segment.contains("/") && !segment.contains("\\"))
        #expect(!segment.unicodeScalars.contains { OutputPath.isControlOrFormat($0) }, "\(segment.debugDescription)")
        #expect(segment.utf8.count <= 200)
        #expect(OutputPath.isSafe("practices/sector/\(segment).html"))
    }

    /// The writer's last check, on plain ASCII paths (read as bytes) and on
    /// paths with other characters (read as scalars), which must agree.
    @Test func unsafePathsAreRefused() {
        let refused = [
            "", "/etc/passwd", "..", ".", "a/../b", "a/./b", "a//b", "a/", "/a", "a\\b", "a/\u{0}b", "a/\u{7F}", "a\tb",
            "\u{202E}gpj.exe", "é/../x", "é/./x", "é//x", "é\\x", "é\u{85}x", String(repeating: "a", count: 256),
            String(repeating: "é", count: 128) + "/x",
        ]
        for path in refused { #expect(!OutputPath.isSafe(path), "\(path.debugDescription)") }
        let kept = [
            "index.html", "practices/sector/vet.html", "a/..b/c", "a/b../c", ".well-known/x", "...", "a b/c~!.html",
            "practices/país/é.html", String(repeating: "a", count: 255), "ελληνικά/σελίδα.html",
        ]
        for path in kept { #expect(OutputPath.isSafe(path), "\(path.debugDescription)") }
    }

    @Test func textWithoutLettersHasNoSegment() {
        for text in ["..", ".", "/", "///", "?!", "", "   ", "\\"] {
            #expect(OutputPath.segment(text) == nil, "\(text.debugDescription)")
        }
    }

    @Test func idsKeepTheirSpelling() {
        for id in ["sammtalk", "01-intro", "a--b", "task-", "vet", "higher-education"] {
            #expect(OutputPath.segment(id) == id)
        }
        #expect(OutputPath.segment("../../../escaped-by-sector") == "escaped-by-sector")
        #expect(OutputPath.segment("Upper secondary") == "upper-secondary")
    }

    @Test(arguments: ["../x.html", "/etc/x", "a//b", "a/./b", "a/../b", "a\\b.html", "a\nb.html", "", "a/"])
    func writerRefusesUnsafePaths(path: String) throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("deep/output")
        let writer = OutputWriter(output: output)
        #expect(throws: OutputError.self) {
            try writer.write([Artifact(path: "index.html", content: .text("ok")), Artifact(path: path, content: .text("escaped"))])
        }
        // Nothing at all was written: not the output, not a temporary, not the escaped file.
        #expect(files(under: directory.path, excluding: []).isEmpty, "\(files(under: directory.path, excluding: []))")
    }

    /// The case that was seen: a sector term `../../../escaped-by-sector`
    /// wrote `escaped-by-sector.html` outside the output folder.
    @Test func hostileTermsOfEveryFacetStayInside() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("site/content")
        let output = directory.sub("site/out/output")
        try writeSite(
            content,
            [
                "site.yml": """
                title: T
                vocabularies:
                  sectors: [school, "../../../escaped-by-sector", "..\\\\..\\\\back"]
                """,
                "practices/p.md": practice(
                    "title: P\ncountry: FI\nsector: \"../../../escaped-by-sector\"\ntags: [\"../../../escaped-by-tag\", \"..\\\\..\\\\tag\"]\nyear: 2024"
                ),
                "practices/q.md": practice("title: Q\ncountry: Finland\nsector: \"..\\\\..\\\\back\"\ntags: [plain]"),
            ])
        let result = build(content, output: output)
        #expect(result.succeeded, "\(summary(result.diagnostics)) \(result.outputError.map(String.init(describing:)) ?? "")")
        #expect(
            files(under: directory.path, excluding: ["site/content", "site/out/output"]).isEmpty,
            "written outside the output folder: \(files(under: directory.path, excluding: ["site/content", "site/out/output"]))")
        let written = Set(snapshot(output).keys)
        for page in [
            "practices/sector/escaped-by-sector.html", "practices/sector/back.html", "practices/tag/escaped-by-tag.html",
            "practices/tag/tag.html", "practices/tag/plain.html", "practices/country/fi.html",
        ] {
            #expect(written.contains(page), "missing \(page)")
        }
        for path in written { #expect(OutputPath.isSafe(path), "\(path)") }
        // The practice page links to the sector page that exists.
        let page = try readText("\(output)/practices/p.html")
        #expect(page.contains("href=\"sector/escaped-by-sector.html\""))
    }

    @Test func termsThatCannotNameAPageAreErrorsAtTheirLine() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(
            content,
            [
                "site.yml": "title: T\nvocabularies:\n  sectors:\n    - school\n    - \"..\"\n    - School\n",
                "practices/p.md": practice("title: P\ncountry: FI\nsector: school\ntags: [\"..\", ok]"),
            ])
        let result = build(content, output: directory.sub("output"), write: false)
        let found = result.diagnostics.map { "\($0.id) \($0.location.map { "\(URL(fileURLWithPath: $0.path).lastPathComponent):\($0.line)" } ?? "")" }
        #expect(found.contains("bad-term site.yml:5"), "\(found)")
        #expect(found.contains("duplicate-term site.yml:6"), "\(found)")
        #expect(found.contains("bad-term p.md:5"), "\(found)")
    }
}

/// Discovery never follows a link back into a folder it is walking, never
/// publishes content sources as media, and never skips what it cannot read.
@Suite struct DiscoveryHardeningTests {
    /// The case that was seen: `content/media/loop -> ..` grew the output
    /// from 25 to 225 files and published `site.yml` and `.md` sources.
    @Test func symlinkLoopIsNotFollowed() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let plain = build(content, output: directory.sub("plain"))
        #expect(plain.succeeded)
        try FileManager.default.createDirectory(atPath: "\(content)/media", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(content)/media/loop", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: "\(content)/modules/intro-module/media/up", withDestinationPath: "../../..")
        let looped = build(content, output: directory.sub("looped"))
        #expect(looped.succeeded, "\(summary(looped.diagnostics))")
        #expect(looped.diagnostics.filter { $0.id == "symlink-loop" }.count == 2, "\(summary(looped.diagnostics))")
        let written = Set(snapshot(directory.sub("looped")).keys)
        #expect(written == Set(snapshot(directory.sub("plain")).keys), "\(written.subtracting(snapshot(directory.sub("plain")).keys))")
        #expect(!written.contains { $0.hasSuffix(".md") || $0.hasSuffix("site.yml") })
    }

    @Test func contentSourcesInMediaAreNotPublished() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        try writeSite(
            content,
            [
                "media/notes.md": "# private draft\n", "media/site.yml": "title: x\n", "media/page.mustache": "{{x}}",
                "media/photo.png": "png",
            ])
        let result = build(content, output: directory.sub("output"))
        #expect(result.diagnostics.filter { $0.id == "source-in-media" }.count == 3, "\(summary(result.diagnostics))")
        let written = Set(snapshot(directory.sub("output")).keys)
        #expect(written.contains("media/photo.png"))
        #expect(!written.contains("media/notes.md") && !written.contains("media/site.yml") && !written.contains("media/page.mustache"))
    }

    /// A link to a folder inside the content that is walked anyway is not
    /// walked twice.
    @Test func linkToAWalkedFolderIsNotFollowedAgain() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        try writeSite(content, ["media/shared/a.png": "png"])
        try FileManager.default.createSymbolicLink(atPath: "\(content)/pages/media", withDestinationPath: "../media/shared")
        try FileManager.default.createSymbolicLink(atPath: "\(content)/practices/media", withDestinationPath: "../media/shared")
        let result = build(content, output: directory.sub("output"))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let written = Set(snapshot(directory.sub("output")).keys)
        #expect(written.contains("media/shared/a.png"))
        #expect(written.contains("pages/media/a.png") != written.contains("practices/media/a.png") || !written.contains("pages/media/a.png"))
        #expect(result.diagnostics.filter { $0.id == "symlink-duplicate" }.count == 2, "\(summary(result.diagnostics))")
    }
}

/// Characters XML 1.0 forbids never reach a feed, a page or an EPUB; the
/// author is warned at the source line.
@Suite struct XMLControlCharacterTests {
    @Test func controlCharactersAreWarnedAndKeptOutOfXML() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        let output = directory.sub("output")
        try writeSite(
            content,
            [
                "site.yml": "title: T\nbase_url: https://example.org/\n",
                "practices/p.md": practice("title: \"Tab\\vbed \\f title \\e\"\ncountry: FI\ntags: [\"a\\vb\"]")
                    .replacingOccurrences(of: "\nD.\n", with: "\nPasted\u{0B}from\u{0C}Word\u{1B}[0m and \u{7F}\u{85}.\n"),
                "modules/m/module.md": "---\ntitle: M\nsummary: \"S\\x1b.\"\n---\n\nOverview\u{0B}.\n",
                "modules/m/01-t.md": "---\ntitle: T\ntype: reflection\n---\n\n## Instructions\n\nGo\u{0C}.\n",
            ])
        let result = build(content, output: output)
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let warnings = result.diagnostics.filter { $0.id == "control-character" }
            .map { "\(URL(fileURLWithPath: $0.location?.path ?? "").lastPathComponent):\($0.location?.line ?? 0)" }
        for expected in ["p.md:2", "p.md:4", "p.md:9", "module.md:3", "module.md:6", "01-t.md:8"] {
            #expect(warnings.contains(expected), "\(expected) not in \(warnings)")
        }
        var xmlFiles: [(String, Data)] = []
        for (path, data) in snapshot(output) {
            if path.hasSuffix(".xml") { xmlFiles.append((path, data)) }
            if path.hasSuffix(".epub") {
                let archive = try Archive(data: data, accessMode: .read)
                for entry in archive where entry.path.hasSuffix(".xhtml") || entry.path.hasSuffix(".opf") || entry.path.hasSuffix(".ncx") {
                    var bytes = Data()
                    _ = try archive.extract(entry) { bytes.append($0) }
                    xmlFiles.append(("\(path)!\(entry.path)", bytes))
                }
            }
            if path.hasSuffix(".html") || path.hasSuffix(".json") || path.hasSuffix(".js") || path.hasSuffix(".csv") {
                let forbidden = data.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
                #expect(!forbidden, "\(path) holds a control character")
            }
        }
        #expect(xmlFiles.contains { $0.0 == "feed.xml" })
        #expect(xmlFiles.contains { $0.0.contains("nav.xhtml") })
        for (path, data) in xmlFiles {
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(path) is not well-formed: \(parser.parserError.map(String.init(describing:)) ?? "")")
        }
    }

    @Test func sourceTextReplacesForbiddenCharacters() {
        var warnings: [Diagnostic] = []
        let file = SourceFile(relativePath: "a.md", displayPath: "a.md")
        let result = SourceText.decode(Array("ok\nab\u{0B}c\u{1B}\u{9F}\u{FFFE}\n".utf8), file: file, warnings: &warnings)
        #expect((try? result.get()) == "ok\nab c   " + "   \n")
        #expect(warnings.count == 1)
        #expect(warnings.first?.location?.line == 2 && warnings.first?.location?.column == 3)
        #expect(warnings.first?.message.contains("4 control characters") == true)
    }
}

/// A file name cannot forge a diagnostic line.
@Suite struct DiagnosticForgeryTests {
    @Test func controlCharactersInPathsAreEscaped() {
        let location = SourceLocation(path: "content/x\nforged.md:7:7: error: fake.md", line: 1, column: 1)
        let diagnostic = Diagnostic.error("bad-id", at: location, "'x\nforged' \u{1B}[31m\u{202E}", hint: "rename\rit")
        let lines = diagnostic.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines[0].hasPrefix("content/x\\nforged.md:7:7: error: fake.md:1:1: error: 'x\\nforged' \\u{1B}[31m\\u{202E}"))
        #expect(lines[1] == "  hint: rename\\rit")
    }

    @Test func forgedFileNameIsReportedOnOneLine() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        try writeSite(content, ["practices/x\nforged.md:7:7: error: fake.md": "---\ntitle: x\n---\n"])
        let result = build(content, output: directory.sub("output"), write: false)
        let printed = result.diagnostics.map(\.description).joined(separator: "\n")
        #expect(result.diagnostics.contains { $0.id == "bad-file-name" }, "\(printed)")
        for line in printed.split(separator: "\n") {
            #expect(!line.hasPrefix("forged"), "a forged line: \(line)")
        }
    }
}

/// `--output` that is a symbolic link to an earlier site (a usual deploy
/// set-up) is built into, atomically, and the link is kept.
@Suite struct OutputLinkTests {
    @Test func buildsIntoTheLinkTarget() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let release = directory.sub("releases/current")
        #expect(build(content, output: release).succeeded)
        try "stale".write(toFile: "\(release)/stale.html", atomically: false, encoding: .utf8)
        let link = directory.sub("site")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "releases/current")
        try writeSite(content, ["pages/new.md": "---\ntitle: New\n---\n\nNew page.\n"])
        let result = build(content, output: link)
        #expect(result.succeeded, "\(summary(result.diagnostics)) \(result.outputError.map(String.init(describing:)) ?? "")")
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink, "the link was replaced")
        #expect(FileManager.default.fileExists(atPath: "\(release)/pages/new.html"), "the linked site is stale")
        #expect(!FileManager.default.fileExists(atPath: "\(release)/stale.html"))
        #expect(Set((try? FileManager.default.contentsOfDirectory(atPath: directory.sub("releases"))) ?? []) == ["current"])
    }

    @Test func linkToAnUnsafeTargetIsRefused() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let link = directory.sub("site")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: content)
        let result = build(content, output: link)
        #expect(result.outputError != nil)
        #expect(FileManager.default.fileExists(atPath: "\(content)/site.yml"))
    }
}

/// Words that look like Trellis's own link markers are the author's text in
/// every output: the site, the print handbook and the EPUB.
@Suite struct MarkerTextTests {
    @Test func markerWordsStayAsWritten() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        let output = directory.sub("output")
        try writeSite(
            content,
            [
                "site.yml": "title: T\n",
                "practices/p.md": practice("title: P\ncountry: FI\ntags: [x]")
                    .replacingOccurrences(
                        of: "\nD.\n", with: "\nWe wrote trellis-anchor:\"foo\" and trellis-link:0 on the board; see [the notes](trellis-link:0).\n"),
            ])
        let result = build(content, output: output)
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        var texts: [String: String] = [:]
        for (path, data) in try ExpectedOutputTests.tree(output) where path.hasSuffix(".html") || path.hasSuffix(".xhtml") {
            texts[path] = String(decoding: data, as: UTF8.self)
        }
        for path in ["practices/p.html", "handbooks/catalogue.html", "handbooks/catalogue.epub/OEBPS/country-fi.xhtml"] {
            let text = try #require(texts[path], "\(path) not written: \(texts.keys.sorted())")
            #expect(text.contains("trellis-anchor:&quot;foo&quot; and trellis-link:0 on the board"), "\(path)")
            #expect(text.contains("href=\"trellis-link%3A0\""), "\(path): the author's own destination must stay theirs")
            #expect(!text.contains("#&quot;foo") && !text.contains("#\"foo\""), "\(path)")
        }
    }
}

/// Write failures are values: the step, the path and a reason callers can act on.
@Suite struct OutputErrorValueTests {
    @Test func refusalsAndUnsafePathsSayWhatAndWhere() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        do throws(OutputError) {
            try OutputWriter(output: content).validate(content: content)
            Issue.record("the content folder was accepted as output")
        } catch {
            #expect(error.step == .validate)
            #expect(error.reason == .refused)
            #expect(error.path == content)
        }
        do throws(OutputError) {
            try OutputWriter(output: directory.sub("output")).write([Artifact(path: "../x.html", content: .text("x"))])
            Issue.record("an unsafe path was written")
        } catch {
            #expect(error.step == .write)
            #expect(error.reason == .unsafePath)
            #expect(error.path == "../x.html")
        }
        // A file that was not listed first is checked too, before its folder is made.
        do throws(OutputError) {
            try OutputWriter(output: directory.sub("output")).writeStreaming(paths: ["a.html"]) { sink in
                try sink.write(Artifact(path: "../escaped/x.html", content: .text("x")))
            }
            Issue.record("an unlisted unsafe path was written")
        } catch {
            #expect(error.reason == .unsafePath)
            #expect(error.path == "../escaped/x.html")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.sub("escaped")))
        #expect(!FileManager.default.fileExists(atPath: directory.sub("output")))
        do throws(OutputError) {
            try OutputWriter(output: directory.sub("output")).write([Artifact(path: "a.png", content: .copy(from: directory.sub("gone.png")))])
            Issue.record("a missing source was copied")
        } catch {
            #expect(error.reason == .unreadableSource)
            #expect(error.path == directory.sub("gone.png"))
        }
    }
}

/// A practice section that holds only an image (even one without the
/// alternative text it should have) is not empty.
@Suite struct ImageOnlySectionTests {
    @Test func aSectionWithOnlyAnImageIsNotEmpty() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try writeSite(
            content,
            [
                "site.yml": "title: T\n",
                "practices/media/steps.png": "png",
                "practices/p.md": practice("title: P\ncountry: FI").replacingOccurrences(
                    of: "\nB.\n", with: "\n![](media/steps.png)\n"),
            ])
        let result = build(content, output: directory.sub("output"), write: false)
        #expect(!result.diagnostics.contains { $0.id == "empty-section" }, "\(summary(result.diagnostics))")
        #expect(result.diagnostics.map(\.id) == ["missing-alt"], "\(summary(result.diagnostics))")
    }
}
