import Dispatch

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
        let workers = Swift.max(1, Swift.min(count, ProcessInfoCores.count * 4))
        let chunk = (count + workers - 1) / workers
        self.withUnsafeBufferPointer { input in
            let source = UnsafeSendableBuffer(buffer: input)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = worker * chunk
                let end = Swift.min(start + chunk, count)
                guard start < end else { return }
                for index in start..<end {
                    slots.base[index] = transform(source.buffer[index])
                }
            }
        }
        return (0..<count).map { slots.base[$0]! }
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
