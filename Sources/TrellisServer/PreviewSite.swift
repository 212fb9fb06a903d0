import Foundation
import TrellisCore

/// The site as the preview serves it: the last good build, rendered page
/// by page on request and kept until a change affects the page.
///
/// A rebuild parses only changed files (``ParseCache``), assembles and
/// checks the whole site, and drops only the rendered pages whose sources
/// changed; pages that gather the whole site (lists, catalogue, exports,
/// search index, handbooks) are rendered again when next asked for.
public final class PreviewSite: @unchecked Sendable {
    public struct Status: Sendable {
        public var build: Int
        public var ok: Bool
        public var diagnostics: [Diagnostic]
        public var seconds: Double
        /// Content files parsed afresh by this build.
        public var changed: Int
        /// Their content-relative paths.
        public var changedPaths: Set<String> = []
        /// The pipeline's stages and the preview's own set-up, timed.
        public var stages: [StageReport] = []
    }

    let options: BuildOptions
    let cache = ParseCache()
    private let lock = NSLock()
    private var renderer: SiteRenderer?
    private var plan: SiteRenderer.Plan?
    private var rendered: [String: [UInt8]] = [:]
    private var templateStamp: [String: Date] = [:]
    public private(set) var status = Status(build: 0, ok: false, diagnostics: [], seconds: 0, changed: 0)

    public init(content: String, templates: String) {
        options = BuildOptions(content: content, output: "", templates: templates, write: false)
    }

    func templatesStamp() -> [String: Date] {
        var stamp: [String: Date] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: options.templates)) ?? [] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: "\(options.templates)/\(name)")
            stamp[name] = attributes?[.modificationDate] as? Date ?? .distantPast
        }
        return stamp
    }

    /// Builds again; on errors the last good site stays served.
    @discardableResult
    public func rebuild() -> Status {
        let start = Date()
        let result = Pipeline.run(options, cache: cache)
        let changed = result.parse.changed
        let prepareStart = Date()
        let stamp = templatesStamp()
        lock.lock()
        defer { lock.unlock() }
        let ok = !result.diagnostics.hasErrors
        if ok, let site = result.site, let theme = result.theme {
            let newRenderer = SiteRenderer(site: site, theme: theme, translations: result.translatedSites)
            let newPlan = newRenderer.plan()
            let sameShape = plan.map { $0.paths == newPlan.paths } ?? false
            if result.parse.full || !sameShape || stamp != templateStamp {
                rendered = [:]
            } else {
                rendered = rendered.filter { path, _ in
                    guard let sources = newRenderer.sources(of: path, plan: newPlan) else { return false }
                    return sources.isDisjoint(with: changed)
                }
            }
            renderer = newRenderer
            plan = newPlan
            templateStamp = stamp
        }
        let prepare = StageReport(name: "prepare", seconds: Date().timeIntervalSince(prepareStart), summary: "\(rendered.count) pages kept")
        status = Status(
            build: status.build + 1, ok: ok, diagnostics: result.diagnostics,
            seconds: Date().timeIntervalSince(start), changed: changed.count, changedPaths: changed,
            stages: result.stages + [prepare])
        return status
    }

    public var hasSite: Bool {
        lock.lock()
        defer { lock.unlock() }
        return renderer != nil
    }

    /// The bytes of the file at `path` (output-relative, no leading slash).
    public func file(at path: String) -> [UInt8]? {
        lock.lock()
        if let bytes = rendered[path] {
            lock.unlock()
            return bytes
        }
        guard let renderer, let plan, plan.contains(path) else {
            lock.unlock()
            return nil
        }
        let build = status.build
        lock.unlock()
        guard let artifact = try? renderer.render(path, plan: plan) else { return nil }
        let bytes: [UInt8]
        switch artifact.content {
        case .text(let text): bytes = Array(text.utf8)
        case .bytes(let data): bytes = data
        case .stream(let stream):
            guard let all = try? stream.bytes() else { return nil }
            bytes = all
        case .copy(let source):
            guard let data = FileManager.default.contents(atPath: source) else { return nil }
            bytes = [UInt8](data)
        }
        lock.lock()
        if status.build == build { rendered[path] = bytes }
        lock.unlock()
        return bytes
    }
}
