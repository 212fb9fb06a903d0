import Testing

@testable import TrellisCore

/// A front-matter value is trimmed of white space at both ends: the quick
/// path (first and last bytes plain ASCII) must agree with trimming by
/// characters everywhere.
@Suite struct TrimmingSpacesTests {
    /// Trimming by characters, as `trimmingSpaces` does when the quick path does not apply.
    func reference(_ text: String) -> String {
        var view = Substring(text)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }

    @Test func agreesWithTrimmingByCharacters() {
        let samples = [
            "", " ", "a", " a ", "a b", "\ta\n", "\r\na\r\n", "a\u{00A0}", "\u{00A0}a", "\u{2003}a\u{2003}",
            "\u{1C}a\u{1F}", "é", "e\u{0301}", " e\u{0301} ", "a\u{0301}", "\u{0301}a", "Forum College", "FI",
            "\u{0085}a", "a\u{000B}", "\u{FEFF}a", "日本 ", " 日本", "\u{200B}a\u{200B}", "x\u{3000}",
        ]
        for sample in samples {
            #expect(sample.trimmingSpaces == reference(sample), "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Every ASCII byte at either end, and around a letter.
        for byte in 0..<128 {
            let character = String(UnicodeScalar(UInt8(byte)))
            for sample in [character, character + "a", "a" + character, character + "a" + character] {
                #expect(sample.trimmingSpaces == reference(sample), "byte \(byte)")
            }
        }
    }
}
