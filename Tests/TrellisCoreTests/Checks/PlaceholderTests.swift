import Testing

@testable import TrellisCore

/// Placeholder text is found at the start of a value or a block, in either
/// case, after spaces and line breaks; the byte test in front of it never
/// turns one away.
@Suite struct PlaceholderTests {
    @Test(arguments: [
        "Replace this: what the module is for.",
        "  replace THIS: a summary",
        "\n\tREPLACE this:",
        "Replace this:",
    ])
    func placeholdersAreFound(text: String) {
        #expect(Placeholder.mayBePlaceholder(text))
        #expect(Placeholder.isPlaceholder(text))
    }

    @Test(arguments: [
        "", "Replace that: x", "Replace thi", "A text that says Replace this: later", "\r\nReplace this:",
        "Replacé this:", "R\u{301}eplace this:",
    ])
    func otherTextIsNot(text: String) {
        #expect(!Placeholder.isPlaceholder(text))
    }

    /// A mark over the colon makes it another character: not the marker,
    /// though its bytes start the same.
    @Test func theMarkerEndsOnAWholeCharacter() {
        let text = "Replace this:\u{301} x"
        #expect(Placeholder.mayBePlaceholder(text))
        #expect(!Placeholder.isPlaceholder(text))
    }
}
