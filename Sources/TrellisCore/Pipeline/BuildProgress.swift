import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One updating line on a terminal — the stage and how many items are done —
/// for long builds. Counting is one atomic-enough increment under a lock; the
/// line is redrawn at most ten times a second, so it does not slow the build.
public final class BuildProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var stage = ""
    private var total = 0
    private var done = 0
    private var lastDraw: UInt64 = 0
    private var drawn = false

    public init() {}

    /// A progress line if standard error is a terminal, else nil.
    public static func forTerminal() -> BuildProgress? {
        isatty(STDERR_FILENO) == 1 ? BuildProgress() : nil
    }

    func begin(_ name: String, total: Int) {
        lock.lock()
        stage = name
        self.total = total
        done = 0
        lastDraw = 0
        lock.unlock()
        advance(by: 0)
    }

    func advance(by count: Int = 1) {
        lock.lock()
        done += count
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 100_000_000 || done == total else {
            lock.unlock()
            return
        }
        lastDraw = now
        let line = "\r\u{1B}[K\(stage) \(done)/\(total)"
        drawn = true
        lock.unlock()
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the line before the build's own output.
    public func finish() {
        lock.lock()
        let wasDrawn = drawn
        drawn = false
        lock.unlock()
        if wasDrawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
