import Testing

@testable import TrellisCore

/// YAML mistakes explained in plain words, at the line (and column) where
/// the author must act. Front matter starts on line 2 of its file.
@Suite struct YAMLMessageTests {
    let file = SourceFile(relativePath: "practices/p.md", displayPath: "content/practices/p.md")

    func failure(_ yaml: String, lineOffset: Int = 1) throws -> Diagnostic {
        switch YAMLLoader.mapping(yaml, file: file, lineOffset: lineOffset, what: "the front matter") {
        case .success: throw Failed(message: "no error for \(yaml.debugDescription)")
        case .failure(let diagnostic): return diagnostic
        }
    }

    struct Failed: Error { var message: String }

    func at(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location?.line ?? 0):\(diagnostic.location?.column ?? 0)"
    }

    @Test func tabAfterAKey() throws {
        let diagnostic = try failure("title: A\n\tsummary: b\n")
        #expect(at(diagnostic) == "3:1")
        #expect(diagnostic.message.contains("tab"))
    }

    @Test func tabInsideAListItem() throws {
        let diagnostic = try failure("outcomes:\n  - id: lo1\n  \ttext: x\n")
        #expect(at(diagnostic) == "4:3")
        #expect(diagnostic.message.contains("tab"))
    }

    @Test func tabInsideAValueIsFine() throws {
        if case .failure(let diagnostic) = YAMLLoader.mapping("title: a\tb\n", file: file, lineOffset: 1, what: "the front matter") {
            Issue.record("unexpected \(diagnostic)")
        }
    }

    @Test func missingSpaceInTheMiddle() throws {
        let diagnostic = try failure("title: A\ncountry:FI\nsector: school\n")
        #expect(at(diagnostic) == "3:9")
        #expect(diagnostic.hint == "write 'country: FI'")
    }

    @Test func missingSpaceOnTheLastLine() throws {
        let diagnostic = try failure("title: A\ncountry:FI\n")
        #expect(at(diagnostic) == "3:9")
        #expect(diagnostic.hint == "write 'country: FI'")
    }

    @Test func missingSpaceInAListItem() throws {
        let diagnostic = try failure("outcomes:\n  - id:lo1\n    text: x\n")
        #expect(at(diagnostic) == "3:8")
        #expect(diagnostic.message == "'id:lo1' needs a space after the colon to be read as the key 'id'")
    }

    @Test func missingSpaceOnTheOnlyLine() throws {
        let diagnostic = try failure("title:Intro\n")
        #expect(diagnostic.id == "yaml-not-mapping")
        #expect(diagnostic.hint == "write 'title: Intro': a key needs a space after its colon")
    }

    @Test func anAddressIsNotAMissingSpace() throws {
        let diagnostic = try failure("website: https://example.org\n  lang: en\n")
        #expect(!diagnostic.message.contains("needs a space"))
    }

    @Test func colonInAValueWithQuotesUsesSingleQuotes() throws {
        let diagnostic = try failure("title: A\nsummary: The \"best\": a start\n")
        #expect(at(diagnostic) == "3:10")
        #expect(diagnostic.hint == "put the value in quotes: summary: 'The \"best\": a start'")
    }

    @Test func colonInAListItemValue() throws {
        let diagnostic = try failure("phases:\n  - title: Week 1: start\n")
        #expect(at(diagnostic) == "3:12")
        #expect(diagnostic.message.contains("the value of 'title' contains ': '"))
    }

    @Test func unclosedQuoteInTheMiddle() throws {
        let diagnostic = try failure("title: A\nsummary: 'Intro\ncountry: FI\nsector: school\n")
        #expect(at(diagnostic) == "3:10")
        #expect(diagnostic.message == "the quote ' opened here is never closed")
        #expect(diagnostic.hint?.contains("summary: 'Intro'") == true)
        #expect(diagnostic.hint?.contains("''") == true)
    }

    /// The open quote runs over the next lines to the next quote, the opening quote of a later
    /// value, and the reader fails after that one: the author must close the first.
    @Test func unclosedQuoteClosedByALaterValue() throws {
        let diagnostic = try failure("title: \"Apprenticeship exchange\ncountry: SE\norganisation: \"Upper schools\"\n")
        #expect(at(diagnostic) == "2:8")
        #expect(diagnostic.message == "the quote \" opened here is never closed")
        #expect(diagnostic.hint?.contains("title: \"Apprenticeship exchange\"") == true)
    }

    /// A quoted value written over two lines on purpose, with text after its closing quote: the
    /// text after the quote is the mistake, not the quote.
    @Test func textAfterAQuotedValueOverTwoLines() throws {
        let diagnostic = try failure("title: A\nsummary: \"one\n  two\" more\n")
        #expect(!diagnostic.message.contains("never closed"))
    }

    @Test func unclosedBraceInSiteYML() throws {
        let diagnostic = try failure("title: A\nhandbooks: {pdf: true\nlicense: x\n", lineOffset: 0)
        #expect(at(diagnostic) == "2:12")
        #expect(diagnostic.message == "the '{' opened here is never closed")
        #expect(diagnostic.hint == "end the mapping with '}' on the same line: handbooks: {pdf: true}")
    }

    @Test func listItemLessIndented() throws {
        let diagnostic = try failure("title: A\ntags:\n  - a\n - b\n")
        #expect(at(diagnostic) == "5:2")
        #expect(diagnostic.message == "this list item starts in column 2, but the item on line 4 starts in column 3")
    }

    @Test func keyIndentedUnderAValue() throws {
        let diagnostic = try failure("title: A\n  summary: b\n")
        #expect(at(diagnostic) == "3:3")
        #expect(diagnostic.message == "'summary' is indented under 'title', which already has a value")
        #expect(diagnostic.hint == "start 'summary' in column 1, like 'title' on line 2")
    }

    @Test func keyNotLinedUp() throws {
        let diagnostic = try failure("outcomes:\n  - id: lo1\n    text: x\n   domain: y\n")
        #expect(at(diagnostic) == "5:4")
        #expect(diagnostic.hint?.contains("move 'domain' to column 5, like 'text' on line 4") == true)
    }

    @Test func textAfterAClosingQuote() throws {
        let diagnostic = try failure("title: \"A\" b\ncountry: FI\n")
        #expect(at(diagnostic) == "2:12")
        #expect(diagnostic.message == "the quoted value of 'title' is followed by more text")
    }

    @Test func anythingElseKeepsTheReadersWords() throws {
        let other = try failure("title: A\n]\n")
        #expect(other.message == "the front matter is not valid YAML")
        #expect(other.hint?.contains("(the YAML reader said: ") == true)
    }
}
