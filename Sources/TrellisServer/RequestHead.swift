import FlyingFox
import Foundation

/// A request line and its header fields.
struct RequestHead {
    var method: String
    var target: String
    var version: String
    var headers: HTTPHeaders

    /// HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked.
    var keepAlive: Bool {
        let tokens = (headers[.connection] ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return version == "HTTP/1.1" ? !tokens.contains("close") : tokens.contains("keep-alive")
    }

    var request: HTTPRequest {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? target
        let query = parts.count > 1 ? String(parts[1]) : ""
        return HTTPRequest(
            method: HTTPMethod(method), version: HTTPVersion(version),
            target: HTTPRequest.Target(path: path, query: query),
            headers: headers, body: HTTPBodySequence(data: Data()))
    }
}

/// Reads a request head (RFC 9112 §2–5) from the front of the bytes a
/// connection has received, within ``PreviewServer/Limits``.
///
/// Called again with more bytes, it goes on from where it stopped: every
/// byte is examined once, so the time is linear in the size of the head,
/// and the limits are checked before the end of a line arrives.
struct RequestHeadParser {
    enum Outcome {
        case incomplete
        /// The head, and how many bytes it took (the rest belongs to what follows).
        case complete(RequestHead, consumed: Int)
        case refused(HTTPStatusCode, String)
    }

    let limits: PreviewServer.Limits
    private var scanned = 0
    private var lineStart = 0
    private var requestLine: Range<Int>?
    private var headersStart = 0
    private var fields: [Range<Int>] = []

    init(limits: PreviewServer.Limits) {
        self.limits = limits
    }

    /// `bytes` must start where the first call's started, and hold at least what it held.
    mutating func parse(_ bytes: ArraySlice<UInt8>) -> Outcome {
        let base = bytes.startIndex
        let count = bytes.count
        while scanned < count {
            let byte = bytes[base + scanned]
            scanned += 1
            guard byte == 0x0A else { continue }
            var end = scanned - 1
            if end > lineStart && bytes[base + end - 1] == 0x0D { end -= 1 }
            let line = lineStart..<end
            lineStart = scanned
            if requestLine == nil {
                if scanned > limits.requestLine { return .refused(.uriTooLong, "The request line is longer than \(limits.requestLine) bytes.") }
                // A blank line before the request line is ignored (RFC 9112 §2.2).
                if line.isEmpty { continue }
                requestLine = line
                headersStart = scanned
            } else {
                if scanned - headersStart > limits.headerBytes { return tooLarge }
                if line.isEmpty { return finish(bytes) }
                fields.append(line)
            }
        }
        if requestLine == nil {
            if count > limits.requestLine { return .refused(.uriTooLong, "The request line is longer than \(limits.requestLine) bytes.") }
        } else if count - headersStart > limits.headerBytes {
            return tooLarge
        }
        return .incomplete
    }

    private var tooLarge: Outcome {
        .refused(.requestHeaderFieldsTooLarge, "The request headers are larger than \(limits.headerBytes) bytes.")
    }

    private func finish(_ bytes: ArraySlice<UInt8>) -> Outcome {
        let base = bytes.startIndex
        guard let requestLine else { return .incomplete }
        let line = bytes[(base + requestLine.lowerBound)..<(base + requestLine.upperBound)]
        let parts = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(Self.isToken),
            !parts[1].isEmpty, parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            return .refused(.badRequest, "Bad request line.")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            if version.hasPrefix("HTTP/") { return .refused(.httpVersionNotSupported, "Only HTTP/1.1 and HTTP/1.0 are supported.") }
            return .refused(.badRequest, "Bad request line.")
        }
        let target = String(decoding: parts[1], as: UTF8.self)
        // Origin form only ("/path?query"): the preview is not a proxy.
        guard target.hasPrefix("/") else { return .refused(.badRequest, "Bad request target.") }

        var headers = HTTPHeaders()
        for field in fields {
            let bytes = bytes[(base + field.lowerBound)..<(base + field.upperBound)]
            guard let colon = bytes.firstIndex(of: 0x3A) else { return .refused(.badRequest, "Bad header line.") }
            let name = bytes[bytes.startIndex..<colon]
            // No folded lines, no space before the colon (RFC 9112 §5.1, §5.2).
            guard !name.isEmpty, name.allSatisfy(Self.isToken) else { return .refused(.badRequest, "Bad header name.") }
            var value = bytes[(colon + 1)...]
            while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
            while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
            guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }) else { return .refused(.badRequest, "Bad header value.") }
            headers.addValue(String(decoding: value, as: UTF8.self), for: HTTPHeader(String(decoding: name, as: UTF8.self)))
        }
        // One Host, and in HTTP/1.1 a Host (RFC 9112 §3.2); the preview checks its value.
        let hosts = headers.values(for: .host).count
        guard hosts == 1 || (hosts == 0 && version == "HTTP/1.0") else { return .refused(.badRequest, "Exactly one Host header is needed.") }
        guard headers.values(for: .contentLength).count <= 1 else { return .refused(.badRequest, "More than one Content-Length.") }
        if let length = headers[.contentLength], Int(length).map({ $0 < 0 }) ?? true {
            return .refused(.badRequest, "Bad Content-Length.")
        }
        let head = RequestHead(method: String(decoding: parts[0], as: UTF8.self), target: target, version: version, headers: headers)
        return .complete(head, consumed: scanned)
    }

    /// tchar (RFC 9110 §5.6.2).
    static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
