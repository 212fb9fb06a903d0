/// A position in an author's file: the path as the author would type it,
/// and a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, with control characters in the path escaped so a
    /// file name cannot forge a line of its own.
    public var description: String { "\(Diagnostic.escapingControls(path)):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One finding about the content: a stable id, a severity, where, what, and
/// how to fix it. Diagnostics are values; tests assert on `id` and `location`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// A stable identifier for the kind of finding, e.g. `missing-section`.
    public struct ID: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }
        public var description: String { rawValue }
    }

    public var id: ID
    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    public var hint: String?

    public init(_ id: ID, _ severity: Severity, at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.id = id
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(_ id: ID, at location: SourceLocation?, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(id, .error, at: location, message, hint: hint)
    }

    public static func warning(_ id: ID, at location: SourceLocation?, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(id, .warning, at: location, message, hint: hint)
    }

    /// A file or folder of the content that cannot be read, with what the
    /// system said: the same words whichever stage found it (discovery for
    /// folders and media, the parse for documents, the plan for translations).
    static func unreadable(_ file: SourceFile, reason: String, isDirectory: Bool = false) -> Diagnostic {
        .error(
            "unreadable", at: file.location(),
            "the \(isDirectory ? "folder" : "file") '\(file.relativePath)' cannot be read: \(reason)",
            hint:
                "give the user who runs the build permission to read it (e.g. chmod a+r\(isDirectory ? "x" : "")), or move it out of the content folder"
        )
    }

    /// `path:line:column: error: message [id]`, then the hint on its own line.
    /// Control characters anywhere (a file name quoted in the message, a
    /// value from content) are escaped, so every diagnostic is exactly one
    /// line, plus one for the hint, and none can be forged.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(Self.escapingControls(message)) [\(id)]"
        if let hint { text += "\n  hint: \(Self.escapingControls(hint))" }
        return text
    }

    /// `text` with C0 and C1 controls, DEL and invisible format characters
    /// (bidirectional overrides) written as `\n`, `\t` or `\u{1B}`.
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: OutputPath.isControlOrFormat) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard OutputPath.isControlOrFormat(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return out
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { lazy.filter { $0.severity == .warning }.count }

    /// Sorted by file, line and column; diagnostics without a place come first.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { a, b in
            switch (a.location, b.location) {
            case (nil, nil): return a.message < b.message
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?): return l == r ? a.message < b.message : l < r
            }
        }
    }
}
