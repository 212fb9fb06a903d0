import Testing

@testable import TrellisCore

private let file = SourceFile(relativePath: "site.yml", displayPath: "content/site.yml")

private func load(_ text: String) -> (SiteConfig, [Diagnostic]) {
    SiteConfig.load(text: text, file: file)
}

@Suite struct SiteConfigTests {
    @Test func fullConfiguration() {
        let (config, diagnostics) = load(
            """
            title: My Site
            description: About things.
            language: fi
            base_url: https://example.org/site
            license: CC BY 4.0
            unsafe_html: true
            vocabularies:
              task_types: [debate, reflection]
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(config.title == "My Site")
        #expect(config.description == "About things.")
        #expect(config.language == "fi")
        #expect(config.baseURL == "https://example.org/site/")
        #expect(config.license == "CC BY 4.0")
        #expect(config.unsafeHTML)
        #expect(config.vocabularies.taskTypes == ["debate", "reflection"])
        #expect(config.vocabularies.sectors == Vocabularies.builtIn.sectors)
        // The built-in form in Finnish, its English headings still matching.
        #expect(config.practiceTemplate == .builtIn(language: "fi"))
        #expect(config.practiceTemplate.sections.first?.heading == "Kuvaus")
        #expect(config.practiceTemplate.section(matching: "Description")?.id == "description")
    }

    @Test func defaults() {
        let (config, diagnostics) = load("title: T\n")
        #expect(diagnostics.isEmpty)
        #expect(config.language == "en")
        #expect(config.unsafeHTML == false)
        #expect(config.baseURL == nil)
    }

    @Test func missingTitle() throws {
        let (_, diagnostics) = load("description: no title here\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "missing-key")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.path == "content/site.yml")
        #expect(diagnostic.message.contains("title"))
    }

    @Test func unknownKeyIsAWarningWithSuggestion() throws {
        let (config, diagnostics) = load("title: T\nlicence: CC BY 4.0\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "unknown-key")
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.hint?.contains("did you mean 'license'") == true)
        #expect(config.title == "T")
    }

    @Test func yamlSyntaxErrorAtItsLine() throws {
        let (_, diagnostics) = load("title: T\nlanguage: en\ndescription: a: b\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "yaml-syntax")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.line == 3)
    }

    @Test func unclosedFlowSequence() throws {
        let (_, diagnostics) = load("title: T\nvocabularies:\n  task_types: [a, b\nlicense: x\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.id == "yaml-syntax")
        #expect((3...4).contains(diagnostic.location?.line ?? 0))
    }

    @Test func duplicateKey() throws {
        let (_, diagnostics) = load("title: A\nlicense: x\ntitle: B\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "yaml-duplicate-key")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("title"))
    }

    @Test func notAMapping() throws {
        let (_, diagnostics) = load("- just\n- a list\n")
        #expect(diagnostics.first?.id == "yaml-not-mapping")
    }

    @Test func badLanguageAndURL() {
        let (_, diagnostics) = load("title: T\nlanguage: English\nbase_url: example.org\n")
        #expect(Set(diagnostics.map(\.id.rawValue)) == ["bad-language", "bad-url"])
        #expect(diagnostics.first { $0.id == "bad-language" }?.location?.line == 2)
        #expect(diagnostics.first { $0.id == "bad-url" }?.location?.line == 3)
    }

    @Test func customPracticeTemplate() throws {
        let (config, diagnostics) = load(
            """
            title: T
            templates:
              practice:
                sections:
                  - id: summary
                    heading: Summary
                    aliases: [Short description]
                  - id: results
                    heading: Results
                  - id: contact
                    heading: Contact person
                    required: false
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let template = config.practiceTemplate
        #expect(template.sections.map(\.id) == ["summary", "results", "contact"])
        #expect(template.sections.map(\.required) == [true, true, false])
        #expect(template.sections[0].aliases == ["Short description"])
        #expect(template.section(matching: "short description:")?.id == "summary")
        #expect(template.section(matching: "Contact Person")?.id == "contact")
        #expect(template.section(matching: "Benefits") == nil)
    }

    @Test func templateSectionProblems() {
        let (config, diagnostics) = load(
            """
            title: T
            templates:
              practice:
                sections:
                  - id: Summary Text
                    heading: Summary
                  - id: a
                    heading: A
                  - id: a
                    heading: Again
                  - heading: No id
            """)
        #expect(Set(diagnostics.map(\.id.rawValue)) == ["bad-id", "duplicate-id", "missing-key"])
        #expect(config.practiceTemplate.sections.map(\.id) == ["a"])
    }

    @Test func emptyTemplateKeepsBuiltIn() {
        let (config, diagnostics) = load("title: T\ntemplates:\n  practice:\n    sections: []\n")
        #expect(diagnostics.map(\.id.rawValue) == ["empty-template"])
        #expect(config.practiceTemplate == .builtIn)
    }

    @Test(arguments: [("en", true), ("pt-BR", true), ("zh-Hant-TW", true), ("english", false), ("e", false), ("en-", false)])
    func languageTags(tag: String, valid: Bool) {
        #expect(SiteConfig.isLanguageTag(tag) == valid)
    }
}
