import FlyingFox
import Foundation
import Testing

@testable import TrellisServer

/// The request head reader on its own: what it accepts, what it refuses
/// and with which status, and that bytes fed one at a time give the same.
struct RequestHeadParserTests {
    enum Result: Equatable {
        case incomplete
        case complete(method: String, target: String, host: String?, consumed: Int)
        case refused(Int)
    }

    static func parse(_ text: String, limits: PreviewServer.Limits = PreviewServer.Limits(), oneByteAtATime: Bool = false) -> Result {
        let bytes = Array(text.utf8)
        var parser = RequestHeadParser(limits: limits)
        var outcome = parser.parse(bytes[0..<(oneByteAtATime ? 0 : bytes.count)])
        if oneByteAtATime {
            var end = 0
            while case .incomplete = outcome, end < bytes.count {
                end += 1
                outcome = parser.parse(bytes[0..<end])
            }
        }
        switch outcome {
        case .incomplete: return .incomplete
        case .complete(let head, let consumed):
            return .complete(method: head.method, target: head.target, host: head.headers[.host], consumed: consumed)
        case .refused(let status, _): return .refused(status.code)
        }
    }

    @Test(arguments: [false, true])
    func readsAHeadAndStopsAtItsEnd(oneByteAtATime: Bool) {
        let head = "GET /a/b.html?x=1 HTTP/1.1\r\nHost: localhost:4000\r\nAccept:  text/html \r\n\r\n"
        let result = Self.parse(head + "GET /next HTTP/1.1\r\n", oneByteAtATime: oneByteAtATime)
        #expect(result == .complete(method: "GET", target: "/a/b.html?x=1", host: "localhost:4000", consumed: head.utf8.count))
    }

    @Test func bareLineFeedsAndALeadingBlankLineAreAccepted() {
        let head = "\r\nHEAD / HTTP/1.0\nHost: 127.0.0.1\n\n"
        #expect(Self.parse(head) == .complete(method: "HEAD", target: "/", host: "127.0.0.1", consumed: head.utf8.count))
    }

    @Test func unfinishedHeadWaits() {
        #expect(Self.parse("GET / HTTP/1.1\r\nHost: localhost\r\n") == .incomplete)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\n Host: x\r\n\r\n", 400),  // folded line
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),  // space before the colon
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),  // two Hosts
        ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n", 400),  // NUL in a value
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),  // two spaces
        ("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", 400),  // not origin form
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("GET / FTP\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
    ])
    func malformedHeadsAreRefused(head: String, status: Int) {
        #expect(Self.parse(head) == .refused(status))
    }

    @Test(arguments: [false, true])
    func limitsAreCheckedBeforeALineEnds(oneByteAtATime: Bool) {
        var limits = PreviewServer.Limits()
        limits.requestLine = 100
        limits.headerBytes = 200
        // Unfinished lines already over the limit.
        #expect(Self.parse("GET /" + String(repeating: "a", count: 120), limits: limits, oneByteAtATime: oneByteAtATime) == .refused(414))
        #expect(
            Self.parse("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 220), limits: limits, oneByteAtATime: oneByteAtATime) == .refused(431))
        // Many short lines add up.
        let many = (0..<30).map { "X-\($0): 1234\r\n" }.joined()
        #expect(Self.parse("GET / HTTP/1.1\r\nHost: a\r\n" + many + "\r\n", limits: limits, oneByteAtATime: oneByteAtATime) == .refused(431))
        // Exactly at the limits is fine.
        let line = "GET /" + String(repeating: "a", count: 100 - 16) + " HTTP/1.1\r\n"
        #expect(line.utf8.count == 100)
        let fill = "X: " + String(repeating: "b", count: 184) + "\r\n"
        let head = line + "Host: a\r\n" + fill + "\r\n"
        #expect(head.utf8.count - line.utf8.count == 200)
        #expect(
            Self.parse(head, limits: limits, oneByteAtATime: oneByteAtATime)
                == .complete(method: "GET", target: "/" + String(repeating: "a", count: 84), host: "a", consumed: head.utf8.count))
        // One byte more is not.
        let over = line + "Host: a\r\nX: b" + String(repeating: "b", count: 184) + "\r\n\r\n"
        #expect(Self.parse(over, limits: limits, oneByteAtATime: oneByteAtATime) == .refused(431))
        #expect(Self.parse("GET /a" + line.dropFirst(5) + "Host: a\r\n\r\n", limits: limits, oneByteAtATime: oneByteAtATime) == .refused(414))
    }

    /// Linear time: a head at the limit, fed a byte at a time, is read in a moment
    /// (the old decoder took seconds for a 64 KB header sent at once).
    @Test func aLargeHeadFedByteByByteIsQuick() {
        let head = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "c", count: 60 * 1024) + "\r\n\r\n"
        let start = Date()
        let result = Self.parse(head, oneByteAtATime: true)
        let seconds = Date().timeIntervalSince(start)
        #expect(result == .complete(method: "GET", target: "/", host: "a", consumed: head.utf8.count))
        #expect(seconds < 1, "took \(seconds) s")
    }
}
