import Foundation

/// Stage 4, check: the rules of SPEC sections 3–5 that span files.
///
/// In: the assembled site. Out: diagnostics only; the site is not changed.
/// Each check reads one kind of thing and can be tested on its own.
public enum ContentChecks {
    public static func run(_ site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for module in site.modules {
            diagnostics += checkModule(module, site: site)
            for task in module.tasks { diagnostics += checkTask(task, module: module, vocabularies: site.config.vocabularies) }
        }
        diagnostics += site.practices.parallelMap { checkPractice($0, site: site) }.flatMap { $0 }
        // Only a broken link needs the listing (for its "did you mean"): made then, once.
        let files = Lazy { filesByFolder(site) }
        let bodies = allBodies(site)
        // Each body on its own, on every core; reported in the same order as one after another.
        let perBody = bodies.parallelMap { body in
            (links: checkLinks(body, files: files), placeholders: Placeholder.check(body), headings: checkFacilitatorHeadings(body))
        }
        diagnostics += perBody.flatMap(\.links)
        diagnostics += perBody.flatMap(\.placeholders)
        diagnostics += perBody.flatMap(\.headings)
        diagnostics += checkFragments(site)
        diagnostics += checkHandbookImages(site)
        diagnostics += checkTagCollisions(site)
        return diagnostics
    }

    /// A heading that is nearly `## Facilitator notes` is taken as it, so
    /// the notes stay out of participants' handbooks; the author is told.
    static func checkFacilitatorHeadings(_ body: Body) -> [Diagnostic] {
        body.sections.compactMap { section in
            guard let heading = section.heading, section.facilitatorHeading == .near else { return nil }
            return .warning(
                "facilitator-heading", at: section.location,
                "'## \(heading.text)' is taken as '## Facilitator notes': the section is for facilitators only",
                hint: "write the heading as '## Facilitator notes'")
        }
    }

    static func allBodies(_ site: Site) -> [Body] { allPages(site).map(\.body) }

    /// Every page with a body, with its route: the home page, each module
    /// and its tasks, the practices, the free pages.
    static func allPages(_ site: Site) -> [(route: Route, body: Body)] {
        var pages: [(route: Route, body: Body)] = site.home.map { [(.home, $0.body)] } ?? []
        for module in site.modules {
            pages.append((module.route, module.body))
            pages += module.tasks.map { ($0.route, $0.body) }
        }
        pages += site.practices.map { ($0.route, $0.body) }
        pages += site.pages.map { ($0.route, $0.body) }
        return pages
    }

    /// The names of the site's files in each folder (content-relative), for
    /// "did you mean" on links to files that do not exist.
    static func filesByFolder(_ site: Site) -> [String: [String]] {
        var paths: [String] = site.home.map { [$0.file.relativePath] } ?? []
        for module in site.modules {
            paths.append(module.file.relativePath)
            paths += module.tasks.map(\.file.relativePath)
        }
        paths += site.practices.map(\.file.relativePath)
        paths += site.discoveredPracticeIDs.map { "practices/\($0).md" }
        paths += site.pages.map(\.file.relativePath)
        paths += site.media.map(\.relativePath)
        var folders: [String: Set<String>] = [:]
        for path in paths {
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { String(path[..<$0]) } ?? ""
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            folders[folder, default: []].insert(name)
        }
        return folders.mapValues { $0.sorted() }
    }

    static func checkVocabulary(_ value: Located<String>?, _ terms: [String], what: String, key: String) -> Diagnostic? {
        guard let value, !terms.contains(value.value) else { return nil }
        return .error(
            Diagnostic.ID(rawValue: "unknown-\(key)"), at: value.location, "'\(value.value)' is not a known \(what)",
            hint: Suggestion.hint(for: value.value, in: terms))
    }

    static func checkModule(_ module: Module, site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for audience in module.audience {
            if let d = checkVocabulary(audience, site.config.vocabularies.audiences, what: "audience", key: "audience") { diagnostics.append(d) }
        }
        var outcomeIDs: Set<String> = []
        for outcome in module.outcomes where !outcomeIDs.insert(outcome.id).inserted {
            diagnostics.append(
                .error(
                    "duplicate-id", at: outcome.location, "outcome id '\(outcome.id)' is used twice in this module",
                    hint: "give each outcome its own id"))
        }
        var phaseIDs: Set<String> = []
        for phase in module.phases where !phaseIDs.insert(phase.id).inserted {
            diagnostics.append(
                .error("duplicate-id", at: phase.location, "phase id '\(phase.id)' is used twice in this module", hint: "give each phase its own id"))
        }
        for practice in module.practices where site.practice(practice.value) == nil && !site.discoveredPracticeIDs.contains(practice.value) {
            diagnostics.append(
                .error(
                    "unknown-practice", at: practice.location, "no practice has the id '\(practice.value)'",
                    hint: Suggestion.closest(to: practice.value, in: site.practices.map(\.id)).map { "did you mean '\($0)'?" }
                        ?? "practice ids are the file names in practices/ without '.md'"))
        }
        diagnostics += checkDurations(module)
        let covered = Set(module.tasks.flatMap { $0.outcomes.map(\.value) })
        for outcome in module.outcomes where !covered.contains(outcome.id) && !module.tasks.isEmpty {
            diagnostics.append(
                .warning(
                    "uncovered-outcome", at: outcome.location, "no task of this module works towards outcome '\(outcome.id)'",
                    hint: "add '\(outcome.id)' to the 'outcomes' of the task that addresses it"))
        }
        return diagnostics
    }

    static func checkTask(_ task: ModuleTask, module: Module, vocabularies: Vocabularies) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let d = checkVocabulary(task.type, vocabularies.taskTypes, what: "task type", key: "type") { diagnostics.append(d) }
        if let d = checkVocabulary(task.mode, vocabularies.modes, what: "mode", key: "mode") { diagnostics.append(d) }
        if let d = checkVocabulary(task.grouping, vocabularies.groupings, what: "grouping", key: "grouping") { diagnostics.append(d) }
        if let phase = task.phase, !module.phases.contains(where: { $0.id == phase.value }) {
            let ids = module.phases.map(\.id)
            diagnostics.append(
                .error(
                    "unknown-phase", at: phase.location, "module '\(module.id)' has no phase '\(phase.value)'",
                    hint: ids.isEmpty ? "declare the module's 'phases' in module.md" : Suggestion.hint(for: phase.value, in: ids)))
        }
        let outcomeIDs = module.outcomes.map(\.id)
        for outcome in task.outcomes where !outcomeIDs.contains(outcome.value) {
            diagnostics.append(
                .error(
                    "unknown-outcome", at: outcome.location, "module '\(module.id)' has no outcome '\(outcome.value)'",
                    hint: outcomeIDs.isEmpty
                        ? "declare the module's 'outcomes' in module.md"
                        : Suggestion.hint(
                            for: outcome.value, in: outcomeIDs, listUpTo: 8, label: "the module's outcomes are",
                            otherwise: "the module's \(outcomeIDs.count) outcomes are listed under 'outcomes' in module.md")))
        }
        if let complexity = task.complexity, !(1...3).contains(complexity.value) {
            diagnostics.append(
                .error(
                    "bad-complexity", at: complexity.location, "complexity must be 1, 2 or 3, not \(complexity.value)",
                    hint: "1 is the simplest, 3 the most demanding"))
        }
        let headings = task.body.sections.compactMap { $0.heading.map { PracticeTemplate.normalize($0.text) } }
        if !headings.contains("instructions") {
            // '## Instruction', '## Instrucions': point at the heading to rename.
            let nearMiss = task.body.sections.first { section in
                guard let heading = section.heading else { return false }
                return Suggestion.closest(to: PracticeTemplate.normalize(heading.text), in: ["instructions"], maxDistance: 2) != nil
            }
            if let nearMiss, let heading = nearMiss.heading {
                diagnostics.append(
                    .warning(
                        "missing-instructions", at: nearMiss.location,
                        "the task has no '## Instructions' section; '## \(heading.text)' is read as an ordinary section",
                        hint: "did you mean '## Instructions'? rename the heading"))
            } else {
                diagnostics.append(
                    .warning(
                        "missing-instructions", at: task.file.location(line: task.body.intro.location.line),
                        "the task has no '## Instructions' section", hint: "add '## Instructions' with what participants do"))
            }
        }
        return diagnostics
    }

    static func checkPractice(_ practice: Practice, site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let d = checkVocabulary(practice.sector, site.config.vocabularies.sectors, what: "sector", key: "sector") { diagnostics.append(d) }
        for module in practice.modules where site.module(module.value) == nil && !site.discoveredModuleIDs.contains(module.value) {
            diagnostics.append(
                .error(
                    "unknown-module", at: module.location, "no module has the id '\(module.value)'",
                    hint: Suggestion.closest(to: module.value, in: site.modules.map(\.id)).map { "did you mean '\($0)'?" }
                        ?? "module ids are the folder names in modules/"))
        }
        for section in practice.sections where section.template.required {
            if let content = section.content {
                if content.isEmpty {
                    diagnostics.append(
                        .error(
                            "empty-section", at: content.location, "the required section '\(section.template.heading)' is empty",
                            hint: section.template.guidance ?? "write at least one paragraph"))
                }
            } else if let nearMiss = practice.extraSections.first(where: {
                SectionMatching.closestSection(to: $0, in: site.config.practiceTemplate)?.id == section.template.id
            }),
                let heading = nearMiss.heading
            {
                // '## Benefit' for '## Benefits': the section is there under a misspelt heading.
                diagnostics.append(
                    .error(
                        "missing-section", at: nearMiss.location,
                        "the practice has no '\(section.template.heading)' section, which the template requires",
                        hint: "did you mean '## \(section.template.heading)'? rename the heading '## \(heading.text)'"))
            } else {
                diagnostics.append(
                    .error(
                        "missing-section", at: practice.file.location(line: practice.body.intro.location.line),
                        "the practice has no '\(section.template.heading)' section, which the template requires",
                        hint: "add '## \(section.template.heading)'" + (section.template.guidance.map { ": \($0)" } ?? "")))
            }
        }
        return diagnostics
    }

    static func checkLinks(_ body: Body, files: Lazy<[String: [String]]>) -> [Diagnostic] {
        body.links.compactMap { link in
            switch link.problem {
            case nil: return nil
            case .missing:
                let folder = link.target.flatMap { target in target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "" }
                let guess = folder.flatMap { files.get[$0] }.flatMap { Suggestion.link(link.destination, toClosestOf: $0) }
                return .error(
                    "broken-link", at: link.location, "'\(link.destination)' links to \(link.target ?? link.destination), which does not exist",
                    hint: guess.map { "did you mean '\($0)'?" } ?? "check the file name; paths are relative to this file")
            case .outsideContent:
                return .error(
                    "link-outside", at: link.location, "'\(link.destination)' leads outside the content folder",
                    hint: "link to a file inside the content folder, or use a full https:// address")
            case .notPublished:
                return .error(
                    "unpublished-link", at: link.location, "'\(link.destination)' is not published with the site",
                    hint: "put files that pages link to in a media/ folder")
            }
        }
    }
}

extension ContentChecks {
    /// A link to a part of another page (`sammtalk.md#benefits`) must name a
    /// heading of that page (or an id the theme puts on every page of its
    /// kind, such as `#outcomes`); otherwise the reader lands at the top.
    static func checkFragments(_ site: Site) -> [Diagnostic] {
        let all = allPages(site)
        // Only the pages some link names a part of have their anchors gathered, and only the
        // pages with such a link are checked: most sites have few, and gathering every page's
        // anchors was most of this check.
        var named: Set<Route> = []
        var linking: [(route: Route, body: Body)] = []
        for page in all {
            var names = false
            for link in page.body.links {
                guard let route = link.route, let fragment = link.fragment, !fragment.isEmpty else { continue }
                named.insert(route)
                names = true
            }
            if names { linking.append(page) }
        }
        guard !linking.isEmpty else { return [] }
        let pages = all.filter { named.contains($0.route) }
        // Each page's anchors, then each link checked against them, on every core (of two pages on
        // one route, an error of its own, the later one's anchors count, as before).
        let anchorSets = pages.parallelMap { route, body -> (Route, Set<String>) in
            var set: Set<String> = []
            for section in [body.intro] + body.sections {
                if let heading = section.heading { set.insert(heading.anchor) }
                for block in section.blocks { if let heading = block.heading { set.insert(heading.anchor) } }
            }
            return (route, set)
        }
        let anchors = Dictionary(anchorSets, uniquingKeysWith: { _, later in later })
        return linking.parallelMap { _, body in
            var diagnostics: [Diagnostic] = []
            for link in body.links {
                guard let route = link.route, let fragment = link.fragment, !fragment.isEmpty, let known = anchors[route] else { continue }
                if known.contains(fragment) || Theme.builtInReservedIDs.contains(fragment) { continue }
                let closest = Suggestion.closest(to: fragment, in: known.sorted())
                diagnostics.append(
                    .warning(
                        "broken-fragment", at: link.location,
                        "'\(link.destination)' names the part '#\(fragment)', but \(link.target ?? "that page") has no heading with that anchor",
                        hint: closest.map { "did you mean '#\($0)'?" }
                            ?? "link to a heading's anchor: its text in lowercase with '-' for spaces, e.g. '#step-by-step-implementation'"))
            }
            return diagnostics
        }.flatMap { $0 }
    }

    /// A warning for each image the handbooks use (in modules, tasks and
    /// practices) that an EPUB cannot carry (EPUB 3's image types are SVG,
    /// PNG, JPEG, GIF and WebP): the e-book shows the image's alternative
    /// text in its place. At the line of the image.
    static func checkHandbookImages(_ site: Site) -> [Diagnostic] {
        var bodies = site.modules.flatMap { [$0.body] + $0.tasks.map(\.body) }
        bodies += site.practices.map(\.body)
        var diagnostics: [Diagnostic] = []
        for body in bodies {
            for link in body.links where link.isImage {
                guard case .file(let path)? = link.route, EPUBWriter.mediaType(path) == nil else { continue }
                let type = (path as NSString).pathExtension.uppercased()
                diagnostics.append(
                    .warning(
                        "handbook-image", at: link.location,
                        "the image '\(link.destination)' cannot go into the EPUB handbooks\(type.isEmpty ? "" : " (\(type) files)"): e-books show its alternative text instead",
                        hint: "save it as PNG, JPEG, GIF, WebP or SVG and link to that file"))
            }
        }
        return diagnostics
    }

    /// Tags that are probably the same word written two ways
    /// ("video-chat" and "videochat", "mentor" and "mentors").
    static func checkTagCollisions(_ site: Site) -> [Diagnostic] {
        var first: [String: (tag: String, practice: Practice)] = [:]
        var byKey: [String: [String]] = [:]
        for practice in site.practices {
            for tag in practice.tags where first[tag] == nil {
                first[tag] = (tag, practice)
                byKey[collisionKey(tag), default: []].append(tag)
            }
        }
        var diagnostics: [Diagnostic] = []
        for (_, tags) in byKey.sorted(by: { $0.key < $1.key }) where tags.count > 1 {
            let sorted = tags.sorted()
            for other in sorted.dropFirst() {
                guard let found = first[other], let original = first[sorted[0]] else { continue }
                diagnostics.append(
                    .warning(
                        "similar-tags", at: found.practice.file.location(),
                        "tag '\(other)' looks like '\(sorted[0])' (used in \(original.practice.file.displayPath)); they are listed separately",
                        hint: "use one spelling for both"))
            }
        }
        return diagnostics
    }

    /// Letters and digits only, without a plural "s".
    static func collisionKey(_ tag: String) -> String {
        var key = String(tag.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init))
        if key.count > 3, key.hasSuffix("s") { key.removeLast() }
        return key
    }
}

extension ContentChecks {
    /// Durations must be readable. A module's `duration` is a calendar span
    /// and is never compared with the tasks; its `workload` (hours of work)
    /// is: the tasks' summed effort (minutes and hours only; time windows in
    /// days or weeks are not counted) more than 10% over it, or under half
    /// of it, is reported at the `workload` line. Without `workload`, the
    /// effort is not checked.
    static func checkDurations(_ module: Module) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let hint = "write a number and a unit: '90 min' or '2 h' of work, or '3 days' or '1 week' for a task done over a time window"
        for task in module.tasks {
            if let duration = task.duration, task.parsedDuration == nil {
                diagnostics.append(.warning("unreadable-duration", at: duration.location, "cannot read the duration '\(duration.value)'", hint: hint))
            }
        }
        if let span = module.duration, let effort = Duration(span.value)?.effort {
            diagnostics.append(
                .warning(
                    "duration-is-effort", at: span.location,
                    "a module's duration is how long it runs in the calendar, but '\(span.value)' is an amount of work",
                    hint: "write the calendar length as 'duration: 6 weeks' and the hours of work as 'workload: \(effort.description)'"))
        }
        guard let workload = module.workload else { return diagnostics }
        let expected: Effort
        switch Duration(workload.value) {
        case .effort(let effort):
            expected = effort
        case .window:
            diagnostics.append(
                .warning(
                    "unreadable-duration", at: workload.location,
                    "the workload '\(workload.value)' is a span of the calendar, not hours of work",
                    hint: "write the expected hours of work, e.g. 'workload: 20 h'; how long the module runs goes in 'duration'"))
            return diagnostics
        case nil:
            diagnostics.append(
                .warning(
                    "unreadable-duration", at: workload.location, "cannot read the workload '\(workload.value)'",
                    hint: "write the expected hours of work, e.g. 'workload: 20 h' or 'workload: 90 min'"))
            return diagnostics
        }
        let total = module.totalEffort()
        guard total.minutes > 0, expected.minutes > 0 else { return diagnostics }
        if total.minutes > expected.minutes * 1.1 || total.minutes < expected.minutes * 0.5 {
            let windows = module.tasks.filter { $0.parsedDuration?.window != nil }.count
            let note =
                windows == 0
                ? "" : windows == 1 ? " (1 task given as a time window is not counted)" : " (\(windows) tasks given as a time window are not counted)"
            diagnostics.append(
                .warning(
                    "workload-mismatch", at: workload.location,
                    "the tasks add up to \(total.description) of work, but the module's workload is \(expected.description)\(note)",
                    hint: "adjust 'workload' or the tasks' durations; up to 10% over or down to half of the workload is accepted"))
        }
        return diagnostics
    }
}
