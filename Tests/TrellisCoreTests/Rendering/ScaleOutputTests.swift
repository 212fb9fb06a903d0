import Foundation
import Testing

@testable import TrellisCore

/// The outputs that keep a catalogue of thousands light: numbered card
/// pages, the compact filter data and the sharded search index.
@Suite struct ScaleOutputTests {
    /// A site with `count` practices, all tagged `shared`, half of them `half`.
    static func site(_ count: Int, into directory: TemporaryDirectory) throws -> String {
        var files = ["site.yml": "title: Scale\n"]
        for n in 1...count {
            let id = String(format: "p%03d", n)
            files["practices/\(id).md"] =
                "---\ntitle: Practice \(id)\ncountry: \(n % 2 == 0 ? "FI" : "SI")\norganisation: Org \(n % 3)\nsector: school\n"
                + "tags: [shared\(n % 2 == 0 ? ", half" : "")]\nyear: 2020\n---\n\n## Description\n\nSimulation of \(id).\n\n"
                + "## Who is involved\n\nTeachers.\n\n## Benefits\n\nMany.\n\n## Challenges and how they were overcome\n\nSome.\n\n## Step by step implementation\n\n1. Start.\n"
        }
        try writeSite(directory.sub("content"), files)
        return directory.sub("content")
    }

    static func build(_ content: String, _ directory: TemporaryDirectory) throws {
        let result = TrellisCoreTests.build(content, output: directory.sub("out"))
        try #require(result.succeeded, "\n\(summary(result.diagnostics))")
    }

    /// Words are gathered in batches and runs of documents on all cores;
    /// the postings are those of one document after another.
    @Test func searchPostingsListEveryDocumentOnceInOrder() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(600, into: directory)
        let result = TrellisCoreTests.build(content, output: directory.sub("out"), write: false)
        let site = try #require(result.site)
        let index = SearchIndex(site, strings: .english)
        #expect(index.documents.count > SearchIndex.batchSize && SearchIndex.batchSize > SearchIndex.runSize)
        var expected: [String: (all: [Int], titles: [Int])] = [:]
        for (number, document) in SearchIndex.documents(site).enumerated() {
            var folder = SearchIndex.CaseFolding()
            var titles = Set<String>()
            folder.tokens(document.title) { titles.insert($0) }
            var all = titles
            folder.tokens(document.text) { all.insert($0) }
            for term in all { expected[term, default: ([], [])].all.append(number) }
            for term in titles { expected[term, default: ([], [])].titles.append(number) }
        }
        #expect(Set(index.postings.keys) == Set(expected.keys))
        for (term, lists) in expected {
            #expect(index.postings[term]?.all == lists.all, "\(term)")
            #expect(index.postings[term]?.titles == lists.titles, "\(term)")
        }
        #expect(index.postings["shared"]?.all.count == 600)
        #expect(index.postings["p599"]?.titles.count == 1)
    }

    @Test func theCatalogueIsInNumberedPages() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(30, into: directory)
        try Self.build(content, directory)
        let first = try readText(directory.sub("out/practices/index.html"))
        let second = try readText(directory.sub("out/practices/index.2.html"))
        #expect(first.components(separatedBy: "class=\"card practice-card\"").count - 1 == Pagination.perPage)
        #expect(second.components(separatedBy: "class=\"card practice-card\"").count - 1 == 30 - Pagination.perPage)
        #expect(first.contains("<a href=\"index.2.html\" rel=\"next\">"))
        #expect(second.contains("<a href=\"index.html\" rel=\"prev\">"))
        #expect(second.contains("aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</a>"))
        #expect(second.contains("<title>Good practices, page 2 of 2 – Scale</title>"))
        // A card on page 2 links to its practice beside it.
        #expect(second.contains("href=\"p025.html\""))
        #expect(!FileManager.default.fileExists(atPath: directory.sub("out/practices/index.3.html")))
        // A facet value with more cards than a page has pages of its own; one that fits has none.
        let shared = try readText(directory.sub("out/practices/tag/shared.html"))
        #expect(shared.contains("href=\"shared.2.html\" rel=\"next\""))
        #expect(FileManager.default.fileExists(atPath: directory.sub("out/practices/tag/shared.2.html")))
        let half = try readText(directory.sub("out/practices/tag/half.html"))
        #expect(!half.contains("class=\"pagination\""))
    }

    @Test func theFilterDataHasEveryCardsFields() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(3, into: directory)
        try Self.build(content, directory)
        let script = try readText(directory.sub("out/assets/catalogue-data.js"))
        let prefix = "window.TRELLIS_CATALOGUE="
        #expect(script.hasPrefix(prefix) && script.hasSuffix(";\n"))
        let json = String(script.dropFirst(prefix.count).dropLast(2))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let facets = try #require(object["facets"] as? [String: [[String]]])
        #expect(facets["country"] == [["fi", "Finland"], ["si", "Slovenia"]])
        #expect(facets["tag"] == [["half", "half"], ["shared", "shared"]])
        let organisations = try #require(object["organisations"] as? [String])
        let practices = try #require(object["practices"] as? [[Any]])
        #expect(practices.count == 3)
        let second = practices[1]
        #expect(second[0] as? String == "p002" && second[1] as? String == "Practice p002")
        #expect(organisations[(second[2] as? Int) ?? -1] == "Org 2")
        #expect(second[3] as? Int == 0 && second[4] as? Int == 0 && second[5] as? Int == 2020)
        // Tags in the author's order (shared, half), as indices into the sorted list.
        #expect(second[6] as? String == "1 0")
        let page = try readText(directory.sub("out/practices/index.html"))
        #expect(page.contains("data-source=\"../assets/catalogue-data.js\" data-root=\"../\""))
    }

    @Test func postingsAreGapsInBase32() {
        #expect(SearchIndex.encode([0, 3, 40]) == "03X5")
        #expect(SearchIndex.encode([]) == "")
        let documents = [1, 2, 31, 32, 33, 1100, 40000]
        #expect(Self.decode(SearchIndex.encode(documents)) == documents)
    }

    /// The shards are cut by the postings' encoded size, counted without encoding them.
    @Test(arguments: [[], [0], [31], [32], [0, 3, 40], [1, 2, 31, 32, 33, 1100, 40000], [1 << 20, (1 << 25) + 7]])
    func encodedLengthIsTheEncodingsLength(_ documents: [Int]) {
        #expect(SearchIndex.encodedLength(documents) == SearchIndex.encode(documents).utf8.count)
    }

    /// search.js's decoder, to check the format round-trips.
    static func decode(_ text: String) -> [Int] {
        var out: [Int] = []
        var n = 0
        var document = 0
        for byte in text.utf8 {
            guard let digit = SearchIndex.digits.firstIndex(of: byte) else { return [] }
            if digit >= 32 {
                n = n * 32 + digit - 32
            } else {
                document += n * 32 + digit
                out.append(document)
                n = 0
            }
        }
        return out
    }

    @Test func aLargeLettersShardIsSplitByTwoLetters() {
        let terms = ["a", "ab", "ac", "b", "ca", "cab", "cb"].sorted()
        let small = SearchIndex.shards(terms) { _ in 10 }
        #expect(small.map(\.prefix) == ["a", "b", "c"])
        let large = SearchIndex.shards(terms) { $0.hasPrefix("c") ? SearchIndex.shardLimit : 10 }
        #expect(large.map(\.prefix) == ["a", "b", "ca", "cb"])
        #expect(large[2].terms == ["ca", "cab"])
        // A one-letter word keeps a shard of its own letter.
        let split = SearchIndex.shards(["a", "ab", "ac"]) { _ in SearchIndex.shardLimit }
        #expect(split.map(\.prefix) == ["a", "ab", "ac"])
    }

    @Test func theSearchIndexIsShardedAndChunked() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(45, into: directory)
        try Self.build(content, directory)
        let folder = directory.sub("out/assets/search")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        // 45 practices: documents 0–19, 20–39, 40–44.
        #expect(files.isSuperset(of: ["index.js", "d-0.js", "d-1.js", "d-2.js"]) && !files.contains("d-3.js"))
        let manifest = try readText("\(folder)/index.js")
        #expect(manifest.hasPrefix("TRELLIS_SEARCH.index({\"v\":2,\"count\":45,\"chunk\":20,\"shards\":["))
        // "simulation" is in every practice's text, "practice" in every title.
        let shard = try readText("\(folder)/t-73.js")
        #expect(shard.hasPrefix("TRELLIS_SEARCH.shard(\"s\",{\"terms\":\""))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(shard.dropFirst("TRELLIS_SEARCH.shard(\"s\",".count).dropLast(3).utf8)) as? [String: Any])
        let terms = (object["terms"] as? String ?? "").split(separator: "\n").map(String.init)
        let index = try #require(terms.firstIndex(of: "simulation"))
        #expect(Self.decode((object["docs"] as? [String])?[index] ?? "") == Array(0..<45))
        #expect((object["titles"] as? [String])?[index] == "")
        let chunk = try readText("\(folder)/d-2.js")
        #expect(
            chunk.hasPrefix(
                "TRELLIS_SEARCH.docs(2,[[\"Practice p041\",\"practices/p041.html\",\"practice\",\"Slovenia\",\"Description Simulation of p041."))
    }
}
