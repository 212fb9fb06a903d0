/// Stage 3, assemble: parsed documents → the site model.
///
/// In: the configuration and every parsed document (practice sections are
/// already matched to the template by the parser). Out: a ``Site`` with
/// tasks ordered inside their modules and cross references filled in both
/// directions; plus diagnostics about the shape (duplicate ids, two files
/// published at the same place).
public enum Assembly {
    public static func run(config: SiteConfig, inventory: Inventory, documents: consuming [ParsedDocument]) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var home: Page?
        var modules: [Module] = []
        var tasksByModule: [String: [ModuleTask]] = [:]
        var practices: [Practice] = []
        var pages: [Page] = []
        // Each document is moved out, not copied, so that each practice's fields stay its own and
        // setting `citedBy` below does not copy them. They come out last first (reversing the array
        // first copied each one); every list is sorted below, on keys that tell any two apart.
        while let document = documents.popLast() {
            switch document {
            case .home(let page): home = page
            case .module(let module): modules.append(module)
            case .task(let task): tasksByModule[task.moduleID, default: []].append(task)
            case .practice(let practice): practices.append(practice)
            case .page(let page): pages.append(page)
            }
        }
        modules.sort { $0.id < $1.id }
        practices.sort { $0.id < $1.id }
        pages.sort { $0.id < $1.id }

        var citedBy: [String: [String]] = [:]
        for practice in practices {
            for module in practice.modules { citedBy[module.value, default: []].append(practice.id) }
        }
        for index in modules.indices {
            var tasks = tasksByModule.removeValue(forKey: modules[index].id) ?? []
            tasks.sort { ($0.number, $0.id, $0.file.relativePath) < ($1.number, $1.id, $1.file.relativePath) }
            var seen: [String: SourceFile] = [:]
            for task in tasks {
                if let other = seen[task.id] {
                    diagnostics.append(
                        .error(
                            "duplicate-id", at: task.file.location(),
                            "task id '\(task.id)' is also used by \(other.displayPath); both would be published as \(task.route.path)",
                            hint: "rename one of the files"))
                }
                seen[task.id] = task.file
            }
            modules[index].tasks = consume tasks
            modules[index].citedBy = citedBy[modules[index].id] ?? []
        }
        // Two documents must never be published at the same place.
        var published: [String: SourceFile] = [:]
        let documentsWithRoutes: [(Route, SourceFile)] =
            (home.map { [($0.route, $0.file)] } ?? [])
            + modules.map { ($0.route, $0.file) } + modules.flatMap { $0.tasks.map { ($0.route, $0.file) } }
            + practices.map { ($0.route, $0.file) } + pages.map { ($0.route, $0.file) }
        for (route, file) in documentsWithRoutes {
            if let other = published[route.path] {
                diagnostics.append(
                    .error(
                        "url-collision", at: file.location(), "this file and \(other.displayPath) would both be published as \(route.path)",
                        hint: "rename one of them"))
            } else {
                published[route.path] = file
            }
        }
        var moduleCitations: [String: [String]] = [:]
        for module in modules {
            for practice in module.practices { moduleCitations[practice.value, default: []].append(module.id) }
        }
        for index in practices.indices { practices[index].citedBy = moduleCitations[practices[index].id] ?? [] }
        var site = Site(
            config: config, home: home, modules: modules, practices: practices, pages: pages,
            media: inventory.media, contentDirectory: inventory.contentDirectory)
        for document in inventory.documents {
            switch document.kind {
            case .module(let id): site.discoveredModuleIDs.insert(id)
            case .practice(let id): site.discoveredPracticeIDs.insert(id)
            default: break
            }
        }
        return (site, diagnostics)
    }
}
