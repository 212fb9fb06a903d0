/// Rendering one file at a time, for `trellis serve`: the preview renders a
/// page when it is asked for and keeps it until a change affects it.
extension SiteRenderer {
    /// How each output path is made.
    public struct Plan: Sendable {
        enum Entry: Sendable {
            case job(Job)
            case artifact(Artifact)
            case sitemap
        }

        let entries: [String: Entry]

        public var paths: [String] { entries.keys.sorted() }
        public func contains(_ path: String) -> Bool { entries[path] != nil }
    }

    public func plan() -> Plan {
        var entries: [String: Plan.Entry] = [:]
        for job in jobs() { entries[path(of: job)] = .job(job) }
        for artifact in staticArtifacts() { entries[artifact.path] = .artifact(artifact) }
        if site.config.baseURL != nil { entries["sitemap.xml"] = .sitemap }
        return Plan(entries: entries)
    }

    /// The file at `path`, rendered now.
    public func render(_ path: String, plan: Plan) -> Artifact? {
        switch plan.entries[path] {
        case .job(let job)?: return renderJob(job)
        case .artifact(let artifact)?: return artifact
        case .sitemap?: return exports.sitemap(paths: plan.paths).map { Artifact(path: path, content: .text($0)) }
        case nil: return nil
        }
    }

    func path(of job: Job) -> String {
        switch job {
        case .home: Route.home.path
        case .moduleList: Route.moduleList.path
        case .catalogue: Route.catalogue.path
        case .notFound: Route.notFound.path
        case .practiceForm: Self.practiceFormPath
        case .module(let m): site.modules[m].route.path
        case .task(let m, let t): site.modules[m].tasks[t].route.path
        case .practice(let p): site.practices[p].route.path
        case .page(let p): site.pages[p].route.path
        case .facet(let facet, let index): Route.facet(facet, catalogue.entries(facet)[index].value).path
        case .json: "catalogue.json"
        case .csv: "catalogue.csv"
        case .feed: "feed.xml"
        case .searchIndex: Route.asset("search-index.js").path
        case .handbookHTML(let index): "handbooks/\(handbookIDs[index]).html"
        case .handbookEPUB(let index): "handbooks/\(handbookIDs[index]).epub"
        case .handbookPDFSource(let index): Self.pdfSource(handbookIDs[index])
        }
    }

    /// The content files (content-relative paths) a page shows, or nil for
    /// pages that gather the whole site (lists, catalogue, exports, search,
    /// handbooks), which any change affects.
    public func sources(of path: String, plan: Plan) -> Set<String>? {
        guard case .job(let job)? = plan.entries[path] else {
            if case .artifact? = plan.entries[path] { return [] }
            return nil
        }
        switch job {
        case .module(let m):
            let module = site.modules[m]
            var files: Set<String> = [module.file.relativePath]
            for task in module.tasks { files.insert(task.file.relativePath) }
            for id in module.practices.map(\.value) + module.citedBy {
                if let practice = site.practice(id) { files.insert(practice.file.relativePath) }
            }
            return files
        case .task(let m, let t):
            let module = site.modules[m]
            var files: Set<String> = [module.file.relativePath, module.tasks[t].file.relativePath]
            if t > 0 { files.insert(module.tasks[t - 1].file.relativePath) }
            if t + 1 < module.tasks.count { files.insert(module.tasks[t + 1].file.relativePath) }
            return files
        case .practice(let p):
            let practice = site.practices[p]
            var files: Set<String> = [practice.file.relativePath]
            for id in practice.modules.map(\.value) + practice.citedBy {
                if let module = site.module(id) { files.insert(module.file.relativePath) }
            }
            return files
        case .page(let p):
            return [site.pages[p].file.relativePath]
        default:
            return nil
        }
    }
}
