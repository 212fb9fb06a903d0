/// A view model a template renders: the renderers read its fields through
/// ``TemplateFields/value(named:)`` (swift-mustache through
/// ``MustacheFields``), and the template checker through ``templateFields``.
/// Both are generated (`scripts/generate-view-lookups`).
public protocol TemplateView: TemplateFields, TemplateValueConvertible, Sendable {
    /// Every field a template may name, with the view type it holds (alone,
    /// in a list, or optional) or nil for plain values.
    static var templateFields: [String: (any TemplateView.Type)?] { get }
}

/// A template of the theme, tied to the view type it renders, so a page
/// cannot be rendered with the wrong view and every template (built-in or
/// override) is checked against its view's fields when the theme loads.
public struct Template<View: TemplateView>: Sendable {
    public let name: String
}

extension Template where View == LayoutView { public static var layout: Self { .init(name: "layout") } }
extension Template where View == HomeView { public static var home: Self { .init(name: "home") } }
extension Template where View == ModuleListView { public static var modules: Self { .init(name: "modules") } }
extension Template where View == ModuleView { public static var module: Self { .init(name: "module") } }
extension Template where View == TaskView { public static var task: Self { .init(name: "task") } }
extension Template where View == CatalogueView { public static var catalogue: Self { .init(name: "catalogue") } }
extension Template where View == PracticeView { public static var practice: Self { .init(name: "practice") } }
extension Template where View == PageView { public static var page: Self { .init(name: "page") } }
extension Template where View == NotFoundView { public static var notFound: Self { .init(name: "not-found") } }
extension Template where View == FacetPageView { public static var facet: Self { .init(name: "facet") } }
extension Template where View == RelatedPracticesView { public static var related: Self { .init(name: "related") } }
extension Template where View == PracticeFormView { public static var practiceForm: Self { .init(name: "practice-form") } }
extension Template where View == HandbookView { public static var handbook: Self { .init(name: "handbook") } }
extension Template where View == PracticeCard { public static var practiceCard: Self { .init(name: "practice-card") } }
extension Template where View == ModuleCard { public static var moduleCard: Self { .init(name: "module-card") } }

extension Theme {
    /// Every template Trellis renders and the view it gets. Templates not
    /// listed here are partials, checked where they are included.
    static let views: [String: any TemplateView.Type] = Dictionary(
        uniqueKeysWithValues: [
            Template<LayoutView>.layout.entry, Template<HomeView>.home.entry, Template<ModuleListView>.modules.entry,
            Template<ModuleView>.module.entry, Template<TaskView>.task.entry, Template<CatalogueView>.catalogue.entry,
            Template<PracticeView>.practice.entry, Template<PageView>.page.entry, Template<NotFoundView>.notFound.entry,
            Template<FacetPageView>.facet.entry, Template<RelatedPracticesView>.related.entry, Template<PracticeFormView>.practiceForm.entry,
            Template<HandbookView>.handbook.entry, Template<PracticeCard>.practiceCard.entry, Template<ModuleCard>.moduleCard.entry,
        ])
}

extension Template {
    /// The template's name and view type, for checking it.
    var entry: (String, any TemplateView.Type) { (name, View.self) }
}

/// Checks a Mustache template against the view it renders: every name in a
/// tag must be a field of the view, or of a view the enclosing sections
/// opened (Mustache looks names up through the open sections, innermost
/// first). An unknown name renders blank, so it is a warning with the
/// template's file and line.
struct TemplateChecker {
    /// Template sources by name (without `.mustache`), for partials.
    let sources: [String: String]
    /// Where each template comes from, for messages.
    let origin: (String) -> String

    struct Finding: Equatable {
        var template: String
        var line: Int
        var column: Int
        var name: String
    }

    /// Every template against its view. A partial several templates
    /// include is checked with each, and a finding in it is said once.
    func check(_ views: [String: any TemplateView.Type]) -> [Diagnostic] {
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for (name, view) in views.sorted(by: { $0.key < $1.key }) { diagnostics += check(name, view: view, seen: &seen) }
        return diagnostics
    }

    private func check(_ template: String, view: any TemplateView.Type, seen: inout Set<String>) -> [Diagnostic] {
        var findings: [Finding] = []
        check(template, stack: [LocalizedFields.self, view], depth: 0, into: &findings)
        return findings.compactMap { finding in
            guard seen.insert("\(finding.template):\(finding.line):\(finding.column)").inserted else { return nil }
            let fields = view.templateFields.keys.sorted()
            return .warning(
                "template-unknown-field", at: SourceLocation(path: origin(finding.template), line: finding.line, column: finding.column),
                "'\(finding.name)' is not a field of what the template '\(finding.template)' renders; it will be blank",
                hint: Suggestion.closest(to: finding.name, in: fields).map { "did you mean '\($0)'?" }
                    ?? "see docs/templates.md for the fields of each template")
        }
    }

    /// One frame per open section: the view it opened, or nil for a plain
    /// value (a list of strings, a flag), through which names pass outward.
    private func check(_ template: String, stack initial: [(any TemplateView.Type)?], depth: Int, into findings: inout [Finding]) {
        guard depth < 8, let source = sources[template] else { return }
        var stack = initial
        for tag in Self.tags(in: source) {
            switch tag.kind {
            case .comment, .pragma, .delimiters:
                if tag.kind == .delimiters { return }  // custom delimiters: not checked
                continue
            case .partial:
                check(tag.name, stack: stack, depth: depth + 1, into: &findings)
            case .close:
                if stack.count > 1 { stack.removeLast() }
            case .open, .inverted, .variable:
                let name = Self.fieldName(tag.name)
                var held: (any TemplateView.Type)?? = nil
                // `.` is the item itself; an empty name is the list position (`first()`, `last()`, `index()`).
                if name != ".", !name.isEmpty {
                    held = resolve(name, in: stack)
                    if held == nil { findings.append(Finding(template: template, line: tag.line, column: tag.column, name: name)) }
                }
                if tag.kind == .open { stack.append(held ?? nil) } else if tag.kind == .inverted { stack.append(nil) }
            }
        }
    }

    /// The field's view type (`.some(nil)` for a plain value), or nil when no open view has it.
    private func resolve(_ dotted: String, in stack: [(any TemplateView.Type)?]) -> (any TemplateView.Type)?? {
        let parts = dotted.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        var found: (any TemplateView.Type)?? = nil
        for frame in stack.reversed() {
            if let view = frame, let field = view.templateFields[first] {
                found = .some(field)
                break
            }
        }
        guard var current = found else { return nil }
        for part in parts.dropFirst() {
            guard let view = current, let field = view.templateFields[part] else { return nil }
            current = field
        }
        return .some(current)
    }

    /// `empty(facts)` → `facts`: swift-mustache's transforms take a field.
    static func fieldName(_ text: String) -> String {
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            return String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    enum Kind { case variable, open, inverted, close, partial, comment, pragma, delimiters }

    struct Tag {
        var kind: Kind
        var name: String
        var line: Int
        var column: Int
    }

    /// The tags of a template with their 1-based line and column.
    static func tags(in source: String) -> [Tag] {
        var tags: [Tag] = []
        let bytes = Array(source.utf8)
        var index = 0
        var line = 1
        var lineStart = 0
        func at(_ i: Int, _ literal: String) -> Bool {
            let pattern = Array(literal.utf8)
            return i + pattern.count <= bytes.count && Array(bytes[i..<(i + pattern.count)]) == pattern
        }
        while index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard at(index, "{{") else {
                index += 1
                continue
            }
            let triple = at(index, "{{{")
            let start = index + (triple ? 3 : 2)
            let closing = triple ? "}}}" : "}}"
            var end = start
            while end < bytes.count, !at(end, closing) { end += 1 }
            guard end < bytes.count else { break }
            var body = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            var kind = Kind.variable
            if !triple, let first = body.first {
                switch first {
                case "!": kind = .comment
                case "%": kind = .pragma
                case "=": kind = .delimiters
                case "#": kind = .open
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "&": kind = .variable
                default: break
                }
                if kind != .variable || first == "&" { body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces) }
            }
            tags.append(Tag(kind: kind, name: body, line: line, column: index - lineStart + 1))
            for byte in bytes[index..<end] where byte == 0x0A { line += 1 }
            index = end + closing.utf8.count
        }
        return tags
    }
}
