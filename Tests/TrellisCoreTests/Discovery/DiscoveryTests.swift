import Foundation
import Testing

@testable import TrellisCore

@Suite struct DiscoveryTests {
    @Test func minimalSiteInventory() throws {
        let content = Fixtures.content("minimal")
        let (found, diagnostics) = Discovery.run(contentDirectory: content, displayDirectory: "content")
        let inventory = try #require(found)
        #expect(diagnostics.isEmpty, "\(summary(diagnostics))")
        #expect(inventory.config?.relativePath == "site.yml")
        #expect(inventory.config?.displayPath == "content/site.yml")
        let kinds = inventory.documents.map(\.kind)
        #expect(kinds.contains(.home))
        #expect(kinds.contains(.module("intro-module")))
        #expect(kinds.contains(.task(module: "intro-module", id: "meet-each-other", number: 1)))
        #expect(kinds.contains(.task(module: "intro-module", id: "compare-schools", number: 2)))
        #expect(kinds.contains(.practice("good-practice")))
        #expect(kinds.contains(.page("about")))
        #expect(inventory.documents.count == 6)
        #expect(inventory.media.map(\.relativePath) == ["modules/intro-module/media/diagram.svg"])
        #expect(inventory.routes["modules/intro-module/01-meet-each-other.md"] == .task(module: "intro-module", task: "meet-each-other"))
        #expect(inventory.routes["practices/good-practice.md"] == .practice("good-practice"))
        #expect(inventory.allFiles.contains("site.yml"))
    }

    @Test func orderIsFixed() throws {
        let content = Fixtures.content("minimal")
        let first = try #require(Discovery.run(contentDirectory: content, displayDirectory: "c").0).documents.map(\.file.relativePath)
        let second = try #require(Discovery.run(contentDirectory: content, displayDirectory: "c").0).documents.map(\.file.relativePath)
        #expect(first == second)
        let tasks = first.filter { $0.contains("/0") }
        #expect(tasks == tasks.sorted())
    }

    @Test func layoutProblems() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        let files: [String: String] = [
            "site.yaml": "title: x\n",
            "notes.txt": "stray\n",
            "modules/m/module.md": "---\ntitle: M\nsummary: S\n---\n",
            "modules/m/intro.md": "---\ntitle: T\n---\n",
            "modules/m/01-index.md": "---\ntitle: T\n---\n",
            "modules/no-definition/01-task.md": "---\ntitle: T\n---\n",
            "practices/index.md": "---\ntitle: T\n---\n",
            "practices/.hidden.md": "ignored\n",
            "practices/draft.md~": "ignored\n",
        ]
        for (path, text) in files {
            let full = "\(content)/\(path)"
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: false, encoding: .utf8)
        }
        let (_, diagnostics) = Discovery.run(contentDirectory: content, displayDirectory: "content")
        let found = Set(diagnostics.map { "\($0.id) \($0.location?.path ?? "")" })
        #expect(
            found == [
                "misnamed-config content/site.yaml",
                "stray-file content/notes.txt",
                "bad-task-name content/modules/m/intro.md",
                "reserved-id content/modules/m/01-index.md",
                "missing-module-file content/modules/no-definition/module.md",
                "reserved-id content/practices/index.md",
                "missing-config content/site.yml",
            ])
    }

    @Test func symlinkOutsideIsNotFollowed() throws {
        let directory = TemporaryDirectory()
        let content = directory.sub("content")
        try FileManager.default.createDirectory(atPath: "\(content)/pages", withIntermediateDirectories: true)
        try "title: x\n".write(toFile: "\(content)/site.yml", atomically: false, encoding: .utf8)
        try "---\ntitle: Secret\n---\n".write(toFile: directory.sub("secret.md"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(content)/pages/secret.md", withDestinationPath: directory.sub("secret.md"))
        let (inventory, diagnostics) = Discovery.run(contentDirectory: content, displayDirectory: "content")
        #expect(diagnostics.map(\.id.rawValue) == ["symlink-outside"])
        #expect(try #require(inventory).documents.isEmpty)
    }

    @Test func missingContentFolder() {
        let (inventory, diagnostics) = Discovery.run(contentDirectory: "/nonexistent/trellis-content", displayDirectory: "nowhere")
        #expect(inventory == nil)
        #expect(diagnostics.map(\.id) == ["missing-content"])
    }
}

/// A file name is a translation's when it ends in `.<language>.md` and its
/// base has no other dot; the name is read as bytes, with the same answers
/// as reading it by characters.
@Suite struct TranslationNameTests {
    @Test(arguments: [
        ("01-intro.es.md", "01-intro.md", "es"),
        ("apprenticeship.fa.md", "apprenticeship.md", "fa"),
        ("page.pt-BR.md", "page.md", "pt-BR"),
        ("catálogo.es.md", "catálogo.md", "es"),
    ])
    func translationsAreSplit(name: String, original: String, language: String) throws {
        let split = try #require(TranslationSource.split(name))
        #expect(split.original == original)
        #expect(split.language == language)
    }

    @Test(arguments: [
        "practice-00001.md", "module.md", "notes.txt", ".es.md", "a.b.es.md", "x.toolonglanguage.md", "x.e\u{301}s.md", "x.\u{301}es.md",
        "x.es.markdown",
    ])
    func otherNamesAreNotTranslations(name: String) {
        #expect(TranslationSource.split(name) == nil)
    }
}
