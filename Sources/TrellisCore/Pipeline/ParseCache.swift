import Foundation

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
    /// Content-relative paths parsed afresh by the last build.
    public private(set) var lastChanged: Set<String> = []
    /// True when the last build could not reuse anything (first build, new settings).
    public private(set) var lastWasFull = true

    public init() {}

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    func begin(config: SiteConfig) {
        lock.lock()
        defer { lock.unlock() }
        if configKey != config {
            entries = [:]
            configKey = config
            lastWasFull = true
        } else {
            lastWasFull = false
        }
        lastChanged = []
    }

    /// The cached result for `path` if the file is unchanged, else parses it.
    func parse(_ source: DocumentSource, absolute: String, with parse: () -> (ParsedDocument?, [Diagnostic])) -> (ParsedDocument?, [Diagnostic]) {
        let stamp = Self.stamp(absolute)
        lock.lock()
        if let stamp, let entry = entries[source.file.relativePath], entry.stamp == stamp {
            lock.unlock()
            return (entry.document, entry.diagnostics)
        }
        lock.unlock()
        let result = parse()
        lock.lock()
        if let stamp { entries[source.file.relativePath] = Entry(stamp: stamp, document: result.0, diagnostics: result.1) }
        lastChanged.insert(source.file.relativePath)
        lock.unlock()
        return result
    }

    /// Forgets files that no longer exist.
    func retain(only paths: Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        for key in entries.keys where !paths.contains(key) {
            entries[key] = nil
            lastChanged.insert(key)
        }
    }
}
