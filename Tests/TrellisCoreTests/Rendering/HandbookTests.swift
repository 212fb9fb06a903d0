import Foundation
import Testing
import ZIPFoundation

@testable import TrellisCore

/// SPEC 3.2 and 6: facilitator-only content is in the facilitator handbook
/// and never in the participant handbook.
@Suite struct HandbookTests {
    private let secrets = ["Secret hint for facilitators only.", "Post your own video first as a model."]

    /// The print HTML's chapter bodies are written into the template's
    /// result at their markers, in order, each where the template put it.
    @Test func chapterBodiesAreSplicedAtTheirMarkers() {
        let page =
            "<main>" + HandbookRenderer.bodyMarker(0) + "<hr>" + HandbookRenderer.bodyMarker(1) + "ü" + HandbookRenderer.bodyMarker(7) + "</main>"
        let bodies = ["<p>zero</p>", "<p>one ✓</p>"]
        func spliced(_ page: String, _ body: (Int) -> String) -> String {
            var out = ""
            HandbookRenderer.splice(page, body: body, count: bodies.count) { out += $0 }
            return out
        }
        #expect(spliced(page) { $0 < bodies.count ? bodies[$0] : "" } == "<main><p>zero</p><hr><p>one ✓</p>ü</main>")
        #expect(spliced("no markers at all") { _ in "x" } == "no markers at all")
    }

    /// The print HTML is written to disk as it is made, a chapter at a time
    /// (the catalogue book is hundreds of megabytes at 100,000 practices).
    /// The written file is the HTML made whole, byte for byte; its size is
    /// known to a page that asks before it is written (counted) and after
    /// (recorded while it was written), and the two agree.
    @Test func printHTMLWrittenInPiecesIsTheWholeBookAndKnowsItsSize() throws {
        let built = BuiltSite("rich")
        let site = try #require(built.result.site)
        let theme = try #require(built.result.theme)
        let renderer = SiteRenderer(site: site, theme: theme, pdf: false)
        let index = try #require(renderer.handbookIDs.firstIndex(of: "catalogue"))
        let book = renderer.books[index].get
        let whole = HandbookRenderer(
            theme: theme, siteTitle: site.config.title, baseURL: site.config.baseURL, contentDirectory: site.contentDirectory,
            strings: renderer.strings
        ).printHTML(book)
        #expect(whole.contains("Sammtalk"))
        let written = try built.text("handbooks/catalogue.html")
        #expect(written == whole)
        let stream = HandbookFiles.printHTMLStream(book, site: site, theme: theme, strings: renderer.strings)
        #expect(try stream.bytes() == Array(whole.utf8))

        // Asked before the file is written: counted.
        let before = SiteRenderer(site: site, theme: theme, pdf: false)
        #expect(before.handbookFiles["handbooks/catalogue.html"]?.byteCount == whole.utf8.count)
        // Asked after: recorded as it was written.
        let after = SiteRenderer(site: site, theme: theme, pdf: false)
        let file = try #require(after.handbookFiles["handbooks/catalogue.html"])
        guard case .stream(let taken) = try file.take().get().content else {
            Issue.record("the print handbook is not written as a stream")
            return
        }
        #expect(try taken.bytes().count == whole.utf8.count)
        #expect(file.byteCount == whole.utf8.count)
        #expect(after.handbookSize("handbooks/catalogue.html") == FileSize.label(whole.utf8.count))
    }

    @Test func handbooksExist() {
        let site = BuiltSite()
        for name in ["intro-module-participant", "intro-module-facilitator", "catalogue"] {
            #expect(site.exists("handbooks/\(name).html"), "\(name).html missing")
        }
    }

    @Test func participantHandbookLeavesOutFacilitatorContent() throws {
        let html = try BuiltSite().text("handbooks/intro-module-participant.html")
        #expect(html.contains("Record a short video."))
        #expect(html.contains("Compare your two school systems"))
        for secret in secrets {
            #expect(!html.contains(secret), "participant handbook contains '\(secret)'")
        }
        #expect(!html.contains("[!FACILITATOR]"))
    }

    @Test func facilitatorHandbookHasEverything() throws {
        let html = try BuiltSite().text("handbooks/intro-module-facilitator.html")
        #expect(html.contains("Record a short video."))
        for secret in secrets {
            #expect(html.contains(secret), "facilitator handbook lacks '\(secret)'")
        }
    }

    @Test func catalogueHandbookHasEveryPractice() throws {
        let html = try BuiltSite("rich").text("handbooks/catalogue.html")
        for title in ["Sammtalk", "Cyprus Twinning", "Dutch Exchange", "Finnish Network"] {
            #expect(html.contains(title))
        }
    }
}

/// Where handbook links lead in each format, images in the PDF copy and
/// the EPUB, and the EPUB's package metadata.
@Suite struct HandbookLinkTests {
    /// A copy of the minimal fixture, changed by `edit`, built.
    struct Built {
        let directory = TemporaryDirectory()
        let content: String
        let output: String
        let result: BuildResult

        init(baseURL: String? = nil, edit: (String) throws -> Void = { _ in }) throws {
            content = try copyFixture("minimal", into: directory)
            if let baseURL {
                let site = "\(content)/site.yml"
                try (try readText(site) + "base_url: \(baseURL)\n").write(toFile: site, atomically: false, encoding: .utf8)
            }
            try edit(content)
            output = directory.sub("out")
            result = build(content, output: output)
        }

        func epubMember(_ book: String, _ member: String) throws -> String {
            let archive = try Archive(url: URL(fileURLWithPath: "\(output)/handbooks/\(book).epub"), accessMode: .read)
            let entry = try #require(archive["OEBPS/\(member)"], "\(book).epub has no \(member)")
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }

        /// The HTML WeasyPrint reads for the PDF (never in the output).
        func pdfCopy(_ book: String) throws -> String {
            let site = try #require(result.site)
            let theme = try #require(result.theme)
            let renderer = SiteRenderer(site: site, theme: theme, pdf: true)
            let index = try #require(renderer.handbookIDs.firstIndex(of: book))
            return HandbookFiles.printHTML(renderer.books[index].get, forPDF: true, site: site, theme: theme, strings: renderer.strings)
        }
    }

    static func append(_ text: String, to path: String) throws {
        try (try readText(path) + text).write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Issue: a link to a practice of the same book was plain text in the
    /// EPUB. The minimal module relates `good-practice`, and its overview
    /// and first task link to it (the task with a fragment, which has no
    /// place in the short entry and is dropped).
    @Test func linksToARelatedPracticeLeadToItsEntryInTheBook() throws {
        let built = try Built()
        #expect(built.result.succeeded, "\(summary(built.result.diagnostics))")
        for edition in ["participant", "facilitator"] {
            let book = "intro-module-\(edition)"
            let about = try built.epubMember(book, "about.xhtml")
            #expect(about.contains("<a href=\"related-practices.xhtml#practice-good-practice\">a good practice</a>"), "\(about)")
            #expect(about.contains("<a href=\"task-meet-each-other.xhtml#task-meet-each-other\">meeting each other</a>"))
            let task = try built.epubMember(book, "task-meet-each-other.xhtml")
            #expect(task.contains("<a href=\"related-practices.xhtml#practice-good-practice\">the good practice</a>"), "\(task)")
            #expect(!task.contains("data-offsite"))
            let related = try built.epubMember(book, "related-practices.xhtml")
            #expect(related.contains("<li id=\"practice-good-practice\">"))
            for html in [try readText("\(built.output)/handbooks/\(book).html"), try built.pdfCopy(book)] {
                #expect(html.contains("<a href=\"#practice-good-practice\">the good practice</a>"))
                #expect(html.contains("<li id=\"practice-good-practice\">"))
            }
        }
    }

    /// Issue: without base_url a link to a site page outside the book lost
    /// its target and gave the reader nothing to go on. Now its text is
    /// followed by the page's path in the site, in the EPUB and the PDF copy;
    /// the print HTML (which lives in the site) keeps a relative link.
    @Test func linksOutsideTheBookShowTheirAddressWithoutBaseURL() throws {
        let built = try Built { content in
            try HandbookLinkTests.append("\nRead [the About page](../../pages/about.md) first.\n", to: "\(content)/modules/intro-module/module.md")
        }
        #expect(built.result.succeeded, "\(summary(built.result.diagnostics))")
        let about = try built.epubMember("intro-module-participant", "about.xhtml")
        #expect(about.contains("the About page</a> (pages/about.html) first."), "\(about)")
        let pdfCopy = try built.pdfCopy("intro-module-participant")
        #expect(pdfCopy.contains("the About page</a> (pages/about.html) first."))
        #expect(!pdfCopy.contains("href=\"../pages/about.html\""))
        let print = try readText("\(built.output)/handbooks/intro-module-participant.html")
        #expect(print.contains("<a href=\"../pages/about.html\">the About page</a> first."))
    }

    @Test func linksOutsideTheBookAreAbsoluteWithBaseURL() throws {
        let built = try Built(baseURL: "https://example.org/ve/") { content in
            try HandbookLinkTests.append("\nRead [the About page](../../pages/about.md) first.\n", to: "\(content)/modules/intro-module/module.md")
        }
        #expect(built.result.succeeded, "\(summary(built.result.diagnostics))")
        let link = "<a href=\"https://example.org/ve/pages/about.html\">the About page</a> first."
        #expect(try built.epubMember("intro-module-participant", "about.xhtml").contains(link))
        #expect(try built.pdfCopy("intro-module-participant").contains(link))
        // Still inside the book: the related practice.
        #expect(try built.epubMember("intro-module-participant", "about.xhtml").contains("related-practices.xhtml#practice-good-practice"))
    }

    /// Issue: the PDF copy dropped every image (its links were made
    /// "offsite"). It carries them as `data:` URLs: WeasyPrint names an
    /// image after its URL, so a path in the temporary output folder would
    /// make each build's PDF different.
    @Test func thePDFCopyCarriesItsImages() throws {
        let built = try Built()
        let html = try built.pdfCopy("intro-module-participant")
        let svg = try Data(contentsOf: URL(fileURLWithPath: "\(built.content)/modules/intro-module/media/diagram.svg"))
        #expect(html.contains("<img src=\"data:image/svg+xml;base64,\(svg.base64EncodedString())\" alt=\"A diagram\" />"))
        #expect(!html.contains("<img data-offsite"))
        #expect(!html.contains(built.output) && !html.contains(built.content))
        let epub = try built.epubMember("intro-module-participant", "about.xhtml")
        #expect(epub.contains("<img src=\"media/modules/intro-module/media/diagram.svg\" alt=\"A diagram\" />"))
    }

    /// An image from the site's `media/` folder, not the module's, is
    /// carried the same way.
    @Test func siteMediaImagesAreInThePDFCopyAndTheEPUB() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("fixture".utf8)
        let built = try Built { content in
            try FileManager.default.createDirectory(atPath: "\(content)/media", withIntermediateDirectories: true)
            try png.write(to: URL(fileURLWithPath: "\(content)/media/logo.png"))
            try HandbookLinkTests.append(
                "\n![The exchange's logo](../../media/logo.png)\n", to: "\(content)/modules/intro-module/01-meet-each-other.md")
        }
        #expect(built.result.succeeded, "\(summary(built.result.diagnostics))")
        #expect(try built.pdfCopy("intro-module-facilitator").contains("<img src=\"data:image/png;base64,\(png.base64EncodedString())\""))
        let task = try built.epubMember("intro-module-facilitator", "task-meet-each-other.xhtml")
        #expect(task.contains("<img src=\"media/media/logo.png\""), "\(task)")
        #expect(try built.epubMember("intro-module-facilitator", "package.opf").contains("href=\"media/media/logo.png\" media-type=\"image/png\""))
        #expect(try readText("\(built.output)/handbooks/intro-module-facilitator.html").contains("<img src=\"../media/logo.png\""))
    }

    /// An image an EPUB cannot carry (a BMP): a warning at its line, and in
    /// the EPUB its alternative text instead of an `<img>` without a source.
    static func withBitmap(_ content: String) throws -> Int {
        try Data("BM fixture bitmap".utf8).write(to: URL(fileURLWithPath: "\(content)/modules/intro-module/media/scan.bmp"))
        let task = "\(content)/modules/intro-module/02-compare-schools.md"
        let lines = try readText(task).split(separator: "\n", omittingEmptySubsequences: false).count
        try append("\n![A scanned worksheet](media/scan.bmp)\n", to: task)
        return lines + 1
    }

    @Test func anImageTheEPUBCannotCarryIsAWarningAndShowsItsAlternativeText() throws {
        var line = 0
        let built = try Built { line = try HandbookLinkTests.withBitmap($0) }
        #expect(built.result.succeeded, "\(summary(built.result.diagnostics))")
        let warnings = built.result.diagnostics.filter { $0.id == "handbook-image" }
        #expect(warnings.count == 1, "\(summary(warnings))")
        let warning = try #require(warnings.first)
        #expect(warning.id == "handbook-image" && warning.severity == .warning)
        #expect(warning.location?.path.hasSuffix("modules/intro-module/02-compare-schools.md") == true)
        #expect(warning.location?.line == line, "\(warning)")
        #expect(warning.message.contains("media/scan.bmp"))
        let epub = try built.epubMember("intro-module-participant", "task-compare-schools.xhtml")
        #expect(epub.contains("<span class=\"image-unavailable\">A scanned worksheet</span>"), "\(epub)")
        #expect(!epub.contains("scan.bmp"))
        #expect(!epub.contains("<img data-offsite"))
        // The print HTML and the PDF copy still show it (browsers and WeasyPrint read BMP).
        #expect(
            try readText("\(built.output)/handbooks/intro-module-participant.html").contains("<img src=\"../modules/intro-module/media/scan.bmp\""))
        #expect(try built.pdfCopy("intro-module-participant").contains("<img src=\"data:image/bmp;base64,"))
    }

    /// The warning is made by the check stage
    /// (``ContentChecks/checkHandbookImages(_:)``).
    @Test func theBuildReportsAnImageTheEPUBCannotCarry() throws {
        let built = try Built { _ = try HandbookLinkTests.withBitmap($0) }
        #expect(built.result.diagnostics.contains { $0.id == "handbook-image" })
    }

    /// Issue: no author in the EPUB metadata and no cover image.
    @Test func theEPUBNamesItsCreatorAndHasAGeneratedCover() throws {
        let built = try Built()
        for book in ["intro-module-participant", "catalogue"] {
            let opf = try built.epubMember(book, "package.opf")
            // The minimal module names no authors: the site is the creator.
            #expect(opf.contains("<dc:creator id=\"creator1\">Minimal Trellis Site</dc:creator>"), "\(opf)")
            #expect(opf.contains("<item id=\"cover-image\" href=\"cover.svg\" media-type=\"image/svg+xml\" properties=\"cover-image\"/>"))
            let cover = try built.epubMember(book, "cover.svg")
            #expect(cover.contains("<title id=\"cover-title\">"))
        }
        let cover = try built.epubMember("intro-module-participant", "cover.svg")
        #expect(
            cover.contains(">Introduction</text>") && cover.contains(">Module</text>") && cover.contains(">Participant handbook</text>"), "\(cover)")
        // The cover image repeats the title page: the book is still text only.
        #expect(!(try built.epubMember("catalogue", "package.opf")).contains("alternativeText"))
    }

    @Test func moduleAuthorsAreTheEPUBCreators() throws {
        let built = try Built { content in
            let module = "\(content)/modules/intro-module/module.md"
            let text = try readText(module).replacingOccurrences(
                of: "practices: [good-practice]\n", with: "practices: [good-practice]\nauthors: [Ana Pérez, \"Jo & Kim\"]\n")
            try text.write(toFile: module, atomically: false, encoding: .utf8)
        }
        #expect(built.result.succeeded, "\(summary(built.result.diagnostics))")
        let opf = try built.epubMember("intro-module-facilitator", "package.opf")
        #expect(opf.contains("<dc:creator id=\"creator1\">Ana Pérez</dc:creator>\n<dc:creator id=\"creator2\">Jo &amp; Kim</dc:creator>"), "\(opf)")
        #expect(opf.contains("<dc:publisher>Minimal Trellis Site</dc:publisher>"))
    }

    @Test func coverTitlesWrapIntoLines() {
        #expect(EPUBWriter.wrap("Teacher as Mentor in rural schools", width: 18) == ["Teacher as Mentor", "in rural schools"])
        #expect(EPUBWriter.wrap("Supercalifragilisticexpialidocious x", width: 10) == ["Supercalifragilisticexpialidocious", "x"])
        #expect(EPUBWriter.wrap("", width: 10).isEmpty)
    }
}
