import Dispatch
import Foundation

/// A pointer handed to worker threads that each write distinct indices.
private struct UnsafeSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T?>
}

extension Array where Element: Sendable {
    /// `map` spread over all cores; results keep the input order.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let count = self.count
        if count < 2 { return map(transform) }
        let slots = UnsafeSlots(base: UnsafeMutablePointer<T?>.allocate(capacity: count))
        slots.base.initialize(repeating: nil, count: count)
        defer {
            slots.base.deinitialize(count: count)
            slots.base.deallocate()
        }
        // Dynamic scheduling: each worker takes the next small batch, so a
        // few expensive items (a catalogue handbook, the search index) do
        // not leave the other cores idle. Put expensive items first.
        let workers = Swift.max(1, Swift.min(count, ProcessInfoCores.count))
        let batch = Swift.max(1, count / (workers * 64))
        let next = BatchCounter()
        self.withUnsafeBufferPointer { input in
            let source = UnsafeSendableBuffer(buffer: input)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let start = next.take(batch)
                    guard start < count else { return }
                    for index in start..<Swift.min(start + batch, count) {
                        slots.base[index] = transform(source.buffer[index])
                    }
                }
            }
        }
        // Each result is moved out of its slot, not copied (a copy of a parsed document is a
        // retain of every string and array in it, and a release when the slot goes).
        return (0..<count).map { slots.base[$0].take()! }
    }
}

/// Hands out consecutive batches of indices to workers.
private final class BatchCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(_ size: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let start = value
        value += size
        return start
    }
}

private struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>
}

/// The number of cores the build may use.
public enum ProcessInfoCores {
    public static let count: Int = {
        #if canImport(Glibc)
            let n = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
            return n > 0 ? n : 1
        #else
            return 2
        #endif
    }()
}

#if canImport(Glibc)
    import Glibc
#endif
