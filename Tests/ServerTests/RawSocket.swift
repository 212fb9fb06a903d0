import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP client for tests: exact request bytes, and enough of the
/// WebSocket framing to read one text message. One thread may send while
/// another reads (the descriptor is all it holds).
final class RawSocket: @unchecked Sendable {
    let fd: Int32

    init(port: UInt16, receiveTimeout: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sendTimeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) throws {
        guard trySend(Array(text.utf8)) else { throw POSIXError(.EPIPE) }
    }

    /// Sends all of `bytes`; false when the server closed the connection (or stopped reading) first.
    @discardableResult
    func trySend(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return Glibc.send(fd, base + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    func readBytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: count)
        while out.count < count {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, count - out.count, 0) }
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    func readAll() -> String {
        String(decoding: readToEnd().bytes, as: UTF8.self)
    }

    /// Reads until the server closes the connection (`closed`), or until the
    /// receive timeout passes or the connection is reset (`closed` false for a timeout).
    func readToEnd() -> (bytes: [UInt8], closed: Bool) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
            if n == 0 { return (data, true) }
            if n < 0 { return (data, errno == ECONNRESET) }
            data += buffer[0..<n]
        }
    }

    func readUntil(_ marker: String) -> String {
        var data: [UInt8] = []
        let end = Array(marker.utf8)
        while !data.suffix(end.count).elementsEqual(end) {
            let byte = readBytes(1)
            if byte.isEmpty { break }
            data += byte
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads frames until a text frame arrives; returns its payload.
    func readWebSocketText() -> String {
        while true {
            let head = readBytes(2)
            guard head.count == 2 else { return "" }
            var length = Int(head[1] & 0x7F)
            if length == 126 {
                let ext = readBytes(2)
                guard ext.count == 2 else { return "" }
                length = Int(ext[0]) << 8 | Int(ext[1])
            } else if length == 127 {
                let ext = readBytes(8)
                length = ext.reduce(0) { $0 << 8 | Int($1) }
            }
            let payload = readBytes(length)
            if head[0] & 0x0F == 1 { return String(decoding: payload, as: UTF8.self) }
        }
    }

    func close() { Glibc.close(fd) }
}

/// A port held open by the test, so the server under test finds it busy.
final class BusyPort {
    let fd: Int32
    let port: UInt16

    /// Listens on `port` (0: any free port) on 127.0.0.1.
    init(port: UInt16 = 0) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 4) == 0 else {
            Glibc.close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    func close() { Glibc.close(fd) }
}
