/// A file of the generated site, before it is written.
public struct Artifact: Sendable {
    public enum Content: Sendable {
        case text(String)
        case bytes([UInt8])
        /// A file copied from the content folder (absolute path).
        case copy(from: String)
        /// Bytes made piece by piece and written as they come.
        case stream(ByteStream)
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
        case .copy, .stream: nil
        }
    }
}

/// A file's bytes, made piece by piece and handed on as they are made: a
/// catalogue-wide file (the JSON and CSV exports, hundreds of megabytes at
/// 100,000 practices) is written to disk as it goes and never held whole.
public struct ByteStream: Sendable {
    /// Calls `emit` with each piece, in order (a piece is valid only while
    /// `emit` runs). It throws when what it reads from has changed under it
    /// (`catalogue.json` reads each practice's Markdown again from its file):
    /// the writer then fails the build, and the previous site stays.
    let produce: @Sendable (_ emit: (UnsafeRawBufferPointer) -> Void) throws(OutputError) -> Void

    init(_ produce: @escaping @Sendable (_ emit: (UnsafeRawBufferPointer) -> Void) throws(OutputError) -> Void) {
        self.produce = produce
    }

    /// Every byte at once (the preview serves a file whole).
    public func bytes() throws(OutputError) -> [UInt8] {
        var all: [UInt8] = []
        try produce { all.append(contentsOf: $0) }
        return all
    }
}

extension [UInt8] {
    /// Hands the bytes gathered so far to a stream's `emit` and forgets them
    /// (keeping the room), once there are at least `limit`: the exports and
    /// the catalogue book are written a megabyte or so at a time. A limit of
    /// 0 hands on whatever is left at the end.
    mutating func drain(over limit: Int = 1 << 20, _ emit: (UnsafeRawBufferPointer) -> Void) {
        guard count >= limit, !isEmpty else { return }
        withUnsafeBytes(emit)
        removeAll(keepingCapacity: true)
    }
}
