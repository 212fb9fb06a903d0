import Foundation
import Yams

/// New files shaped by the SPEC: `trellis new` and `trellis init`.
/// Nothing is ever overwritten.
public enum Scaffold {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ text: String) { description = text }
    }

    /// A practice file following the template. Each section holds its
    /// guidance as a comment (so `check` reports required sections as
    /// empty until they are written), or, with `placeholders`, as
    /// `Replace this: …` text (a `placeholder-text` warning until replaced).
    public static func practice(
        title: String, country: String?, template: PracticeTemplate, today: String,
        placeholders: Bool = false
    ) -> (id: String, markdown: String) {
        let id = PracticeImporter.makeID(title)
        var text = "---\ntitle: \(PracticeImporter.yamlString(title))\n"
        text += "country: \(PracticeImporter.yamlString(country ?? "XX"))\n"
        text += "organisation: \"\"\nsector: \ntags: []\nyear: \nwebsite: \nmodules: []\nstatus: \nupdated: \(today)\n---\n"
        for section in template.sections {
            text += "\n## \(section.heading)\n\n"
            if placeholders {
                text += Placeholder.text(section.guidance ?? "write this section.") + "\n"
            } else {
                text += "<!-- \(section.guidance ?? "Write this section.")\(section.required ? " (required)" : "") -->\n"
            }
        }
        return (id, text)
    }

    /// Lines `key: value` with their comments lined up after the values.
    static func commented(_ lines: [(String, String?)]) -> String {
        let width = lines.filter { $0.1 != nil }.map(\.0.count).max() ?? 0
        return lines.map { line, comment in
            guard let comment else { return line + "\n" }
            return line + String(repeating: " ", count: max(1, width - line.count + 2)) + "# " + comment + "\n"
        }.joined()
    }

    /// A phase of a new module: id, title and the calendar weeks it spans.
    public typealias PhaseDraft = (id: String, title: String, weeks: String)

    public static let defaultPhases: [PhaseDraft] = [
        ("getting-started", "Getting started", "1-2"), ("working-together", "Working together", "3-4"), ("looking-back", "Looking back", "5-6"),
    ]

    /// A new module.md: every key, `Replace this: …` where the author must
    /// write, comments saying what each key means.
    public static func module(
        id: String, today: String, duration: String = "6 weeks", workload: String = "18 h",
        phases: [PhaseDraft] = defaultPhases, practices: [String] = []
    ) -> String {
        var text = "---\n"
        text += commented([
            ("title: \(PracticeImporter.yamlString(Vocabularies.label(id)))", nil),
            ("summary: \(PracticeImporter.yamlString(Placeholder.text("one or two sentences on what participants do and gain.")))", nil),
            ("audience: [pre-service, in-service]", "pre-service, in-service, expert"),
            ("duration: \(duration)", "how long the module runs in the calendar"),
            ("workload: \(workload)", "the hours of work expected of a participant; the tasks' durations are checked against it"),
            ("languages: [English]", nil),
            ("configuration: \"Teacher as Mentor\"", nil),
        ])
        text += "outcomes:\n"
        text +=
            "  - {id: lo1, domain: disciplinary, text: \(PracticeImporter.yamlString(Placeholder.text("what participants will be able to do.")))}\n"
        text += "  - {id: lo2, domain: digital, text: \(PracticeImporter.yamlString(Placeholder.text("a digital skill participants practise.")))}\n"
        text +=
            "  - {id: lo3, domain: intercultural, text: \(PracticeImporter.yamlString(Placeholder.text("an intercultural skill participants practise.")))}\n"
        text += "phases:\n"
        for phase in phases {
            text += "  - {id: \(phase.id), title: \(PracticeImporter.yamlString(phase.title)), weeks: \"\(phase.weeks)\"}\n"
        }
        text += "practices: [\(practices.joined(separator: ", "))]\nauthors: []\nupdated: \(today)\n---\n\n"
        text += "## Overview\n\n" + Placeholder.text("what the module is for, who takes part and how the exchange is organised.") + "\n"
        return text
    }

    /// A new task file: every key, with comments listing the allowed values,
    /// and `Replace this: …` sections.
    public static func task(
        title: String, type: String = "information-exchange", phase: String?, phases: [String] = [],
        duration: String = "90 min", mode: String = "synchronous", grouping: String = "small-groups",
        complexity: Int = 1, outcomes: [String]
    ) -> String {
        var lines: [(String, String?)] = [
            ("title: \(PracticeImporter.yamlString(title))", nil),
            ("type: \(type)", Vocabularies.builtIn.taskTypes.joined(separator: ", ")),
        ]
        if let phase {
            lines.append(("phase: \(phase)", phases.isEmpty ? "a phase of the module" : "a phase of the module: \(phases.joined(separator: ", "))"))
        }
        lines += [
            ("duration: \(duration)", "work: 90 min, 2 h (added up); or a time window: 3 days, 1 week"),
            ("mode: \(mode)", "synchronous (live) or asynchronous"),
            ("grouping: \(grouping)", Vocabularies.builtIn.groupings.joined(separator: ", ")),
            ("complexity: \(complexity)", "1, 2 or 3"),
            ("outcomes: [\(outcomes.joined(separator: ", "))]", "ids of the module's outcomes"),
            ("tools: []", nil),
        ]
        var text = "---\n" + commented(lines) + "---\n\n"
        text += "## Instructions\n\n" + Placeholder.text("what participants do, step by step.") + "\n\n"
        text +=
            "## Facilitator notes\n\n"
            + Placeholder.text("what facilitators should watch for. Participants never see this section in their handbook.") + "\n"
        return text
    }

    /// The phase a new task of the module in `moduleDirectory` goes in.
    ///
    /// `requested` must be one of the module's phases. Without it: the phase
    /// of the module's last task that names one, or else the first phase;
    /// nil when the module has no phases. Also returns the module's phase ids.
    public static func taskPhase(in moduleDirectory: String, requested: String?) throws -> (phase: String?, phases: [String]) {
        let phases = phaseIDs(ofModuleText: (try? String(contentsOfFile: "\(moduleDirectory)/module.md", encoding: .utf8)) ?? "")
        if let requested {
            guard phases.contains(requested) else {
                throw Failure(
                    phases.isEmpty
                        ? "the module in \(moduleDirectory) has no phases; add 'phases:' to its module.md or leave out --phase"
                        : "the module in \(moduleDirectory) has no phase '\(requested)'; \(Suggestion.hint(for: requested, in: phases))")
            }
            return (requested, phases)
        }
        guard let first = phases.first else { return (nil, phases) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: moduleDirectory)) ?? [])
            .compactMap { name -> (Int, String)? in
                // Tasks only: "NN-slug.md", not translations ("NN-slug.es.md").
                guard name.hasSuffix(".md"), name.dropLast(3).firstIndex(of: ".") == nil else { return nil }
                let digits = name.prefix(while: { $0.isASCII && $0.isNumber })
                return Int(digits).map { ($0, name) }
            }
            .sorted { $0 < $1 }
        for (_, name) in names.reversed() {
            let text = (try? String(contentsOfFile: "\(moduleDirectory)/\(name)", encoding: .utf8)) ?? ""
            if let phase = value(frontMatter(text), "phase")?.scalar?.string, phases.contains(phase) { return (phase, phases) }
        }
        return (first, phases)
    }

    /// The phase ids of a module.md, in order; empty when it has none or cannot be read.
    static func phaseIDs(ofModuleText text: String) -> [String] {
        guard let list = value(frontMatter(text), "phases")?.sequence else { return [] }
        return list.compactMap { value($0, "id")?.scalar?.string }
    }

    /// The value of `key` in a mapping node, compared as text.
    static func value(_ node: Node?, _ key: String) -> Node? {
        node?.mapping?.first { $0.key.scalar?.string == key }?.value
    }

    /// The YAML between the first two `---` lines, or nil.
    static func frontMatter(_ text: String) -> Node? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return nil }
        return try? Yams.compose(yaml: lines[1..<end].joined(separator: "\n"), .basic)
    }

    /// The next free number for a task in `moduleDirectory` ("04").
    public static func nextTaskNumber(in moduleDirectory: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: moduleDirectory)) ?? []
        let numbers = names.compactMap { name -> Int? in
            guard name.hasSuffix(".md") else { return nil }
            let digits = name.prefix(while: { $0.isASCII && $0.isNumber })
            return digits.isEmpty ? nil : Int(digits)
        }
        let next = (numbers.max() ?? 0) + 1
        return next < 10 ? "0\(next)" : "\(next)"
    }

    /// Writes `text` to `path`, creating folders; refuses to overwrite.
    public static func create(_ path: String, _ text: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            throw Failure("\(path) already exists; Trellis never overwrites it")
        }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
    }

    public static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    /// A small working site: settings, a home page, one module with three
    /// tasks, two practices and an About page. Where the author must write,
    /// the text starts with `Replace this:`, so `trellis check` gives exactly
    /// one `placeholder-text` warning for each such place and nothing else.
    public static func starterSite(title: String, today: String) -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        files.append(
            (
                "site.yml",
                "title: \(PracticeImporter.yamlString(title))\ndescription: \"Virtual Exchange modules and good practices for teacher education.\"\nlanguage: en\nlicense: CC BY 4.0\n"
            ))
        files.append(
            (
                "index.md",
                "---\ntitle: \(PracticeImporter.yamlString(title))\n---\n\nWelcome. This site collects Virtual Exchange modules and good practices for teachers. Start with the [first module](modules/first-module/module.md) or browse the good practices.\n"
            ))
        // Three weeks, about two hours of work a week: the tasks add up to 5 h 30 min.
        let phases: [PhaseDraft] = [
            ("getting-started", "Getting started", "1"), ("working-together", "Working together", "2"), ("looking-back", "Looking back", "3"),
        ]
        let ids = phases.map(\.id)
        files.append(
            (
                "modules/first-module/module.md",
                module(id: "first-module", today: today, duration: "3 weeks", workload: "6 h", phases: phases, practices: ["partner-classes"])
            ))
        files.append(
            (
                "modules/first-module/01-introductions.md",
                task(title: "Introduce yourselves", phase: "getting-started", phases: ids, duration: "90 min", outcomes: ["lo3"])
            ))
        files.append(
            (
                "modules/first-module/02-plan-together.md",
                task(
                    title: "Plan an activity together", type: "collaboration", phase: "working-together", phases: ids,
                    duration: "3 h", mode: "asynchronous", complexity: 2, outcomes: ["lo1", "lo2"])
            ))
        files.append(
            (
                "modules/first-module/03-reflect.md",
                task(
                    title: "Reflect on the exchange", type: "reflection", phase: "looking-back", phases: ids,
                    duration: "1 h", mode: "asynchronous", grouping: "individual", outcomes: ["lo1", "lo3"])
            ))
        for (id, name, country) in [
            ("partner-classes", "Partner classes by video chat", "NL"), ("etwinning-pilot", "A school pilot on eTwinning", "FI"),
        ] {
            var text = practice(title: name, country: country, template: .builtIn, today: today, placeholders: true).markdown
            text = text.replacingOccurrences(of: "sector: \n", with: "sector: school\n")
                .replacingOccurrences(of: "year: \n", with: "year: 2024\n")
                .replacingOccurrences(of: "website: \n", with: "")
                .replacingOccurrences(of: "status: \n", with: "status: established\n")
                .replacingOccurrences(
                    of: "organisation: \"\"", with: "organisation: \(PracticeImporter.yamlString(Placeholder.text("the school or organisation.")))"
                )
                .replacingOccurrences(of: "tags: []", with: "tags: [virtual-exchange]")
            files.append(("practices/\(id).md", text))
        }
        files.append(("pages/about.md", "---\ntitle: About\n---\n\n" + Placeholder.text("who publishes this site, and how to contact them.") + "\n"))
        return files
    }
}
