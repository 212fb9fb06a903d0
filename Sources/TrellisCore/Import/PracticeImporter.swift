import Foundation
import Markdown
import Yams

/// Turns a ``FilledForm`` into a practice file: the name and country rows
/// become front matter, rows matching the template become its sections, and
/// any other row is kept as a section of its own. Every word of every
/// answer ends up in the Markdown.
public struct PracticeImporter: Sendable {
    public let template: PracticeTemplate
    /// The `sectors` vocabulary a Sector answer is matched to.
    public let sectors: [String]

    public init(template: PracticeTemplate, sectors: [String] = Vocabularies.builtIn.sectors) {
        self.template = template
        self.sectors = sectors
    }

    /// Labels that name the practice.
    static let titleLabels: Set<String> = [
        "name of the best practice", "name of the good practice", "name of the practice",
        "title", "name", "title of the good practice", "good practice",
        "title of the practice", "title of the best practice", "name of good practice",
    ]
    static let countryLabels: Set<String> = ["country", "country of origin", "countries"]
    static let organisationLabels: Set<String> = [
        "organisation", "organization", "institution", "school", "name of the institution",
        "name of the organisation", "name of the organization", "organisation name",
        "organization name", "institution name", "name of the school",
    ]
    static let sectorLabels: Set<String> = [
        "sector", "educational sector", "education sector", "sector of education",
        "sector of the practice",
    ]
    static let tagLabels: Set<String> = ["tags", "tag", "keywords", "key words", "keyword"]
    static let yearLabels: Set<String> = [
        "year", "year of implementation", "year of start", "starting year", "start year",
        "year started", "year of the practice",
    ]
    static let websiteLabels: Set<String> = [
        "website", "web site", "url", "web", "web page", "webpage", "website url",
        "link", "web address", "internet address", "homepage",
    ]
    static let statusLabels: Set<String> = ["status", "current status", "status of the practice", "status of the good practice"]

    /// Sector answers as forms word them → vocabulary term. Only terms the
    /// site's vocabulary has are used.
    static let sectorSynonyms: [String: String] = [
        "vet": "vet", "vocational education and training": "vet", "vocational education & training": "vet",
        "vocational education": "vet", "vocational training": "vet", "vocational": "vet", "ivet": "vet", "cvet": "vet",
        "initial vet": "vet", "continuing vet": "vet", "vocational school": "vet", "vocational college": "vet",
        "school": "school", "school education": "school", "schools": "school", "primary school": "school",
        "secondary school": "school", "primary education": "school", "secondary education": "school", "k-12": "school",
        "higher education": "higher-education", "he": "higher-education", "university": "higher-education",
        "tertiary education": "higher-education", "higher-education": "higher-education",
        "adult education": "adult-education", "adult learning": "adult-education", "adult-education": "adult-education",
        "adults": "adult-education",
    ]

    /// What became of one row, for the report.
    public struct Mapping: Sendable, Equatable {
        public var label: String
        public var target: String
        public var isExtra: Bool
    }

    public struct Result: Sendable {
        public var id: String
        public var title: String
        public var markdown: String
        public var mappings: [Mapping]
        /// Problems for the user: unmatched rows, missing country, …
        public var warnings: [String]
        /// The level-2 headings written, in order: the parsed file has exactly these sections.
        public var headings: [String] = []
    }

    public func convert(_ form: FilledForm, fallbackTitle: String) -> Result {
        var title: String?
        var titleExtra: [FilledForm.Block] = []
        var website: String?
        var country: String?
        var countryAsWritten: String?
        var countryNote: [FilledForm.Block] = []
        var organisation: String?
        var sector: String?
        var sectorAsWritten: String?
        var tags: [String]?
        var year: Int?
        var yearAsWritten: String?
        var status: String?
        var sections: [String: [FilledForm.Block]] = [:]
        var extras: [(heading: String, blocks: [FilledForm.Block])] = []
        var mappings: [Mapping] = []
        var warnings: [String] = []

        func keepAsSection(_ row: FilledForm.Row, because warning: String?) {
            let heading = Self.oneLine(row.label).isEmpty ? "Other information" : Self.oneLine(row.label)
            extras.append((heading, row.answer))
            mappings.append(Mapping(label: row.label, target: "## \(heading)", isExtra: true))
            if !row.answer.isEmpty {
                warnings.append(warning ?? "row '\(heading)' matches no field of the template; kept as its own section")
            }
        }

        for row in form.rows {
            let key = PracticeTemplate.normalize(row.label)
            let text = Self.oneLine(row.answer.map(FilledForm.plainText).joined(separator: " "))
            if Self.titleLabels.contains(key), title == nil {
                var answer = row.answer
                if !answer.isEmpty {
                    var first = Self.oneLine(FilledForm.plainText(answer.removeFirst()))
                    let url: String?
                    (first, url) = Self.extractURL(first)
                    if let url { website = url }
                    title = first
                }
                titleExtra += answer
                mappings.append(Mapping(label: row.label, target: "title", isExtra: false))
            } else if Self.countryLabels.contains(key), country == nil {
                if let resolved = Country(text) {
                    country = resolved.code
                    if text != resolved.code { countryAsWritten = text }
                } else {
                    country = text
                    if !text.isEmpty { warnings.append("country '\(text)' is not one Trellis knows; fix it in the front matter") }
                }
                if row.answer.count > 1 { countryNote = row.answer }
                mappings.append(Mapping(label: row.label, target: "country", isExtra: false))
            } else if Self.organisationLabels.contains(key), organisation == nil, row.answer.count == 1 {
                organisation = text
                mappings.append(Mapping(label: row.label, target: "organisation", isExtra: false))
            } else if Self.sectorLabels.contains(key), sector == nil, !text.isEmpty {
                if let term = sectorTerm(text) {
                    sector = term
                    if text != term { sectorAsWritten = text }
                } else {
                    sector = text
                    warnings.append(
                        "sector '\(text)' is not in the sectors vocabulary (\(sectors.joined(separator: ", "))); fix it in the front matter")
                }
                mappings.append(Mapping(label: row.label, target: "sector", isExtra: false))
            } else if Self.tagLabels.contains(key), tags == nil, !text.isEmpty {
                tags = Self.tagList(row.answer)
                mappings.append(Mapping(label: row.label, target: "tags", isExtra: false))
            } else if Self.yearLabels.contains(key), year == nil, !text.isEmpty, let found = Self.year(text) {
                year = found
                if text != String(found) { yearAsWritten = text }
                mappings.append(Mapping(label: row.label, target: "year", isExtra: false))
            } else if Self.yearLabels.contains(key), year == nil, !text.isEmpty {
                keepAsSection(row, because: "year '\(text)' is not a year; kept as its own section, add 'year:' to the front matter yourself")
            } else if Self.websiteLabels.contains(key), !text.isEmpty, let url = Self.websiteURL(text), website == nil || website == url {
                website = url
                mappings.append(Mapping(label: row.label, target: "website", isExtra: false))
            } else if Self.statusLabels.contains(key), status == nil, !text.isEmpty {
                status = text
                mappings.append(Mapping(label: row.label, target: "status", isExtra: false))
            } else if let section = template.section(matching: row.label), sections[section.id] == nil {
                sections[section.id] = row.answer
                mappings.append(Mapping(label: row.label, target: "## \(section.heading)", isExtra: false))
            } else {
                keepAsSection(row, because: nil)
            }
        }
        let finalTitle = title.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackTitle
        if title == nil { warnings.append("no 'Name of the best practice' row; the title was taken from the file name") }
        if country == nil { warnings.append("no 'Country' row; add 'country:' to the front matter") }
        for section in template.sections where section.required && (sections[section.id]?.isEmpty ?? true) {
            warnings.append("the form has no answer for '\(section.heading)'")
        }

        // Every value is emitted by Yams; the form's own wording stays beside
        // a normalised value, as a YAML comment.
        var lines = ["---", Self.yamlLine("title", .string(finalTitle))]
        lines.append(Self.yamlLine("country", .string(country ?? ""), comment: countryAsWritten))
        if let organisation { lines.append(Self.yamlLine("organisation", .string(organisation))) }
        if let sector { lines.append(Self.yamlLine("sector", .string(sector), comment: sectorAsWritten)) }
        if let tags, !tags.isEmpty { lines.append(Self.yamlLine("tags", .list(tags))) }
        if let year { lines.append(Self.yamlLine("year", .integer(year), comment: yearAsWritten)) }
        if let website { lines.append(Self.yamlLine("website", .string(website))) }
        if let status { lines.append(Self.yamlLine("status", .string(status))) }
        lines.append("---")
        var body: [String] = []
        var headings: [String] = []
        let intro = titleExtra + countryNote
        if !intro.isEmpty { body.append(Self.markdown(intro)) }
        for section in template.sections {
            guard let blocks = sections[section.id] else { continue }
            body.append("## \(section.heading)\n\n\(Self.markdown(blocks))")
            headings.append(section.heading)
        }
        for extra in extras {
            body.append("## \(Self.escapeHeading(extra.heading))\n\n\(Self.markdown(extra.blocks))")
            headings.append(extra.heading)
        }
        let markdown = lines.joined(separator: "\n") + "\n\n" + body.map { $0.trimmingCharacters(in: .newlines) }.joined(separator: "\n\n") + "\n"
        return Result(
            id: Self.makeID(finalTitle), title: finalTitle, markdown: markdown, mappings: mappings,
            warnings: warnings, headings: headings)
    }

    /// The vocabulary term a Sector answer names: the term itself, its
    /// label ("VET", "Higher education"), or a usual wording
    /// ("Vocational education and training").
    func sectorTerm(_ answer: String) -> String? {
        let key = PracticeTemplate.normalize(answer)
        for term in sectors
        where key == term || key == PracticeTemplate.normalize(Vocabularies.label(term))
            || key == term.replacingOccurrences(of: "-", with: " ")
        {
            return term
        }
        if let term = Self.sectorSynonyms[key], sectors.contains(term) { return term }
        let slug = Slug.make(answer, fallback: "")
        return sectors.contains(slug) ? slug : nil
    }

    /// Tags from an answer: one per list item, line, or comma/semicolon-separated part.
    static func tagList(_ blocks: [FilledForm.Block]) -> [String] {
        var tags: [String] = []
        for block in blocks {
            for part in FilledForm.plainText(block).split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
                var tag = oneLine(String(part))
                while tag.hasPrefix("#") { tag.removeFirst() }
                if !tag.isEmpty, !tags.contains(tag) { tags.append(tag) }
            }
        }
        return tags
    }

    /// The year an answer gives: the answer itself when it is a number,
    /// otherwise the first four-digit year in it ("2019-2021", "since 2018").
    static func year(_ text: String) -> Int? {
        if let value = Int(text), (1000...9999).contains(value) { return value }
        var digits = ""
        for character in text + " " {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else {
                if digits.count == 4, let value = Int(digits), (1900...2199).contains(value) { return value }
                digits = ""
            }
        }
        return nil
    }

    /// A website answer as a full address: the first http(s) address in it,
    /// or a bare domain ("www.example.org") with https:// in front.
    static func websiteURL(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "()<>[],;\"'")) }
        if let url = words.first(where: { $0.lowercased().hasPrefix("https://") || $0.lowercased().hasPrefix("http://") }) {
            return url.hasSuffix(".") ? String(url.dropLast()) : url
        }
        if words.count == 1, let word = words.first, word.contains("."), !word.contains("@"), !word.contains("://"),
            word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-./_~%?=&#:".contains($0)) })
        {
            return "https://" + (word.hasSuffix(".") ? String(word.dropLast()) : word)
        }
        return nil
    }

    /// A front-matter value: one line, single spaces, no control characters.
    static func oneLine(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            // Other control characters and a byte-order mark (which YAML
            // readers drop) are left out.
            if scalar.properties.generalCategory == .control && !scalar.properties.isWhitespace || scalar == "\u{FEFF}" { continue }
            if scalar.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// "Sammtalk (https://sammtalk.com)" → ("Sammtalk", "https://sammtalk.com").
    static func extractURL(_ text: String) -> (String, String?) {
        guard let start = text.range(of: "(http"), let end = text[start.upperBound...].firstIndex(of: ")") else { return (text, nil) }
        let url = String(text[text.index(after: start.lowerBound)..<end])
        let lower = url.lowercased()
        guard !url.contains(where: \.isWhitespace), lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return (text, nil) }
        var rest = text
        rest.removeSubrange(start.lowerBound...end)
        let title = rest.split(whereSeparator: { $0 == " " }).joined(separator: " ")
        return (title.isEmpty ? url : title, url)
    }

    /// Answer blocks as Markdown: paragraphs, `-` bullets, `1.` steps.
    /// Every line of every block is escaped, so an answer can never open a
    /// heading, quote, list, rule, code block, table or HTML of its own: the
    /// text stays in its section and shows as typed.
    static func markdown(_ blocks: [FilledForm.Block]) -> String {
        var out = ""
        var previousWasList = false
        // The open list levels: where each item's text starts, and the
        // number of its last step (0 for a bullet).
        var columns: [Int] = []
        var numbers: [Int] = []
        for block in blocks {
            let text: String
            var level = 0
            var numbered = false
            switch block {
            case .paragraph(let value): text = value
            case .bullet(let value, let depth): (text, level) = (value, depth)
            case .numbered(let value, let depth): (text, level, numbered) = (value, depth, true)
            }
            // Blank lines would end the block (and a list item); leading
            // spaces would make code. Neither shows in the page, so both go.
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" })
                .map { $0.drop(while: { $0 == " " || $0 == "\t" }) }
                .filter { !$0.allSatisfy(\.isWhitespace) }
                .map { escapeLineStart(printable(String($0))) }
                .filter { !$0.isEmpty }
            guard !lines.isEmpty else { continue }
            let isList: Bool
            var prefix = ""
            if case .paragraph = block {
                isList = false
                columns = []
                numbers = []
            } else {
                isList = true
                // A level can only be one deeper than the open one; its marker
                // is indented to its parent's text, so it nests whatever the markers.
                // (And at most 8 deep: Word has 9 levels, and deeper would only indent more.)
                level = min(max(level, 0), columns.count, 8)
                let indent = level == 0 ? 0 : columns[level - 1]
                let number = numbered ? (level < numbers.count && numbers[level] > 0 ? numbers[level] + 1 : 1) : 0
                let marker = numbered ? "\(number). " : "- "
                columns = Array(columns.prefix(level)) + [indent + marker.count]
                numbers = Array(numbers.prefix(level)) + [number]
                prefix = String(repeating: " ", count: indent) + marker
            }
            // Continuation lines are indented to the item's text, so they stay in it.
            let continuation = "  \n" + String(repeating: " ", count: isList ? columns[columns.count - 1] : 0)
            if !out.isEmpty { out += isList && previousWasList ? "\n" : "\n\n" }
            out += prefix + lines.joined(separator: continuation)
            previousWasList = isList
        }
        return out
    }

    /// A line without control characters (a NUL byte would make the whole
    /// file unreadable; none of them shows in a page). Tabs stay.
    static func printable(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\t" }) else { return line }
        var out = ""
        out.unicodeScalars.append(contentsOf: line.unicodeScalars.filter { $0.properties.generalCategory != .control || $0 == "\t" })
        return out
    }

    /// Escapes one line so that it is a line of a paragraph, whatever it
    /// starts with: `#`, `>`, `-`, `+`, `*`, `=`, `_`, `~`, `|`, `1.`, `1)`, `<`…
    static func escapeLineStart(_ text: String) -> String {
        let escaped = escapeInline(text)
        guard let first = escaped.first else { return escaped }
        if "#>+-=".contains(first) { return "\\" + escaped }
        let digits = escaped.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, let next = escaped.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + escaped.dropFirst(digits.count)
        }
        return escaped
    }

    /// Escapes the characters that would turn into markup anywhere in a
    /// line: emphasis, code, links, raw HTML, entities, tables, strikethrough.
    ///
    /// Web addresses are not made into links: GFM's autolinks take the text
    /// as written, backslashes and all, so `https://a.org/x_y` would show as
    /// `x\_y`. Escaping the `:` of `://` and the `.` of `www.` stops them.
    static func escapeInline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", "&", "|", "~": out += "\\\(character)"
            case ":" where index + 2 < characters.count && characters[index + 1] == "/" && characters[index + 2] == "/":
                out += "\\:"
            case "."
            where index >= 3 && characters[(index - 3)..<index].allSatisfy({ $0 == "w" || $0 == "W" })
                && (index == 3 || !(characters[index - 4].isLetter || characters[index - 4].isNumber)):
                out += "\\."
            default: out.append(character)
            }
        }
        return out
    }

    /// A row label as a level-2 heading's text: one line, nothing that would
    /// end the heading early or close it (`#`).
    static func escapeHeading(_ text: String) -> String {
        var escaped = escapeInline(oneLine(text))
        escaped = escaped.replacingOccurrences(of: "#", with: "\\#")
        return escaped
    }

    enum YAMLValue {
        case string(String)
        case integer(Int)
        case list([String])
    }

    /// `key: value` as Yams emits it (double-quoted strings, a flow list),
    /// on one line, with an optional comment (made one line too).
    static func yamlLine(_ key: String, _ value: YAMLValue, comment: String? = nil) -> String {
        let rendered: String
        switch value {
        case .string(let text): rendered = yamlString(text)
        case .integer(let number): rendered = String(number)
        case .list(let items): rendered = "[" + items.map(yamlString).joined(separator: ", ") + "]"
        }
        let note = comment.map(oneLine).flatMap { $0.isEmpty ? nil : "  # \($0)" } ?? ""
        return "\(key): \(rendered)\(note)"
    }

    /// A string as a double-quoted YAML scalar, written by Yams' emitter, so
    /// that any string (quotes, `:`, `#`, newlines, control characters,
    /// any Unicode) reads back as itself.
    static func yamlString(_ text: String) -> String {
        let node = Node.mapping(Node.Mapping([(Node.scalar(Node.Scalar("v")), Node.scalar(Node.Scalar(text, .implicit, .doubleQuoted)))]))
        if let yaml = try? Yams.serialize(node: node, width: -1, allowUnicode: true),
            yaml.hasPrefix("v: "), yaml.hasSuffix("\n"), !yaml.dropLast().contains("\n")
        {
            return String(yaml.dropFirst(3).dropLast())
        }
        // The emitter refused or wrapped the text: fall back to escaping every
        // character outside printable ASCII ourselves, which YAML reads the same.
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case " "..."~": out.unicodeScalars.append(scalar)
            default:
                out += scalar.value <= 0xFFFF ? String(format: "\\u%04X", scalar.value) : String(format: "\\U%08X", scalar.value)
            }
        }
        return out + "\""
    }

    /// A file id from a title: ASCII, lowercase, at most about 60 characters.
    public static func makeID(_ title: String) -> String {
        let full = Identifier.suggestion(for: title)
        guard full.count > 60 else { return full }
        var id = ""
        for part in full.split(separator: "-") {
            if id.count + part.count + 1 > 60 { break }
            id += id.isEmpty ? String(part) : "-\(part)"
        }
        return id.isEmpty ? String(full.prefix(60)) : id
    }
}
