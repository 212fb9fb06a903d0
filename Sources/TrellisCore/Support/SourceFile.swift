/// A file in the content folder: its path inside the folder (always with `/`)
/// and the path shown to the author in diagnostics.
public struct SourceFile: Sendable, Hashable, Comparable {
    /// Path relative to the content folder, e.g. `practices/sammtalk.md`.
    public var relativePath: String
    /// Path as the author would type it, e.g. `content/practices/sammtalk.md`.
    public var displayPath: String

    public init(relativePath: String, displayPath: String) {
        self.relativePath = relativePath
        self.displayPath = displayPath
    }

    public func location(line: Int = 1, column: Int = 1) -> SourceLocation {
        SourceLocation(path: displayPath, line: line, column: column)
    }

    /// The folder part of `relativePath` (`""` at the top).
    public var directory: String {
        guard let slash = relativePath.lastIndex(of: "/") else { return "" }
        return String(relativePath[..<slash])
    }

    /// File name without folders or extension.
    public var baseName: String {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    public static func < (a: SourceFile, b: SourceFile) -> Bool { a.relativePath < b.relativePath }
}
