import ArgumentParser
import Foundation
import TrellisCore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn filled-in good-practice forms (.docx or their .txt export) into practice files.",
        discussion: """
            Each form is read as a two-column table: the field's label on the left, the answer on the right. \
            Labels are matched to the practice template's headings and aliases; "Name of the best practice" \
            becomes the title and "Country" the country. A row that matches nothing is kept as its own section. \
            Files are written to CONTENT/practices/<id>.md; an existing file is never replaced without --force.
            """
    )

    @Argument(help: ArgumentHelp("Forms to import (.docx or .txt).", valueName: "form"))
    var forms: [String]

    @Option(name: .long, help: ArgumentHelp("The content folder to write into.", valueName: "dir"))
    var content: String = "content"

    @Flag(name: .long, help: "Replace practice files that already exist.")
    var force = false

    func validate() throws {
        if forms.isEmpty { throw ValidationError("give at least one form to import") }
    }

    func run() throws {
        var failed = false
        for outcome in FormImport.run(forms: forms, content: content, force: force) {
            if let result = outcome.result {
                print("\(outcome.source):")
                for mapping in result.mappings {
                    print(
                        "  \(mapping.label.isEmpty ? "(no label)" : mapping.label) → \(mapping.target)\(mapping.isExtra ? "  (not in the template)" : "")"
                    )
                }
                for warning in result.warnings { Report.line("\(outcome.source): warning: \(warning)") }
            }
            if let written = outcome.written {
                print("  wrote \(written)")
            }
            if let error = outcome.error {
                Report.line("\(outcome.source): error: \(error)")
                if let hint = outcome.hint { Report.line("  hint: \(hint)") }
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new practice, module or task file with the sections and keys to fill in (see docs/authoring.md).",
        subcommands: [NewPractice.self, NewModule.self, NewTask.self, NewTranslation.self]
    )
}

struct NewPractice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice", abstract: "Write practices/<id>.md with the template's sections and their guidance.")

    @Argument(help: "The name of the good practice.") var title: String
    @Option(name: .long, help: ArgumentHelp("ISO code or English name of the country.", valueName: "code")) var country: String?
    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir")) var content: String = "content"

    func run() throws {
        if let country, Country(country) == nil {
            throw ValidationError("'\(country)' is not a country Trellis knows; use an ISO code such as FI or NL")
        }
        let (template, problems) = FormImport.template(content: content)
        Report.diagnostics(problems)
        let (id, text) = Scaffold.practice(title: title, country: country.flatMap { Country($0)?.code }, template: template, today: Scaffold.today())
        let path = "\(content)/practices/\(id).md"
        try write(path, text)
    }
}

struct NewModule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "module", abstract: "Write modules/<id>/module.md with outcomes and phases to fill in.")

    @Argument(help: "The module's id (a-z, 0-9, -), also its folder name.") var id: String
    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir")) var content: String = "content"

    func run() throws {
        try requireID(id, "module")
        try write("\(content)/modules/\(id)/module.md", Scaffold.module(id: id, today: Scaffold.today()))
    }
}

struct NewTask: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "task", abstract: "Write the module's next task, numbered after the last one.")

    @Argument(help: "The module's id.") var module: String
    @Argument(help: "The task's title.") var title: String
    @Option(
        name: .long,
        help: ArgumentHelp("The phase the task belongs to (default: the phase of the module's last task, or its first phase).", valueName: "id"))
    var phase: String?
    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir")) var content: String = "content"

    func run() throws {
        try requireID(module, "module")
        let folder = "\(content)/modules/\(module)"
        guard FileManager.default.fileExists(atPath: "\(folder)/module.md") else {
            throw ValidationError("there is no module '\(module)' (\(folder)/module.md); create it with 'trellis new module \(module)'")
        }
        let chosen: (phase: String?, phases: [String])
        do {
            chosen = try Scaffold.taskPhase(in: folder, requested: phase)
        } catch {
            throw ValidationError("\(error)")
        }
        let number = Scaffold.nextTaskNumber(in: folder)
        let slug = PracticeImporter.makeID(title)
        try write("\(folder)/\(number)-\(slug).md", Scaffold.task(title: title, phase: chosen.phase, phases: chosen.phases, outcomes: []))
        if let inferred = chosen.phase, phase == nil {
            print("in phase '\(inferred)'; the module's phases are \(chosen.phases.joined(separator: ", ")) (choose with --phase)")
        }
    }
}

struct NewTranslation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translation",
        abstract: "Write <name>.<lang>.md beside an original: its text to translate, the headings in that language, translated_from set.")

    @Argument(help: "The original: a module.md, task, practice, page or index.md in the content folder.") var file: String
    @Argument(help: "The language to translate into (BCP 47: es, fa, pt-BR).") var language: String
    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir")) var content: String = "content"

    func run() throws {
        let root = URL(fileURLWithPath: content).standardizedFileURL.path
        let original = URL(fileURLWithPath: file).standardizedFileURL.path
        guard original.hasPrefix(root + "/") else {
            throw ValidationError("'\(file)' is not inside the content folder '\(content)' (choose it with --content)")
        }
        guard let data = FileManager.default.contents(atPath: original) else { throw ValidationError("cannot read '\(file)'") }
        let made: (path: String, text: String)
        do {
            made = try Scaffold.translation(
                of: String(original.dropFirst(root.count + 1)), text: String(decoding: data, as: UTF8.self), language: language)
        } catch {
            throw ValidationError("\(error)")
        }
        try write("\(content)/\(made.path)", made.text)
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a small working site to start from.")

    @Argument(help: "The folder to create the site in (its content/ folder is written).") var directory: String = "."
    @Option(name: .long, help: "The site's title.") var title: String = "Virtual Exchange modules"

    func run() throws {
        let content = "\(directory)/content"
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: content), !existing.isEmpty {
            throw ValidationError("\(content) already exists and is not empty; Trellis never overwrites it")
        }
        for file in Scaffold.starterSite(title: title, today: Scaffold.today()) {
            try Scaffold.create("\(content)/\(file.path)", file.text)
        }
        print("created a site in \(content)/; build it with: trellis build --content \(content) --output \(directory)/output")
    }
}

private func write(_ path: String, _ text: String) throws {
    do {
        try Scaffold.create(path, text)
        print("wrote \(path)")
    } catch {
        Report.line("error: \(error)")
        throw ExitCode(1)
    }
}
