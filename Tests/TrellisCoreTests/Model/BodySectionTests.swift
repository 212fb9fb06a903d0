import Markdown
import Testing

@testable import TrellisCore

/// A section keeps its parts in one shared box: copies share it until one
/// of them is changed, and a change never reaches another copy.
@Suite struct BodySectionTests {
    static let document = MarkdownParser.parse("## Facilitator notes\n\nKeep time.\n\n## Plan\n\nFirst *this*.\n\nThen that.\n")

    static func section(_ index: Int) -> BodySection {
        let blocks = document.blocks
        return BodySection(
            heading: blocks[index].heading, blocks: [blocks[index + 1]], markdownRange: 3..<9,
            location: SourceLocation(path: "content/practices/a.md", line: 4, column: 1))
    }

    @Test func aChangedCopyLeavesTheOriginalAsItWas() {
        let original = Self.section(2)
        var copy = original
        #expect(copy == original)
        copy.blocks.append(Self.document.blocks[4])
        copy.markdownRange = 0..<1
        copy.location = SourceLocation(path: "content/practices/b.md", line: 1, column: 1)
        #expect(copy.blocks.count == 2)
        #expect(original.blocks.count == 1)
        #expect(original.blocks.first?.text == "First this.")
        #expect(original.markdownRange == 3..<9)
        #expect(original.location.path == "content/practices/a.md")
        #expect(copy != original)
        // Equal parts are equal sections, and hash alike, whatever box holds them.
        let twin = Self.section(2)
        #expect(twin == original)
        #expect(twin.hashValue == original.hashValue)
    }

    @Test func aNewHeadingDecidesAgainWhoTheSectionIsFor() {
        var section = Self.section(0)
        let shared = section
        #expect(section.isFacilitatorOnly)
        section.heading = Self.document.blocks[2].heading
        #expect(!section.isFacilitatorOnly)
        #expect(section.facilitatorHeading == .none)
        #expect(shared.isFacilitatorOnly)
        #expect(shared.heading?.text == "Facilitator notes")
    }
}
