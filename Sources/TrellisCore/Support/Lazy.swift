import Foundation

/// A value computed on first use, once, by whichever thread asks first.
final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var get: Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}

extension Lazy {
    /// Forgets the value: the next `get` makes it again (memory a big value
    /// held once nobody needs it, such as a handbook's chapters).
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        value = nil
    }
}

/// A file made once, by its own output or first by a page that shows its
/// size: the output takes the bytes (after which only the size is kept, so
/// a build never holds every handbook at once), a page asks for the size.
///
/// A file made as a stream (the catalogue book, at 100,000 practices
/// hundreds of megabytes) is counted as its output writes it; a page that
/// asks for its size meanwhile waits for the count rather than making the
/// whole file a second time to count it.
final class MadeFile: @unchecked Sendable {
    private let condition = NSCondition()
    private var made: Result<Artifact, RenderFailure>?
    private var size: Int?
    /// A stream handed to its output and not yet written to its end.
    private var writing = false
    private let make: @Sendable () -> Result<Artifact, RenderFailure>

    init(_ make: @escaping @Sendable () -> Result<Artifact, RenderFailure>) { self.make = make }

    /// The file for its output; made now unless a page had it made. Its
    /// bytes are not kept: asked again (the preview), it is made again. A
    /// file made as a stream counts its bytes as they are written, and
    /// knows its size from then on.
    func take() -> Result<Artifact, RenderFailure> {
        condition.lock()
        defer { condition.unlock() }
        let result = made ?? make()
        made = nil
        guard case .success(var artifact) = result else { return result }
        if case .stream(let stream) = artifact.content {
            writing = true
            let count = StreamCount(self)
            artifact.content = .stream(
                ByteStream { emit throws(OutputError) in
                    var written = 0
                    do throws(OutputError) {
                        try stream.produce { piece in
                            written += piece.count
                            emit(piece)
                        }
                    } catch {
                        count.settle(nil)
                        throw error
                    }
                    count.settle(written)
                })
            return .success(artifact)
        }
        size = artifact.byteCount
        return result
    }

    /// The end of a stream's writing: its size, or nil when it failed or
    /// was never written; either way, whoever waits for it goes on.
    fileprivate func settle(_ count: Int?) {
        condition.lock()
        defer { condition.unlock() }
        if let count { size = count }
        writing = false
        condition.broadcast()
    }

    /// The file's size in bytes, or nil when it cannot be made. A stream
    /// being written is waited for; one not written yet is run once to be
    /// counted, and its bytes are not kept.
    var byteCount: Int? {
        condition.lock()
        defer { condition.unlock() }
        while writing && size == nil { condition.wait() }
        if let size { return size }
        let result = make()
        made = result
        guard case .success(let artifact) = result else { return nil }
        if case .stream(let stream) = artifact.content {
            // A stream that fails fails its own output too; the page shows no size.
            var count = 0
            guard (try? stream.produce { count += $0.count }) != nil else { return nil }
            size = count
        } else {
            size = artifact.byteCount
        }
        return size
    }
}

/// Tells a ``MadeFile`` how its stream ended, once: when the stream has
/// been written, failed, or (dropped unwritten) is let go, so nothing waits
/// for a stream that will never be written.
private final class StreamCount: @unchecked Sendable {
    private let lock = NSLock()
    private let file: MadeFile
    private var settled = false

    init(_ file: MadeFile) { self.file = file }

    func settle(_ count: Int?) {
        lock.lock()
        let first = !settled
        settled = true
        lock.unlock()
        if first || count != nil { file.settle(count) }
    }

    deinit {
        if !settled { file.settle(nil) }
    }
}

/// Counts down uses of a shared value; true for the last one.
final class Countdown: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int

    init(_ count: Int) { remaining = count }

    /// One use done; true when it was the last.
    func done() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        remaining -= 1
        return remaining <= 0
    }
}
