import Foundation

/// Turns a ``FilledForm`` into a practice file: the name and country rows
/// become front matter, rows matching the template become its sections, and
/// any other row is kept as a section of its own. Every word of every
/// answer ends up in the Markdown.
public struct PracticeImporter: Sendable {
    public let template: PracticeTemplate

    public init(template: PracticeTemplate) { self.template = template }

    /// Labels that name the practice.
    static let titleLabels: Set<String> = ["name of the best practice", "name of the good practice", "name of the practice",
                                           "title", "name", "title of the good practice", "good practice"]
    static let countryLabels: Set<String> = ["country", "country of origin"]
    static let organisationLabels: Set<String> = ["organisation", "organization", "institution", "school", "name of the institution"]

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
    }

    public func convert(_ form: FilledForm, fallbackTitle: String) -> Result {
        var title: String?
        var titleExtra: [FilledForm.Block] = []
        var website: String?
        var country: String?
        var countryAsWritten: String?
        var countryNote: [FilledForm.Block] = []
        var organisation: String?
        var sections: [String: [FilledForm.Block]] = [:]
        var extras: [(heading: String, blocks: [FilledForm.Block])] = []
        var mappings: [Mapping] = []
        var warnings: [String] = []

        for row in form.rows {
            let key = PracticeTemplate.normalize(row.label)
            if Self.titleLabels.contains(key), title == nil {
                var answer = row.answer
                if !answer.isEmpty {
                    var first = FilledForm.plainText(answer.removeFirst())
                    (first, website) = Self.extractURL(first)
                    title = first
                }
                titleExtra += answer
                mappings.append(Mapping(label: row.label, target: "title", isExtra: false))
            } else if Self.countryLabels.contains(key), country == nil {
                let text = row.answer.map(FilledForm.plainText).joined(separator: " ").trimmingCharacters(in: .whitespaces)
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
                organisation = FilledForm.plainText(row.answer[0])
                mappings.append(Mapping(label: row.label, target: "organisation", isExtra: false))
            } else if let section = template.section(matching: row.label), sections[section.id] == nil {
                sections[section.id] = row.answer
                mappings.append(Mapping(label: row.label, target: "## \(section.heading)", isExtra: false))
            } else {
                let heading = row.label.trimmingCharacters(in: .whitespaces).isEmpty ? "Other information" : row.label.trimmingCharacters(in: .whitespaces)
                extras.append((heading, row.answer))
                mappings.append(Mapping(label: row.label, target: "## \(heading)", isExtra: true))
                if !row.answer.isEmpty {
                    warnings.append("row '\(heading)' matches no field of the template; kept as its own section")
                }
            }
        }
        let finalTitle = title ?? fallbackTitle
        if title == nil { warnings.append("no 'Name of the best practice' row; the title was taken from the file name") }
        if country == nil { warnings.append("no 'Country' row; add 'country:' to the front matter") }
        for section in template.sections where section.required && (sections[section.id]?.isEmpty ?? true) {
            warnings.append("the form has no answer for '\(section.heading)'")
        }

        var lines = ["---", "title: \(Self.yamlString(finalTitle))"]
        // The form's own wording stays beside the code, as a YAML comment.
        lines.append("country: \(Self.yamlString(country ?? ""))" + (countryAsWritten.map { "  # \($0)" } ?? ""))
        if let organisation { lines.append("organisation: \(Self.yamlString(organisation))") }
        if let website { lines.append("website: \(Self.yamlString(website))") }
        lines.append("---")
        var body: [String] = []
        let intro = titleExtra + countryNote
        if !intro.isEmpty { body.append(Self.markdown(intro)) }
        for section in template.sections {
            guard let blocks = sections[section.id] else { continue }
            body.append("## \(section.heading)\n\n\(Self.markdown(blocks))")
        }
        for extra in extras {
            body.append("## \(Self.escapeInline(extra.heading))\n\n\(Self.markdown(extra.blocks))")
        }
        let markdown = lines.joined(separator: "\n") + "\n\n" + body.map { $0.trimmingCharacters(in: .newlines) }.joined(separator: "\n\n") + "\n"
        return Result(id: Self.makeID(finalTitle), title: finalTitle, markdown: markdown, mappings: mappings, warnings: warnings)
    }

    /// "Sammtalk (https://sammtalk.com)" → ("Sammtalk", "https://sammtalk.com").
    static func extractURL(_ text: String) -> (String, String?) {
        guard let start = text.range(of: "(http"), let end = text[start.upperBound...].firstIndex(of: ")") else { return (text, nil) }
        let url = String(text[text.index(after: start.lowerBound)..<end])
        guard !url.contains(" ") else { return (text, nil) }
        var rest = text
        rest.removeSubrange(start.lowerBound...end)
        let title = rest.split(whereSeparator: { $0 == " " }).joined(separator: " ")
        return (title.isEmpty ? url : title, url)
    }

    /// Answer blocks as Markdown: paragraphs, `-` bullets, `1.` steps.
    static func markdown(_ blocks: [FilledForm.Block]) -> String {
        var out = ""
        var previous: String?
        var number = 0
        for block in blocks {
            let kind: String
            let line: String
            switch block {
            case .paragraph(let text):
                kind = "p"
                line = escapeLineStart(text)
                number = 0
            case .bullet(let text, let level):
                kind = "ul"
                line = String(repeating: "  ", count: level) + "- " + escapeInline(text)
            case .numbered(let text, let level):
                kind = "ol"
                if previous != "ol" { number = 0 }
                number += 1
                line = String(repeating: "   ", count: level) + "\(number). " + escapeInline(text)
            }
            if !out.isEmpty { out += (kind == previous && kind != "p") ? "\n" : "\n\n" }
            out += line.replacingOccurrences(of: "\n", with: "  \n")
            previous = kind
        }
        return out
    }

    /// Keeps a paragraph from being read as a heading, list or quote.
    static func escapeLineStart(_ text: String) -> String {
        let escaped = escapeInline(text)
        guard let first = escaped.first else { return escaped }
        if "#>+-=|*".contains(first) { return "\\" + escaped }
        let digits = escaped.prefix(while: { $0.isNumber })
        if !digits.isEmpty, let next = escaped.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + escaped.dropFirst(digits.count)
        }
        return escaped
    }

    /// Escapes characters that would turn into markup or raw HTML.
    static func escapeInline(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<", "`", "[", "]", "\\": out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }

    static func yamlString(_ text: String) -> String {
        JSONText.quoted(text).replacingOccurrences(of: "\\u003c", with: "<").replacingOccurrences(of: "\\u003e", with: ">").replacingOccurrences(of: "\\u0026", with: "&")
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
