import Foundation
import Markdown

/// Parsed documents kept between builds (for `trellis serve`), so a rebuild
/// parses only the files that changed since the last one.
///
/// A document is reused when its size and modification time are unchanged
/// and the settings it was parsed with (site.yml) are the same.
public final class ParseCache: @unchecked Sendable {
    struct Entry {
        var stamp: Stamp
        var document: ParsedDocument?
        var diagnostics: [Diagnostic]
    }

    struct Stamp: Equatable {
        var size: Int64
        var modified: Int64
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var configKey: SiteConfig?
    private var anchorsKey: Set<String>?
    private var alertsKey: [AlertKind: String]?

    public init() {}

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// Starts a build with these settings; true when nothing can be reused
    /// (the first build, or new settings or theme ids, which every document depends on).
    func begin(config: SiteConfig, reservedAnchors: Set<String>, alertTitles: [AlertKind: String] = [:]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard configKey != config || anchorsKey != reservedAnchors || alertsKey != alertTitles else { return false }
        entries = [:]
        configKey = config
        anchorsKey = reservedAnchors
        alertsKey = alertTitles
        return true
    }

    /// The cached result for `path` if the file is unchanged, else parses
    /// it; `reparsed` says which.
    func parse(
        _ source: DocumentSource, absolute: String,
        with parse: () -> (ParsedDocument?, [Diagnostic])
    ) -> (result: (ParsedDocument?, [Diagnostic]), reparsed: Bool) {
        let stamp = Self.stamp(absolute)
        lock.lock()
        if let stamp, let entry = entries[source.file.relativePath], entry.stamp == stamp {
            lock.unlock()
            return ((entry.document, entry.diagnostics), false)
        }
        lock.unlock()
        let result = parse()
        lock.lock()
        if let stamp { entries[source.file.relativePath] = Entry(stamp: stamp, document: result.0, diagnostics: result.1) }
        lock.unlock()
        return (result, true)
    }

    /// Forgets files that no longer exist; returns them.
    func retain(only paths: Set<String>) -> Set<String> {
        lock.lock()
        defer { lock.unlock() }
        var removed: Set<String> = []
        for key in entries.keys where !paths.contains(key) {
            entries[key] = nil
            removed.insert(key)
        }
        return removed
    }
}
