import Markdown

/// Typed front matter of each document kind (SPEC 3.1, 3.2, 4.1).
extension DocumentParser {
    static let moduleKeys = [
        "title", "summary", "audience", "duration", "workload", "languages", "configuration", "outcomes",
        "phases", "practices", "authors", "license", "updated",
    ]
    static let taskKeys = ["title", "type", "phase", "duration", "mode", "grouping", "complexity", "outcomes", "tools"]
    static let practiceKeys = ["title", "country", "organisation", "sector", "tags", "year", "website", "modules", "status", "updated"]

    func parseModule(id: String, file: SourceFile, fields: inout FieldReader, body: Body) -> Module? {
        let title = fields.string("title", required: true)
        let summary = fields.string("summary", required: true, hint: "add 'summary: …', one or two sentences shown on cards and handbook covers")
        var outcomes: [Outcome] = []
        for var item in fields.mappings("outcomes", itemContext: "an outcome") {
            let outcomeID = item.string("id", required: true)
            let domain = item.string("domain", required: true, hint: "add 'domain:' (\(config.vocabularies.outcomeDomains.joined(separator: ", ")))")
            let text = item.string("text", required: true)
            if let domain, !config.vocabularies.outcomeDomains.contains(domain) {
                item.diagnostics.append(
                    .error(
                        "unknown-domain", at: item.location(of: item.value("domain")!),
                        "'\(domain)' is not an outcome domain",
                        hint: Suggestion.hint(for: domain, in: config.vocabularies.outcomeDomains)))
            }
            item.finish(known: ["id", "domain", "text"])
            fields.diagnostics += item.diagnostics
            if let outcomeID, let domain, let text {
                outcomes.append(Outcome(id: outcomeID, domain: domain, text: text, location: item.origin))
            }
        }
        var phases: [Phase] = []
        for var item in fields.mappings("phases", itemContext: "a phase") {
            let phaseID = item.string("id", required: true)
            let phaseTitle = item.string("title", required: true)
            let weeks = item.string("weeks")
            item.finish(known: ["id", "title", "weeks"])
            fields.diagnostics += item.diagnostics
            if let phaseID, let phaseTitle {
                phases.append(Phase(id: phaseID, title: phaseTitle, weeks: weeks, location: item.origin))
            }
        }
        let module = Module(
            id: id, file: file, title: title ?? id, summary: summary ?? "",
            audience: located(&fields, "audience"), duration: locatedString(&fields, "duration"),
            workload: locatedString(&fields, "workload"),
            languages: fields.strings("languages"), configuration: fields.string("configuration"),
            outcomes: outcomes, phases: phases, practices: located(&fields, "practices"),
            authors: fields.strings("authors"), license: fields.string("license").map { fields.checkLicense($0) }, updated: fields.string("updated"),
            body: body
        )
        fields.finish(known: Self.moduleKeys)
        Placeholder.check(&fields)
        return title == nil || summary == nil ? nil : module
    }

    func parseTask(module: String, id: String, number: Int, file: SourceFile, fields: inout FieldReader, body: Body) -> ModuleTask? {
        let title = fields.string("title", required: true)
        let type = locatedString(
            &fields, "type", required: true,
            hint: "add 'type:' (\(config.vocabularies.taskTypes.joined(separator: ", ")))")
        let complexity = fields.int("complexity").map { Located($0.value, at: $0.location) }
        let task = ModuleTask(
            id: id, moduleID: module, number: number, file: file, title: title ?? id,
            type: type, phase: locatedString(&fields, "phase"), duration: locatedString(&fields, "duration"),
            mode: locatedString(&fields, "mode"), grouping: locatedString(&fields, "grouping"),
            complexity: complexity, outcomes: located(&fields, "outcomes"), tools: fields.strings("tools"),
            body: body
        )
        fields.finish(known: Self.taskKeys)
        Placeholder.check(&fields)
        return title == nil || type == nil ? nil : task
    }

    func parsePractice(id: String, file: SourceFile, fields: inout FieldReader, body: Body) -> Practice? {
        let title = fields.string("title", required: true, hint: "add 'title: …', the name of the good practice")
        var country: Country?
        if let name = fields.string("country", required: true, hint: "add 'country: FI' (an ISO code or the English name)") {
            country = Country(name)
            if country == nil {
                fields.diagnostics.append(
                    .error(
                        "unknown-country", at: fields.location(of: fields.value("country")!),
                        "'\(name)' is not a country Trellis knows",
                        hint: Suggestion.closest(to: name, in: Country.knownNames).map { "did you mean '\($0)'?" }
                            ?? "use the ISO 3166-1 alpha-2 code, e.g. 'FI' for Finland"))
            }
        }
        var website: String?
        if let url = fields.string("website") {
            let lower = url.lowercased()
            if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") {
                website = url
            } else {
                fields.diagnostics.append(
                    .error(
                        "bad-url", at: fields.location(of: fields.value("website")!),
                        "website must be an http, https or mailto address",
                        hint: url.contains("://") ? "use an https:// address" : "write it in full: 'https://\(url)'"))
            }
        }
        let practice = Practice(
            id: id, file: file, title: title ?? id, country: country, organisation: fields.string("organisation"),
            sector: locatedString(&fields, "sector"), tags: normalizedTags(&fields),
            year: fields.int("year")?.value, website: website, modules: located(&fields, "modules"),
            status: fields.string("status"), updated: fields.string("updated"), body: body
        )
        fields.finish(known: Self.practiceKeys)
        Placeholder.check(&fields)
        // Matching sections to the template needs only this file and site.yml,
        // so it is done here, once per parse (and kept by the preview's cache).
        return title == nil || country == nil
            ? nil : SectionMatching.matchSections(practice, template: config.practiceTemplate, diagnostics: &fields.diagnostics)
    }

    /// Tags lowercased with single hyphens: "Video Chat" → "video-chat".
    /// Each tag names a page, so a tag with no letters or digits is an error.
    private func normalizedTags(_ fields: inout FieldReader) -> [String] {
        let tags = fields.strings("tags")
        let normal = Self.normalizedTags(tags)
        for tag in tags where Self.normalizedTag(tag) == nil {
            fields.diagnostics.append(
                .error(
                    "bad-term", at: fields.value("tags").map { fields.location(of: $0) } ?? fields.origin,
                    "the tag '\(tag)' has no letters or digits, so it cannot name a page",
                    hint: "use words, such as 'video-chat'"))
        }
        return normal
    }

    static func normalizedTag(_ tag: String) -> String? {
        let slug = Slug.make(tag, fallback: "")
        return slug.isEmpty ? nil : OutputPath.segment(slug)
    }

    static func normalizedTags(_ tags: [String]) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for tag in tags {
            if let normal = normalizedTag(tag), seen.insert(normal).inserted { out.append(normal) }
        }
        return out
    }

    private func located(_ fields: inout FieldReader, _ key: String) -> [Located<String>] {
        let values = fields.strings(key)
        guard let node = fields.value(key) else { return [] }
        if let sequence = node.sequence {
            var out: [Located<String>] = []
            var index = 0
            for item in sequence where item.scalar != nil && !(item.scalar?.string.trimmingSpaces.isEmpty ?? true) {
                if index < values.count { out.append(Located(values[index], at: fields.location(of: item))) }
                index += 1
            }
            return out
        }
        return values.map { Located($0, at: fields.location(of: node)) }
    }

    private func locatedString(_ fields: inout FieldReader, _ key: String, required: Bool = false, hint: String? = nil) -> Located<String>? {
        guard let value = fields.string(key, required: required, hint: hint) else { return nil }
        return Located(value, at: fields.location(of: fields.value(key)!))
    }
}
