import Markdown

/// JSON-LD for module, task and practice pages, so OER search engines and
/// repositories can find and describe them: schema.org types with the LRMI
/// properties of `LearningResource`.
///
/// With `base_url` set, every block also follows the AMB profile (the
/// metadata profile German and European OER search engines such as OERSI
/// harvest): its context, an absolute `id`, `type` as an array, a licence
/// as `{"id": URL}`, HCRT resource types, and `inLanguage` and `keywords` as
/// arrays. AMB's context maps its terms to schema.org, so the block stays
/// schema.org too. Nothing facilitator-only is ever written here.
struct LearningMetadata {
    let site: Site

    static let ambContext = "https://w3id.org/kim/amb/context.jsonld"
    static let hcrt = "https://w3id.org/kim/hcrt/"

    var baseURL: String? { site.config.baseURL }
    /// AMB writes `type` where schema.org's own form writes `@type`.
    var typeKey: String { baseURL != nil ? "type" : "@type" }
    var language: String { site.config.language }

    /// `@context`, `type` and `id`/`url` in the form the base URL allows.
    private func header(_ json: inout JSONText, types: [String], route: Route) {
        if let baseURL {
            json.beginArray("@context")
            json.string(nil, Self.ambContext)
            json.beginObject()
            json.string("@language", language)
            json.endObject()
            json.endArray()
            json.string("id", baseURL + route.path)
            json.strings("type", types)
        } else {
            json.string("@context", "https://schema.org")
            if types.count == 1 { json.string("@type", types[0]) } else { json.strings("@type", types) }
        }
    }

    private func languages(_ json: inout JSONText) {
        if baseURL != nil { json.strings("inLanguage", [language]) } else { json.string("inLanguage", language) }
    }

    private func keywords(_ json: inout JSONText, _ words: [String]) {
        guard !words.isEmpty else { return }
        if baseURL != nil { json.strings("keywords", words) } else { json.string("keywords", words.joined(separator: ", ")) }
    }

    private func license(_ json: inout JSONText, _ text: String?) {
        guard let text else { return }
        if let url = License.url(for: text) {
            if baseURL != nil {
                json.beginObject("license")
                json.string("id", url)
                json.endObject()
            } else {
                json.string("license", url)
            }
        } else {
            // An unknown licence stays as written (the parse stage warned).
            json.string("license", text)
        }
    }

    private func resourceType(_ json: inout JSONText, _ concept: String, _ name: String) {
        json.beginArray("learningResourceType")
        json.beginObject()
        if baseURL != nil {
            json.string("id", Self.hcrt + concept)
            json.beginObject("prefLabel")
            json.string("en", name)
            json.endObject()
        } else {
            json.string("@type", "DefinedTerm")
            json.string("@id", Self.hcrt + concept)
            json.string("name", name)
        }
        json.endObject()
        json.endArray()
    }

    private func people(_ json: inout JSONText, _ key: String, _ names: [String], type: String) {
        guard !names.isEmpty else { return }
        json.beginArray(key)
        for name in names {
            json.beginObject()
            json.string(typeKey, type)
            json.string("name", name)
            json.endObject()
        }
        json.endArray()
    }

    /// ISO 8601 duration of an effort: 18 h 30 min → `PT18H30M`.
    static func iso8601(_ effort: Effort) -> String? {
        let minutes = Int(effort.minutes.rounded())
        guard minutes > 0 else { return nil }
        let hours = minutes / 60, rest = minutes % 60
        return "PT" + (hours > 0 ? "\(hours)H" : "") + (rest > 0 ? "\(rest)M" : "")
    }

    /// The roles LRMI's educational audience vocabulary knows, from `audience`.
    static func audienceRole(_ term: String) -> String? {
        switch term {
        case "pre-service": "student"
        case "in-service", "expert": "teacher"
        default: nil
        }
    }

    // MARK: Page kinds

    /// A module: a `Course` and a `LearningResource`, with its outcomes as
    /// `teaches` and its tasks as parts.
    func module(_ module: Module) -> String {
        var json = JSONText()
        json.beginObject()
        header(&json, types: ["LearningResource", "Course"], route: module.route)
        json.string("name", module.title)
        json.string("description", module.summary)
        languages(&json)
        license(&json, module.license ?? site.config.license)
        people(&json, baseURL != nil ? "creator" : "author", module.authors, type: "Person")
        if module.authors.isEmpty { people(&json, baseURL != nil ? "creator" : "author", [site.config.title], type: "Organization") }
        if let updated = module.updated { json.string("dateModified", updated) }
        json.string("educationalLevel", "Teacher education")
        let roles = module.audience.compactMap { Self.audienceRole($0.value) }
        if !roles.isEmpty {
            json.beginArray("audience")
            for role in Array(Set(roles)).sorted() {
                json.beginObject()
                if baseURL != nil {
                    json.string("id", "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/\(role)")
                } else {
                    json.string("@type", "EducationalAudience")
                    json.string("educationalRole", role)
                }
                json.endObject()
            }
            json.endArray()
        }
        if !module.outcomes.isEmpty {
            json.beginArray("teaches")
            for outcome in module.outcomes {
                json.beginObject()
                json.string(typeKey, "DefinedTerm")
                json.string("name", outcome.text)
                json.endObject()
            }
            json.endArray()
        }
        if let time = Self.iso8601(module.totalEffort()) { json.string("timeRequired", time) }
        resourceType(&json, "course", "Course")
        keywords(&json, module.audience.map { Vocabularies.label($0.value) } + (module.configuration.map { [$0] } ?? []))
        json.bool("isAccessibleForFree", true)
        if !module.tasks.isEmpty {
            json.beginArray("hasPart")
            for task in module.tasks {
                json.beginObject()
                json.string(typeKey, "LearningResource")
                if let baseURL { json.string("id", baseURL + task.route.path) }
                json.string("name", task.title)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        return json.text
    }

    /// A task: a `LearningResource` that is part of its module, with its
    /// type as `educationalUse`.
    func task(_ task: ModuleTask, in module: Module) -> String {
        var json = JSONText()
        json.beginObject()
        header(&json, types: ["LearningResource"], route: task.route)
        json.string("name", task.title)
        let intro = task.body.intro.plainText
        let instructions =
            task.body.sections.first { !$0.isFacilitatorOnly }.map(\.plainText) ?? ""
        let description = DataExports.excerpt(intro.isEmpty ? instructions : intro, words: 40)
        if !description.isEmpty { json.string("description", description) }
        languages(&json)
        license(&json, module.license ?? site.config.license)
        if let type = task.type { json.string("educationalUse", Vocabularies.label(type.value)) }
        if let mode = task.mode { json.string("interactivityType", mode.value == "synchronous" ? "active" : "mixed") }
        if let effort = task.parsedDuration?.effort, let time = Self.iso8601(effort) {
            json.string("timeRequired", time)
        }
        resourceType(&json, "text", "Text")
        json.bool("isAccessibleForFree", true)
        json.beginObject("isPartOf")
        json.string(typeKey, baseURL != nil ? "LearningResource" : "Course")
        if let baseURL { json.string("id", baseURL + module.route.path) }
        json.string("name", module.title)
        json.endObject()
        json.endObject()
        return json.text
    }

    /// A good practice: a `CreativeWork` about its country and tags, by its organisation.
    func practice(_ practice: Practice) -> String {
        var json = JSONText()
        json.beginObject()
        header(&json, types: baseURL != nil ? ["LearningResource", "CreativeWork"] : ["CreativeWork"], route: practice.route)
        json.string("name", practice.title)
        json.string("description", practice.sections.first?.content.map { DataExports.excerpt(of: $0.blocks, words: 50) } ?? "")
        languages(&json)
        if let country = practice.country {
            json.beginObject("spatialCoverage")
            json.string(typeKey, "Country")
            json.string("name", country.name)
            json.string("identifier", country.code)
            json.endObject()
        }
        if !practice.tags.isEmpty {
            json.beginArray("about")
            for tag in practice.tags {
                json.beginObject()
                json.string(typeKey, "DefinedTerm")
                json.string("name", tag)
                json.endObject()
            }
            json.endArray()
        }
        keywords(&json, practice.tags)
        if let organisation = practice.organisation {
            json.beginObject("sourceOrganization")
            json.string(typeKey, "Organization")
            json.string("name", organisation)
            json.endObject()
        }
        if let year = practice.year { json.string("dateCreated", String(year)) }
        if let updated = practice.updated { json.string("dateModified", updated) }
        if let website = practice.website, !website.hasPrefix("mailto:") { json.string("sameAs", website) }
        license(&json, site.config.license)
        if baseURL != nil { resourceType(&json, "text", "Text") }
        json.bool("isAccessibleForFree", true)
        json.endObject()
        return json.text
    }
}
