/// A task: facts, badges, sections (facilitator notes collapsed), outcomes, previous and next.
enum TaskPage: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        let site = renderer.site
        return site.modules.indices.flatMap { m in
            let module = site.modules[m]
            return module.tasks.indices.map { t in
                var files: Set<String> = [module.file.relativePath, module.tasks[t].file.relativePath]
                if t > 0 { files.insert(module.tasks[t - 1].file.relativePath) }
                if t + 1 < module.tasks.count { files.insert(module.tasks[t + 1].file.relativePath) }
                return PlannedOutput.page(module.tasks[t].route, "the task page", sources: files, origin: module.tasks[t].file.location()) {
                    $0.taskPage($0.site.modules[m], t)
                }
            }
        }
    }
}

extension SiteRenderer {
    func taskPage(_ module: Module, _ index: Int) -> Artifact {
        let task = module.tasks[index]
        let context = PageContext(path: task.route.path, strings: strings)
        var facts: [FactView] = []
        if let duration = task.duration?.value {
            // Effort "90 min of work"; a time window "over 1 week"; unreadable text as written.
            let value = task.parsedDuration?.effort != nil ? strings("duration_of_work", ["duration": duration]) : strings.duration(duration)
            facts.append(FactView(label: strings("fact_duration"), value: value))
        }
        if !task.tools.isEmpty {
            facts.append(FactView(label: strings("fact_tools"), value: task.tools.joined(separator: strings("list_separator"))))
        }
        let phase = task.phase.flatMap { p in module.phases.first { $0.id == p.value } }
        let sections = task.body.sections.map { section in
            context.sectionView(section, body: task.body, facilitator: section.isFacilitatorOnly)
        }
        let outcomes = module.outcomes.filter { outcome in task.outcomes.contains { $0.value == outcome.id } }
        func link(_ other: ModuleTask) -> LinkView { LinkView(title: "\(other.displayNumber). \(other.title)", href: context.url(other.route)) }
        let view = TaskView(
            title: task.title, number: task.displayNumber, moduleTitle: module.title, moduleHref: context.url(module.route),
            phase: phase?.title, facts: facts, badges: badges(task), introHTML: context.blocksHTML(task.body.intro.blocks, task.body),
            sections: sections, outcomes: outcomeViews(outcomes),
            previous: index > 0 ? link(module.tasks[index - 1]) : nil,
            next: index + 1 < module.tasks.count ? link(module.tasks[index + 1]) : nil, hasNeighbours: module.tasks.count > 1,
            taskLabel: strings("task_kicker", ["number": task.displayNumber]),
            allTasksLabel: strings("task_all", ["module": module.title]),
            footnotesHTML: context.footnotes(task.body), jsonLD: LearningMetadata(site: site).task(task, in: module),
            progressKey: Self.progressKey(module, task), progressSite: progressSite
        )
        return page(
            task.route, title: task.title, template: .task, view: view, bodyClass: "task",
            breadcrumbs: [
                LinkView(title: strings("nav_modules"), href: context.url(.moduleList)),
                LinkView(title: module.title, href: context.url(module.route)),
            ]
        ) { $0.pageScriptHref = context.url(.asset("progress.js")) }
    }
}
