import Testing

@testable import TrellisCore

/// `HTML.escape` works on bytes; it must say what the rule says on
/// characters: the five escaped, the forbidden ones dropped, all else kept.
@Suite struct HTMLEscapeTests {
    /// The rule, one scalar at a time.
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: if !HTML.isForbidden(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    @Test(arguments: [
        "plain text", "", "Tom & \"Jerry\" <3> 'x'", "tab\tline\nreturn\r", "\u{0}\u{1}\u{1F}\u{7F}bell",
        "C1 \u{80}\u{85}\u{9F} kept \u{A0}\u{C0}é", "\u{FFFE}\u{FFFF}\u{FFFD}\u{FEFF}", "–…€“”", "日本語 فارسی\u{200C}متن 👩🏽‍🏫",
        "&&&<<<", "ends with &", "\u{C2}", "\u{EFBF}",
    ])
    func bytesSayWhatTheRuleSays(text: String) {
        #expect(HTML.escape(text) == Self.reference(text))
    }

    @Test func everyScalarUpToU0100AndTheLastOfThePlane() {
        let scalars = (0..<0x100).compactMap(Unicode.Scalar.init) + [Unicode.Scalar(0xFFFD)!, Unicode.Scalar(0xFFFE)!, Unicode.Scalar(0xFFFF)!]
        for scalar in scalars {
            let text = "a\(Character(scalar))b"
            #expect(HTML.escape(text) == Self.reference(text), "U+\(String(scalar.value, radix: 16))")
        }
    }
}
