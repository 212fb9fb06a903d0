import Foundation
import Yams

extension Scaffold {
    public enum TranslationError: Error, CustomStringConvertible {
        case notADocument(String)
        case badLanguage(String)
        case unreadable(String)

        public var description: String {
            switch self {
            case .notADocument(let path):
                "'\(path)' is not a module, task, practice, page or home file of the content folder"
            case .badLanguage(let code): "'\(code)' is not a BCP 47 language tag (such as 'es', 'fa' or 'pt-BR')"
            case .unreadable(let detail): detail
            }
        }
    }

    /// A translation to fill in for the original at `relativePath`
    /// (content-relative) into `language`: its path beside the original, and
    /// its text: the text keys with the original's words to replace, the
    /// original's body with its structural headings in `language`
    /// (practice sections, a task's instructions and facilitator notes), and
    /// `translated_from` set to the original's version.
    public static func translation(of relativePath: String, text: String, language: String) throws -> (path: String, text: String) {
        guard SiteConfig.isLanguageTag(language) else { throw TranslationError.badLanguage(language) }
        let parts = relativePath.split(separator: "/").map(String.init)
        enum Kind { case module, task, practice, page, home }
        let kind: Kind
        switch (parts.count, parts.first) {
        case (1, _) where parts[0] == "index.md": kind = .home
        case (3, "modules") where parts[2] == "module.md": kind = .module
        case (3, "modules") where parts[2].first?.isNumber == true && parts[2].hasSuffix(".md"): kind = .task
        case (2, "practices") where parts[1].hasSuffix(".md"): kind = .practice
        case (2, "pages") where parts[1].hasSuffix(".md"): kind = .page
        default: throw TranslationError.notADocument(relativePath)
        }
        guard TranslationSource.split(parts[parts.count - 1]) == nil else { throw TranslationError.notADocument(relativePath) }
        let file = SourceFile(relativePath: relativePath, displayPath: relativePath)
        guard case .success(let split) = FrontMatterSplit.split(text, file: file) else {
            throw TranslationError.unreadable("the front matter of '\(relativePath)' has no closing '---' line")
        }
        let front = (try? split.yaml.flatMap { try Yams.load(yaml: $0) as? [String: Any] }) ?? [:]
        let strings = Strings.forLanguage(language).strings
        func quoted(_ value: Any?) -> String { PracticeImporter.yamlString(value.map { "\($0)" } ?? "") }

        var out = "---\n"
        out += "title: \(quoted(front["title"]))\n"
        if kind == .module {
            out += "summary: \(quoted(front["summary"]))\n"
            if let outcomes = front["outcomes"] as? [[String: Any]], !outcomes.isEmpty {
                out += "outcomes:\n"
                for outcome in outcomes { out += "  - {id: \(quoted(outcome["id"])), text: \(quoted(outcome["text"]))}\n" }
            }
            if let phases = front["phases"] as? [[String: Any]], !phases.isEmpty {
                out += "phases:\n"
                for phase in phases { out += "  - {id: \(quoted(phase["id"])), title: \(quoted(phase["title"]))}\n" }
            }
        }
        out += "translated_from: \(Translations.version(of: text))\n---\n"
        out += "<!-- Translate the text into \(language): keep the links' targets, images and the '## ' headings Trellis reads. -->\n"

        // The body, with the headings Trellis reads in the translation's language.
        let template = PracticeTemplate.builtIn(language: language)
        var body = ""
        for line in split.body.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("## ") else {
                body += line + "\n"
                continue
            }
            let heading = String(line.dropFirst(3))
            var replacement = heading
            switch kind {
            case .practice:
                if let section = PracticeTemplate.builtIn.section(matching: heading) ?? template.section(matching: heading) {
                    replacement = template.sections.first { $0.id == section.id }?.heading ?? heading
                }
            case .task:
                if ModuleTask.isFacilitatorHeading(heading) {
                    replacement = strings("facilitator_notes_heading")
                } else if PracticeTemplate.normalize(heading) == "instructions" {
                    replacement = strings("instructions_heading")
                }
            default: break
            }
            body += "## " + replacement + "\n"
        }
        while body.hasSuffix("\n\n") { body.removeLast() }
        let name = parts[parts.count - 1]
        let path = (parts.dropLast() + [String(name.dropLast(3)) + ".\(language).md"]).joined(separator: "/")
        return (path, out + body)
    }
}
