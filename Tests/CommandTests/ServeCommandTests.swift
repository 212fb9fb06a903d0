import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `trellis serve` on a busy port: with --port, a one-line error; without,
/// the next free port. Never an address announced before it is bound.
@Suite(.serialized) struct ServeCommandTests {
    /// A listening socket on 127.0.0.1 (port 0: any free port); nil when the port cannot be had.
    final class Listener {
        let fd: Int32
        let port: UInt16

        init?(port: UInt16) {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(fd, 4) == 0 else {
                close(fd)
                return nil
            }
            var actual = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &actual) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            self.fd = fd
            self.port = UInt16(bigEndian: actual.sin_port)
        }

        deinit { close(fd) }
    }

    /// What `trellis serve` wrote to stderr, read as it comes.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.withLock { data.append(more) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }

    /// Starts `trellis serve` and returns once `until` appears in its stderr, it exits, or `seconds` pass.
    static func serve(_ arguments: [String], in directory: String, until marker: String, seconds: Double = 60) throws -> (Process, Output) {
        let binary = try #require(TrellisBinary.url, "the trellis executable was not found beside the test bundle")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let err = Pipe()
        let output = Output()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        err.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try process.run()
        let end = Date().addingTimeInterval(seconds)
        while process.isRunning && !output.text.contains(marker) && Date() < end {
            Thread.sleep(forTimeInterval: 0.05)
        }
        return (process, output)
    }

    static func finish(_ process: Process) {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
        }
        process.waitUntilExit()
    }

    static func site() throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        try directory.site("content", ["site.yml": "title: Busy Port\n", "index.md": "---\ntitle: Home\n---\n\nHello.\n"])
        return directory
    }

    @Test func busyExplicitPortIsAOneLineError() throws {
        let directory = try Self.site()
        let busy = try #require(Listener(port: 0))
        let (process, output) = try Self.serve(["--port", "\(busy.port)"], in: directory.path, until: "serving", seconds: 30)
        let start = Date()
        while process.isRunning && Date().timeIntervalSince(start) < 30 { Thread.sleep(forTimeInterval: 0.05) }
        let exited = !process.isRunning
        Self.finish(process)
        Thread.sleep(forTimeInterval: 0.1)
        let text = output.text
        #expect(exited)
        #expect(process.terminationStatus == 1)
        #expect(text.contains("error: port \(busy.port) is in use\n"), "\(text)")
        #expect(text.contains("--port N"), "\(text)")
        #expect(!text.contains("serving"), "announced an address it could not bind: \(text)")
        #expect(!text.contains("errno"), "\(text)")
    }

    @Test func busyDefaultPortMovesToTheNextFreeOne() throws {
        let directory = try Self.site()
        // Hold 4000 unless something else already does; either way it is busy.
        let holder = Listener(port: 4000)
        let (process, output) = try Self.serve([], in: directory.path, until: "serving", seconds: 60)
        defer { Self.finish(process) }
        let text = output.text
        #expect(process.isRunning, "\(text)")
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("serving ") }, "\(text)")
        let port = try #require(line.split(separator: ":").dropFirst(2).first.flatMap { UInt16($0.prefix { $0.isNumber }) }, "\(line)")
        #expect(port > 4000 && port <= 4020, "\(line)")
        #expect(text.contains("port 4000 is in use; using port \(port) instead"), "\(text)")
        // The announced port answers.
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        _ = holder
    }
}
