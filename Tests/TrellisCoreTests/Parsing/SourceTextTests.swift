import Foundation
import Testing

@testable import TrellisCore

private let file = SourceFile(relativePath: "pages/x.md", displayPath: "content/pages/x.md")

private func decode(_ bytes: [UInt8]) -> Result<String, Diagnostic> {
    SourceText.decode(bytes, file: file)
}

@Suite struct SourceTextTests {
    @Test func plainUTF8() throws {
        #expect(try decode(Array("héllo\nwörld\n".utf8)).get() == "héllo\nwörld\n")
    }

    /// Text is checked eight bytes at a time where it is plain ASCII: a
    /// control character, DEL, a NUL or a non-ASCII byte at any place in such
    /// a word is still seen.
    @Test(arguments: [UInt8(0x01), 0x0B, 0x1B, 0x1F, 0x7F])
    func aForbiddenByteIsFoundAnywhereInAWord(byte: UInt8) throws {
        for offset in 0..<24 {
            var bytes = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
            bytes[offset] = byte
            var warnings: [Diagnostic] = []
            let text = try SourceText.decode(bytes, file: file, warnings: &warnings).get()
            #expect(warnings.map(\.id) == ["control-character"], "at \(offset)")
            #expect(!text.utf8.contains(byte), "at \(offset)")
        }
    }

    @Test func aNULOrANonASCIIByteIsFoundAnywhereInAWord() throws {
        for offset in 0..<24 {
            var bytes = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
            bytes[offset] = 0
            guard case .failure = decode(bytes) else {
                Issue.record("a NUL at \(offset) was accepted")
                continue
            }
            var accented = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
            accented.replaceSubrange(offset..<(offset + 1), with: Array("é".utf8))
            #expect(try decode(accented).get().contains("é"), "at \(offset)")
        }
    }

    @Test func byteOrderMarkIsStripped() throws {
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array("---\ntitle: x\n".utf8)).get() == "---\ntitle: x\n")
    }

    @Test func lineEndsBecomeLF() throws {
        #expect(try decode(Array("a\r\nb\r\nc\rd".utf8)).get() == "a\nb\nc\nd")
    }

    @Test(arguments: [[UInt8]([0xFF, 0xFE, 0x41, 0x00]), [0xFE, 0xFF, 0x00, 0x41]])
    func utf16IsRefused(bytes: [UInt8]) throws {
        guard case .failure(let diagnostic) = decode(bytes) else {
            Issue.record("UTF-16 was accepted")
            return
        }
        #expect(diagnostic.id == "utf16")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.path == "content/pages/x.md")
        #expect(diagnostic.hint != nil)
    }

    @Test func invalidUTF8ReportsItsLineAndColumn() throws {
        // "Café" written in Latin-1 on line 3.
        let bytes = Array("one\ntwo\nCaf".utf8) + [0xE9] + Array(" au lait\n".utf8)
        guard case .failure(let diagnostic) = decode(bytes) else {
            Issue.record("invalid UTF-8 was accepted")
            return
        }
        #expect(diagnostic.id == "invalid-utf8")
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.location?.column == 4)
    }

    @Test(arguments: [
        [UInt8]([0xC0, 0x80]),  // overlong NUL
        [0xED, 0xA0, 0x80],  // UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xE2, 0x82],  // truncated at end of file
        [0x80],  // lone continuation byte
    ])
    func malformedSequences(bytes: [UInt8]) {
        guard case .failure(let diagnostic) = decode(Array("ok\n".utf8) + bytes) else {
            Issue.record("malformed UTF-8 \(bytes) was accepted")
            return
        }
        #expect(diagnostic.id == "invalid-utf8")
        #expect(diagnostic.location?.line == 2)
    }

    @Test func fourByteCharactersAreFine() throws {
        #expect(try decode(Array("emoji 🎉 ok".utf8)).get() == "emoji 🎉 ok")
    }

    @Test func nulByteIsRefused() {
        guard case .failure(let diagnostic) = decode(Array("a\nb\nxy".utf8) + [0] + Array("z".utf8)) else {
            Issue.record("NUL byte was accepted")
            return
        }
        #expect(diagnostic.id == "nul-byte")
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.location?.column == 3)
    }
}

@Suite struct FrontMatterSplitTests {
    private func split(_ text: String) -> Result<FrontMatterSplit, Diagnostic> {
        FrontMatterSplit.split(text, file: file)
    }

    @Test func splitsYAMLAndBody() throws {
        let result = try split("---\ntitle: A\nsummary: B\n---\n\n## Body\n").get()
        #expect(result.yaml == "title: A\nsummary: B\n")
        #expect(result.body == "\n## Body\n")
        #expect(result.bodyLineOffset == 4)
    }

    @Test func bodyLineOffsetCountsFences() throws {
        // The body's first line is file line bodyLineOffset + 1.
        let text = "---\ntitle: A\n---\nFirst body line\n"
        let result = try split(text).get()
        #expect(result.bodyLineOffset == 3)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[result.bodyLineOffset] == "First body line")
        #expect(result.body.hasPrefix("First body line"))
    }

    @Test func noFrontMatter() throws {
        let result = try split("# Just Markdown\n").get()
        #expect(result.yaml == nil)
        #expect(result.body == "# Just Markdown\n")
        #expect(result.bodyLineOffset == 0)
    }

    @Test func thematicBreakLookalikeIsNotFrontMatter() throws {
        let result = try split("----- not a fence\ntext\n").get()
        #expect(result.yaml == nil)
    }

    @Test func emptyFrontMatter() throws {
        let result = try split("---\n---\nBody\n").get()
        #expect(result.yaml == "")
        #expect(result.body == "Body\n")
        #expect(result.bodyLineOffset == 2)
    }

    @Test func closingFenceAtEndOfFile() throws {
        let result = try split("---\ntitle: A\n---").get()
        #expect(result.yaml == "title: A\n")
        #expect(result.body == "")
    }

    @Test(arguments: ["---\ntitle: A\n\nBody without a closing fence\n", "---"])
    func unterminated(text: String) {
        guard case .failure(let diagnostic) = split(text) else {
            Issue.record("unterminated front matter was accepted")
            return
        }
        #expect(diagnostic.id == "unterminated-front-matter")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.line == 1)
    }
}

@Suite struct FenceAndFileTests {
    @Test(arguments: [
        ("---", true), ("  ---\t", true), ("--- ", true), ("----", false), ("- --", false), ("title: a---b", false),
        ("\u{00A0}---\u{2003}", true), ("—", false), ("", false),
    ])
    func fences(line: String, fence: Bool) {
        #expect(FrontMatterSplit.isFence(Substring(line)) == fence)
    }

    @Test func aFileIsReadWholeAndErrorsSayWhy() throws {
        let directory = TemporaryDirectory()
        let path = directory.sub("a.md")
        let text = String(repeating: "Schüler und Lehrkräfte\n", count: 2000)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try FileBytes.contents(of: path) == Array(text.utf8))
        try "".write(toFile: directory.sub("empty.md"), atomically: true, encoding: .utf8)
        #expect(try FileBytes.contents(of: directory.sub("empty.md")) == [])
        #expect(throws: FileBytes.Failure.self) { try FileBytes.contents(of: directory.sub("missing.md")) }
        do {
            _ = try FileBytes.contents(of: directory.path)
            Issue.record("a folder was read as a file")
        } catch {
            #expect(error.reason.contains("directory"), "\(error.reason)")
        }
    }
}
