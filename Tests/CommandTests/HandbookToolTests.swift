import Foundation
import Testing

@testable import TrellisCore

/// The sample site's handbooks checked with the real tools: `pdftotext` on
/// the PDFs (WeasyPrint) and EPUBCheck on every EPUB. `make test` installs
/// weasyprint, poppler-utils and epubcheck.
@Suite(.serialized) struct HandbookToolTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("content").path

    /// One build of the sample site with PDFs, shared by the tests.
    static let built: (output: String, site: Site?, directory: TemporaryDirectory) = {
        let directory = TemporaryDirectory()
        let output = "\(directory.path)/out"
        let result = Pipeline.run(BuildOptions(content: sample, output: output, templates: "/nonexistent", pdf: true))
        return (output, result.site, directory)
    }()

    static func tool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func pdfText(_ path: String, first: Int? = nil, last: Int? = nil) throws -> String {
        var arguments = ["pdftotext", "-layout"]
        if let first { arguments += ["-f", String(first)] }
        if let last { arguments += ["-l", String(last)] }
        let result = try tool(arguments + [path, "-"])
        #expect(result.status == 0, "pdftotext failed: \(result.output)")
        return normalize(result.output)
    }

    /// Whitespace collapsed and compatibility forms folded (ligatures).
    static func normalize(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Every facilitator-only text of a module: `## Facilitator notes`
    /// sections and `> [!FACILITATOR]` blocks, as short probes.
    static func facilitatorProbes(_ module: Module) -> [String] {
        var texts: [String] = []
        for task in module.tasks {
            for section in [task.body.intro] + task.body.sections {
                let restricted = section.isFacilitatorOnly
                for block in section.blocks where restricted || block.kind == .facilitator {
                    texts.append(block.text)
                }
            }
        }
        // A probe of five words from the middle of each paragraph: long enough
        // to be unique, short enough not to cross a page break.
        return texts.compactMap { text in
            let words = normalize(text).split(separator: " ")
            guard words.count >= 5 else { return nil }
            let start = min(2, words.count - 5)
            return words[start..<(start + 5)].joined(separator: " ")
        }
    }

    @Test func everyHandbookExistsInEveryFormat() throws {
        let site = try #require(Self.built.site)
        var ids = site.modules.flatMap { ["\($0.id)-participant", "\($0.id)-facilitator"] }
        ids.append("catalogue")
        for id in ids {
            for format in ["html", "pdf", "epub"] {
                #expect(FileManager.default.fileExists(atPath: "\(Self.built.output)/handbooks/\(id).\(format)"), "\(id).\(format) missing")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "\(Self.built.output)/handbooks/catalogue.pdf.html"))
    }

    @Test func participantPDFsHaveNoFacilitatorTextAndFacilitatorPDFsHaveAll() throws {
        let site = try #require(Self.built.site)
        var checked = 0
        for module in site.modules {
            let probes = Self.facilitatorProbes(module)
            #expect(!probes.isEmpty, "the sample module \(module.id) should have facilitator notes")
            let participant = try Self.pdfText("\(Self.built.output)/handbooks/\(module.id)-participant.pdf")
            let facilitator = try Self.pdfText("\(Self.built.output)/handbooks/\(module.id)-facilitator.pdf")
            #expect(participant.contains(module.tasks[0].title))
            for probe in probes {
                #expect(!participant.contains(probe), "participant handbook of \(module.id) contains facilitator text: \(probe)")
                #expect(facilitator.contains(probe), "facilitator handbook of \(module.id) lacks: \(probe)")
                checked += 1
            }
        }
        #expect(checked >= 5)
    }

    @Test func firstPagesHoldAContentsListWithPageNumbers() throws {
        let site = try #require(Self.built.site)
        let module = try #require(site.modules.first { $0.id == "teacher-as-mentor" })
        let front = try Self.pdfText("\(Self.built.output)/handbooks/\(module.id)-participant.pdf", first: 1, last: 3)
        #expect(front.contains("Contents"))
        for task in module.tasks {
            // "01. Introduce yourselves ........ 5"
            let pattern = NSRegularExpression.escapedPattern(for: "\(task.displayNumber). \(task.title)") + " ?[.\\s]*\\d+"
            #expect(front.range(of: pattern, options: .regularExpression) != nil, "no page number for \(task.title)")
        }
    }

    @Test func everyEPUBPassesEPUBCheck() throws {
        let folder = "\(Self.built.output)/handbooks"
        let epubs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".epub") }.sorted()
        #expect(epubs.count >= 5)
        let jar = ["/usr/share/java/epubcheck.jar", "/usr/share/epubcheck/epubcheck.jar"].first { FileManager.default.fileExists(atPath: $0) }
        let checker = try #require(jar, "epubcheck is not installed (Debian package epubcheck)")
        for epub in epubs {
            let result = try Self.tool(["java", "-jar", checker, "\(folder)/\(epub)"])
            #expect(result.status == 0, "\(epub):\n\(result.output)")
            #expect(result.output.contains("No errors or warnings detected"), "\(epub):\n\(result.output)")
        }
    }

    /// A member of a built EPUB, through `unzip`.
    static func epubMember(_ epub: String, _ member: String) throws -> String {
        let result = try tool(["unzip", "-p", epub, member])
        #expect(result.status == 0, "unzip \(member) of \(epub) failed: \(result.output)")
        return result.output
    }

    /// The images of a module's chapters (overview and tasks), as written.
    static func images(of module: Module) -> [ContentLink] {
        ([module.body] + module.tasks.map(\.body)).flatMap(\.links).filter(\.isImage)
    }

    /// Issue: PDF handbooks replaced every image by its alternative text.
    /// Raster images (PNG) are counted with `pdfimages -list`; an SVG is
    /// drawn as vectors, so its own text must be on the page and its
    /// alternative text must not.
    @Test func pdfHandbooksDrawEveryImage() throws {
        let site = try #require(Self.built.site)
        let module = try #require(site.modules.first { $0.id == "teacher-as-mentor" })
        let images = Self.images(of: module)
        let raster = images.filter { !$0.destination.lowercased().hasSuffix(".svg") }
        #expect(images.count >= 2 && raster.count >= 1, "the sample module should show an SVG and a PNG")
        for edition in Edition.allCases {
            let pdf = "\(Self.built.output)/handbooks/\(module.id)-\(edition.rawValue).pdf"
            let list = try Self.tool(["pdfimages", "-list", pdf])
            #expect(list.status == 0, "\(list.output)")
            // Two heading lines, then one line per image drawn.
            let drawn = list.output.split(separator: "\n").dropFirst(2).filter { $0.contains(" image ") }
            #expect(drawn.count == raster.count, "\(pdf): \(drawn.count) images drawn, \(raster.count) expected\n\(list.output)")
            let text = try Self.pdfText(pdf)
            // The words inside phases.svg, drawn with the image.
            #expect(text.contains("Getting to know you"), "\(pdf): the SVG diagram is missing")
            #expect(!text.contains("Three phases of the exchange: getting to know"), "\(pdf) shows the SVG's alternative text instead of the image")
            #expect(!text.contains("The planning cycle of this task"), "\(pdf) shows the PNG's alternative text instead of the image")
        }
    }

    /// The same content gives the same PDFs, byte for byte, whatever the
    /// output folder (WeasyPrint names images after their URL: a path in the
    /// temporary folder made every build's PDF different).
    @Test func pdfsAreTheSameOnEveryBuild() throws {
        let directory = TemporaryDirectory()
        let output = "\(directory.path)/again"
        let result = Pipeline.run(BuildOptions(content: Self.sample, output: output, templates: "/nonexistent", pdf: true))
        #expect(result.succeeded, "\(result.diagnostics)")
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: "\(Self.built.output)/handbooks").filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(pdfs.count >= 5)
        for pdf in pdfs {
            let first = FileManager.default.contents(atPath: "\(Self.built.output)/handbooks/\(pdf)")
            let second = FileManager.default.contents(atPath: "\(output)/handbooks/\(pdf)")
            #expect(first != nil && first == second, "\(pdf) differs between two builds of the same content")
        }
    }

    /// Every image the module shows is packed into its EPUB and shown from there.
    @Test func epubsCarryEveryImage() throws {
        let site = try #require(Self.built.site)
        for module in site.modules {
            let epub = "\(Self.built.output)/handbooks/\(module.id)-participant.epub"
            let listing = try Self.tool(["unzip", "-l", epub]).output
            for image in Self.images(of: module) {
                guard case .file(let path)? = image.route else { continue }
                #expect(listing.contains("OEBPS/media/\(path)"), "\(epub) lacks \(path)")
            }
        }
    }

    /// Issue: no author in the EPUB metadata and no cover image.
    @Test func epubsNameTheirAuthorsAndHaveACoverImage() throws {
        let site = try #require(Self.built.site)
        var expected: [(String, [String])] = site.modules.flatMap { module in
            Edition.allCases.map { ("\(module.id)-\($0.rawValue)", module.authors.isEmpty ? [site.config.title] : module.authors) }
        }
        expected.append(("catalogue", [site.config.title]))
        for (id, creators) in expected {
            let epub = "\(Self.built.output)/handbooks/\(id).epub"
            let opf = try Self.epubMember(epub, "OEBPS/package.opf")
            for (index, creator) in creators.enumerated() {
                #expect(
                    opf.contains("<dc:creator id=\"creator\(index + 1)\">\(HTML.escape(creator))</dc:creator>"),
                    "\(id): no creator \(creator)\n\(opf)")
            }
            #expect(opf.contains("href=\"cover.svg\" media-type=\"image/svg+xml\" properties=\"cover-image\""), "\(id): no cover image")
            let cover = try Self.epubMember(epub, "OEBPS/cover.svg")
            #expect(cover.hasPrefix("<?xml") && cover.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(cover.contains("Catalogue of good practices") || cover.contains("handbook"), "\(id): the cover has no subtitle")
        }
        let tam = try Self.epubMember("\(Self.built.output)/handbooks/teacher-as-mentor-participant.epub", "OEBPS/package.opf")
        #expect(tam.contains("<dc:creator id=\"creator1\">Trellis sample content team</dc:creator>"))
    }

    /// Issue: without base_url every link of an EPUB was plain text, even
    /// a link to a practice in the same book. The sample module's overview
    /// links to Sammtalk, one of its related practices.
    @Test func practiceLinksInModuleBooksStayInTheBook() throws {
        let epub = "\(Self.built.output)/handbooks/teacher-as-mentor-participant.epub"
        let about = try Self.epubMember(epub, "OEBPS/about.xhtml")
        #expect(about.contains("<a href=\"related-practices.xhtml#practice-sammtalk\">Sammtalk</a>"))
        #expect(!about.contains("data-offsite"))
        let related = try Self.epubMember(epub, "OEBPS/related-practices.xhtml")
        #expect(related.contains("<li id=\"practice-sammtalk\">"))
        let html = try String(contentsOfFile: "\(Self.built.output)/handbooks/teacher-as-mentor-participant.html", encoding: .utf8)
        #expect(html.contains("<a href=\"#practice-sammtalk\">Sammtalk</a>"))
    }
}
