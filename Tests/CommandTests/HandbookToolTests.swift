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
                let restricted = section.heading.map { Task.isFacilitatorHeading($0.text) } ?? false
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
            let pattern = NSRegularExpression.escapedPattern(for: "\(SiteRenderer.number(task)). \(task.title)") + " ?[.\\s]*\\d+"
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
}
