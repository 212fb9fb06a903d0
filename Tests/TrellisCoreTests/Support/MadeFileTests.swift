import Foundation
import Testing

@testable import TrellisCore

/// A handbook made as a stream is made once: a page that asks for its size
/// while its output writes it waits for the count instead of making it again.
@Suite struct MadeFileTests {
    /// Counts how often the file is made, and holds each run of the stream
    /// at its first piece until `release` is signalled.
    final class Maker: @unchecked Sendable {
        private let lock = NSLock()
        private var runs = 0
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        var made: Int {
            lock.lock()
            defer { lock.unlock() }
            return runs
        }

        func file() -> MadeFile {
            MadeFile { [self] in
                lock.lock()
                runs += 1
                lock.unlock()
                return .success(
                    Artifact(
                        path: "handbooks/catalogue.html",
                        content: .stream(
                            ByteStream { [self] emit in
                                let piece: [UInt8] = Array(repeating: 0x41, count: 1000)
                                piece.withUnsafeBytes(emit)
                                started.signal()
                                release.wait()
                                piece.withUnsafeBytes(emit)
                            })))
            }
        }
    }

    @Test func aSizeAskedWhileTheStreamIsWrittenWaitsForIt() throws {
        let maker = Maker()
        let file = maker.file()
        guard case .success(let artifact) = file.take(), case .stream(let stream) = artifact.content else {
            Issue.record("the file is a stream")
            return
        }
        let written = Counter()
        let writer = Thread { _ = try? stream.produce { written.add($0.count) } }
        writer.start()
        // Every wait has a deadline: a file that waits forever fails the test instead of hanging the suite.
        try #require(maker.started.wait(timeout: .now() + Self.patience) == .success, "the stream started")
        let size = Counter()
        let asker = Thread { size.add(file.byteCount ?? -1) }
        asker.start()
        // The page is waiting; the output goes on and ends.
        Thread.sleep(forTimeInterval: 0.05)
        #expect(size.value == 0)
        maker.release.signal()
        let deadline = Date() + Self.patience
        while size.value == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(size.value == 2000)
        #expect(written.value == 2000)
        #expect(maker.made == 1)
    }

    @Test func aStreamDroppedUnwrittenDoesNotHoldThePage() {
        let maker = Maker()
        let file = maker.file()
        do { _ = file.take() }
        // Nothing writes the stream taken above: the page makes and counts the file itself.
        maker.release.signal()
        let size = Counter()
        let counted = DispatchSemaphore(value: 0)
        Thread {
            size.add(file.byteCount ?? -1)
            counted.signal()
        }.start()
        #expect(counted.wait(timeout: .now() + Self.patience) == .success, "the page was not left waiting")
        #expect(size.value == 2000)
        #expect(maker.made == 2)
    }

    /// How long a step may take before the test gives up on it (it takes milliseconds).
    static let patience: TimeInterval = 10

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var total = 0
        func add(_ count: Int) {
            lock.lock()
            total += count
            lock.unlock()
        }
        var value: Int {
            lock.lock()
            defer { lock.unlock() }
            return total
        }
    }
}
