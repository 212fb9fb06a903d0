import Foundation
import Testing

@testable import TrellisCore

/// One site in several languages: translations beside their originals, the
/// whole site under <lang>/ for each other language, a switcher between
/// them, and pages not translated yet shown in the default language.
@Suite struct MultilingualTests {
    static let practice =
        "---\ntitle: Video exchange\ncountry: FI\nsector: vet\ntags: [video]\nyear: 2024\n---\n\n## Description\n\nPartner classes meet by video.\n\n"
        + "## Who is involved\n\nTeachers.\n\n## Benefits\n\nMany.\n\n## Challenges and how they were overcome\n\nSome.\n\n"
        + "## Step by step implementation\n\n1. Start.\n"
    static let module =
        "---\ntitle: Mentoring\nsummary: A short module.\noutcomes:\n  - {id: lo1, domain: digital, text: Use video tools.}\n"
        + "phases:\n  - {id: start, title: Getting started}\n---\n\n## Overview\n\nAn overview.\n"
    static let task =
        "---\ntitle: Meet\ntype: information-exchange\nphase: start\noutcomes: [lo1]\n---\n\n## Instructions\n\nSay hello.\n\n"
        + "## Facilitator notes\n\nWatch the time.\n"

    static func site(_ extra: [String: String], into directory: TemporaryDirectory) throws -> String {
        var files = [
            "site.yml": "title: Exchange\nlanguage: en\nlanguages: [en, es, fa]\n",
            "practices/video.md": practice,
            "practices/other.md": practice.replacingOccurrences(of: "Video exchange", with: "Other exchange"),
            "modules/mentoring/module.md": module,
            "modules/mentoring/01-meet.md": task,
        ]
        files.merge(extra) { _, new in new }
        try writeSite(directory.sub("content"), files)
        return directory.sub("content")
    }

    static let spanishPractice =
        "---\ntitle: Intercambio por vídeo\n---\n\n## Descripción\n\nLas clases se encuentran por vídeo.\n\n## ¿Quién participa?\n\nDocentes.\n\n"
        + "## Beneficios\n\nMuchos.\n\n## Retos y cómo se superaron\n\nAlgunos.\n\n## Implementación paso a paso\n\n1. Empezar.\n"

    @Test func everyLanguageHasTheWholeSite() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(
            [
                "practices/video.es.md": Self.spanishPractice,
                "modules/mentoring/module.es.md":
                    "---\ntitle: Mentoría\nsummary: Un módulo corto.\noutcomes:\n  - {id: lo1, text: Usar herramientas de vídeo.}\nphases:\n  - {id: start, title: Para empezar}\n---\n\n## Presentación\n\nUna presentación.\n",
                "modules/mentoring/01-meet.es.md":
                    "---\ntitle: Conocerse\n---\n\n## Instrucciones\n\nSaludad.\n\n## Notas para facilitadores\n\nCuidado con el tiempo secreto.\n",
            ], into: directory)
        let result = build(content, output: directory.sub("out"))
        try #require(result.succeeded, "\n\(summary(result.diagnostics))")
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let out = directory.sub("out")
        // Every page in every language: the default at the root, the others under their code.
        for path in ["index.html", "practices/index.html", "practices/video.html", "practices/other.html", "modules/mentoring/index.html"] {
            for prefix in ["", "es/", "fa/"] {
                #expect(FileManager.default.fileExists(atPath: "\(out)/\(prefix)\(path)"), "\(prefix)\(path)")
            }
        }
        let spanish = try readText("\(out)/es/practices/video.html")
        #expect(spanish.hasPrefix("<!DOCTYPE html>\n<html lang=\"es\">"))
        #expect(spanish.contains("<h1>Intercambio por vídeo</h1>"))
        #expect(spanish.contains(">¿Quién participa?</a></h2>"))
        // The switcher: each language by its own name, marked with its language; the current one marked.
        #expect(spanish.contains("<li><a href=\"../../practices/video.html\" lang=\"en\" hreflang=\"en\">English</a></li>"))
        #expect(spanish.contains("<li><a href=\"video.html\" lang=\"es\" hreflang=\"es\" aria-current=\"true\">Español</a></li>"))
        #expect(spanish.contains("<li><a href=\"../../fa/practices/video.html\" lang=\"fa\" hreflang=\"fa\">فارسی</a></li>"))
        // Alternates: the real translations and x-default; Persian has none of this page.
        #expect(spanish.contains("<link rel=\"alternate\" hreflang=\"es\" href=\"video.html\">"))
        #expect(spanish.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"../../practices/video.html\">"))
        #expect(!spanish.contains("hreflang=\"fa\" href="))
        #expect(!spanish.contains("untranslated-notice"))

        // A page not translated: the default's text, marked as such, with a notice in the reader's language.
        let untranslated = try readText("\(out)/es/practices/other.html")
        #expect(untranslated.contains("<main id=\"main\" class=\"wrap\" tabindex=\"-1\" lang=\"en\">"))
        #expect(untranslated.contains("<p class=\"untranslated-notice\" lang=\"es\">"))
        #expect(untranslated.contains("inglés"))
        #expect(untranslated.contains("<h1>Other exchange</h1>"))
        let persian = try readText("\(out)/fa/practices/other.html")
        #expect(persian.hasPrefix("<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\">"))
        #expect(persian.contains("lang=\"en\" dir=\"ltr\">"))

        // The module: translated outcome and phase, structure from the original.
        let module = try readText("\(out)/es/modules/mentoring/index.html")
        #expect(module.contains("Usar herramientas de vídeo."))
        #expect(module.contains("Para empezar"))
        #expect(module.contains("href=\"meet.html\">Conocerse</a>"))

        // Search per language: the Spanish index has the Spanish text and not the untranslated pages;
        // Spanish facilitator notes are as private as English ones.
        let spanishIndex = try Self.indexText("\(out)/es/assets/search")
        #expect(spanishIndex.contains("Intercambio por vídeo"))
        #expect(!spanishIndex.contains("Other exchange"))
        #expect(!spanishIndex.contains("secreto"))
        let englishIndex = try Self.indexText("\(out)/assets/search")
        #expect(englishIndex.contains("Other exchange") && !englishIndex.contains("Intercambio"))
    }

    static func indexText(_ folder: String) throws -> String {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { try readText("\(folder)/\($0)") }.joined()
    }

    @Test func translationsThatBreakTheRulesAreReported() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(
            [
                // A language the site does not publish, a translation without original,
                // a structural key set differently, an outcome the original lacks.
                "practices/video.de.md": "---\ntitle: Videoaustausch\n---\n\nText.\n",
                "practices/missing.es.md": "---\ntitle: Falta\n---\n\nTexto.\n",
                "practices/video.es.md": Self.spanishPractice.replacingOccurrences(
                    of: "title: Intercambio por vídeo\n", with: "title: Intercambio\ncountry: ES\n"),
                "modules/mentoring/module.es.md": "---\ntitle: Mentoría\noutcomes:\n  - {id: lo9, text: Nada.}\n---\n\nTexto.\n",
            ], into: directory)
        let result = build(content, output: directory.sub("out"))
        #expect(!result.succeeded)
        func find(_ id: Diagnostic.ID, _ path: String) -> Diagnostic? {
            result.diagnostics.first { $0.id == id && $0.location?.path.hasSuffix(path) == true }
        }
        let language = try #require(find("unknown-translation-language", "practices/video.de.md"))
        #expect(language.severity == .error && language.location?.line == 1)
        #expect(language.hint == "add 'de' to 'languages' in site.yml, or rename the file")
        #expect(find("translation-without-original", "practices/missing.es.md")?.severity == .error)
        let structure = try #require(find("translation-structure", "practices/video.es.md"))
        #expect(structure.severity == .warning && structure.location?.line == 3)
        #expect(structure.message.contains("practices/video.md:3"))
        let outcome = try #require(find("translation-unknown-id", "modules/mentoring/module.es.md"))
        #expect(outcome.severity == .error && outcome.hint == "did you mean 'lo1'?")
        // Nothing was written.
        #expect(!FileManager.default.fileExists(atPath: directory.sub("out/index.html")))
    }

    /// A translation's own errors come in the same run as the originals'
    /// errors, whichever stage found those (the parse or the checks): an
    /// author fixes both at once, not one round after the other.
    @Test(arguments: [
        // The original's front matter does not read (parse stage).
        ("practices/other.md", "---\ntitle: Broken: a colon\n---\n\nText.\n", "yaml-syntax"),
        // The original's task names an outcome its module lacks (check stage).
        ("modules/mentoring/01-meet.md", task.replacingOccurrences(of: "outcomes: [lo1]", with: "outcomes: [lo7]"), "unknown-outcome"),
    ])
    func translationErrorsComeWithTheOriginalsErrors(original: String, text: String, originalError: String) throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(
            [original: text, "practices/video.es.md": "---\ntitle: Intercambio: por vídeo\n---\n\nTexto.\n"], into: directory)
        let result = build(content, output: directory.sub("out"))
        #expect(!result.succeeded)
        func hasError(_ id: String, in path: String) -> Bool {
            result.diagnostics.contains { $0.severity == .error && $0.id.rawValue == id && $0.location?.path.hasSuffix(path) == true }
        }
        #expect(hasError(originalError, in: original))
        #expect(hasError("yaml-syntax", in: "practices/video.es.md"))
    }

    /// The original's own findings are the parse stage's: read again for each
    /// of its translations, the original does not report them again (an error
    /// in a build that fails, a warning in one that does not).
    @Test func anOriginalsFindingsAreReportedOnce() throws {
        let translation = "---\ntitle: Otro\n---\n\nTexto.\n"
        func diagnostics(_ original: String) throws -> [Diagnostic] {
            let directory = TemporaryDirectory()
            let content = try Self.site(
                ["practices/other.md": original, "practices/other.es.md": translation, "practices/other.fa.md": translation], into: directory)
            return build(content, output: directory.sub("out"), write: false).diagnostics.filter {
                $0.location?.path.hasSuffix("practices/other.md") == true
            }
        }
        let broken = try diagnostics("---\ntitle: Broken: a colon\n---\n\nText.\n")
        #expect(broken.filter { $0.id == "yaml-syntax" }.count == 1, "\(summary(broken))")
        let control = try diagnostics(Self.practice.replacingOccurrences(of: "Video exchange", with: "Other\u{7} exchange"))
        #expect(control.filter { $0.id == "control-character" }.count == 1, "\(summary(control))")
    }

    /// translated_from records the original's version; when the original
    /// changes afterwards, the translation is stale. check counts per language.
    @Test func staleTranslationsAndCoverage() throws {
        let version = Translations.version(of: Self.practice)
        #expect(version.count == 12 && version.allSatisfy(\.isHexDigit))
        // Line ends and trailing spaces do not change the version.
        #expect(Translations.version(of: Self.practice.replacingOccurrences(of: "\n", with: "  \r\n")) == version)
        let directory = TemporaryDirectory()
        let current = Self.spanishPractice.replacingOccurrences(of: "---\ntitle:", with: "---\ntranslated_from: \(version)\ntitle:")
        let old = Self.spanishPractice.replacingOccurrences(of: "---\ntitle:", with: "---\ntranslated_from: 000000000000\ntitle:")
        let content = try Self.site(["practices/video.es.md": current, "practices/other.es.md": old], into: directory)
        let result = build(content, output: directory.sub("out"), write: false)
        try #require(result.succeeded, "\n\(summary(result.diagnostics))")
        let stale = try #require(result.diagnostics.first { $0.id == "translation-stale" })
        #expect(stale.location?.path.hasSuffix("practices/other.es.md") == true && stale.location?.line == 2)
        #expect(
            stale.message.contains(
                "000000000000; now \(Translations.version(of: Self.practice.replacingOccurrences(of: "Video exchange", with: "Other exchange")))"))
        #expect(result.diagnostics.filter { $0.id == "translation-stale" }.count == 1)
        let spanish = try #require(result.translations.first { $0.language == "es" })
        #expect(spanish.total == 4 && spanish.translated == 2 && spanish.stale.map(\.path) == ["practices/other.es.md"])
        #expect(
            spanish.missing == ["modules/mentoring/01-meet.md", "modules/mentoring/module.md"].sorted()
                || Set(spanish.missing) == ["modules/mentoring/01-meet.md", "modules/mentoring/module.md"])
        let persian = try #require(result.translations.first { $0.language == "fa" })
        #expect(persian.translated == 0 && persian.missing.count == 4)
    }

    /// `trellis new translation`: the text to translate, the headings Trellis
    /// reads in the language, and translated_from.
    @Test func aNewTranslationStartsFromTheOriginal() throws {
        let practice = try Scaffold.translation(of: "practices/video.md", text: Self.practice, language: "es")
        #expect(practice.path == "practices/video.es.md")
        #expect(practice.text.hasPrefix("---\ntitle: \"Video exchange\"\ntranslated_from: \(Translations.version(of: Self.practice))\n---\n"))
        #expect(
            practice.text.contains("## Descripción\n\nPartner classes meet by video once a week.")
                || practice.text.contains("## Descripción\n\nPartner classes meet by video."))
        #expect(practice.text.contains("## ¿Quién participa?\n"))
        let task = try Scaffold.translation(of: "modules/mentoring/01-meet.md", text: Self.task, language: "fa")
        #expect(task.path == "modules/mentoring/01-meet.fa.md")
        #expect(task.text.contains("## یادداشت‌های تسهیلگر\n") && task.text.contains("## دستورالعمل\n"))
        let module = try Scaffold.translation(of: "modules/mentoring/module.md", text: Self.module, language: "es")
        #expect(module.text.contains("outcomes:\n  - {id: \"lo1\", text: \"Use video tools.\"}\n"))
        #expect(module.text.contains("phases:\n  - {id: \"start\", title: \"Getting started\"}\n"))
        #expect(throws: Scaffold.TranslationError.self) { try Scaffold.translation(of: "practices/video.es.md", text: "", language: "fa") }
        #expect(throws: Scaffold.TranslationError.self) {
            try Scaffold.translation(of: "practices/video.md", text: Self.practice, language: "not a tag")
        }
        // What it writes builds: the translation of the practice is taken as it is.
        let directory = TemporaryDirectory()
        let content = try Self.site(["practices/video.es.md": practice.text], into: directory)
        let result = build(content, output: directory.sub("out"), write: false)
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
    }

    /// A custom practice template gives headings (and aliases) per language;
    /// translations are matched with their language's.
    @Test func aCustomTemplateSpeaksEveryLanguage() throws {
        let directory = TemporaryDirectory()
        let site =
            "title: T\nlanguage: en\nlanguages: [en, es]\ntemplates:\n  practice:\n    sections:\n"
            + "      - {id: summary, heading: {en: Summary, es: Resumen}, aliases: {es: [Sinopsis]}}\n"
            + "      - {id: results, heading: Results}\n"
        try writeSite(
            directory.sub("content"),
            [
                "site.yml": site,
                "practices/p.md": "---\ntitle: P\ncountry: FI\n---\n\n## Summary\n\nText.\n\n## Results\n\nGood.\n",
                "practices/p.es.md": "---\ntitle: P es\n---\n\n## Sinopsis\n\nTexto.\n\n## Results\n\nBien.\n",
            ])
        let result = build(directory.sub("content"), output: directory.sub("out"))
        try #require(result.succeeded, "\n\(summary(result.diagnostics))")
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let page = try readText(directory.sub("out/es/practices/p.html"))
        #expect(page.contains(">Resumen</a></h2>") && page.contains("Texto.") && page.contains(">Results</a></h2>"))
        #expect(try readText(directory.sub("out/practices/p.html")).contains(">Summary</a></h2>"))
    }

    /// Handbooks in each language: the catalogue book once a practice is
    /// translated, untranslated chapters marked with their language; callouts,
    /// time windows and weeks in the reader's language; a site's i18n file
    /// renames the built-in form's headings.
    @Test func handbooksCalloutsAndFormsSpeakEachLanguage() throws {
        let directory = TemporaryDirectory()
        let content = try Self.site(
            [
                "practices/video.fa.md": "---\ntitle: تبادل ویدیویی\n---\n\n## شرح\n\nکلاس‌ها با ویدیو دیدار می‌کنند.\n",
                "practices/video.es.md": Self.spanishPractice.replacingOccurrences(of: "## Beneficios", with: "## Lo que aporta"),
                "i18n/es.yml": "practice_section_benefits: Lo que aporta\n",
                "modules/mentoring/module.md": Self.module.replacingOccurrences(
                    of: "title: Getting started}", with: "title: Getting started, weeks: \"1-2\"}")
                    + "\n> [!TIP]\n> Start early.\n",
                "modules/mentoring/module.es.md":
                    "---\ntitle: Mentoría\n---\n\n## Presentación\n\n> [!TIP]\n> Empezad pronto.\n",
                "modules/mentoring/01-meet.md": Self.task.replacingOccurrences(of: "phase: start\n", with: "phase: start\nduration: 1 week\n"),
            ], into: directory)
        let result = build(content, output: directory.sub("out"))
        try #require(result.succeeded, "\n\(summary(result.diagnostics))")
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let out = directory.sub("out")
        // The catalogue book in Persian: Sammtalk's chapter in Persian, the other practice marked as English.
        let book = try readText("\(out)/fa/handbooks/catalogue.html")
        #expect(book.contains("<html lang=\"fa\" dir=\"rtl\""))
        #expect(book.contains("id=\"practice-other\" lang=\"en\" dir=\"ltr\">"))
        #expect(book.contains("<section class=\"chapter\" id=\"practice-video\">"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/es/handbooks/catalogue.epub"))
        let catalogue = try readText("\(out)/fa/practices/index.html")
        #expect(catalogue.contains("href=\"../handbooks/catalogue.html\""))
        // The module in Spanish: its callout, the task's time window and the phase's weeks.
        let module = try readText("\(out)/es/modules/mentoring/index.html")
        #expect(module.contains("<p class=\"callout-title\">Consejo</p>") && !module.contains(">Tip<"))
        #expect(module.contains("a lo largo de 1 semana") && module.contains("Semanas 1–2"))
        let english = try readText("\(out)/modules/mentoring/index.html")
        #expect(english.contains("<p class=\"callout-title\">Tip</p>") && english.contains("over 1 week") && english.contains("Weeks 1–2"))
        // The site's own heading for a built-in section, in Spanish.
        let practice = try readText("\(out)/es/practices/video.html")
        #expect(practice.contains(">Lo que aporta</a></h2>") && practice.contains("Muchos."))
        #expect(try readText("\(out)/es/forms/practice-form.html").contains("Lo que aporta"))
    }

    @Test func theLanguagesListIsChecked() throws {
        let (config, diagnostics) = SiteConfig.load(
            text: "title: T\nlanguage: en\nlanguages: [es, \"no good\"]\n", file: SourceFile(relativePath: "site.yml", displayPath: "site.yml"))
        #expect(Set(diagnostics.map { "\($0.id)" }) == ["bad-language", "default-language-missing"])
        #expect(diagnostics.allSatisfy { $0.location?.line == 3 })
        #expect(config.languages == ["en", "es"])
        let (single, none) = SiteConfig.load(text: "title: T\nlanguage: fi\n", file: SourceFile(relativePath: "site.yml", displayPath: "site.yml"))
        #expect(none.isEmpty && single.languages == ["fi"] && single.otherLanguages.isEmpty)
    }
}
