import Foundation
import Testing

@testable import TrellisCore

/// The fuzzer's seed corpus and every input it ever crashed on
/// (Tests/Fuzz/regressions) go through the same entry point as `make fuzz`.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs() -> [String] {
        var paths: [String] = []
        for sub in ["seeds", "regressions"] {
            let dir = folder.appendingPathComponent(sub).path
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where !name.hasPrefix(".") {
                paths.append("\(dir)/\(name)")
            }
        }
        return paths.sorted()
    }

    @Test func seedsExist() {
        #expect(Self.inputs().count >= 20)
    }

    @Test func everyInputIsHandled() throws {
        var total = 0
        for path in Self.inputs() {
            let bytes = try #require(FileManager.default.contents(atPath: path))
            total += Fuzzing.run([UInt8](bytes))
        }
        #expect(total > 0, "the inputs include broken documents, which must produce diagnostics")
    }
}
