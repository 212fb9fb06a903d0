import Testing

@testable import TrellisCore

@Suite struct DidYouMeanTests {
    @Test func closestIsAOneLetterSlip() {
        #expect(Suggestion.closest(to: "samtalk.md", in: ["etwinning.md", "sammtalk.md"]) == "sammtalk.md")
        #expect(Suggestion.closest(to: "nothing-like-it.md", in: ["sammtalk.md"]) == nil)
        #expect(Suggestion.closest(to: "introduction", in: ["instructions"], maxDistance: 2) == nil)
        #expect(Suggestion.closest(to: "instruction", in: ["instructions"], maxDistance: 2) == "instructions")
    }

    @Test func fewIdsAreAllListed() {
        let ids = ["lo1", "lo2", "lo3"]
        #expect(
            Suggestion.hint(for: "lo4", in: ids, listUpTo: 8, label: "the module's outcomes are", otherwise: "x")
                == "did you mean 'lo1'? the module's outcomes are: lo1, lo2, lo3")
        #expect(
            Suggestion.hint(for: "reflection", in: ids, listUpTo: 8, label: "the module's outcomes are", otherwise: "x")
                == "the module's outcomes are: lo1, lo2, lo3")
    }

    @Test func manyIdsGiveOnlyTheClosest() {
        let ids = (1...12).map { "outcome-\($0)" }
        #expect(
            Suggestion.hint(for: "outcome-13", in: ids, listUpTo: 8, label: "the outcomes are", otherwise: "see module.md")
                == "did you mean 'outcome-1'?")
        #expect(Suggestion.hint(for: "zzz", in: ids, listUpTo: 8, label: "the outcomes are", otherwise: "see module.md") == "see module.md")
    }

    @Test func linkKeepsThePathAndFragment() {
        #expect(
            Suggestion.link("../../practices/samtalk.md#benefits", toClosestOf: ["sammtalk.md", "other.md"])
                == "../../practices/sammtalk.md#benefits")
        #expect(Suggestion.link("02-secnd.md", toClosestOf: ["01-first.md", "02-second.md"]) == "02-second.md")
        #expect(Suggestion.link("x/zzzzzzzz.md", toClosestOf: ["sammtalk.md"]) == nil)
    }
}
