import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Calls back when files under some folders change: inotify on Linux,
/// polling every 300 ms elsewhere or when inotify is unavailable.
/// Bursts of events (an editor saving through a temporary file) are merged
/// into one callback.
public final class Watcher: @unchecked Sendable {
    let folders: [String]
    let onChange: @Sendable () -> Void
    private var thread: Thread?
    private let lock = NSLock()
    private var stopped = false
    public private(set) var usesInotify = false

    public init(folders: [String], onChange: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.onChange = onChange
    }

    public func start() {
        #if os(Linux)
            let fd = inotify_init1(Int32(IN_CLOEXEC))
            if fd >= 0 {
                usesInotify = true
                let thread = Thread { [self] in self.inotifyLoop(fd) }
                thread.name = "trellis-watch"
                thread.start()
                self.thread = thread
                return
            }
        #endif
        let thread = Thread { [self] in self.pollLoop() }
        thread.name = "trellis-poll"
        thread.start()
        self.thread = thread
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Every folder under `folders`, for watching.
    static func allFolders(_ roots: [String]) -> [String] {
        var result: [String] = []
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            result.append(root)
            if let enumerator = FileManager.default.enumerator(atPath: root) {
                while let item = enumerator.nextObject() as? String {
                    var dir: ObjCBool = false
                    let path = "\(root)/\(item)"
                    if FileManager.default.fileExists(atPath: path, isDirectory: &dir), dir.boolValue,
                        !(item as NSString).lastPathComponent.hasPrefix(".")
                    {
                        result.append(path)
                    }
                }
            }
        }
        return result
    }

    #if os(Linux)
        /// Reads pending events; true if a folder was created or moved in (it needs a watch).
        private func readEvents(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            var offset = 0
            var folder = false
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (mask, length) = buffer.withUnsafeBytes { raw -> (UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.mask, Int(event.len))
                }
                if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { folder = true }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { folder = true }
                offset += header + length
            }
            return folder
        }

        private func inotifyLoop(_ fd: Int32) {
            let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)
            var watched: Set<String> = []
            func watchAll() {
                for folder in Self.allFolders(folders) where !watched.contains(folder) {
                    if inotify_add_watch(fd, folder, mask) >= 0 { watched.insert(folder) }
                }
            }
            watchAll()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while !isStopped {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, 250)
                if ready <= 0 { continue }
                var newFolder = readEvents(fd, &buffer)
                // Merge a burst of events (an editor's save): wait until 15 ms pass quietly.
                while true {
                    var again = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    if poll(&again, 1, 15) <= 0 { break }
                    newFolder = readEvents(fd, &buffer) || newFolder
                }
                if newFolder { watchAll() }
                onChange()
            }
            close(fd)
        }
    #endif

    private func signature() -> [String: TimeInterval] {
        var result: [String: TimeInterval] = [:]
        for root in folders {
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            while let item = enumerator.nextObject() as? String {
                let attributes = enumerator.fileAttributes
                let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                let size = (attributes?[.size] as? NSNumber)?.doubleValue ?? 0
                result["\(root)/\(item)"] = date + size / 1e12
            }
        }
        return result
    }

    private func pollLoop() {
        var last = signature()
        while !isStopped {
            Thread.sleep(forTimeInterval: 0.3)
            let now = signature()
            if now != last {
                last = now
                onChange()
            }
        }
    }
}
