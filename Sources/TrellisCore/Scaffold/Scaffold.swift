import Foundation

/// New files shaped by the SPEC: `trellis new` and `trellis init`.
/// Nothing is ever overwritten.
public enum Scaffold {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ text: String) { description = text }
    }

    /// A practice file following the template, each section's guidance as
    /// a comment for the author to replace.
    public static func practice(title: String, country: String?, template: PracticeTemplate, today: String) -> (id: String, markdown: String) {
        let id = PracticeImporter.makeID(title)
        var text = "---\ntitle: \(PracticeImporter.yamlString(title))\n"
        text += "country: \(PracticeImporter.yamlString(country ?? "XX"))\n"
        text += "organisation: \"\"\nsector: \ntags: []\nyear: \nwebsite: \nmodules: []\nstatus: \nupdated: \(today)\n---\n"
        for section in template.sections {
            text += "\n## \(section.heading)\n\n"
            text += "<!-- \(section.guidance ?? "Write this section.")\(section.required ? " (required)" : "") -->\n"
        }
        return (id, text)
    }

    public static func module(id: String, today: String) -> String {
        """
        ---
        title: "\(Vocabularies.label(id))"
        summary: "One or two sentences on what participants do and gain."
        audience: [pre-service, in-service]
        duration: 6 weeks
        languages: [English]
        configuration: "Teacher as Mentor"
        outcomes:
          - {id: lo1, domain: disciplinary, text: "Describe what participants will be able to do."}
          - {id: lo2, domain: digital, text: "Use a digital tool for a purpose."}
          - {id: lo3, domain: intercultural, text: "Compare two educational contexts."}
        phases:
          - {id: getting-started, title: Getting started, weeks: "1-2"}
          - {id: working-together, title: Working together, weeks: "3-4"}
          - {id: looking-back, title: Looking back, weeks: "5-6"}
        practices: []
        authors: []
        updated: \(today)
        ---

        ## Overview

        What the module is for, who takes part and how the exchange is organised.

        """
    }

    public static func task(title: String, phase: String?, outcomes: [String]) -> String {
        var text = "---\ntitle: \(PracticeImporter.yamlString(title))\n"
        text += "type: information-exchange   # information-exchange, comparison-analysis, collaboration, simulation, reflection\n"
        if let phase { text += "phase: \(phase)\n" }
        text += "duration: 90 min\nmode: synchronous           # or asynchronous\ngrouping: small-groups      # individual, pairs, small-groups, whole-group\ncomplexity: 1\n"
        text += "outcomes: [\(outcomes.joined(separator: ", "))]\ntools: []\n---\n\n"
        text += "## Instructions\n\n1. First step.\n2. Second step.\n\n## Facilitator notes\n\nWhat facilitators should watch for. Participants never see this section in their handbook.\n"
        return text
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
    /// tasks, two practices and an About page.
    public static func starterSite(title: String, today: String) -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        files.append(("site.yml", "title: \(PracticeImporter.yamlString(title))\ndescription: \"Virtual Exchange modules and good practices for teacher education.\"\nlanguage: en\nlicense: CC BY 4.0\n"))
        files.append(("index.md", "---\ntitle: \(PracticeImporter.yamlString(title))\n---\n\nWelcome. This site collects Virtual Exchange modules and good practices for teachers. Start with the [first module](modules/first-module/module.md) or browse the good practices.\n"))
        files.append(("modules/first-module/module.md", module(id: "first-module", today: today).replacingOccurrences(of: "practices: []", with: "practices: [partner-classes]")))
        files.append(("modules/first-module/01-introductions.md", task(title: "Introduce yourselves", phase: "getting-started", outcomes: ["lo3"])))
        files.append(("modules/first-module/02-plan-together.md", task(title: "Plan an activity together", phase: "working-together", outcomes: ["lo1", "lo2"])
            .replacingOccurrences(of: "type: information-exchange", with: "type: collaboration")))
        files.append(("modules/first-module/03-reflect.md", task(title: "Reflect on the exchange", phase: "looking-back", outcomes: ["lo1", "lo3"])
            .replacingOccurrences(of: "type: information-exchange", with: "type: reflection")
            .replacingOccurrences(of: "mode: synchronous", with: "mode: asynchronous")))
        for (id, name, country) in [("partner-classes", "Partner classes by video chat", "NL"), ("etwinning-pilot", "A school pilot on eTwinning", "FI")] {
            var text = practice(title: name, country: country, template: .builtIn, today: today).markdown
            text = text.replacingOccurrences(of: "sector: \n", with: "sector: school\n")
                .replacingOccurrences(of: "year: \n", with: "year: 2024\n")
                .replacingOccurrences(of: "website: \n", with: "")
                .replacingOccurrences(of: "status: \n", with: "status: established\n")
                .replacingOccurrences(of: "organisation: \"\"", with: "organisation: \"Example school\"")
                .replacingOccurrences(of: "tags: []", with: "tags: [virtual-exchange]")
            for section in PracticeTemplate.builtIn.sections {
                text = text.replacingOccurrences(of: "<!-- \(section.guidance ?? "") (required) -->", with: "Replace this text: \(section.guidance ?? "").")
            }
            files.append(("practices/\(id).md", text))
        }
        files.append(("pages/about.md", "---\ntitle: About\n---\n\nWho publishes this site, and how to contact them.\n"))
        return files
    }
}
