import Foundation
import Testing
import ZIPFoundation

@testable import TrellisCore

/// Trellis writes its zip archives itself (on libdeflate); ZIPFoundation,
/// an independent reader, must read back every file as it went in.
@Suite struct StableZipTests {
    static let files: [(String, [UInt8], Bool)] = [
        ("mimetype", Array("application/epub+zip".utf8), false),
        ("OEBPS/chapter.xhtml", Array(String(repeating: "<p>Teachers in rural schools share practice.</p>\n", count: 400).utf8), true),
        ("OEBPS/empty.css", [], true),
        // Random bytes do not shrink: stored, not deflated.
        ("OEBPS/noise.bin", noise(5000), true),
        ("OEBPS/práctica-ñ.xhtml", Array("<p>Buenas prácticas</p>".utf8), true),
    ]

    /// SplitMix64: bytes with no pattern DEFLATE can use.
    static func noise(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31))
        }
    }

    static func archive() throws -> [UInt8] {
        var zip = StableZip()
        for (path, bytes, compress) in files { try zip.add(path, bytes, compress: compress) }
        return try #require(zip.bytes)
    }

    @Test func anIndependentReaderGetsEveryFileBack() throws {
        let archive = try Archive(data: Data(try Self.archive()), accessMode: .read)
        let entries = Array(archive)
        #expect(entries.map(\.path) == Self.files.map(\.0))
        for (entry, (path, bytes, _)) in zip(entries, Self.files) {
            var read = Data()
            _ = try archive.extract(entry, consumer: { read.append($0) })
            #expect([UInt8](read) == bytes, "\(path)")
        }
        // The EPUB's mimetype comes first and stored; text is deflated, noise stored.
        #expect(entries[0].type == .file && !entries[0].isCompressed)
        #expect(entries[1].isCompressed && entries[1].compressedSize < entries[1].uncompressedSize / 10)
        #expect(!entries[3].isCompressed)
    }

    @Test func theSameFilesGiveTheSameBytes() throws {
        #expect(try Self.archive() == Self.archive())
    }

    /// A large book is handed on as it is written; the pieces, put end to
    /// end, are the archive made whole, and nothing is held back.
    @Test func aDrainedArchiveIsTheSameArchive() throws {
        var zip = StableZip()
        var pieces: [[UInt8]] = []
        let big = Array(String(repeating: "A practice from a school far from town.\n", count: 60_000).utf8) + Self.noise(1_200_000)
        for (path, bytes, compress) in Self.files + [("OEBPS/big.xhtml", big, true)] {
            try zip.add(path, bytes, compress: compress)
            zip.drain { pieces.append(Array($0)) }
        }
        #expect(zip.bytes == nil, "part of it was handed on: it cannot be given whole")
        try zip.finish { pieces.append(Array($0)) }
        #expect(pieces.count >= 2)
        var whole = StableZip()
        for (path, bytes, compress) in Self.files + [("OEBPS/big.xhtml", big, true)] { try whole.add(path, bytes, compress: compress) }
        #expect(pieces.flatMap { $0 } == (try #require(whole.bytes)))
    }
}

/// A rebuild takes the compressed bytes of unchanged entries from the
/// previous build's archive, and only ever bytes that decompress to the
/// new ones. The previous archive is written at another level here, so a
/// reused entry can be told from one compressed again.
@Suite struct PreviousArchiveTests {
    static func archive(_ files: [(String, [UInt8], Bool)], level: Int32 = StableZip.level, reusing previous: [UInt8]? = nil) throws -> [UInt8] {
        var zip = StableZip(reusing: previous.flatMap { PreviousArchive(bytes: $0) }, level: level)
        for (path, bytes, compress) in files { try zip.add(path, bytes, compress: compress) }
        return try #require(zip.bytes)
    }

    static func contents(_ archive: [UInt8]) throws -> [String: [UInt8]] {
        var contents: [String: [UInt8]] = [:]
        for entry in try Archive(data: Data(archive), accessMode: .read) {
            var read = Data()
            _ = try Archive(data: Data(archive), accessMode: .read).extract(entry, consumer: { read.append($0) })
            contents[entry.path] = [UInt8](read)
        }
        return contents
    }

    /// Text that DEFLATE levels 1 and 6 compress differently.
    static func chapter(_ text: String) -> [UInt8] { Array((0..<300).map { "<p>\(text) \($0 % 7)</p>\n" }.joined().utf8) }

    static let files = StableZipTests.files + [("OEBPS/a.xhtml", chapter("Teachers share practice"), true)]

    @Test func unchangedEntriesKeepThePreviousCompressedBytes() throws {
        let previous = try Self.archive(Self.files, level: 1)
        let fresh = try Self.archive(Self.files)
        #expect(!previous.elementsEqual(fresh), "level 1 and level 6 must give different bytes for this test to tell reuse")
        #expect(try Self.archive(Self.files, reusing: previous).elementsEqual(previous))
    }

    static func compressedSizes(_ archive: [UInt8]) throws -> [String: UInt64] {
        Dictionary(uniqueKeysWithValues: try Archive(data: Data(archive), accessMode: .read).map { ($0.path, $0.compressedSize) })
    }

    @Test func aChangedEntryIsCompressedAgain() throws {
        let before = [("a.xhtml", Self.chapter("Teachers share practice"), true), ("b.xhtml", Self.chapter("Pupils compare schools"), true)]
        var after = before
        after[0].1 = Self.chapter("Teachers share good practice")
        let previous = try Self.archive(before, level: 1)
        let rebuilt = try Self.archive(after, reusing: previous)
        let contents = try Self.contents(rebuilt)
        for (path, bytes, _) in after { #expect(contents[path] == bytes, "\(path)") }
        // The changed chapter is compressed as a fresh build compresses it; the other is kept as it was.
        let sizes = try Self.compressedSizes(rebuilt)
        let previousSizes = try Self.compressedSizes(previous)
        let freshSizes = try Self.compressedSizes(try Self.archive(after))
        #expect(previousSizes["b.xhtml"] != freshSizes["b.xhtml"], "the two levels must differ for this test to tell")
        #expect(sizes["a.xhtml"] == freshSizes["a.xhtml"])
        #expect(sizes["b.xhtml"] == previousSizes["b.xhtml"])
    }

    /// A damaged or foreign previous file never ends up in the new archive:
    /// the entries are compressed afresh.
    @Test(arguments: ["truncated", "flipped", "garbage", "empty"])
    func aDamagedPreviousArchiveIsNotTrusted(_ damage: String) throws {
        var previous = try Self.archive(StableZipTests.files, level: 1)
        switch damage {
        case "truncated": previous.removeLast(7)
        case "flipped":
            // A byte in the middle of the chapter's compressed data: it no longer decompresses to the chapter.
            let local = 30 + "mimetype".utf8.count + "application/epub+zip".utf8.count
            previous[local + 30 + "OEBPS/chapter.xhtml".utf8.count + 20] ^= 0x55
        case "garbage": previous = StableZipTests.noise(previous.count)
        default: previous = []
        }
        let rebuilt = try Self.archive(StableZipTests.files, reusing: previous)
        let contents = try Self.contents(rebuilt)
        for (path, bytes, _) in StableZipTests.files { #expect(contents[path] == bytes, "\(path)") }
        if damage != "flipped" { #expect(rebuilt.elementsEqual(try Self.archive(StableZipTests.files))) }
    }

    /// A rebuild reads a large previous e-book from its file a range at a
    /// time (limit 0), a small one whole: the same entries are reused as from
    /// bytes in memory; a file cut short after it was opened is read as far
    /// as it goes, and nothing past that.
    @Test(arguments: [0, PreviousArchive.wholeReadLimit])
    func thePreviousFileIsReadByRangesOrWhole(wholeReadLimit: Int) throws {
        let previous = try Self.archive(Self.files, level: 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-previous-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalogue.epub").path
        try Data(previous).write(to: URL(fileURLWithPath: path))
        let fromFile = try #require(PreviousArchive(path: path, wholeReadLimit: wholeReadLimit))
        var zip = StableZip(reusing: fromFile)
        for (name, bytes, compress) in Self.files { try zip.add(name, bytes, compress: compress) }
        #expect(try #require(zip.bytes).elementsEqual(previous))

        // Opened (its directory read), then cut short: entries past the cut are compressed afresh.
        let opened = try #require(PreviousArchive(path: path, wholeReadLimit: wholeReadLimit))
        try Data(previous.prefix(previous.count / 2)).write(to: URL(fileURLWithPath: path))
        var afterCut = StableZip(reusing: opened)
        for (name, bytes, compress) in Self.files { try afterCut.add(name, bytes, compress: compress) }
        let contents = try Self.contents(try #require(afterCut.bytes))
        for (name, bytes, _) in Self.files { #expect(contents[name] == bytes, "\(name)") }
        #expect(PreviousArchive(path: folder.appendingPathComponent("missing.epub").path) == nil)
    }
}
