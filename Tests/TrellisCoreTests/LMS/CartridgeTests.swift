import Foundation
import Testing
import ZIPFoundation

@testable import TrellisCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Checks an IMS Common Cartridge 1.1 package against the rules Moodle's
/// importer and the CC 1.1 profile hold it to.
struct CartridgeChecker {
    var files: [String: Data]
    var problems: [String] = []

    init(package: Data) throws {
        let archive = try Archive(data: package, accessMode: .read)
        var files: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            files[entry.path] = bytes
        }
        self.files = files
    }

    mutating func problem(_ text: String) { problems.append(text) }

    /// Every rule; returns the manifest for further checks.
    mutating func check(title: String) throws -> XMLDocument? {
        guard let manifestData = files["imsmanifest.xml"] else {
            problem("no imsmanifest.xml at the root")
            return nil
        }
        let head = String(decoding: manifestData.prefix(500), as: UTF8.self)
        if !head.contains("xmlns=\"\(Cartridge.namespace)\"") { problem("the CC 1.1 namespace is not in the manifest's first 500 bytes") }
        let manifest = try XMLDocument(data: manifestData)
        func nodes(_ xpath: String) -> [XMLNode] { (try? manifest.nodes(forXPath: xpath)) ?? [] }
        func text(_ xpath: String) -> [String] { nodes(xpath).compactMap(\.stringValue) }
        if text("/*[local-name()='manifest']/*[local-name()='metadata']/*[local-name()='schema']") != ["IMS Common Cartridge"] { problem("schema") }
        if text("/*[local-name()='manifest']/*[local-name()='metadata']/*[local-name()='schemaversion']") != ["1.1.0"] { problem("schemaversion") }
        let lomTitle = text(
            "//*[local-name()='lom' and namespace-uri()='\(Cartridge.manifestLOM)']/*[local-name()='general']/*[local-name()='title']/*[local-name()='string']"
        )
        if lomTitle != [title] { problem("LOM general/title is \(lomTitle), not \(title)") }
        let organizations = nodes("//*[local-name()='organization']")
        if organizations.count != 1 { problem("\(organizations.count) organizations") }
        if text("//*[local-name()='organization']/@structure") != ["rooted-hierarchy"] { problem("structure is not rooted-hierarchy") }
        let roots = nodes("//*[local-name()='organization']/*[local-name()='item']")
        if roots.count != 1 { problem("\(roots.count) root items") }
        if !nodes("//*[local-name()='organization']/*[local-name()='item']/*[local-name()='title']").isEmpty { problem("the root item has a title") }
        let items = nodes("//*[local-name()='organization']/*[local-name()='item']//*[local-name()='item']")
        func values(_ node: XMLNode, _ xpath: String) -> [String] { ((try? node.nodes(forXPath: xpath)) ?? []).compactMap(\.stringValue) }
        for item in items {
            let titles = values(item, "*[local-name()='title']")
            if titles.count != 1 || titles[0].isEmpty { problem("item \(values(item, "@identifier")) has no title") }
        }
        let identifiers = text("//@identifier")
        if Set(identifiers).count != identifiers.count { problem("identifiers are not unique") }
        let resources = nodes("//*[local-name()='resource']")
        let resourceIDs = Set(resources.flatMap { values($0, "@identifier") })
        for reference in text("//@identifierref") where !resourceIDs.contains(reference) { problem("identifierref \(reference) resolves to nothing") }
        for resource in resources {
            let id = values(resource, "@identifier").first ?? "?"
            let type = values(resource, "@type").first ?? ""
            if !Cartridge.resourceTypes.contains(type) { problem("resource \(id) has type \(type)") }
            let hrefs = values(resource, "*[local-name()='file']/@href")
            if hrefs.isEmpty { problem("resource \(id) lists no file") }
            for href in hrefs where files[href] == nil { problem("resource \(id) names \(href), which is not in the package") }
            if type == "webcontent", let href = values(resource, "@href").first, !hrefs.contains(href) {
                problem("resource \(id): href \(href) is not among its files")
            }
            let role = values(resource, ".//*[local-name()='intendedEndUserRole']/*[local-name()='value']")
            let isNotes = hrefs.contains { $0.hasPrefix("facilitator/") }
            if isNotes != (role == ["Instructor"]) { problem("resource \(id): facilitator page and Instructor role disagree") }
        }
        if !nodes("//*[local-name()='authorizations']").isEmpty { problem("<authorizations> present") }
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            if text.contains("$IMS-CC-FILEBASE$") { problem("\(path) uses $IMS-CC-FILEBASE$") }
            if path.hasSuffix(".xml") || path.hasSuffix(".html") {
                let parser = XMLParser(data: data)
                if !parser.parse() { problem("\(path) is not well-formed XML") }
            }
            if path.hasSuffix(".html") { checkLinks(in: text, of: path) }
        }
        return manifest
    }

    /// Relative links and images lead to files of the package.
    mutating func checkLinks(in html: String, of path: String) {
        for attribute in ["href=\"", "src=\""] {
            var rest = Substring(html)
            while let range = rest.range(of: attribute) {
                rest = rest[range.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let target = String(rest[..<end]).components(separatedBy: "#")[0]
                rest = rest[end...]
                if target.isEmpty || target.contains(":") { continue }
                let resolved = URL(fileURLWithPath: "/" + path).deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL.path
                if files[String(resolved.dropFirst())] == nil { problem("\(path) links to \(target), which is not in the package") }
            }
        }
    }
}

@Suite struct CartridgeTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content").path

    func built(_ content: String) throws -> (TemporaryDirectory, BuildResult) {
        let directory = TemporaryDirectory()
        let result = build(content, output: directory.sub("output"))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        return (directory, result)
    }

    @Test(arguments: ["sample", "minimal", "rich"])
    func everyCartridgeFollowsTheProfile(fixture: String) throws {
        let (directory, result) = try built(fixture == "sample" ? Self.sample : Fixtures.content(fixture))
        let site = try #require(result.site)
        #expect(!site.modules.isEmpty)
        for module in site.modules {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory.sub("output/lms/\(module.id).imscc")))
            var checker = try CartridgeChecker(package: data)
            let manifest = try checker.check(title: module.title)
            #expect(checker.problems.isEmpty, "\(module.id): \(checker.problems)")
            // Sections: About first, then one per phase in order, tasks in sequence.
            let sections = try #require(manifest).nodes(
                forXPath: "//*[local-name()='organization']/*[local-name()='item']/*[local-name()='item']/*[local-name()='title']"
            )
            .compactMap(\.stringValue)
            #expect(sections.first == "About this module")
            let phased = module.phases.filter { phase in module.tasks.contains { $0.phase?.value == phase.id } }
            #expect(Array(sections.dropFirst().prefix(phased.count)).map { $0.components(separatedBy: " (Week").first ?? $0 } == phased.map(\.title))
            let taskTitles = try #require(manifest).nodes(
                forXPath:
                    "//*[local-name()='item'][starts-with(@identifierref, 'R_') and not(contains(@identifierref, '_notes')) and not(contains(@identifierref, 'practice')) and not(@identifierref='R_about')]/*[local-name()='title']"
            )
            .compactMap(\.stringValue)
            #expect(taskTitles == module.tasks.map { "\($0.displayNumber). \($0.title)" })
        }
    }

    /// Participant pages carry no facilitator text; the notes pages carry it all.
    @Test func facilitatorTextOnlyInInstructorPages() throws {
        let (directory, result) = try built(Self.sample)
        let site = try #require(result.site)
        for module in site.modules {
            let checker = try CartridgeChecker(package: try Data(contentsOf: URL(fileURLWithPath: directory.sub("output/lms/\(module.id).imscc"))))
            let participant = checker.files.filter { !$0.key.hasPrefix("facilitator/") && $0.key.hasSuffix(".html") }
                .map { String(decoding: $0.value, as: UTF8.self) }.joined()
            let notes = checker.files.filter { $0.key.hasPrefix("facilitator/") }.map { String(decoding: $0.value, as: UTF8.self) }.joined()
            for task in module.tasks {
                for section in task.body.sections where section.isFacilitatorOnly {
                    for block in section.blocks where block.text.count > 20 {
                        let probe = String(block.text.prefix(30))
                        #expect(!participant.contains(HTML.escape(probe)), "facilitator text in a participant page: \(probe)")
                        #expect(notes.contains(HTML.escape(probe)), "facilitator text missing from the notes: \(probe)")
                    }
                }
                for block in (task.body.intro.blocks + task.body.sections.flatMap(\.blocks)) where block.kind == .facilitator && block.text.count > 20
                {
                    let probe = String(block.text.prefix(30))
                    #expect(!participant.contains(HTML.escape(probe)), "facilitator block in a participant page: \(probe)")
                }
            }
        }
    }

    @Test func practicesAreWebLinksWithBaseURL() throws {
        let (directory, result) = try built(Fixtures.content("rich"))
        let site = try #require(result.site)
        let module = try #require(site.modules.first { !$0.practices.isEmpty || !$0.citedBy.isEmpty })
        let checker = try CartridgeChecker(package: try Data(contentsOf: URL(fileURLWithPath: directory.sub("output/lms/\(module.id).imscc"))))
        let links = checker.files.filter { $0.key.hasPrefix("links/") }
        #expect(!links.isEmpty)
        for (_, data) in links {
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("xmlns=\"\(Cartridge.webLinkNamespace)\""))
            #expect(text.contains("<url href=\"\(site.config.baseURL ?? "")practices/"))
        }
        #expect(String(decoding: checker.files["imsmanifest.xml"] ?? Data(), as: UTF8.self).contains("type=\"imswl_xmlv1p1\""))
    }

    /// Another language has a package for each module translated into it,
    /// labelled in that language and linking to that language's pages;
    /// a language that has not translated the module has none.
    @Test func everyLanguageHasPackagesOfItsTranslatedModules() throws {
        let (directory, result) = try built(Fixtures.content("multilingual"))
        let module = try #require(result.site?.modules.first)
        #expect(!FileManager.default.fileExists(atPath: directory.sub("output/fa/lms/\(module.id).imscc")))
        var checker = try CartridgeChecker(package: try Data(contentsOf: URL(fileURLWithPath: directory.sub("output/es/lms/\(module.id).imscc"))))
        _ = try checker.check(title: "Mentoría")
        #expect(checker.problems.isEmpty, "\(checker.problems)")
        let text = { (path: String) in String(decoding: checker.files[path] ?? Data(), as: UTF8.self) }
        let manifest = text("imsmanifest.xml")
        #expect(manifest.contains("<lomimscc:language>es</lomimscc:language>"))
        #expect(manifest.contains("<title>Sobre este módulo</title>") && manifest.contains("<title>Para empezar (Semana 1)</title>"))
        #expect(!manifest.contains("About this module") && !manifest.contains("Good practice:"))
        let about = text("about.html")
        #expect(about.contains("lang=\"es\""))
        #expect(about.contains("Duración: 2 semanas<br />") && about.contains("Destinatarios: Futuros docentes"))
        #expect(about.contains("<h2>Resultados de aprendizaje</h2>") && about.contains("<th scope=\"col\">Fase</th>"))
        #expect(!about.contains("Outcome") && !about.contains(">yes<"))
        let task = try #require(checker.files.keys.first { $0.hasPrefix("tasks/") }.map(text))
        #expect(task.contains("Tipo de tarea: Intercambio de información<br />") && task.contains("Duración: 60 min"))
        // Links to the site go to the Spanish pages.
        let link = text("links/practice-video.xml")
        #expect(link.contains("<url href=\"https://example.org/three/es/practices/video.html\""), "\(link)")
    }

    /// The checker fails a package that breaks the rules.
    @Test func checkerCatchesBrokenPackages() throws {
        let (directory, result) = try built(Fixtures.content("minimal"))
        let module = try #require(result.site?.modules.first)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory.sub("output/lms/\(module.id).imscc")))
        var missingFile = try CartridgeChecker(package: data)
        missingFile.files["about.html"] = nil
        _ = try missingFile.check(title: module.title)
        #expect(missingFile.problems.contains { $0.contains("about.html") })
        var titled = try CartridgeChecker(package: data)
        let manifest = String(decoding: titled.files["imsmanifest.xml"] ?? Data(), as: UTF8.self)
        titled.files["imsmanifest.xml"] = Data(
            manifest.replacingOccurrences(of: "<item identifier=\"root\">", with: "<item identifier=\"root\"><title>Root</title>")
                .replacingOccurrences(of: "type=\"webcontent\"", with: "type=\"webcontent-1.3\"").utf8)
        _ = try titled.check(title: "Another title")
        #expect(titled.problems.contains("the root item has a title"))
        #expect(titled.problems.contains { $0.contains("has type webcontent-1.3") })
        #expect(titled.problems.contains { $0.contains("LOM general/title") })
    }

    @Test func packagesAreByteIdenticalAcrossBuilds() throws {
        let (first, _) = try built(Self.sample)
        let (second, _) = try built(Self.sample)
        let a = snapshot(first.sub("output/lms"))
        #expect(!a.isEmpty)
        #expect(a == snapshot(second.sub("output/lms")))
    }
}
