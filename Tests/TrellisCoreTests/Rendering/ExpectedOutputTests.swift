import Foundation
import Testing
import ZIPFoundation

@testable import TrellisCore

/// Every file the build writes for the valid fixture sites, compared byte
/// for byte with `Tests/TrellisCoreTests/Expected/<fixture>/` (EPUBs and
/// learning-platform packages by their unzipped members, so a change of
/// zlib cannot fail the test).
///
/// A change to the output shows here as the exact files and lines that
/// differ. When the change is meant, record the new output and review it
/// with `git diff`:
///
///     TRELLIS_RECORD_EXPECTED=1 swift test --filter ExpectedOutputTests
@Suite struct ExpectedOutputTests {
    static let expectedRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Expected")

    static var recording: Bool { ProcessInfo.processInfo.environment["TRELLIS_RECORD_EXPECTED"] == "1" }

    @Test(arguments: ["minimal", "rich", "multilingual"])
    func outputMatchesTheRecordedTree(fixture: String) throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("output")
        let result = build(Fixtures.content(fixture), output: output)
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let actual = try Self.tree(output)
        let expectedFolder = Self.expectedRoot.appendingPathComponent(fixture).path
        if Self.recording {
            try? FileManager.default.removeItem(atPath: expectedFolder)
            for (path, data) in actual {
                let target = "\(expectedFolder)/\(path)"
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: target))
            }
            return
        }
        let expected = snapshot(expectedFolder)
        #expect(!expected.isEmpty, "no recorded output in \(expectedFolder); record it with TRELLIS_RECORD_EXPECTED=1")
        let missing = Set(expected.keys).subtracting(actual.keys).sorted()
        let extra = Set(actual.keys).subtracting(expected.keys).sorted()
        #expect(missing.isEmpty, "files no longer written: \(missing)")
        #expect(extra.isEmpty, "files written that were not recorded: \(extra)")
        for (path, data) in actual.sorted(by: { $0.key < $1.key }) {
            guard let recorded = expected[path], recorded != data else { continue }
            Issue.record("\(fixture)/\(path) differs from the recorded output: \(Self.firstDifference(recorded, data))")
        }
    }

    /// Relative path → bytes; each EPUB and cartridge as its members (`x.epub/OEBPS/nav.xhtml`).
    static func tree(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for (path, data) in snapshot(root) {
            guard path.hasSuffix(".epub") || path.hasSuffix(".imscc") else {
                files[path] = data
                continue
            }
            let archive = try Archive(data: data, accessMode: .read)
            for entry in archive where entry.type == .file {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                files["\(path)/\(entry.path)"] = bytes
            }
        }
        return files
    }

    /// The first line that differs, both ways, for the failure message.
    static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let old = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? String(old[index]) : "<end>"
            let b = index < new.count ? String(new[index]) : "<end>"
            if a != b { return "line \(index + 1)\n  recorded: \(a.prefix(300))\n  now:      \(b.prefix(300))" }
        }
        return "\(expected.count) bytes recorded, \(actual.count) now"
    }
}
