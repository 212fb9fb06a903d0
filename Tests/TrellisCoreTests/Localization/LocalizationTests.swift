import Foundation
import Testing

@testable import TrellisCore

/// The interface in many languages: the built-in string tables, plural
/// forms, the site's own strings, right to left, and search folding.
@Suite struct LocalizationTests {
    @Test(arguments: [
        ("{title} – {site}", ["title": "Sammtalk", "site": "VALIANT"], "Sammtalk – VALIANT"),
        ("no braces", ["x": "y"], "no braces"),
        ("{unknown} stays, {x} goes", ["x": "y"], "{unknown} stays, y goes"),
        ("{{x}} and {x", ["x": "y"], "{y} and {x"),
        // A value's own braces are not filled again.
        ("{a}{b}", ["a": "{b}", "b": "B"], "{b}B"),
        ("Página {page} de {count}", ["page": "2", "count": "9"], "Página 2 de 9"),
        ("{x}", [:], "{x}"),
    ])
    func placeholdersAreFilledOnce(text: String, values: [String: String], filled: String) {
        #expect(Strings.fill(text, values) == filled)
    }

    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{([a-z_]+)\}/).map { String($0.1) })
    }

    static func texts(_ entry: Strings.Entry) -> [String] {
        switch entry {
        case .text(let text): [text]
        case .plural(let forms): Array(forms.values)
        }
    }

    /// Every built-in language has every English key, with the same
    /// placeholders, and the plural forms its language needs.
    @Test(arguments: Strings.builtInLanguages.filter { $0 != "en" })
    func everyBuiltInTableIsComplete(language: String) throws {
        let table = try #require(Strings.builtIn(language))
        let english = Strings.english.table
        let missing = english.keys.filter { table[$0] == nil }.sorted()
        #expect(missing.isEmpty, "\(language) lacks \(missing)")
        for (key, entry) in english {
            guard let own = table[key] else { continue }
            let wanted = Self.texts(entry).map(Self.placeholders).reduce(Set()) { $0.union($1) }
            for text in Self.texts(own) {
                #expect(Self.placeholders(text).isSubset(of: wanted), "\(language) \(key): \(text)")
            }
            if case .plural = entry {
                guard case .plural(let forms) = own else {
                    Issue.record("\(language) \(key) has no plural forms")
                    continue
                }
                let needed: Set<String> = language == "sl" ? ["one", "two", "few", "other"] : ["one", "other"]
                #expect(needed.isSubset(of: Set(forms.keys)), "\(language) \(key): \(forms.keys.sorted())")
            }
        }
        #expect(Strings.forLanguage(language).missing.isEmpty)
    }

    /// One text read from its own line is the text the whole table gives,
    /// for every key of every built-in language; a key with plural forms
    /// or none gives nil.
    @Test(arguments: Strings.builtInLanguages)
    func oneTextReadFromItsLineIsTheTablesText(language: String) throws {
        let table = try #require(Strings.builtInTable(language))
        for (key, entry) in table {
            switch entry {
            case .text(let text): #expect(Strings.builtInText(key, language: language) == text, "\(language): \(key)")
            case .plural: #expect(Strings.builtInText(key, language: language) == nil, "\(language): \(key)")
            }
        }
        #expect(Strings.builtInText("no_such_key", language: language) == nil)
    }

    @Test func pluralFormsFollowEachLanguage() {
        let english = Strings.forLanguage("en").strings
        #expect(english.plural("practice_count", 1) == "1 good practice")
        #expect(english.plural("practice_count", 12) == "12 good practices")
        #expect(Plural.category(0, language: "fr") == "one")
        #expect(Plural.category(0, language: "en") == "other")
        #expect((1...5).map { Plural.category($0, language: "sl") } == ["one", "two", "few", "few", "other"])
        #expect(Plural.category(102, language: "sl") == "two")
    }

    @Test func stringsFillTheirPlaceholdersAndEscapeAsHTML() {
        let english = Strings.english
        #expect(english("page_title", ["title": "Ask", "site": "VALIANT"]) == "Ask – VALIANT")
        #expect(
            english.html("footer_offline", ["link": "<a href=\"index.html\">index.html</a>"]).hasSuffix("open <a href=\"index.html\">index.html</a>.")
        )
        #expect(english.term("small-groups") == "Small groups")
        #expect(english.term("own-term") == "Own term")
        #expect(english("no_such_key") == "no_such_key")
    }

    @Test func rightToLeftLanguages() {
        #expect(Strings.forLanguage("fa").strings.isRightToLeft)
        #expect(Strings.forLanguage("ar-EG").strings.isRightToLeft)
        #expect(!Strings.forLanguage("fi").strings.isRightToLeft)
    }

    /// Persian and Arabic spellings of one word are one word; the
    /// zero-width non-joiner does not split a word; Arabic-Indic digits are
    /// digits; Greek loses its accents and final sigma.
    @Test func searchFoldsEachScript() {
        var folder = SearchIndex.CaseFolding()
        var words: [String] = []
        folder.tokens("می\u{200C}شود كتاب يك ٣ ۱۲ Ελληνικός Mentoría") { words.append($0) }
        #expect(words == ["میشود", "کتاب", "یک", "3", "12", "ελληνικοσ", "mentoria"])
    }

    /// Words are read from UTF-8 bytes: two-, three- and four-byte
    /// characters, each ideograph a word of its own, punctuation between.
    @Test func searchReadsEveryLengthOfCharacter() {
        var folder = SearchIndex.CaseFolding()
        var words: [String] = []
        folder.tokens("日本語テキスト, 𝐀bc—Ünïcode «Œuvre» 2024") { words.append($0) }
        #expect(words == ["日", "本", "語", "テキスト", "𝐀bc", "unicode", "œuvre", "2024"])
    }

    static func site(_ files: [String: String], into directory: TemporaryDirectory) throws -> String {
        var all = [
            "practices/p.md":
                "---\ntitle: Practice\ncountry: FI\nsector: vet\ntags: [video]\nyear: 2024\n---\n\n## Description\n\nText.\n\n"
                + "## Who is involved\n\nTeachers.\n\n## Benefits\n\nMany.\n\n## Challenges and how they were overcome\n\nSome.\n\n"
                + "## Step by step implementation\n\n1. Start.\n"
        ]
        all.merge(files) { _, new in new }
        try writeSite(directory.sub("content"), all)
        return directory.sub("content")
    }

    @Test func aSiteInSpanishHasASpanishInterface() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(
            [
                "site.yml": "title: Intercambio\nlanguage: es\n",
                // A practice written in Spanish: the built-in form's headings in Spanish (without ¿ too).
                "practices/q.md": "---\ntitle: Práctica\ncountry: ES\n---\n\n## Descripción\n\nTexto.\n\n## Quién participa?\n\nDocentes.\n\n"
                    + "## Beneficios\n\nMuchos.\n\n## Retos y cómo se superaron\n\nAlgunos.\n\n## Implementación paso a paso\n\n1. Empezar.\n",
            ], into: directory)
        let result = build(content, output: directory.sub("out"))
        try #require(result.succeeded, "\n\(summary(result.diagnostics))")
        #expect(!result.diagnostics.contains { $0.id == "missing-strings" })
        let spanish = Strings.forLanguage("es").strings
        let page = try readText(directory.sub("out/practices/p.html"))
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"es\">"))
        #expect(page.contains("<a class=\"skip-link\" href=\"#main\">\(HTML.escape(spanish("skip_to_content")))</a>"))
        #expect(page.contains(">\(HTML.escape(spanish("nav_practices")))</a>"))
        #expect(page.contains(HTML.escape(spanish.term("vet"))))
        // The country in Spanish, from CLDR.
        #expect(page.contains("Finlandia"))
        #expect(!page.contains("Skip to content"))
        // Both practices follow the form: the Spanish one in Spanish, the English one by its English headings.
        #expect(!result.diagnostics.contains { $0.id == "unknown-section" || $0.id == "missing-section" }, "\(summary(result.diagnostics))")
        let spanishPractice = try readText(directory.sub("out/practices/q.html"))
        #expect(spanishPractice.contains(">¿Quién participa?</a></h2>"))
        #expect(page.contains(">Descripción</a></h2>"))
    }

    @Test func aSiteInPersianReadsRightToLeft() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(["site.yml": "title: تبادل\nlanguage: fa\n"], into: directory)
        let result = build(content, output: directory.sub("out"))
        try #require(result.succeeded, "\n\(summary(result.diagnostics))")
        let page = try readText(directory.sub("out/index.html"))
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\">"))
        let book = try readText(directory.sub("out/handbooks/catalogue.html"))
        #expect(book.contains("<html lang=\"fa\" dir=\"rtl\">"))
    }

    /// A site's i18n/<lang>.yml replaces strings and adds languages; what a
    /// language lacks is shown in English, with one warning naming it.
    @Test func aSiteOverridesAndAddsStrings() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(
            [
                "site.yml": "title: T\n",
                "i18n/en.yml": "nav_home: Start\nnav_hoem: typo\nterm_vet: Vocational training\n",
            ], into: directory)
        let result = build(content, output: directory.sub("out"))
        try #require(result.succeeded, "\n\(summary(result.diagnostics))")
        let page = try readText(directory.sub("out/index.html"))
        #expect(page.contains(">Start</a>"))
        let unknown = try #require(result.diagnostics.first { $0.id == "unknown-string" })
        #expect(unknown.location?.path.hasSuffix("i18n/en.yml") == true)
        #expect(unknown.hint == "did you mean 'nav_home'?")
        #expect(try readText(directory.sub("out/practices/p.html")).contains("Vocational training"))

        let irish = TemporaryDirectory()
        let gaContent = try Self.site(["site.yml": "title: T\nlanguage: ga\n", "i18n/ga.yml": "nav_home: Baile\n"], into: irish)
        let gaResult = build(gaContent, output: irish.sub("out"))
        try #require(gaResult.succeeded, "\n\(summary(gaResult.diagnostics))")
        let missing = try #require(gaResult.diagnostics.first { $0.id == "missing-strings" })
        #expect(missing.message.hasPrefix("\(Strings.english.table.count - 1) interface strings are not in 'ga'"))
        #expect(try readText(irish.sub("out/index.html")).contains(">Baile</a>"))
    }
}
