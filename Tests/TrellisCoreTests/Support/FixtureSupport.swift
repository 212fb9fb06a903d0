import Foundation
import Testing

@testable import TrellisCore

/// The fixture sites in `Fixtures/` (copied into the test bundle).
enum Fixtures {
    static let root: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures folder missing from the test bundle")
        }
        return url
    }()

    /// `Fixtures/<name>/content`.
    static func content(_ name: String) -> String {
        root.appendingPathComponent(name).appendingPathComponent("content").path
    }

    /// The folders under `Fixtures/invalid/`, each a site with known diagnostics.
    static let invalidCases: [String] = {
        let folder = root.appendingPathComponent("invalid").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    static func invalid(_ name: String) -> String { content("invalid/\(name)") }

    /// The diagnostics a case under `Fixtures/invalid/` must produce, read
    /// from its `expected.txt`.
    static func expectedDiagnostics(_ name: String) throws -> [ExpectedDiagnostic] {
        let path = root.appendingPathComponent("invalid").appendingPathComponent(name).appendingPathComponent("expected.txt").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
            return try ExpectedDiagnostic(parsing: trimmed)
        }
    }
}

/// One line of an `expected.txt`: `severity id path:line[:column]`, the path
/// relative to the fixture's content folder (it may contain spaces).
struct ExpectedDiagnostic: Hashable, CustomStringConvertible {
    var severity: Diagnostic.Severity
    var id: String
    var path: String
    var line: Int
    var column: Int?

    struct Malformed: Error, CustomStringConvertible { var description: String }

    init(severity: Diagnostic.Severity, id: String, path: String, line: Int, column: Int? = nil) {
        self.severity = severity
        self.id = id
        self.path = path
        self.line = line
        self.column = column
    }

    init(parsing text: String) throws {
        let words = text.split(separator: " ", maxSplits: 2).map(String.init)
        guard words.count == 3, let severity = Diagnostic.Severity(rawValue: words[0]) else {
            throw Malformed(description: "bad expected line: \(text)")
        }
        var position = words[2].split(separator: ":").map(String.init)
        var column: Int?
        if position.count == 3 {
            column = Int(position.removeLast())
        }
        guard position.count == 2, let line = Int(position[1]) else { throw Malformed(description: "bad position: \(text)") }
        self.init(severity: severity, id: words[1], path: position[0], line: line, column: column)
    }

    /// The diagnostic as found, in the same terms, or nil when it has no place.
    init?(_ diagnostic: Diagnostic, contentRoot: String, withColumn: Bool) {
        guard let location = diagnostic.location else { return nil }
        let prefix = contentRoot + "/"
        let path = location.path.hasPrefix(prefix) ? String(location.path.dropFirst(prefix.count)) : location.path
        self.init(
            severity: diagnostic.severity, id: diagnostic.id.rawValue, path: path, line: location.line,
            column: withColumn ? location.column : nil)
    }

    var description: String {
        "\(severity.rawValue) \(id) \(path):\(line)" + (column.map { ":\($0)" } ?? "")
    }
}

/// A fresh folder under the system's temporary folder, removed on deinit.
final class TemporaryDirectory: Sendable {
    let url: URL
    var path: String { url.path }

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("trellis-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func sub(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A templates folder that does not exist: the built-in theme only.
let noTemplates = "/nonexistent/trellis-test-templates"

/// Runs the whole pipeline on a content folder.
func build(_ content: String, output: String, write: Bool = true, force: Bool = false) -> BuildResult {
    Pipeline.run(BuildOptions(content: content, output: output, templates: noTemplates, write: write, force: force))
}

/// Every regular file under `root`, as relative path → bytes.
func snapshot(_ root: String) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = "\(root)/\(relative)"
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[relative] = FileManager.default.contents(atPath: full)
        }
    }
    return files
}

/// Copies a fixture's content folder into `directory/content` and returns its path.
func copyFixture(_ name: String, into directory: TemporaryDirectory) throws -> String {
    let target = directory.sub("content")
    try FileManager.default.copyItem(atPath: Fixtures.content(name), toPath: target)
    return target
}

func readText(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// Every file of the search index under `output` (`assets/search/*.js`), joined.
func searchIndexText(_ output: String) throws -> String {
    let folder = "\(output)/assets/search"
    return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { try readText("\(folder)/\($0)") }.joined(separator: "\n")
}

/// Short summaries of diagnostics, for failure messages.
func summary(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(\.description).joined(separator: "\n")
}

/// Writes `files` (relative path → text) under `root`.
func writeSite(_ root: String, _ files: [String: String]) throws {
    for (path, text) in files {
        let full = "\(root)/\(path)"
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }
}
