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
}
