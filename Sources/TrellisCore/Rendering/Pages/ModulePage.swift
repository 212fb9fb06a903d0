/// A module: facts, outcomes, the task sequence by phase, the coverage table, related practices and handbooks.
enum ModulePage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        let site = renderer.site
        return site.modules.indices.map { m in
            let module = site.modules[m]
            var files: Set<String> = [module.file.relativePath]
            for task in module.tasks { files.insert(task.file.relativePath) }
            for id in module.practices.map(\.value) + module.citedBy {
                if let practice = site.practice(id) { files.insert(practice.file.relativePath) }
            }
            return .page(module.route, "the module page", sources: files, origin: module.file.location()) { $0.modulePage($0.site.modules[m]) }
        }
    }
}

extension SiteRenderer {
    func modulePage(_ module: Module) -> Artifact {
        let context = PageContext(path: module.route.path, strings: strings)
        var facts: [FactView] = []
        if let duration = module.duration?.value { facts.append(FactView(label: strings("fact_duration"), value: strings.span(duration))) }
        if let workload = module.workload?.value { facts.append(FactView(label: strings("fact_workload"), value: workload)) }
        if !module.audience.isEmpty {
            facts.append(
                FactView(
                    label: strings("fact_audience"),
                    value: module.audience.map { strings.term($0.value) }.joined(separator: strings("list_separator"))))
        }
        if !module.languages.isEmpty {
            facts.append(FactView(label: strings("fact_languages"), value: module.languages.joined(separator: strings("list_separator"))))
        }
        if let configuration = module.configuration { facts.append(FactView(label: strings("fact_configuration"), value: configuration)) }
        if !module.authors.isEmpty {
            facts.append(FactView(label: strings("fact_authors"), value: module.authors.joined(separator: strings("list_separator"))))
        }
        if let updated = module.updated { facts.append(FactView(label: strings("fact_updated"), value: strings.date(updated))) }
        if let license = module.license ?? site.config.license { facts.append(FactView(label: strings("fact_licence"), value: license)) }

        func card(_ task: ModuleTask) -> TaskCard {
            TaskCard(
                number: task.displayNumber, title: task.title, href: context.url(task.route), badges: badges(task),
                duration: task.duration.map { strings.duration($0.value) }, progressKey: Self.progressKey(module, task))
        }
        // Effort (minutes, hours) is added up; time windows (days, weeks) never are.
        func effort(_ tasks: [ModuleTask]) -> String? {
            let sum = ModuleTask.totalEffort(tasks)
            return sum.minutes > 0 ? strings.effort(sum) : nil
        }
        let phases = module.taskGroups.enumerated().map { n, group in
            PhaseView(
                title: group.title, anchor: Theme.phaseAnchor(n + 1), weeks: group.phase?.weeks.map(strings.weeks), tasks: group.tasks.map(card),
                effort: effort(group.tasks), effortLine: effort(group.tasks).map { strings("effort_phase", ["effort": $0]) })
        }
        let totalEffort = effort(module.tasks)
        var notCounted: String?
        let windows = module.tasks.filter { $0.parsedDuration?.window != nil }.count
        if totalEffort != nil && windows > 0 {
            notCounted = strings.plural("effort_not_counted", windows)
        }
        var coverage: CoverageView?
        if !module.outcomes.isEmpty && !module.tasks.isEmpty {
            let sets = module.tasks.map { Set($0.outcomes.map(\.value)) }
            coverage = CoverageView(
                columns: module.tasks.map { .init(number: $0.displayNumber, title: $0.title, href: context.url($0.route)) },
                rows: module.outcomes.map { outcome in
                    let cells = sets.map { CoverageView.Cell(covered: $0.contains(outcome.id)) }
                    return .init(
                        id: outcome.id, domain: strings.term(outcome.domain), text: outcome.text,
                        cells: cells, uncovered: !cells.contains { $0.covered })
                })
        }
        var legend: [BadgeView] = []
        var seenKinds: Set<String> = []
        for task in module.tasks {
            for badge in badges(task) where seenKinds.insert(badge.kind).inserted { legend.append(badge) }
        }
        let practiceIDs = relatedPracticeIDs(module)
        let downloads = handbookDownloads(for: module, context)
        let practices = practiceIDs.prefix(Self.modulePracticeCards).compactMap { site.practice($0) }.map { practiceCard($0, context) }
        // The overview's own sections first, then the page's.
        var contents = module.body.sections.compactMap { section -> ContentsEntryView? in
            guard let heading = section.heading, !section.isFacilitatorOnly, !heading.anchor.isEmpty else { return nil }
            return ContentsEntryView(title: heading.text, href: "#" + heading.anchor, entries: [])
        }
        if !module.outcomes.isEmpty { contents.append(ContentsEntryView(title: strings("learning_outcomes"), href: "#outcomes", entries: [])) }
        if !phases.isEmpty {
            let entries = phases.count > 1 ? phases.map { LinkView(title: $0.title, href: "#" + $0.anchor) } : []
            contents.append(ContentsEntryView(title: strings("task_sequence"), href: "#sequence", entries: entries))
        }
        if coverage != nil { contents.append(ContentsEntryView(title: strings("coverage_title"), href: "#coverage", entries: [])) }
        if !practices.isEmpty { contents.append(ContentsEntryView(title: strings("related_practices"), href: "#practices", entries: [])) }
        let view = ModuleView(
            title: module.title, summary: module.summary, facts: facts, overviewHTML: context.bodyHTML(module.body),
            outcomes: outcomeViews(module.outcomes), phases: phases,
            practices: practices,
            footnotesHTML: context.footnotes(module.body), totalEffort: totalEffort,
            totalEffortLine: totalEffort.map { strings("effort_total", ["effort": $0]) }, notCounted: notCounted,
            coverage: coverage, legend: legend,
            handbooks: downloads.flatMap { edition in
                edition.files.map { LinkView(title: "\(edition.title) (\($0.format)\($0.size.map { ", " + $0 } ?? ""))", href: $0.href) }
            },
            downloads: downloads, contents: contents.count > 1 ? contents : [], progressSite: progressSite,
            progressForms: strings.forms("phase_progress").map { PluralFormView(category: $0.category, text: $0.text) },
            morePractices: practiceIDs.count > Self.modulePracticeCards
                ? LinkView(
                    title: strings("related_practices_all", ["count": String(practiceIDs.count)]),
                    href: context.url(.relatedPractices(module: module.id, page: 1)))
                : nil,
            jsonLD: LearningMetadata(site: site).module(module)
        )
        return page(
            module.route, title: module.title, template: .module, view: view, bodyClass: "module",
            breadcrumbs: [LinkView(title: strings("nav_modules"), href: context.url(.moduleList))], description: module.summary
        ) { $0.pageScriptHref = module.tasks.isEmpty ? nil : context.url(.asset("progress.js")) }
    }

    /// The module's handbooks by edition, in every format this build
    /// writes, each with its size.
    func handbookDownloads(for module: Module, _ context: PageContext) -> [DownloadView] {
        guard !handbookFormats.isEmpty else { return [] }
        // A module not translated into this language: the default language's handbooks, at the root.
        let own = handbookFiles[Self.handbookPath("\(module.id)-\(Edition.participant.rawValue)", handbookFormats[0])] != nil
        return Edition.allCases.map { edition in
            let title = strings.handbook(edition)
            return DownloadView(
                title: title,
                files: handbookFormats.map { format in
                    let path = Self.handbookPath("\(module.id)-\(edition.rawValue)", format)
                    let href = own ? context.url(.file(path)) : RelativeURL.from(languages.prefix + context.path, to: path)
                    return FileLinkView(title: title, format: format.uppercased(), size: own ? handbookSize(path) : nil, href: href)
                })
        }
    }

    /// Names this site in the reader's progress, so two sites opened from
    /// the same disk keep theirs apart.
    var progressSite: String { site.config.baseURL ?? site.config.title }

    /// A task's name in the reader's progress.
    static func progressKey(_ module: Module, _ task: ModuleTask) -> String { "\(module.id)/\(task.id)" }
}
