import Markdown

/// A value and where the author wrote it, so checks can point at it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A relative link from a document to another content file.
public struct ContentLink: Sendable, Hashable {
    /// The destination as written.
    public var destination: String
    /// The target's path inside the content folder, once resolved.
    public var target: String?
    /// Where the target is published, or nil when it does not exist or is not published.
    public var route: Route?
    public var fragment: String?
    public var isImage: Bool
    public var location: SourceLocation
    /// Why the link could not be resolved.
    public var problem: Problem?

    public enum Problem: Sendable, Hashable {
        case missing, outsideContent, notPublished
    }
}

/// One level-2 section of a body (or the text before the first one).
///
/// Its parts live in one box, copied only when a shared section is changed:
/// a section is copied wherever a body is read (a loop over the sections, a
/// section bound to a name), and such a copy is one reference instead of the
/// dozen strings and arrays of a heading, its blocks and its place.
public struct BodySection: Sendable, Hashable {
    /// Changed only while no other section refers to it (``unique()``).
    private final class Storage: @unchecked Sendable {
        var heading: MarkdownHeading?
        var blocks: [MarkdownBlock]
        var markdownRange: Range<Int>
        var location: SourceLocation
        var facilitatorHeading: ModuleTask.HeadingMatch

        init(
            heading: MarkdownHeading?, blocks: [MarkdownBlock], markdownRange: Range<Int>, location: SourceLocation,
            facilitatorHeading: ModuleTask.HeadingMatch
        ) {
            self.heading = heading
            self.blocks = blocks
            self.markdownRange = markdownRange
            self.location = location
            self.facilitatorHeading = facilitatorHeading
        }

        func copy() -> Storage {
            Storage(
                heading: heading, blocks: blocks, markdownRange: markdownRange, location: location, facilitatorHeading: facilitatorHeading)
        }
    }

    private var storage: Storage

    /// The box, copied first if another section shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// nil for the text before the first level-2 heading.
    public var heading: MarkdownHeading? {
        get { storage.heading }
        set {
            let storage = unique()
            storage.heading = newValue
            storage.facilitatorHeading = Self.facilitatorMatch(newValue)
        }
    }
    public var blocks: [MarkdownBlock] {
        get { storage.blocks }
        _modify {
            let storage = unique()
            yield &storage.blocks
        }
    }
    /// Where the section's Markdown is in its document's body text (UTF-8
    /// offsets), without its heading line. The text itself is read again
    /// from the file when an output needs it (``Body/markdownReader()``): only
    /// `catalogue.json` does, and keeping it was 0.45 GB at 100,000 practices.
    public var markdownRange: Range<Int> {
        get { storage.markdownRange }
        set { unique().markdownRange = newValue }
    }
    public var location: SourceLocation {
        get { storage.location }
        set { unique().location = newValue }
    }
    /// A `## Facilitator notes` section (or a heading a letter or two from
    /// it): for facilitators only, wherever the body is shown. Decided once,
    /// from the heading, when the section is made.
    public var isFacilitatorOnly: Bool { facilitatorHeading != .none }
    /// How the heading matches `## Facilitator notes`: exactly, nearly (a
    /// slip, which the checks point out) or not at all.
    public var facilitatorHeading: ModuleTask.HeadingMatch { storage.facilitatorHeading }

    private static func facilitatorMatch(_ heading: MarkdownHeading?) -> ModuleTask.HeadingMatch {
        heading.map { ModuleTask.facilitatorHeadingMatch($0.text) } ?? .none
    }

    public init(heading: MarkdownHeading?, blocks: [MarkdownBlock], markdownRange: Range<Int> = 0..<0, location: SourceLocation) {
        storage = Storage(
            heading: heading, blocks: blocks, markdownRange: markdownRange, location: location,
            facilitatorHeading: Self.facilitatorMatch(heading))
    }

    public static func == (a: BodySection, b: BodySection) -> Bool {
        a.storage === b.storage
            || (a.heading == b.heading && a.blocks == b.blocks && a.markdownRange == b.markdownRange && a.location == b.location)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(heading)
        hasher.combine(blocks)
        hasher.combine(markdownRange)
        hasher.combine(location)
    }

    /// True when the section has no text an author wrote (an HTML comment,
    /// such as the guidance `trellis new practice` writes, does not count).
    public var isEmpty: Bool { blocks.allSatisfy { !$0.hasText && !$0.segments.hasImage } }
    /// The section's text for excerpts, feeds, search and metadata: every
    /// block but `[!FACILITATOR]` ones, which never leave the facilitator's
    /// outputs.
    public var plainText: String { blocks.filter { $0.kind != .facilitator }.map(\.text).joined(separator: " ") }
}

/// A document's Markdown body: parsed once, split at level-2 headings.
public struct Body: Sendable, Hashable {
    public var intro: BodySection
    public var sections: [BodySection]
    /// The footnote definitions, if any.
    public var footnotes: HTMLSegments?
    /// Relative links to content files; each output resolves them with its
    /// own rules (``HTMLSegments/Part/link(attribute:index:)`` is an index here).
    public var links: [ContentLink]
    /// Links to other sites, as written.
    public var externalLinks: [Located<String>]
    /// The file the body was read from, to read its sections' Markdown
    /// again (nil for a body Trellis makes itself).
    public var source: SourceRef? = nil
}

/// A learning outcome of a module.
public struct Outcome: Sendable, Hashable {
    public var id: String
    public var domain: String
    public var text: String
    public var location: SourceLocation
}

/// A phase of a module's task sequence.
public struct Phase: Sendable, Hashable {
    public var id: String
    public var title: String
    public var weeks: String?
    public var location: SourceLocation
}

/// A Virtual Exchange module: module.md and, after assembly, its tasks.
public struct Module: Sendable, Hashable {
    public var id: String
    public var file: SourceFile
    public var title: String
    public var summary: String
    public var audience: [Located<String>]
    /// How long the module runs in the calendar ("6 weeks"), shown as written.
    public var duration: Located<String>?
    /// The expected effort ("20 h"): what the tasks' summed effort is checked against.
    public var workload: Located<String>?
    public var languages: [String]
    public var configuration: String?
    public var outcomes: [Outcome]
    public var phases: [Phase]
    public var practices: [Located<String>]
    public var authors: [String]
    public var license: String?
    public var updated: String?
    public var body: Body
    /// In sequence order (numeric prefix), filled by assembly.
    public var tasks: [ModuleTask] = []
    /// Practices that list this module in their `modules`, filled by assembly.
    public var citedBy: [String] = []

    public var route: Route { .module(id) }

    /// The effort of all tasks: only durations in minutes or hours count;
    /// time windows (days, weeks) are never added up.
    public func totalEffort() -> Effort {
        ModuleTask.totalEffort(tasks)
    }

    /// The task sequence as pages and packages show it: one group per phase,
    /// in order (a phase may have no task yet), then the tasks that name no
    /// phase of the module, as "Other tasks" (or "Tasks" when the module has
    /// no phases at all).
    public var taskGroups: [TaskGroup] {
        var groups = phases.map { phase in TaskGroup(phase: phase, title: phase.title, tasks: tasks.filter { $0.phase?.value == phase.id }) }
        let unphased = tasks.filter { task in !phases.contains { $0.id == task.phase?.value } }
        if !unphased.isEmpty { groups.append(TaskGroup(phase: nil, title: phases.isEmpty ? "Tasks" : "Other tasks", tasks: unphased)) }
        return groups
    }
}

/// A phase of a module's sequence and its tasks, or the tasks without one.
public struct TaskGroup: Sendable {
    /// nil for the tasks that name no phase of the module.
    public var phase: Phase?
    public var title: String
    public var tasks: [ModuleTask]
}

/// One task of a module's sequence.
public struct ModuleTask: Sendable, Hashable {
    public var id: String
    public var moduleID: String
    /// The numeric prefix of the file name.
    public var number: Int
    public var file: SourceFile
    public var title: String
    public var type: Located<String>?
    public var phase: Located<String>?
    /// Effort in minutes or hours, or a time window in days or weeks (see ``Duration``).
    public var duration: Located<String>?
    public var mode: Located<String>?
    public var grouping: Located<String>?
    public var complexity: Located<Int>?
    public var outcomes: [Located<String>]
    public var tools: [String]
    public var body: Body

    public var route: Route { .task(module: moduleID, task: id) }

    /// The number as pages and handbooks show it: two digits at least (`01`).
    public var displayNumber: String { number < 10 ? "0\(number)" : "\(number)" }

    /// The duration read, or nil when there is none or it cannot be read.
    public var parsedDuration: Duration? { duration.flatMap { Duration($0.value) } }

    /// The summed effort of `tasks`; time windows and unreadable durations do not count.
    public static func totalEffort(_ tasks: [ModuleTask]) -> Effort {
        tasks.compactMap { $0.parsedDuration?.effort }.reduce(.zero, +)
    }

    /// `## Facilitator notes` sections are for facilitators only. A heading
    /// a letter or two away (`## Facilitator note`, `## Facilitators notes`)
    /// counts too, with a warning: a slip must not show the notes to
    /// participants.
    public static func isFacilitatorHeading(_ text: String) -> Bool {
        facilitatorHeadingMatch(text) != .none
    }

    public enum HeadingMatch: Sendable { case exact, near, none }

    /// "## Facilitator notes" in every built-in language (a translation's
    /// facilitator notes stay as private as the original's).
    static let facilitatorHeadings: Set<String> = Set(
        Strings.builtInLanguages.compactMap { language in
            Strings.builtInText("facilitator_notes_heading", language: language).map(PracticeTemplate.normalize)
        })

    public static func facilitatorHeadingMatch(_ text: String) -> HeadingMatch {
        let normal = PracticeTemplate.normalize(text)
        if normal == "facilitator notes" || facilitatorHeadings.contains(normal) { return .exact }
        guard normal.hasPrefix("facilitator"), abs(normal.count - 17) <= 2 else { return .none }
        return Suggestion.editDistance(Array(normal), Array("facilitator notes")) <= 2 ? .near : .none
    }
}

/// A good-practice entry.
///
/// Its fields sit in one shared box, copied only when a copy is changed: a
/// catalogue hands practices around by the thousand (to pages, books,
/// exports and every worker), and copying the struct was a retain per
/// field each time. Fields are read and set as before (`practice.title`).
@dynamicMemberLookup
public struct Practice: Sendable, Hashable {
    public struct Fields: Sendable, Hashable {
        public var id: String
        public var file: SourceFile
        public var title: String
        public var country: Country?
        public var organisation: String?
        public var sector: Located<String>?
        public var tags: [String]
        public var year: Int?
        public var website: String?
        public var modules: [Located<String>]
        public var status: String?
        public var updated: String?
        public var body: Body
        /// Sections in template order, filled by assembly.
        public var sections: [PracticeSection] = []
        /// Level-2 sections the template does not name: kept and shown after the others.
        public var extraSections: [BodySection] = []
        /// Modules that list this practice in their `practices`, filled by assembly.
        public var citedBy: [String] = []
    }

    /// Changed only while no other practice shares it.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(
        id: String, file: SourceFile, title: String, country: Country?, organisation: String?, sector: Located<String>?, tags: [String],
        year: Int?, website: String?, modules: [Located<String>], status: String?, updated: String?, body: Body,
        sections: [PracticeSection] = [], extraSections: [BodySection] = [], citedBy: [String] = []
    ) {
        box = Box(
            Fields(
                id: id, file: file, title: title, country: country, organisation: organisation, sector: sector, tags: tags, year: year,
                website: website, modules: modules, status: status, updated: updated, body: body, sections: sections,
                extraSections: extraSections, citedBy: citedBy))
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            box.fields[keyPath: field] = newValue
        }
    }

    public static func == (a: Practice, b: Practice) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    public var route: Route { .practice(self.id) }
}

/// A practice section matched to its template section.
///
/// The template's section is held by reference, one object for all the
/// practices that follow the template: a catalogue copies its practices'
/// sections in every output, and a copy of the section's own fields was a
/// retain for each of them.
public struct PracticeSection: Sendable, Hashable {
    private var shared: PracticeTemplate.SharedSection
    public var template: PracticeTemplate.Section {
        get { shared.value }
        set { shared = PracticeTemplate.SharedSection(newValue) }
    }
    public var content: BodySection?

    public init(template: PracticeTemplate.Section, content: BodySection?) {
        self.init(shared: PracticeTemplate.SharedSection(template), content: content)
    }

    init(shared: PracticeTemplate.SharedSection, content: BodySection?) {
        self.shared = shared
        self.content = content
    }

    public static func == (a: PracticeSection, b: PracticeSection) -> Bool {
        (a.shared === b.shared || a.shared.value == b.shared.value) && a.content == b.content
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(shared.value)
        hasher.combine(content)
    }
}

/// A free page (pages/<slug>.md) or the home page introduction (index.md).
public struct Page: Sendable, Hashable {
    public var id: String
    public var file: SourceFile
    public var title: String
    public var body: Body
    /// True for index.md, the home page introduction.
    public var isHome: Bool = false

    public var route: Route { isHome ? .home : .page(id) }
}
