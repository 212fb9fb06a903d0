import FlyingFox
import FlyingSocks
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The HTTP/1.1 side of the preview server: accepting connections, reading
/// request heads within limits and deadlines, writing responses, and
/// carrying the reload channel's WebSocket frames.
///
/// FlyingFox's own `HTTPServer` reads headers with no size limit, in time
/// that grows with the square of their length, and with no deadline, and
/// its decoder cannot be replaced. So this layer uses FlyingFox's sockets
/// (FlyingSocks) and its request, response and WebSocket types, and reads
/// the bytes itself: every byte of a request head is looked at once.
final class HTTPListener: Sendable {
    typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    let socket: Socket
    let port: UInt16
    let limits: PreviewServer.Limits
    private let pool: any AsyncSocketPool
    private let state = ListenerState()

    /// Binds `host:port`, or the first free one of the `otherPorts` after it.
    init(host: String, port: UInt16, otherPorts: Int, limits: PreviewServer.Limits) throws {
        self.limits = limits
        pool = HTTPServer.defaultPool()
        let address: sockaddr_in
        do {
            address = try .inet(ip4: host, port: 0)
        } catch {
            throw PreviewServer.CannotListen(message: "cannot listen on \(host): not an IPv4 address")
        }
        var candidate = port
        var tried = 0
        while true {
            do {
                socket = try Self.listen(address, port: candidate)
                break
            } catch SocketError.failed(_, let code, _) where code == EADDRINUSE && tried < otherPorts && candidate < UInt16.max && port != 0 {
                tried += 1
                candidate += 1
            } catch SocketError.failed(_, let code, _) where code == EADDRINUSE {
                throw PreviewServer.PortInUse(port: port)
            } catch SocketError.failed(_, _, let message) {
                throw PreviewServer.CannotListen(message: "cannot listen on \(host):\(candidate): \(message)")
            } catch {
                throw PreviewServer.CannotListen(message: "cannot listen on \(host):\(candidate): \(error.localizedDescription)")
            }
        }
        if case .ip4(_, let bound)? = try? socket.sockname() {
            self.port = bound
        } else {
            self.port = candidate
        }
    }

    private static func listen(_ address: sockaddr_in, port: UInt16) throws -> Socket {
        var address = address
        address.sin_port = port.bigEndian
        let socket = try Socket(domain: AF_INET, type: .stream)
        do {
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: address)
            try socket.listen()
        } catch {
            try? socket.close()
            throw error
        }
        return socket
    }

    /// Accepts connections until cancelled or stopped.
    func run(_ handler: @escaping Handler) async throws {
        guard state.start() else { return }
        try await pool.prepare()
        let listener = try AsyncSocket(socket: socket, pool: pool)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [pool] in try await pool.run() }
            group.addTask { [self] in
                await withDiscardingTaskGroup { connections in
                    while !Task.isCancelled {
                        let client: AsyncSocket
                        do {
                            client = try await listener.accept()
                        } catch is CancellationError {
                            return
                        } catch SocketError.disconnected {
                            return
                        } catch {
                            // A connection that failed before it was accepted (reset, or no
                            // descriptors left for a moment) does not stop the preview.
                            if state.isStopped { return }
                            try? await Task.sleep(nanoseconds: 50_000_000)
                            continue
                        }
                        guard state.open(limit: limits.maxConnections) else {
                            try? client.close()
                            continue
                        }
                        connections.addTask { [self] in
                            await serve(client, handler)
                            state.closed()
                        }
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Closes the listening socket; call after cancelling `run`.
    func stop() {
        if state.stop() { try? socket.close() }
    }

    // MARK: One connection

    func serve(_ client: AsyncSocket, _ handler: Handler) async {
        var connection = ConnectionReader(socket: client)
        defer { try? client.close() }
        while !Task.isCancelled {
            var parser = RequestHeadParser(limits: limits)
            let idleDeadline = ContinuousClock.now + .seconds(limits.idleTimeout)
            var headDeadline: ContinuousClock.Instant?
            var outcome = parser.parse(connection.pending)
            while case .incomplete = outcome {
                if headDeadline == nil && !connection.pending.isEmpty {
                    headDeadline = .now + .seconds(limits.headerTimeout)
                }
                do {
                    try await connection.fill(before: headDeadline ?? idleDeadline)
                } catch is DeadlinePassed {
                    // Nothing sent: close quietly. A request begun and not finished: 408.
                    if headDeadline != nil {
                        await refuse(client, &connection, .requestTimeout, "The request took too long to arrive.")
                    }
                    return
                } catch {
                    return
                }
                outcome = parser.parse(connection.pending)
            }
            let head: RequestHead
            switch outcome {
            case .incomplete:
                return
            case .refused(let status, let message):
                await refuse(client, &connection, status, message)
                return
            case .complete(let parsed, let consumed):
                connection.consume(consumed)
                head = parsed
            }

            guard head.method == "GET" || head.method == "HEAD" else {
                await refuse(
                    client, &connection, .methodNotAllowed, "The preview answers only GET and HEAD.", extra: [HTTPHeader("Allow"): "GET, HEAD"])
                return
            }
            // A GET with a body is answered and the connection closed: its
            // body is never read as the next request.
            let hasBody = head.headers[.transferEncoding] != nil || (head.headers[.contentLength].flatMap { Int($0) } ?? 0) != 0
            let keepAlive = head.keepAlive && !hasBody
            let response = await handler(head.request)

            if case .webSocket(let socketHandler) = response.payload {
                await runWebSocket(client, leftover: connection.pending, response: response, handler: socketHandler)
                return
            }
            let body = (try? await response.bodyData) ?? Data()
            var bytes = Self.encodeHead(
                response, contentLength: body.count, close: !keepAlive, keepAliveHeader: keepAlive && head.version == "HTTP/1.0")
            if head.method != "HEAD" { bytes.append(body) }
            do {
                try await write(client, bytes)
            } catch {
                return
            }
            guard keepAlive else { return }
        }
    }

    /// Answers with an error and closes the connection, reading what the
    /// client still sends for a moment first, so the answer is not lost to
    /// a reset (a "lingering close").
    func refuse(
        _ client: AsyncSocket, _ connection: inout ConnectionReader, _ status: HTTPStatusCode, _ message: String,
        extra: HTTPHeaders = [:]
    ) async {
        var response = HTTPResponse(statusCode: status, headers: extra, body: Data((message + "\n").utf8))
        response.headers[.contentType] = "text/plain; charset=utf-8"
        var bytes = Self.encodeHead(response, contentLength: message.utf8.count + 1, close: true, keepAliveHeader: false)
        bytes.append(Data((message + "\n").utf8))
        do {
            try await write(client, bytes)
        } catch {
            return
        }
        _ = shutdown(client.socket.file.rawValue, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + .seconds(limits.lingerTimeout)
        var drained = 0
        while drained < 16 << 20 {
            connection.discardPending()
            guard (try? await connection.fill(before: deadline)) != nil else { return }
            drained += connection.pending.count
        }
    }

    func write(_ client: AsyncSocket, _ bytes: Data) async throws {
        try await withDeadline(.now + .seconds(limits.writeTimeout)) {
            try await client.write(bytes)
        }
    }

    static func encodeHead(_ response: HTTPResponse, contentLength: Int?, close: Bool, keepAliveHeader: Bool) -> Data {
        var text = "HTTP/1.1 \(response.statusCode.code) \(response.statusCode.phrase)\r\n"
        var names: [(String, String)] = []
        for (header, value) in response.headers {
            let lowered = header.rawValue.lowercased()
            if lowered == "content-length" || lowered == "transfer-encoding" || (lowered == "connection" && contentLength != nil) { continue }
            names.append((header.rawValue, value))
        }
        // A stable order: the same response gives the same bytes.
        for (name, value) in names.sorted(by: { $0.0 < $1.0 }) {
            text += "\(name): \(Self.clean(value))\r\n"
        }
        if let contentLength {
            text += "Content-Length: \(contentLength)\r\n"
            if close {
                text += "Connection: close\r\n"
            } else if keepAliveHeader {
                text += "Connection: keep-alive\r\n"
            }
        }
        return Data((text + "\r\n").utf8)
    }

    /// A header value with no line breaks (values come from this program, but never trust a newline).
    static func clean(_ value: String) -> String {
        value.contains(where: { $0 == "\r" || $0 == "\n" }) ? value.filter { $0 != "\r" && $0 != "\n" } : value
    }

    // MARK: WebSocket

    func runWebSocket(_ client: AsyncSocket, leftover: ArraySlice<UInt8>, response: HTTPResponse, handler: any WSHandler) async {
        let (clientFrames, input) = AsyncThrowingStream<WSFrame, any Error>.makeStream()
        let serverFrames: AsyncStream<WSFrame>
        do {
            serverFrames = try await handler.makeFrames(for: clientFrames)
            try await write(client, Self.encodeHead(response, contentLength: nil, close: false, keepAliveHeader: false))
        } catch {
            input.finish()
            return
        }
        let pending = Array(leftover)
        let limit = limits.webSocketMessage
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var reader = ConnectionReader(socket: client, pending: pending)
                do {
                    while true {
                        let frame = try await reader.readFrame(maxPayload: limit)
                        input.yield(frame)
                        if frame.opcode == .close { break }
                    }
                    input.finish()
                } catch {
                    input.finish(throwing: error)
                }
            }
            group.addTask { [self] in
                for await frame in serverFrames {
                    do {
                        try await write(client, WebSocketFrames.encode(frame))
                    } catch {
                        return
                    }
                    if frame.opcode == .close { return }
                }
            }
            await group.next()
            group.cancelAll()
        }
        input.finish()
    }
}

/// Counts open connections and remembers whether the listener runs.
final class ListenerState: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false
    private var stopped = false
    private var open = 0

    func start() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !running, !stopped else { return false }
        running = true
        return true
    }

    func stop() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return false }
        stopped = true
        return true
    }

    var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func open(limit: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard open < limit else { return false }
        open += 1
        return true
    }

    func closed() {
        lock.lock()
        defer { lock.unlock() }
        open -= 1
    }
}

struct DeadlinePassed: Error {}

enum DeadlineOutcome<T: Sendable>: Sendable {
    case value(T)
    case timedOut
}

/// Runs `body`, or throws ``DeadlinePassed`` (cancelling it) once `deadline` passes.
func withDeadline<T: Sendable>(_ deadline: ContinuousClock.Instant, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    return try await withThrowingTaskGroup(of: DeadlineOutcome<T>.self) { group in
        group.addTask { .value(try await body()) }
        group.addTask {
            try await Task.sleep(until: deadline, clock: .continuous)
            return .timedOut
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlinePassed() }
        switch first {
        case .value(let value): return value
        case .timedOut: throw DeadlinePassed()
        }
    }
}

/// Bytes received on a connection and not yet used.
struct ConnectionReader {
    let socket: AsyncSocket
    private var buffer: [UInt8]
    private var start = 0

    init(socket: AsyncSocket, pending: [UInt8] = []) {
        self.socket = socket
        buffer = pending
    }

    var pending: ArraySlice<UInt8> { buffer[start...] }

    mutating func consume(_ count: Int) {
        start += count
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
    }

    mutating func discardPending() {
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Reads what has arrived (at least one byte), waiting until `deadline` at most.
    mutating func fill(before deadline: ContinuousClock.Instant) async throws {
        let socket = socket
        let chunk = try await withDeadline(deadline) { try await socket.read(atMost: 16384) }
        // Move the unused bytes to the front once they are few, so the buffer never grows with a long connection.
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: chunk)
    }

    /// Waits for `count` bytes and returns them (no deadline: the reload channel stays open).
    mutating func take(_ count: Int) async throws -> ArraySlice<UInt8> {
        while buffer.count - start < count {
            let chunk = try await socket.read(atMost: 16384)
            if start > 0 && start >= buffer.count / 2 {
                buffer.removeFirst(start)
                start = 0
            }
            buffer.append(contentsOf: chunk)
        }
        let bytes = buffer[start..<(start + count)]
        consume(count)
        return bytes
    }

    /// One WebSocket frame from the client (RFC 6455 §5.2), unmasked.
    mutating func readFrame(maxPayload: Int) async throws -> WSFrame {
        let head = Array(try await take(2))
        guard head[1] & 0x80 != 0 else { throw WebSocketFrames.Invalid() }  // clients must mask
        var length = Int(head[1] & 0x7F)
        if length == 126 {
            length = try await take(2).reduce(0) { $0 << 8 | Int($1) }
        } else if length == 127 {
            let bytes = try await take(8)
            guard bytes.first.map({ $0 & 0x80 == 0 }) ?? false else { throw WebSocketFrames.Invalid() }
            length = 0
            for byte in bytes {
                guard length <= maxPayload else { throw WebSocketFrames.Invalid() }
                length = length << 8 | Int(byte)
            }
        }
        guard length <= maxPayload else { throw WebSocketFrames.Invalid() }
        let mask = Array(try await take(4))
        var payload = Array(try await take(length))
        for index in payload.indices { payload[index] ^= mask[index & 3] }
        return WSFrame(
            fin: head[0] & 0x80 != 0, rsv1: head[0] & 0x40 != 0, rsv2: head[0] & 0x20 != 0, rsv3: head[0] & 0x10 != 0,
            opcode: WSFrame.Opcode(head[0] & 0x0F), mask: nil, payload: Data(payload))
    }
}

enum WebSocketFrames {
    struct Invalid: Error {}

    /// A server frame: never masked.
    static func encode(_ frame: WSFrame) -> Data {
        var bytes: [UInt8] = [
            (frame.fin ? 0x80 : 0) | (frame.rsv1 ? 0x40 : 0) | (frame.rsv2 ? 0x20 : 0) | (frame.rsv3 ? 0x10 : 0) | (frame.opcode.rawValue & 0x0F)
        ]
        let count = frame.payload.count
        if count < 126 {
            bytes.append(UInt8(count))
        } else if count <= 0xFFFF {
            bytes += [126, UInt8(count >> 8), UInt8(count & 0xFF)]
        } else {
            bytes.append(127)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((UInt64(count) >> UInt64(shift)) & 0xFF)) }
        }
        var data = Data(bytes)
        data.append(frame.payload)
        return data
    }
}
