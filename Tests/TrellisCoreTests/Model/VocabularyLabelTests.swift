import Testing

@testable import TrellisCore

@Suite struct VocabularyLabelTests {
    @Test(arguments: [
        ("comparison-analysis", "Comparison analysis"), ("information_exchange", "Information exchange"), ("vet", "VET"),
        ("in-service", "In-service"), ("2-week-sprint", "2 week sprint"), ("école-rurale", "École rurale"),
        ("ñandú", "Ñandú"), ("", ""), ("-", " "), ("ß-test", "SS test"),
    ])
    func labels(term: String, label: String) {
        #expect(Vocabularies.label(term) == label)
    }
}
