import Foundation
import Markdown
import Yams

/// The site in one of its other languages: every document, translated where
/// a translation exists, the original's otherwise.
public struct TranslatedSite: Sendable {
    public var language: String
    public var site: Site
    /// The documents that have a translation into `language`.
    public var translated: Set<Route>
}

/// How far one language's translation has come, for `trellis check`.
public struct TranslationStatus: Sendable {
    public var language: String
    /// Documents of the site (home, modules, tasks, practices, pages).
    public var total: Int
    public var translated: Int
    /// Originals with no translation into this language (content-relative paths).
    public var missing: [String]
    /// Translations whose original changed after the version they record.
    public var stale: [StaleTranslation]
}

public struct StaleTranslation: Sendable {
    /// The translation's content-relative path.
    public var path: String
    public var original: String
    /// `translated_from` as the translation records it, and the original's version now.
    public var recorded: String
    public var current: String
}

/// Translations beside their originals (`module.es.md`, `01-intro.es.md`,
/// `practices/sammtalk.fa.md`): what a translation may change is text
/// (title, summary, body, outcome `text`, phase `title`); structure comes from
/// the original. Each translation is read once and laid over a copy of its
/// original.
public enum Translations {
    /// Front-matter keys a translation may set, by kind of document.
    static func textKeys(_ kind: DocumentKind) -> Set<String> {
        switch kind {
        case .module: ["title", "summary", "outcomes", "phases", "translated_from"]
        default: ["title", "translated_from"]
        }
    }

    /// The version of an original a translation records in `translated_from`:
    /// the first 12 hex digits of the SHA-256 of its text, normalised (line
    /// ends as LF, spaces at the ends of lines and blank lines at the ends
    /// dropped), so saving a file again does not make its translations stale.
    public static func version(of text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                var line = line
                while let last = line.last, last == " " || last == "\t" { line.removeLast() }
                return line
            }
        let normal = lines.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed().joined(separator: "\n")
        return String(SHA256.hex(SHA256.digest(Array(normal.utf8))).prefix(12))
    }

    /// The version of the file at `path` (content-relative), or nil when it cannot be read.
    public static func version(ofFile path: String, in contentDirectory: String) -> String? {
        guard let data = FileManager.default.contents(atPath: "\(contentDirectory)/\(path)") else { return nil }
        return version(of: String(decoding: data, as: UTF8.self))
    }

    static func build(
        _ site: Site, inventory: Inventory, config: SiteConfig, reservedAnchors: Set<String>, interfaces: [String: Strings] = [:]
    ) -> ([TranslatedSite], [TranslationStatus], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let others = config.otherLanguages
        // The practice form in another language: the built-in one in that language's strings (a site's
        // i18n file included), or the site's own template with the headings it gives for that language.
        let builtInTemplate = config.practiceTemplate == .builtIn(strings: interfaces[config.language] ?? site.strings)
        // Callout labels per language, worked out once, not per translation file.
        var alertTitles: [String: [AlertKind: String]] = [:]
        for language in others { alertTitles[language] = (interfaces[language] ?? Strings.forLanguage(language).strings).alertTitles }
        func template(_ language: String) -> PracticeTemplate {
            builtInTemplate
                ? .builtIn(strings: interfaces[language] ?? Strings.forLanguage(language).strings) : config.practiceTemplate.localized(language)
        }
        var kinds: [String: DocumentKind] = [:]
        for document in inventory.documents { kinds[document.file.relativePath] = document.kind }
        var sites = others.map { TranslatedSite(language: $0, site: site, translated: []) }
        var translatedPaths: [String: Set<String>] = [:]
        var stale: [String: [StaleTranslation]] = [:]
        var moduleIndex: [String: Int] = [:]
        for (index, module) in site.modules.enumerated() { moduleIndex[module.id] = index }

        for translation in inventory.translations {
            let file = translation.file
            guard let slot = others.firstIndex(of: translation.language) else {
                diagnostics.append(
                    .error(
                        "unknown-translation-language", at: file.location(line: 1),
                        translation.language == config.language
                            ? "'\(translation.language)' is the site's own language, so this file cannot be a translation"
                            : "'\(translation.language)' is not one of the site's languages",
                        hint: translation.language == config.language
                            ? "write it in '\(translation.originalPath)' itself"
                            : "add '\(translation.language)' to 'languages' in site.yml, or rename the file"))
                continue
            }
            guard let kind = kinds[translation.originalPath] else {
                diagnostics.append(
                    .error(
                        "translation-without-original", at: file.location(line: 1),
                        "this translation has no original: '\(translation.originalPath)' does not exist",
                        hint: "a translation sits beside its original and has its name with the language before '.md'"))
                continue
            }
            var languageConfig = config
            languageConfig.practiceTemplate = template(translation.language)
            let parser = DocumentParser(
                config: languageConfig, links: LinkResolver(routes: inventory.routes, allFiles: inventory.allFiles),
                contentDirectory: inventory.contentDirectory, reservedAnchors: reservedAnchors,
                alertTitles: alertTitles[translation.language] ?? [:])
            guard let read = Self.read(translation, kind: kind, parser: parser, inventory: inventory, diagnostics: &diagnostics) else { continue }
            translatedPaths[translation.language, default: []].insert(translation.originalPath)
            if let outdated = read.stale { stale[translation.language, default: []].append(outdated) }
            var fields = read.fields
            let body = read.body
            var translatedSite = sites[slot].site
            let title = fields.string("title")
            switch kind {
            case .home:
                guard var home = translatedSite.home else { continue }
                home.title = title ?? home.title
                home.body = body
                translatedSite.home = home
            case .page(let id):
                guard let index = translatedSite.pages.firstIndex(where: { $0.id == id }) else { continue }
                translatedSite.pages[index].title = title ?? translatedSite.pages[index].title
                translatedSite.pages[index].body = body
            case .practice(let id):
                guard let index = translatedSite.practiceIndex[id] else { continue }
                var practice = translatedSite.practices[index]
                practice.title = title ?? practice.title
                practice.body = body
                practice.sections = []
                practice.extraSections = []
                translatedSite.practices[index] = SectionMatching.matchSections(
                    practice, template: languageConfig.practiceTemplate, diagnostics: &fields.diagnostics)
            case .module(let id):
                guard let index = moduleIndex[id] else { continue }
                var module = translatedSite.modules[index]
                module.title = title ?? module.title
                module.summary = fields.string("summary") ?? module.summary
                module.body = body
                for var item in fields.mappings("outcomes", itemContext: "an outcome") {
                    if let outcomeID = item.string("id", required: true), let text = item.string("text") {
                        if let at = module.outcomes.firstIndex(where: { $0.id == outcomeID }) {
                            module.outcomes[at].text = text
                        } else {
                            item.diagnostics.append(Self.unknownID("outcome", outcomeID, item, in: module.outcomes.map(\.id)))
                        }
                    }
                    item.finish(known: ["id", "text", "domain"])
                    fields.diagnostics += item.diagnostics
                }
                for var item in fields.mappings("phases", itemContext: "a phase") {
                    if let phaseID = item.string("id", required: true), let phaseTitle = item.string("title") {
                        if let at = module.phases.firstIndex(where: { $0.id == phaseID }) {
                            module.phases[at].title = phaseTitle
                        } else {
                            item.diagnostics.append(Self.unknownID("phase", phaseID, item, in: module.phases.map(\.id)))
                        }
                    }
                    item.finish(known: ["id", "title", "weeks"])
                    fields.diagnostics += item.diagnostics
                }
                translatedSite.modules[index] = module
            case .task(let moduleID, let taskID, _):
                guard let index = moduleIndex[moduleID],
                    let at = translatedSite.modules[index].tasks.firstIndex(where: { $0.id == taskID })
                else { continue }
                translatedSite.modules[index].tasks[at].title = title ?? translatedSite.modules[index].tasks[at].title
                translatedSite.modules[index].tasks[at].body = body
            }
            diagnostics += fields.diagnostics
            sites[slot].site = translatedSite
            sites[slot].translated.insert(kind.route)
        }
        for index in sites.indices {
            let language = sites[index].language
            sites[index].site.strings = interfaces[language] ?? Strings.forLanguage(language).strings
            // The site in that language: its data files and metadata say so, its form speaks it.
            sites[index].site.config.language = language
            sites[index].site.config.practiceTemplate = template(language)
        }
        let originals = inventory.documents.map(\.file.relativePath)
        let statuses = others.map { language in
            let done = translatedPaths[language] ?? []
            return TranslationStatus(
                language: language, total: originals.count, translated: done.count,
                missing: originals.filter { !done.contains($0) }, stale: stale[language] ?? [])
        }
        return (sites, statuses, diagnostics)
    }

    static func unknownID(_ what: String, _ id: String, _ item: FieldReader, in ids: [String]) -> Diagnostic {
        .error(
            "translation-unknown-id", at: item.value("id").map { item.location(of: $0) } ?? item.origin,
            "the original has no \(what) '\(id)'",
            hint: Suggestion.closest(to: id, in: ids).map { "did you mean '\($0)'?" } ?? "give the id of one of the original's \(what)s")
    }

    /// The translation's front matter (checked against its original's: a
    /// structural key set differently is a warning naming both lines) and body.
    static func read(
        _ translation: TranslationSource, kind: DocumentKind, parser: DocumentParser, inventory: Inventory, diagnostics: inout [Diagnostic]
    ) -> (fields: FieldReader, body: Body, stale: StaleTranslation?)? {
        var originalText = ""
        var translationSource: SourceRef?
        func frontMatter(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> (Node.Mapping, FrontMatterSplit)? {
            let path = "\(inventory.contentDirectory)/\(file.relativePath)"
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.contents(of: path)
            } catch {
                diagnostics.append(.unreadable(file, reason: error.reason))
                return nil
            }
            let text: String
            switch SourceText.decode(bytes, file: file, warnings: &diagnostics) {
            case .success(let value): text = value
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
            if file.relativePath == translation.originalPath { originalText = text }
            if file == translation.file { translationSource = SourceRef(path: path, displayPath: file.displayPath, bytes: bytes) }
            let split: FrontMatterSplit
            switch FrontMatterSplit.split(text, file: file) {
            case .success(let value): split = value
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
            guard let yaml = split.yaml else { return (Node.Mapping([]), split) }
            switch YAMLLoader.mapping(yaml, file: file, lineOffset: 1, what: "the front matter") {
            case .success(let mapping): return (mapping, split)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        }
        guard let (mapping, split) = frontMatter(translation.file, diagnostics: &diagnostics) else { return nil }
        let original = SourceFile(
            relativePath: translation.originalPath,
            displayPath: String(translation.file.displayPath.dropLast(translation.file.relativePath.count)) + translation.originalPath)
        var structural: [String: Node] = [:]
        // What the original's reading finds is the parse stage's to report, once: read again for each
        // of its translations, a broken original was one error per language.
        var reportedByTheParse: [Diagnostic] = []
        if let (originalMapping, _) = frontMatter(original, diagnostics: &reportedByTheParse) {
            for (key, value) in originalMapping { if let name = key.string { structural[name] = value } }
        }
        var fields = FieldReader(
            mapping: mapping, file: translation.file, lineOffset: 1, origin: translation.file.location(), context: "the front matter")
        // translated_from: the original's version this translation was made from.
        var stale: StaleTranslation?
        if let recorded = fields.string("translated_from") {
            let current = version(of: originalText)
            if recorded != current {
                stale = StaleTranslation(
                    path: translation.file.relativePath, original: translation.originalPath, recorded: recorded, current: current)
                diagnostics.append(
                    .warning(
                        "translation-stale", at: fields.value("translated_from").map { fields.location(of: $0) } ?? translation.file.location(),
                        "the original (\(original.displayPath)) has changed since this translation was made from it (\(recorded); now \(current))",
                        hint: "bring the translation up to date, then set 'translated_from: \(current)'"))
            }
        }
        let text = textKeys(kind)
        for (key, value) in mapping {
            guard let name = key.string, !text.contains(name) else { continue }
            let line = (value.mark?.line ?? 0) + 1
            if let theirs = structural[name] {
                if Self.describe(theirs) != Self.describe(value) {
                    diagnostics.append(
                        .warning(
                            "translation-structure", at: translation.file.location(line: line),
                            "'\(name)' differs from the original's (\(original.displayPath):\((theirs.mark?.line ?? 0) + 1)); a translation takes it from the original",
                            hint:
                                "remove '\(name)' from the translation: only text (title, summary, the body, outcome text, phase titles) is translated"
                        ))
                }
            } else {
                diagnostics.append(
                    .warning(
                        "translation-structure", at: translation.file.location(line: line),
                        "'\(name)' is not in the original (\(original.displayPath)); a translation takes its structure from the original",
                        hint: "set '\(name)' in the original, or remove it from the translation"))
            }
        }
        var body = parser.parseBody(split.body, lineOffset: split.bodyLineOffset, file: translation.file, diagnostics: &diagnostics)
        body.source = translationSource
        return (fields, body, stale)
    }

    /// A node's value for comparing: scalars as written, lists and mappings item by item.
    static func describe(_ node: Node) -> String {
        if let scalar = node.scalar { return scalar.string }
        if let sequence = node.sequence { return "[" + sequence.map(describe).joined(separator: ",") + "]" }
        if let mapping = node.mapping { return "{" + mapping.map { describe($0.key) + ":" + describe($0.value) }.joined(separator: ",") + "}" }
        return ""
    }
}
