import Foundation
import Testing

@testable import TrellisServer

/// Runs blocking socket work on its own thread, so the test does not hold
/// one of the few cooperative threads the server under test needs.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// Sends `bytes` on another thread; `wait()` the result before closing the socket.
func sendInBackground(_ socket: RawSocket, _ bytes: [UInt8]) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        socket.trySend(bytes)
        done.signal()
    }
    return done
}

/// A client that sends a request a little at a time until told to stop.
final class SlowClient: @unchecked Sendable {
    let socket: RawSocket
    private let lock = NSLock()
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    /// Sends `prefix` at once, then one byte of `trickle` every `interval` seconds.
    init(port: UInt16, prefix: [UInt8], trickle: [UInt8], interval: Double) throws {
        socket = try RawSocket(port: port)
        Thread.detachNewThread { [self] in
            defer { done.signal() }
            guard socket.trySend(prefix) else { return }
            for byte in trickle {
                if isStopped { return }
                guard socket.trySend([byte]) else { return }
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }

    var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        socket.close()
        _ = done.wait(timeout: .now() + 15)
    }
}

extension PreviewServerTests {
    /// The preview server bounds what a request may send and how slowly
    /// (a web page can make a browser send such requests to 127.0.0.1),
    /// and keeps serving others meanwhile.
    @Suite struct RequestLimits {
        static let head = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8)

        static func statusLine(_ response: String) -> String {
            response.components(separatedBy: "\r\n").first ?? ""
        }

        @Test func hugeHeaderIsRefusedWith431() async throws {
            let running = try await PreviewServerTests().start()
            let port = running.port
            let (response, seconds, closed) = try await blocking {
                let socket = try RawSocket(port: port)
                defer { socket.close() }
                let start = Date()
                let request = Self.head + Array("X-Big: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20) + Array("\r\n\r\n".utf8)
                let sender = sendInBackground(socket, request)
                let response = socket.readUntil("\r\n\r\n")
                let seconds = Date().timeIntervalSince(start)
                let closed = socket.readToEnd().closed
                _ = sender.wait(timeout: .now() + 15)
                return (response, seconds, closed)
            }
            #expect(Self.statusLine(response) == "HTTP/1.1 431 Request Header Fields Too Large")
            #expect(seconds < 3, "answered after \(seconds) s")
            #expect(closed)
            await running.stop()
        }

        @Test func longRequestLineIsRefusedWith414() async throws {
            let running = try await PreviewServerTests().start()
            let port = running.port
            let (response, seconds) = try await blocking {
                let socket = try RawSocket(port: port)
                defer { socket.close() }
                let start = Date()
                let request = "GET /" + String(repeating: "a", count: 100 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                let sender = sendInBackground(socket, Array(request.utf8))
                let response = socket.readUntil("\r\n\r\n")
                let seconds = Date().timeIntervalSince(start)
                _ = sender.wait(timeout: .now() + 15)
                return (response, seconds)
            }
            #expect(Self.statusLine(response) == "HTTP/1.1 414 URI Too Long")
            #expect(seconds < 3, "answered after \(seconds) s")
            await running.stop()
        }

        /// Parsing is linear: headers just under the limit are read at once.
        @Test func largeHeadersUnderTheLimitAreServed() async throws {
            let running = try await PreviewServerTests().start()
            let port = running.port
            let (response, seconds) = try await blocking {
                let socket = try RawSocket(port: port)
                defer { socket.close() }
                let start = Date()
                var request = Self.head
                for index in 0..<20 {
                    request += Array("X-Filler-\(index): \(String(repeating: "b", count: 2900))\r\n".utf8)
                }
                request += Array("Connection: close\r\n\r\n".utf8)
                let sender = sendInBackground(socket, request)
                let response = socket.readAll()
                _ = sender.wait(timeout: .now() + 15)
                return (response, Date().timeIntervalSince(start))
            }
            #expect(Self.statusLine(response) == "HTTP/1.1 200 OK")
            #expect(response.contains("/_trellis/live.js"))
            #expect(seconds < 1.5, "answered after \(seconds) s")
            await running.stop()
        }

        @Test func othersAreServedWhileClientsSendLongHeadersSlowly() async throws {
            let running = try await PreviewServerTests().start()
            let port = running.port
            let long = Self.head + Array("X-Long: ".utf8) + [UInt8](repeating: UInt8(ascii: "c"), count: 300 * 1024)
            let slow = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: \(String(repeating: "d", count: 2000))\r\n\r\n".utf8)
            let clients = try [
                SlowClient(port: port, prefix: long, trickle: Array(repeating: UInt8(ascii: "c"), count: 2000), interval: 0.01),
                SlowClient(port: port, prefix: long, trickle: Array(repeating: UInt8(ascii: "c"), count: 2000), interval: 0.01),
                SlowClient(port: port, prefix: [], trickle: slow, interval: 0.01),
                SlowClient(port: port, prefix: [], trickle: slow, interval: 0.01),
            ]
            try await Task.sleep(nanoseconds: 500_000_000)
            let (status, seconds) = try await blocking {
                let start = Date()
                let home = try PreviewServerTests.request(port, "/")
                return (home.status, Date().timeIntervalSince(start))
            }
            #expect(status == 200)
            #expect(seconds < 2, "answered after \(seconds) s")
            try await blocking { for client in clients { client.stop() } }
            await running.stop()
        }

        @Test func idleConnectionIsClosed() async throws {
            var limits = PreviewServer.Limits()
            limits.idleTimeout = 0.5
            let running = try await PreviewServerTests().start(limits: limits)
            let port = running.port
            let (closed, seconds) = try await blocking {
                let socket = try RawSocket(port: port)
                defer { socket.close() }
                let start = Date()
                let closed = socket.readToEnd().closed
                return (closed, Date().timeIntervalSince(start))
            }
            #expect(closed)
            #expect(seconds < 3, "closed after \(seconds) s")
            await running.stop()
        }

        /// Slowloris: a request whose headers never finish is answered 408 and closed.
        @Test func slowHeadersTimeOut() async throws {
            var limits = PreviewServer.Limits()
            limits.headerTimeout = 1
            let running = try await PreviewServerTests().start(limits: limits)
            let port = running.port
            let request = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: \(String(repeating: "e", count: 200))\r\n\r\n".utf8)
            let client = try SlowClient(port: port, prefix: [], trickle: request, interval: 0.05)
            let (response, closed, seconds) = try await blocking {
                let start = Date()
                let (bytes, closed) = client.socket.readToEnd()
                return (String(decoding: bytes, as: UTF8.self), closed, Date().timeIntervalSince(start))
            }
            #expect(Self.statusLine(response) == "HTTP/1.1 408 Request Timeout")
            #expect(closed)
            #expect(seconds < 4, "closed after \(seconds) s")
            try await blocking { client.stop() }
            await running.stop()
        }

        @Test func keepAliveAndPipelinedRequestsAreAnswered() async throws {
            let running = try await PreviewServerTests().start()
            let port = running.port
            let response = try await blocking {
                let socket = try RawSocket(port: port)
                defer { socket.close() }
                try socket.send(
                    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nHEAD /assets/trellis.css HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        + "GET /no-such-page.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                return socket.readAll()
            }
            // Each response's status line (a body does not end in a line break).
            let statuses = response.components(separatedBy: "HTTP/1.1 ").dropFirst().map {
                "HTTP/1.1 " + ($0.components(separatedBy: "\r\n").first ?? "")
            }
            #expect(statuses == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found"])
            await running.stop()
        }

        /// Stopping does not wait for clients: open, idle and reload connections end with it.
        @Test func stopEndsOpenConnections() async throws {
            let running = try await PreviewServerTests().start()
            let port = running.port
            let idle = try RawSocket(port: port)
            let reload = try RawSocket(port: port)
            try reload.send(
                "GET /_trellis/socket HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:\(port)\r\n\r\n")
            let handshake = try await blocking { reload.readUntil("\r\n\r\n") }
            #expect(handshake.hasPrefix("HTTP/1.1 101"))
            let start = Date()
            await running.stop()
            let seconds = Date().timeIntervalSince(start)
            #expect(seconds < 3, "stopped after \(seconds) s")
            let (idleClosed, reloadClosed) = try await blocking { (idle.readToEnd().closed, reload.readToEnd().closed) }
            #expect(idleClosed)
            #expect(reloadClosed)
            idle.close()
            reload.close()
        }

        @Test func connectionsBeyondTheLimitAreClosed() async throws {
            var limits = PreviewServer.Limits()
            limits.maxConnections = 2
            let running = try await PreviewServerTests().start(limits: limits)
            let port = running.port
            let (third, afterwards) = try await blocking {
                let first = try RawSocket(port: port)
                let second = try RawSocket(port: port)
                Thread.sleep(forTimeInterval: 0.2)
                let extra = try RawSocket(port: port, receiveTimeout: 5)
                let third = extra.readToEnd().closed
                extra.close()
                first.close()
                second.close()
                Thread.sleep(forTimeInterval: 0.2)
                return (third, try PreviewServerTests.request(port, "/").status)
            }
            #expect(third)
            #expect(afterwards == 200)
            await running.stop()
        }

        @Test func otherMethodsAreRefused() async throws {
            let running = try await PreviewServerTests().start()
            let port = running.port
            let response = try await blocking {
                let socket = try RawSocket(port: port)
                defer { socket.close() }
                try socket.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello")
                return socket.readAll()
            }
            #expect(Self.statusLine(response) == "HTTP/1.1 405 Method Not Allowed")
            await running.stop()
        }
    }

    /// `trellis serve` without --port takes the next free port; with --port,
    /// a busy port is an error. Either way nothing is announced before binding.
    @Suite struct PortChoice {
        static func site() -> PreviewSite {
            PreviewSite(content: PreviewServerTests.fixture().path, templates: "/nonexistent")
        }

        @Test func busyPortIsReported() async throws {
            let busy = try BusyPort()
            defer { busy.close() }
            #expect(throws: PreviewServer.PortInUse(port: busy.port)) {
                _ = try PreviewServer(site: Self.site(), host: "127.0.0.1", port: busy.port)
            }
        }

        @Test func nextFreePortIsTaken() async throws {
            let busy = try BusyPort()
            defer { busy.close() }
            let server = try PreviewServer(site: Self.site(), host: "127.0.0.1", port: busy.port, otherPorts: 20)
            let task = Task { _ = try? await server.run() }
            try await server.waitUntilListening()
            let bound = try #require(await server.boundPort)
            #expect(bound != busy.port)
            #expect(bound > busy.port && bound <= busy.port &+ 20)
            #expect(server.port == bound)
            let home = try await blocking { try PreviewServerTests.request(bound, "/_trellis/status") }
            #expect(home.status == 200)
            await server.stop()
            task.cancel()
        }
    }
}
