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
final class MadeFile: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Result<Artifact, RenderFailure>?
    private var size: Int?
    private let make: @Sendable () -> Result<Artifact, RenderFailure>

    init(_ make: @escaping @Sendable () -> Result<Artifact, RenderFailure>) { self.make = make }

    /// The file for its output; made now unless a page had it made. Its
    /// bytes are not kept: asked again (the preview), it is made again. A
    /// file made as a stream counts its bytes as they are written, and
    /// knows its size from then on.
    func take() -> Result<Artifact, RenderFailure> {
        lock.lock()
        defer { lock.unlock() }
        let result = made ?? make()
        made = nil
        guard case .success(var artifact) = result else { return result }
        if case .stream(let stream) = artifact.content {
            artifact.content = .stream(
                ByteStream { [self] emit throws(OutputError) in
                    var count = 0
                    try stream.produce { piece in
                        count += piece.count
                        emit(piece)
                    }
                    record(count)
                })
            return .success(artifact)
        }
        size = artifact.byteCount
        return result
    }

    private func record(_ count: Int) {
        lock.lock()
        defer { lock.unlock() }
        size = count
    }

    /// The file's size in bytes, or nil when it cannot be made. A stream
    /// not written yet is run once to be counted; its bytes are not kept.
    var byteCount: Int? {
        lock.lock()
        defer { lock.unlock() }
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
