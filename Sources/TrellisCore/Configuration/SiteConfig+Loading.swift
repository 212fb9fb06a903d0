import Markdown
import Yams

extension SiteConfig {
    /// Reads site.yml. Returns the configuration (with defaults where the file
    /// is broken, so later stages can still report their own findings) and
    /// every diagnostic.
    static func load(text: String, file: SourceFile) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig(title: "Untitled site")
        let mapping: Yams.Node.Mapping
        switch YAMLLoader.mapping(text, file: file, lineOffset: 0, what: "site.yml") {
        case .success(let value): mapping = value
        case .failure(let diagnostic): return (config, [diagnostic])
        }
        var reader = FieldReader(mapping: mapping, file: file, lineOffset: 0, origin: file.location(), context: "site.yml")
        if let title = reader.string("title", required: true, hint: "add 'title: Name of your site' at the top of site.yml") {
            config.title = title
        }
        config.description = reader.string("description")
        if let language = reader.string("language") {
            if Self.isLanguageTag(language) {
                config.language = language
            } else {
                reader.diagnostics.append(
                    .error(
                        "bad-language", at: reader.locationOfKey("language"),
                        "'\(language)' is not a BCP 47 language tag", hint: "use a tag such as 'en', 'fi' or 'pt-BR'"))
            }
        }
        // languages: every published language; it includes the default (absent: the default alone).
        var languages: [String] = []
        for code in reader.strings("languages") {
            if !Self.isLanguageTag(code) {
                reader.diagnostics.append(
                    .error(
                        "bad-language", at: reader.locationOfKey("languages"),
                        "'\(code)' in 'languages' is not a BCP 47 language tag", hint: "use tags such as 'en', 'es' or 'fa'"))
            } else if !languages.contains(code) {
                languages.append(code)
            }
        }
        if !languages.isEmpty && !languages.contains(config.language) {
            reader.diagnostics.append(
                .error(
                    "default-language-missing", at: reader.locationOfKey("languages"),
                    "'languages' does not list the site's language '\(config.language)'",
                    hint: "add '\(config.language)' to 'languages', or set 'language' to one of them"))
        }
        config.languages = [config.language] + languages.filter { $0 != config.language }
        if let url = reader.string("base_url") {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                config.baseURL = url.hasSuffix("/") ? url : url + "/"
            } else {
                reader.diagnostics.append(
                    .error(
                        "bad-url", at: reader.locationOfKey("base_url"),
                        "base_url must be an absolute http or https URL", hint: "for example 'base_url: https://example.org/catalogue/'"))
            }
        }
        config.license = reader.string("license")
        if let license = config.license { reader.checkLicense(license) }
        config.unsafeHTML = reader.bool("unsafe_html") ?? false

        if var vocabularies = reader.mapping("vocabularies", context: "vocabularies") {
            for key in Vocabularies.keys where vocabularies.value(key) != nil {
                let terms = checkedTerms(&vocabularies, key)
                if !terms.isEmpty { config.vocabularies[key] = terms }
            }
            vocabularies.finish(known: Vocabularies.keys)
            reader.diagnostics += vocabularies.diagnostics
        }
        // The built-in form speaks the site's language (its English headings still match).
        var customTemplate = false
        if var templates = reader.mapping("templates", context: "templates") {
            if var practice = templates.mapping("practice", context: "the practice template") {
                if let template = loadTemplate(&practice, language: config.language) {
                    config.practiceTemplate = template
                    customTemplate = true
                }
                practice.finish(known: ["sections"])
                templates.diagnostics += practice.diagnostics
            }
            templates.finish(known: ["practice"])
            reader.diagnostics += templates.diagnostics
        }
        if !customTemplate { config.practiceTemplate = .builtIn(language: config.language) }
        if var handbooks = reader.mapping("handbooks", context: "handbooks") {
            config.handbookPDF = handbooks.bool("pdf") ?? false
            handbooks.finish(known: ["pdf"])
            reader.diagnostics += handbooks.diagnostics
        }
        reader.finish(known: keys)
        return (config, reader.diagnostics)
    }

    /// A vocabulary's terms. Terms name pages (`practices/sector/<term>.html`)
    /// and filters, so each must become a file name (``OutputPath``), and no
    /// two may become the same one; a term that cannot is an error at its line.
    private static func checkedTerms(_ reader: inout FieldReader, _ key: String) -> [String] {
        let terms = reader.strings(key)
        guard let node = reader.value(key) else { return terms }
        let nodes = node.sequence.map { Array($0).filter { !($0.scalar?.string.trimmingSpaces.isEmpty ?? true) } } ?? [node]
        var kept: [String] = []
        var names: [String: String] = [:]
        for (index, term) in terms.enumerated() {
            let location = index < nodes.count ? reader.location(of: nodes[index]) : reader.location(of: node)
            guard let name = OutputPath.segment(term) else {
                reader.diagnostics.append(
                    .error(
                        "bad-term", at: location,
                        "the term '\(term)' in '\(key)' has no letters or digits, so it cannot name a page",
                        hint: "use words, such as 'upper-secondary'"))
                continue
            }
            if let other = names[name] {
                reader.diagnostics.append(
                    .error(
                        "duplicate-term", at: location,
                        "the terms '\(other)' and '\(term)' in '\(key)' would share the page '\(name).html'",
                        hint: "keep one of them, or make them differ in letters or digits"))
                continue
            }
            names[name] = term
            kept.append(term)
        }
        return kept
    }

    /// `heading` and `aliases` are text, or one per language:
    /// `heading: {en: Summary, es: Resumen}`, `aliases: {en: [Abstract], es: [Sinopsis]}`;
    /// the site's language's is the section's heading, the others are used
    /// for translations into their languages.
    private static func loadTemplate(_ reader: inout FieldReader, language: String) -> PracticeTemplate? {
        var sections: [PracticeTemplate.Section] = []
        var seen: Set<String> = []
        for var item in reader.mappings("sections", itemContext: "a template section") {
            let id = item.string("id", required: true)
            var headings: [String: String] = [:]
            var aliasesByLanguage: [String: [String]] = [:]
            var heading: String?
            if let node = item.value("heading"), let mapping = node.mapping {
                for (key, value) in mapping { if let code = key.string, let text = value.string { headings[code] = text } }
                heading = headings[language] ?? mapping.first?.value.string
                if heading == nil {
                    item.diagnostics.append(
                        .error(
                            "missing-key", at: item.location(of: node), "the section's 'heading' gives no heading",
                            hint: "write 'heading: Summary', or one per language"))
                }
            } else {
                heading = item.string("heading", required: true)
            }
            var aliases: [String] = []
            if let node = item.value("aliases"), let mapping = node.mapping {
                for (key, value) in mapping {
                    guard let code = key.string else { continue }
                    aliasesByLanguage[code] = value.sequence?.compactMap(\.string) ?? value.string.map { [$0] } ?? []
                }
                aliases = aliasesByLanguage[language] ?? []
            } else {
                aliases = item.strings("aliases")
            }
            let required = item.bool("required") ?? true
            let guidance = item.string("guidance")
            item.finish(known: ["id", "heading", "aliases", "required", "guidance"])
            reader.diagnostics += item.diagnostics
            guard let id, let heading else { continue }
            if !Identifier.isValid(id) {
                reader.diagnostics.append(
                    .error(
                        "bad-id", at: item.origin, "template section id '\(id)' may use only a-z, 0-9 and '-'",
                        hint: "for example 'id: \(Slug.make(id))'"))
                continue
            }
            if !seen.insert(id).inserted {
                reader.diagnostics.append(
                    .error("duplicate-id", at: item.origin, "template section id '\(id)' is used twice", hint: "give each section its own id"))
                continue
            }
            var section = PracticeTemplate.Section(id: id, heading: heading, aliases: aliases, required: required, guidance: guidance)
            section.headings = headings
            section.aliasesByLanguage = aliasesByLanguage
            sections.append(section)
        }
        if sections.isEmpty {
            reader.diagnostics.append(
                .error(
                    "empty-template", at: reader.origin, "the practice template has no sections",
                    hint: "list them under 'sections:', each with 'id' and 'heading'"))
            return nil
        }
        return PracticeTemplate(sections: sections)
    }

    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
