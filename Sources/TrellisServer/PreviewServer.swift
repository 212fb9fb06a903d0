import FlyingFox
import Foundation
import TrellisCore

/// `trellis serve`: serves the preview site over HTTP and tells open pages
/// to reload (WebSocket) after every rebuild. Content errors are shown in
/// the terminal and as an overlay in the browser; the last good site stays
/// served.
///
/// Safety: only files of the built site are served, never the disk; paths
/// with `..`, encoded dots, backslashes or NUL are refused; the Host header
/// must name this server (DNS rebinding); the reload channel checks Origin.
public final class PreviewServer: Sendable {
    public let site: PreviewSite
    let listener: HTTPListener
    let hub = ReloadHub()
    let allowedHosts: Set<String>
    /// The port bound: the one asked for, or the free one found after it.
    public let port: UInt16
    private let running = RunningTask()

    /// What one request may send, and how slowly. A browser's request head
    /// is a few kilobytes and arrives at once; a web page can make a
    /// browser send much larger ones to 127.0.0.1, so they are bounded.
    public struct Limits: Sendable {
        /// The request line (method, target, version), in bytes: longer is answered 414.
        public var requestLine = 8 * 1024
        /// All header lines together, in bytes: more is answered 431.
        public var headerBytes = 64 * 1024
        /// Seconds a connection may wait without starting a request (new, or between requests); then it is closed.
        public var idleTimeout: Double = 15
        /// Seconds from a request's first byte to the end of its headers; then it is answered 408 and closed.
        public var headerTimeout: Double = 10
        /// Seconds a response may take to be taken by the client.
        public var writeTimeout: Double = 30
        /// Seconds to read what a refused client still sends before closing, so it gets the answer.
        public var lingerTimeout: Double = 2
        /// Connections open at once; more are closed at once.
        public var maxConnections = 128
        /// Largest message a page may send on the reload channel, in bytes.
        public var webSocketMessage = 64 * 1024

        public init() {}
    }

    /// The port (and every one tried after it) is taken.
    public struct PortInUse: Error, Equatable, CustomStringConvertible {
        public let port: UInt16
        public var description: String { "port \(port) is in use" }
    }

    /// Listening failed for another reason (no such address, no permission).
    public struct CannotListen: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Binds at once, so the address can be announced only once it is held.
    /// With `otherPorts`, a busy `port` is not an error: the next free one
    /// of the `otherPorts` after it is taken (see ``port``).
    public init(site: PreviewSite, host: String, port: UInt16, limits: Limits = Limits(), otherPorts: Int = 0) throws {
        self.site = site
        var hosts: Set<String> = ["localhost", "127.0.0.1", "[::1]", "::1"]
        hosts.insert(host.lowercased())
        allowedHosts = hosts
        listener = try HTTPListener(host: host, port: port, otherPorts: otherPorts, limits: limits)
        self.port = listener.port
    }

    /// The port actually bound (useful with port 0).
    public var boundPort: UInt16? {
        get async { port }
    }

    public func run() async throws {
        let socketHandler = ReloadSocketHandler(hub: hub, allowedHosts: allowedHosts)
        // Weak: the listener's handler must not keep the preview alive (a cycle).
        let handler: HTTPListener.Handler = { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            if request.method == .GET && request.target.path(percentEncoded: true) == "/_trellis/socket" {
                guard self.hostAllowed(request) else {
                    return self.text(.forbidden, "This preview answers only to localhost.")
                }
                return (try? await socketHandler.handleRequest(request)) ?? HTTPResponse(statusCode: .internalServerError)
            }
            return self.respond(request)
        }
        let listener = listener
        let task = Task { try await listener.run(handler) }
        guard running.set(task) else {
            task.cancel()
            return
        }
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    /// Returns at once: the socket listens from ``init(site:host:port:limits:otherPorts:)`` on.
    public func waitUntilListening() async throws {}

    public func stop() async {
        await running.cancel()
        listener.stop()
    }

    /// Announces a finished build to every open page.
    public func announce(_ status: PreviewSite.Status) {
        hub.broadcast(Self.message(status))
    }

    static func message(_ status: PreviewSite.Status) -> String {
        let errors = status.diagnostics.filter { $0.severity == .error }.prefix(50).map { JSONText.quoted($0.description) }
        return "{\"build\":\(status.build),\"ok\":\(status.ok),\"errors\":[\(errors.joined(separator: ","))]}"
    }

    // MARK: Requests

    func hostAllowed(_ request: HTTPRequest) -> Bool {
        guard let host = request.headers[.host]?.lowercased() else { return false }
        let name: String
        if host.hasPrefix("[") {
            name = host.split(separator: "]").first.map { $0 + "]" } ?? host
        } else {
            name = host.split(separator: ":").first.map(String.init) ?? host
        }
        return allowedHosts.contains(name)
    }

    /// A path from the request target, or nil when it tries to leave the site.
    static func sitePath(_ raw: String) -> String? {
        let lowered = raw.lowercased()
        for bad in ["..", "%2e", "%252e", "\\", "%5c", "%00", "\u{0}", "%25"] where lowered.contains(bad) { return nil }
        guard let decoded = raw.removingPercentEncoding, !decoded.contains("\u{0}"), !decoded.contains("..") else { return nil }
        var path = decoded
        while path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    func respond(_ request: HTTPRequest) -> HTTPResponse {
        guard hostAllowed(request) else {
            return text(.forbidden, "This preview answers only to localhost.")
        }
        let raw = request.target.path(percentEncoded: true)
        if raw == "/_trellis/live.js" {
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                body: Data(Self.liveScript.utf8))
        }
        if raw == "/_trellis/status" {
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: Data(Self.message(site.status).utf8))
        }
        guard let path = Self.sitePath(raw) else {
            return text(.badRequest, "Bad request.")
        }
        guard site.hasSite else {
            return html(.serviceUnavailable, errorPage(site.status))
        }
        var resolved = path
        var bytes = site.file(at: resolved)
        if bytes == nil, !resolved.hasSuffix(".html"), let index = site.file(at: resolved + "/index.html") {
            resolved += "/index.html"
            bytes = index
        }
        guard let bytes else {
            let page = site.file(at: Route.notFound.path).map { String(decoding: $0, as: UTF8.self) } ?? "<p>Not found.</p>"
            return html(.notFound, Self.inject(Self.rooted(page)))
        }
        let type = Self.contentType(resolved)
        if type.hasPrefix("text/html") {
            return html(.ok, Self.inject(String(decoding: bytes, as: UTF8.self)))
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: Data(bytes))
    }

    func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data((message + "\n").utf8))
    }

    func html(_ status: HTTPStatusCode, _ page: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: Data(page.utf8))
    }

    func errorPage(_ status: PreviewSite.Status) -> String {
        let items = status.diagnostics.filter { $0.severity == .error }.map { "<li><pre>\(HTML.escape($0.description))</pre></li>" }.joined()
        return Self.inject(
            """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>
            <body><main><h1>The site has errors</h1><p>Fix them and save; this page reloads by itself.</p><ul>\(items)</ul></main></body></html>
            """)
    }

    /// The 404 page as the preview shows it at any missing address: its
    /// links lead from the preview's top folder (`<base href="/">`, in place
    /// of a `base_url` one, which would lead to the published site).
    static func rooted(_ page: String) -> String {
        let tag = "<base href=\"/\">"
        if let start = page.range(of: "<base "), let end = page[start.upperBound...].firstIndex(of: ">") {
            return page.replacingCharacters(in: start.lowerBound...end, with: tag)
        }
        if let head = page.range(of: "<head>") {
            return page.replacingCharacters(in: head, with: "<head>\n" + tag)
        }
        return page
    }

    /// Adds the reload script to a served page (never to built files).
    static func inject(_ page: String) -> String {
        let tag = "<script src=\"/_trellis/live.js\"></script>"
        if let range = page.range(of: "</body>", options: .backwards) {
            return page.replacingCharacters(in: range, with: tag + "\n</body>")
        }
        return page + tag
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "csv": "text/csv; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "pdf": "application/pdf"
        case "epub": "application/epub+zip"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    static let liveScript = """
        // Trellis preview: reload after each rebuild; show content errors over the page.
        (function () {
          var build = null;
          function overlay(errors) {
            var old = document.getElementById("trellis-errors");
            if (old) old.remove();
            if (!errors.length) return;
            var box = document.createElement("div");
            box.id = "trellis-errors";
            box.setAttribute("role", "alert");
            box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;background:#fff5f5;color:#5c0000;border-top:4px solid #a3201a;padding:1rem;font:14px/1.4 monospace;white-space:pre-wrap";
            var title = document.createElement("strong");
            title.textContent = "Trellis: the last change has errors; showing the last good version.\\n\\n";
            box.appendChild(title);
            box.appendChild(document.createTextNode(errors.join("\\n\\n")));
            document.body.appendChild(box);
          }
          function connect() {
            var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/_trellis/socket");
            socket.onmessage = function (event) {
              var status = JSON.parse(event.data);
              if (build !== null && status.build !== build && status.ok) { location.reload(); return; }
              build = status.build;
              overlay(status.ok ? [] : status.errors);
            };
            socket.onclose = function () { setTimeout(connect, 1000); };
          }
          connect();
        })();
        """
}

/// Open reload channels, one per page.
final class ReloadHub: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]
    private var last: String?

    func add() -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.lock()
        clients[id] = continuation
        let current = last
        lock.unlock()
        if let current { continuation.yield(.text(current)) }
        return stream
    }

    func remove(_ id: UUID) {
        lock.lock()
        clients[id] = nil
        lock.unlock()
    }

    func broadcast(_ message: String) {
        lock.lock()
        last = message
        let all = Array(clients.values)
        lock.unlock()
        for client in all { client.yield(.text(message)) }
    }
}

/// The reload channel: a WebSocket that only pages of this server may open.
struct ReloadSocketHandler: HTTPHandler {
    let hub: ReloadHub
    let allowedHosts: Set<String>

    struct Messages: WSMessageHandler {
        let hub: ReloadHub
        func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
            hub.add()
        }
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let origin = request.headers[HTTPHeader("Origin")] {
            guard let url = URL(string: origin), let host = url.host?.lowercased(),
                allowedHosts.contains(host) || allowedHosts.contains("[\(host)]")
            else {
                return HTTPResponse(statusCode: .forbidden, body: Data("Origin not allowed.\n".utf8))
            }
        }
        return try await WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: Messages(hub: hub))).handleRequest(request)
    }
}

/// The listener's task, so that ``PreviewServer/stop()`` can end it.
final class RunningTask: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, any Error>?
    private var stopped = false

    /// False when the server was stopped already.
    func set(_ task: Task<Void, any Error>) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped, self.task == nil else { return false }
        self.task = task
        return true
    }

    func cancel() async {
        let task = lock.withLock {
            stopped = true
            return self.task
        }
        task?.cancel()
        _ = try? await task?.value
    }
}
