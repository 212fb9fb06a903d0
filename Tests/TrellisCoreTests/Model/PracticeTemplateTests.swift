import Testing

@testable import TrellisCore

@Suite struct PracticeTemplateTests {
    @Test(arguments: [
        ("Benefits", "benefits"),
        ("benefits:", "benefits"),
        ("  Benefits  ", "benefits"),
        ("BENEFITS.", "benefits"),
        ("Who   is involved?", "who is involved"),
        ("Step by step (transferability to other VET college)", "step by step"),
        ("Challenges (and how) they were overcome", "challenges (and how) they were overcome"),
        ("(Only a remark)", "(only a remark)"),
        ("Benefits (see above) .", "benefits"),
        ("\tWho\r\nis\u{0B}involved ?!", "who is involved"),
        // Not ASCII: the same rules on characters.
        ("¿Beneficios?", "beneficios"),
        ("  Défis   (remarque) ", "défis"),
        ("Implementación。", "implementación"),
    ])
    func normalize(heading: String, normal: String) {
        #expect(PracticeTemplate.normalize(heading) == normal)
    }

    @Test(arguments: [
        ("Description", "description"),
        ("description", "description"),
        ("Who is involved?", "involved"),
        ("Who is involved? How were they motivated to participate?", "involved"),
        ("Benefits", "benefits"),
        ("benefits:", "benefits"),
        ("Challenges and how they were overcome", "challenges"),
        ("Step by step implementation", "implementation"),
        ("Step by step for the implementation of the good practice", "implementation"),
        ("Step by step for the implementation of  the good practice (transferability to other VET college)", "implementation"),
    ])
    func builtInSectionMatching(heading: String, id: String) {
        #expect(PracticeTemplate.builtIn.section(matching: heading)?.id == id)
    }

    @Test(arguments: ["Costs", "Benefit", "Who", "Implementation steps", ""])
    func unknownHeadings(heading: String) {
        #expect(PracticeTemplate.builtIn.section(matching: heading) == nil)
    }

    @Test func builtInOrderAndRequirements() {
        let sections = PracticeTemplate.builtIn.sections
        #expect(sections.map(\.id) == ["description", "involved", "benefits", "challenges", "implementation"])
        #expect(sections.allSatisfy { $0.required })
    }

    @Test func firstSectionWinsOnSharedAlias() {
        let template = PracticeTemplate(sections: [
            .init(id: "a", heading: "Results", aliases: ["Outcome"]),
            .init(id: "b", heading: "Outcome"),
        ])
        #expect(template.section(matching: "outcome")?.id == "a")
    }
}

@Suite struct CountryTests {
    @Test(arguments: [
        ("FI", "FI"), ("fi", "FI"), ("Finland", "FI"), ("finland", "FI"), ("suomi", "FI"), ("Suomi", "FI"),
        ("Nederland", "NL"), ("Netherlands", "NL"), ("Κύπρος", "CY"), ("Cyprus", "CY"), ("Österreich", "AT"),
        ("Osterreich", "AT"), ("  Sweden ", "SE"),
    ])
    func resolves(text: String, code: String) {
        #expect(Country(text)?.code == code)
    }

    @Test(arguments: ["Atlantis", "XX", "", "Fin", "Nether lands land"])
    func unknown(text: String) {
        #expect(Country(text) == nil)
    }

    @Test func englishName() {
        #expect(Country("fi")?.name == "Finland")
        #expect(Country("Κύπρος")?.name == "Cyprus")
    }

    @Test func tableIsConsistent() {
        // Every English name resolves to its own code.
        for entry in CountryTable.englishNames {
            #expect(Country(entry.name)?.code == entry.code, "\(entry.name)")
        }
        #expect(Set(CountryTable.englishNames.map(\.code)).count == CountryTable.englishNames.count)
    }
}

@Suite struct IdentifierTests {
    @Test(arguments: [
        ("sammtalk", true), ("a1-b2", true), ("9lives", true), ("My Practice", false), ("-x", false),
        ("über", false), ("a_b", false), ("", false), ("Abc", false),
    ])
    func validity(text: String, valid: Bool) {
        #expect(Identifier.isValid(text) == valid)
    }

    @Test(arguments: [("My Practice", "my-practice"), ("Über Café", "uber-cafe"), ("???", "my-id")])
    func suggestion(text: String, id: String) {
        #expect(Identifier.suggestion(for: text) == id)
        #expect(Identifier.isValid(Identifier.suggestion(for: text)))
    }
}

@Suite struct SuggestionTests {
    @Test func closest() {
        let types = Vocabularies.builtIn.taskTypes
        #expect(Suggestion.closest(to: "colaboration", in: types) == "collaboration")
        #expect(Suggestion.closest(to: "zzzzzzzz", in: types) == nil)
        #expect(Suggestion.hint(for: "reflektion", in: types) == "did you mean 'reflection'?")
        #expect(Suggestion.hint(for: "zzzzzzzz", in: ["a", "b"]).hasPrefix("expected one of: a, b"))
    }
}
