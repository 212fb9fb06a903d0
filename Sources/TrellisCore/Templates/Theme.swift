import Foundation
import Mustache

/// The Mustache templates and stylesheet pages are rendered with: the
/// built-in theme compiled into the binary, with any file of the same name
/// in the site's `templates/` folder taking its place.
public struct Theme: Sendable {
    /// Page templates every theme has; partials may be added freely.
    public static let pageTemplates = [
        "layout", "home", "modules", "module", "task", "catalogue", "practice", "page", "not-found", "facet", "practice-form", "handbook",
        "related",
    ]
    /// Stylesheets a site may replace.
    public static let stylesheets = ["trellis.css", "handbook.css", "epub.css"]

    let library: MustacheLibrary
    /// The same templates for Trellis's renderer; nil when a template uses
    /// what it leaves to swift-mustache (see ``MustacheProgram``).
    let program: MustacheProgram?
    /// Stylesheets by file name (see ``stylesheets``).
    public let styles: [String: String]
    public var stylesheet: String { styles["trellis.css"] ?? "" }
    /// Names of the files taken from `templates/`.
    public let overridden: [String]
    /// Every id a page may carry besides heading anchors: those written in
    /// the templates (built-in or overrides) and those Trellis writes itself.
    public let reservedIDs: Set<String>

    /// Ids Trellis's own code writes (handbooks, scripts), whatever the templates.
    static let codeIDs: Set<String> = Set(
        [
            "top", "site-nav", "tasks", "footnotes", "search", "sections", "related", "facets-title", "task-outcomes",
            "outcomes", "sequence",
        ] + (1...99).map(phaseAnchor))

    /// The module page's anchor for its `number`th phase of tasks (a heading
    /// "Phase 1 tasks" in the module's text gets another id).
    static func phaseAnchor(_ number: Int) -> String { "phase-\(number)-tasks" }

    /// The reserved ids of the built-in theme (for callers without a theme).
    static let builtInReservedIDs: Set<String> = {
        var ids = codeIDs
        for (name, bytes) in BuiltinTheme.files where name.hasSuffix(".mustache") {
            ids.formUnion(literalIDs(in: String(decoding: bytes, as: UTF8.self)))
        }
        return ids
    }()

    /// The `id="…"` values of a template that are plain text (no tag inside).
    static func literalIDs(in template: String) -> Set<String> {
        var ids: Set<String> = []
        var rest = Substring(template)
        while let range = rest.range(of: "id=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let value = rest[..<end]
            if !value.isEmpty, !value.contains("{"), !value.contains(" ") { ids.insert(String(value)) }
            rest = rest[end...]
        }
        return ids
    }

    /// Loads the built-in theme and the overrides in `directory` (if it exists).
    public static func load(overrides directory: String?, displayDirectory: String) -> (Theme?, [Diagnostic]) {
        load(overrides: directory, displayDirectory: displayDirectory, renderer: .fastest)
    }

    /// Which renderer a theme uses: Trellis's own wherever it reads every
    /// template, or swift-mustache (the reference, which tests compare with).
    enum Renderer: Sendable { case fastest, reference }

    static func load(overrides directory: String?, displayDirectory: String, renderer: Renderer) -> (Theme?, [Diagnostic]) {
        var sources: [String: String] = [:]
        for (name, bytes) in BuiltinTheme.files { sources[name] = String(decoding: bytes, as: UTF8.self) }
        var diagnostics: [Diagnostic] = []
        var overridden: [String] = []
        if let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for name in names.sorted() where !name.hasPrefix(".") {
                let display = "\(displayDirectory)/\(name)"
                guard name.hasSuffix(".mustache") || Self.stylesheets.contains(name) else {
                    diagnostics.append(
                        .warning(
                            "stray-template", at: SourceLocation(path: display),
                            "'\(name)' is not a template; it is ignored",
                            hint: "templates end in .mustache; the stylesheets are \(Self.stylesheets.joined(separator: ", "))"))
                    continue
                }
                guard let data = FileManager.default.contents(atPath: "\(directory)/\(name)"),
                    let text = String(data: data, encoding: .utf8)
                else {
                    diagnostics.append(.error("unreadable", at: SourceLocation(path: display), "cannot read the template as UTF-8 text"))
                    continue
                }
                if name.hasSuffix(".mustache"), sources[name] == nil, !name.hasPrefix("_") {
                    diagnostics.append(
                        .warning(
                            "unknown-template", at: SourceLocation(path: display),
                            "'\(name)' does not replace a built-in template; it can only be used as a partial",
                            hint: Suggestion.closest(to: name, in: Array(sources.keys)).map { "did you mean '\($0)'?" }
                                ?? "built-in templates: \(pageTemplates.map { "\($0).mustache" }.joined(separator: ", "))"))
                }
                sources[name] = text
                overridden.append(name)
            }
        }
        var library = MustacheLibrary()
        MustacheContentTypes.register(FastHTMLEscaping(), named: FastHTMLEscaping.name)
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            do {
                // Same escaping as Mustache's HTML default (& < > " '), done on bytes.
                try library.register(FastHTMLEscaping.pragma + text, named: String(name.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                let origin = overridden.contains(name) ? "\(displayDirectory)/\(name)" : "built-in \(name)"
                // Line numbers as the author sees them: without the pragma line added above.
                var (message, hint) = Self.explain(error.error)
                if let sections = Self.unbalancedSection(in: text) { message += ": " + sections }
                diagnostics.append(
                    .error(
                        "template-syntax",
                        at: SourceLocation(path: origin, line: max(error.context.lineNumber - 1, 1), column: error.context.columnNumber),
                        "the template cannot be read: \(message)", hint: hint))
            } catch {
                diagnostics.append(.error("template-syntax", at: SourceLocation(path: name), "the template cannot be read: \(error)"))
            }
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        // Every template against the view it renders: a misspelt field renders blank.
        var templates: [String: String] = [:]
        for (name, text) in sources where name.hasSuffix(".mustache") { templates[String(name.dropLast(".mustache".count))] = text }
        let checker = TemplateChecker(sources: templates) { name in
            overridden.contains("\(name).mustache") ? "\(displayDirectory)/\(name).mustache" : "built-in \(name).mustache"
        }
        diagnostics += checker.check(views)
        var styles: [String: String] = [:]
        for name in stylesheets { styles[name] = sources[name] ?? "" }
        var reserved = codeIDs
        for (name, text) in sources where name.hasSuffix(".mustache") { reserved.formUnion(literalIDs(in: text)) }
        let program = renderer == .fastest ? try? MustacheProgram(sources: templates) : nil
        return (Theme(library: library, program: program, styles: styles, overridden: overridden, reservedIDs: reserved), diagnostics)
    }

    /// Whether the template `name` (or a partial it renders) may read
    /// `field`; always true for a theme swift-mustache renders.
    func mentions(_ field: String, in name: String) -> Bool {
        program?.mentions(field, in: name) ?? true
    }

    /// Renders a template with the view it is made for, and the interface
    /// strings as `t`.
    public func render<View: TemplateView>(_ template: Template<View>, _ view: View, _ strings: Strings) -> String {
        let root = Localized(view: view, table: StringTable(strings: strings))
        if let program { return program.render(template.name, root) }
        return library.render(MustacheFields(fields: root), withTemplate: template.name) ?? ""
    }
}

/// Mustache's HTML escaping, byte for byte the same entities, without the
/// per-character dictionary lookups (most of the render time on large sites).
struct FastHTMLEscaping: MustacheContentType {
    static let name = "TRELLIS_HTML"
    /// A standalone pragma line: it produces no output.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    func escapeText(_ text: String) -> String { HTML.escape(text) }
}

extension Theme {
    /// Which section tags do not pair up in a template's text, for the
    /// message of a section closed with another name or never closed:
    /// "{{/layout}} at line 3 closes {{#sections}}, opened at line 1". Nil
    /// when they all pair up, or when the delimiters change (the scan reads
    /// `{{ }}` only).
    static func unbalancedSection(in text: String) -> String? {
        var open: [(name: Substring, tag: String, line: Int)] = []
        for tag in TemplateChecker.tags(in: text) {
            switch tag.kind {
            case .open: open.append((tag.name[...], "{{#\(tag.name)}}", tag.line))
            case .inverted: open.append((tag.name[...], "{{^\(tag.name)}}", tag.line))
            case .variable where tag.name.hasPrefix("$") || tag.name.hasPrefix("<"):
                // A block or a parent (inheritance): closed by {{/name}} like a section.
                open.append((tag.name.dropFirst(), "{{\(tag.name)}}", tag.line))
            case .close:
                let closing = "{{/\(tag.name)}} at line \(tag.line)"
                guard let last = open.popLast() else { return "\(closing) closes no section" }
                if last.name != tag.name { return "\(closing) closes \(last.tag), opened at line \(last.line)" }
            case .delimiters: return nil
            case .variable, .partial, .comment, .pragma: break
            }
        }
        return open.last.map { "\($0.tag) at line \($0.line) is never closed" }
    }

    /// A sentence for what swift-mustache's parser found, and what to do
    /// about it: its error names (`sectionCloseNameIncorrect`) are not for
    /// the authors of themes.
    static func explain(_ error: any Error) -> (message: String, hint: String) {
        guard let error = error as? MustacheTemplate.Error else {
            return ("\(error)", "check that every {{#section}} has its {{/section}}")
        }
        switch error {
        case .sectionCloseNameIncorrect:
            return (
                "a section is closed with another name than the one it was opened with",
                "close each {{#name}} or {{^name}} with {{/name}}, the innermost first"
            )
        case .unfinishedName:
            return ("a tag is not finished", "end every tag with }} (a triple mustache {{{name}}} with }}})")
        case .expectedSectionEnd:
            return ("a section is opened and never closed", "close each {{#name}} or {{^name}} with {{/name}}")
        case .invalidSetDelimiter:
            return ("a change of delimiters is not written as Mustache expects", "write it as {{=<% %>=}}: two delimiters with a space between them")
        case .transformAppliedToInheritanceSection:
            return ("a transform such as uppercased(…) is applied to a block or a parent", "use transforms on values and sections only")
        case .illegalTokenInsideInheritSection:
            return (
                "a parent ({{<name}} … {{/name}}) holds a tag that is not a block",
                "put what the parent should show inside a block: {{$name}} … {{/name}}"
            )
        case .textInsideInheritSection:
            return ("a parent ({{<name}} … {{/name}}) holds text outside its blocks", "put the text inside a block: {{$name}} … {{/name}}")
        case .invalidConfigVariableSyntax:
            return ("a pragma ({{% … }}) is not written as Mustache expects", "write it as {{% NAME: value }}, or remove it")
        case .unrecognisedConfigVariable:
            return ("a pragma ({{% … }}) that Mustache does not know", "remove it; see docs/templates.md")
        }
    }
}
