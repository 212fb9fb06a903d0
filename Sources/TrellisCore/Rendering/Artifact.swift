/// A file of the generated site, before it is written.
public struct Artifact: Sendable {
    public enum Content: Sendable {
        case text(String)
        case bytes([UInt8])
        /// A file copied from the content folder (absolute path).
        case copy(from: String)
    }

    /// Path inside `output/`, with `/` separators.
    public var path: String
    public var content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }
}

extension Artifact {
    /// The file's size in bytes (nil for a copy, not read here).
    var byteCount: Int? {
        switch content {
        case .text(let text): text.utf8.count
        case .bytes(let bytes): bytes.count
        case .copy: nil
        }
    }
}
