import Foundation
import Testing

@testable import TrellisCore
@testable import TrellisServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Starts the preview server on a free port over a copy of a fixture site,
/// fetches pages, edits a file, and watches the change arrive.
@Suite(.serialized) struct PreviewServerTests {
    struct Running {
        let directory: URL
        let server: PreviewServer
        let port: UInt16
        let task: Task<Void, Never>
        var content: String { directory.appendingPathComponent("content").path }

        func stop() async {
            await server.stop()
            task.cancel()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func fixture(_ name: String = "minimal") -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TrellisCoreTests/Fixtures/\(name)/content")
    }

    func start(limits: PreviewServer.Limits = PreviewServer.Limits(), fixture: String = "minimal") async throws -> Running {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture(fixture), to: directory.appendingPathComponent("content"))
        let site = PreviewSite(
            content: directory.appendingPathComponent("content").path, templates: directory.appendingPathComponent("templates").path)
        let status = site.rebuild()
        #expect(status.ok)
        let server = try PreviewServer(site: site, host: "127.0.0.1", port: 0, limits: limits)
        let task = Task { _ = try? await server.run() }
        try await server.waitUntilListening()
        let port = try #require(await server.boundPort)
        return Running(directory: directory, server: server, port: port, task: task)
    }

    /// A raw HTTP/1.1 request, so tests control the exact target and headers.
    static func request(_ port: UInt16, _ target: String, headers: [String: String] = [:]) throws -> (status: Int, body: String) {
        let socket = try RawSocket(port: port)
        defer { socket.close() }
        var text = "GET \(target) HTTP/1.1\r\nHost: \(headers["Host"] ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for (key, value) in headers where key != "Host" { text += "\(key): \(value)\r\n" }
        try socket.send(text + "\r\n")
        let response = socket.readAll()
        let status = Int(response.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = response.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }

    @Test func servesPagesWithTheReloadScriptOnly() async throws {
        let running = try await start()
        let home = try Self.request(running.port, "/")
        #expect(home.status == 200)
        #expect(home.body.contains("/_trellis/live.js"))
        let css = try Self.request(running.port, "/assets/trellis.css")
        #expect(css.status == 200)
        #expect(!css.body.contains("_trellis"))
        let missing = try Self.request(running.port, "/no-such-page.html")
        #expect(missing.status == 404)
        // At any depth, the 404 page leads from the preview's top folder and carries its styles.
        let deep = try Self.request(running.port, "/modules/gone/deeper/x.html")
        #expect(deep.status == 404)
        #expect(deep.body.contains("<base href=\"/\">") && deep.body.contains("<link rel=\"stylesheet\" href=\"assets/trellis.css\">"))
        #expect(deep.body.contains("<a href=\"modules/index.html\">Modules</a>"))
        // The built site itself never contains the reload script.
        let output = running.directory.appendingPathComponent("out").path
        let built = Pipeline.run(BuildOptions(content: running.content, output: output, templates: "/nonexistent"))
        #expect(built.succeeded)
        let page = try String(contentsOfFile: "\(output)/index.html", encoding: .utf8)
        #expect(!page.contains("_trellis"))
        await running.stop()
    }

    @Test(arguments: [
        "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%252e%252e/etc/passwd", "/..%2fetc/passwd",
        "/assets/..\\..\\etc\\passwd", "/assets/%5c..%5cetc", "/index.html%00.css", "/%2E%2E/secret",
    ])
    func traversalIsRefused(target: String) async throws {
        let running = try await start()
        let response = try Self.request(running.port, target)
        #expect(response.status == 400 || response.status == 404)
        #expect(!response.body.contains("root:"))
        #expect(!response.body.contains(running.directory.path))
        await running.stop()
    }

    @Test func foreignHostIsRefused() async throws {
        let running = try await start()
        let response = try Self.request(running.port, "/", headers: ["Host": "attacker.example:\(running.port)"])
        #expect(response.status == 403)
        await running.stop()
    }

    @Test func reloadChannelChecksOrigin() async throws {
        let running = try await start()
        let socket = try RawSocket(port: running.port)
        try socket.send(
            "GET /_trellis/socket HTTP/1.1\r\nHost: 127.0.0.1:\(running.port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://evil.example\r\n\r\n")
        let response = socket.readUntil("\r\n\r\n")
        socket.close()
        #expect(response.hasPrefix("HTTP/1.1 403"))
        await running.stop()
    }

    @Test func editIsServedAndAnnounced() async throws {
        let running = try await start()
        // Open the reload channel as a page would.
        let socket = try RawSocket(port: running.port)
        try socket.send(
            "GET /_trellis/socket HTTP/1.1\r\nHost: 127.0.0.1:\(running.port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:\(running.port)\r\n\r\n")
        let handshake = socket.readUntil("\r\n\r\n")
        #expect(handshake.hasPrefix("HTTP/1.1 101"))

        let practices = "\(running.content)/practices"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: practices).first { $0.hasSuffix(".md") })
        let path = "\(practices)/\(file)"
        let before = try Self.request(running.port, "/practices/\(file.dropLast(3)).html")
        #expect(before.status == 200)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "## Description\n", with: "## Description\n\nA sentence added while the preview runs.\n")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let status = running.server.site.rebuild()
        running.server.announce(status)
        #expect(status.ok)
        #expect(status.changed == 1)
        let after = try Self.request(running.port, "/practices/\(file.dropLast(3)).html")
        #expect(after.body.contains("A sentence added while the preview runs."))
        let frame = socket.readWebSocketText()
        #expect(frame.contains("\"build\":\(status.build)"))
        #expect(frame.contains("\"ok\":true"))
        socket.close()
        await running.stop()
    }

    /// Every language is served, and an edit of a translation shows at once.
    @Test func everyLanguageIsServedAndTranslationsReload() async throws {
        let running = try await start(fixture: "multilingual")
        let before = try Self.request(running.port, "/es/practices/video.html")
        #expect(before.status == 200 && before.body.contains("<h1>Intercambio por vídeo</h1>"))
        #expect(try Self.request(running.port, "/fa/index.html").body.contains("<html lang=\"fa\" dir=\"rtl\">"))
        let path = "\(running.content)/practices/video.es.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "title: Intercambio por vídeo", with: "title: Intercambio por videollamada")
            .write(toFile: path, atomically: false, encoding: .utf8)
        let status = running.server.site.rebuild()
        #expect(status.ok)
        #expect(try Self.request(running.port, "/es/practices/video.html").body.contains("<h1>Intercambio por videollamada</h1>"))
        await running.stop()
    }

    @Test func brokenEditKeepsTheLastGoodSite() async throws {
        let running = try await start()
        let practices = "\(running.content)/practices"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: practices).first { $0.hasSuffix(".md") })
        let page = "/practices/\(file.dropLast(3)).html"
        let before = try Self.request(running.port, page)
        try "---\ntitle: [unclosed\n---\n".write(toFile: "\(practices)/\(file)", atomically: false, encoding: .utf8)
        let status = running.server.site.rebuild()
        #expect(!status.ok)
        #expect(status.diagnostics.contains { $0.id == "yaml-syntax" })
        let after = try Self.request(running.port, page)
        #expect(after.status == 200)
        #expect(after.body == before.body)
        let report = try Self.request(running.port, "/_trellis/status")
        #expect(report.body.contains("\"ok\":false"))
        #expect(report.body.contains("yaml-syntax"))
        await running.stop()
    }

    @Test func watcherNoticesAnEdit() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let counter = Counter()
        let watcher = Watcher(folders: [directory.path]) { counter.increment() }
        watcher.start()
        defer { watcher.stop() }
        try await Task.sleep(nanoseconds: 200_000_000)
        try "hello".write(to: directory.appendingPathComponent("a.md"), atomically: false, encoding: .utf8)
        var waited = 0
        while counter.value == 0 && waited < 40 {
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
        }
        #expect(counter.value >= 1)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
}
