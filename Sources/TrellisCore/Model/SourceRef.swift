#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file a document was parsed from, and how to tell that it still holds
/// the bytes that were parsed: what lets an output read a document's text
/// again instead of the build keeping it in memory.
public struct SourceRef: Sendable, Hashable {
    /// The file's absolute path.
    public var path: String
    /// The path as the author would type it (`content/practices/x.md`), for messages.
    public var displayPath: String
    /// The file as it was parsed: its size and a digest of its bytes.
    public var byteCount: Int
    public var digest: UInt64

    public init(path: String, displayPath: String, bytes: [UInt8]) {
        self.path = path
        self.displayPath = displayPath
        byteCount = bytes.count
        digest = Self.digest(bytes)
    }

    /// FNV-1a, 64 bits, eight bytes at a time where it can: a check that a
    /// file has not changed since it was parsed, not a defence against
    /// someone making two files alike on purpose.
    static func digest(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        bytes.withUnsafeBytes { raw in
            var index = 0
            while index + 8 <= raw.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                index += 8
            }
            while index < raw.count {
                hash = (hash ^ UInt64(raw[index])) &* 0x0000_0100_0000_01B3
                index += 1
            }
        }
        return hash
    }
}

extension Body {
    /// The Markdown of each of `sections` (sections of this body), as the
    /// author wrote it: read again from the body's file, which must hold the
    /// bytes that were parsed. A body with no file gives empty text.
    ///
    /// - Throws: when the file cannot be read, or has changed since it was
    ///   parsed (edited while the site was being built): its text can no
    ///   longer be told apart from the new text, so the build stops rather
    ///   than publish a mixture.
    public func markdown(of sections: [BodySection]) throws(OutputError) -> [String] {
        guard let source else { return sections.map { _ in "" } }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(of: source.path)
        } catch {
            throw OutputError(
                .write, .unreadableSource, path: source.path, message: "cannot read '\(source.displayPath)' again: \(error.reason)",
                hint: "the file was read when the build started; check that it is still there, then build again")
        }
        let file = SourceFile(relativePath: source.path, displayPath: source.displayPath)
        var ignored: [Diagnostic] = []
        guard bytes.count == source.byteCount, SourceRef.digest(bytes) == source.digest,
            case .success(let text) = SourceText.decode(bytes, file: file, warnings: &ignored),
            case .success(let split) = FrontMatterSplit.split(text, file: file)
        else {
            throw OutputError(
                .write, .unreadableSource, path: source.path, message: "'\(source.displayPath)' changed while the site was being built",
                hint: "build again: the site is made from the files as they are when the build starts")
        }
        var body = split.body
        return body.withUTF8 { bytes in
            sections.map { section in
                let range = section.markdownRange.clamped(to: 0..<bytes.count)
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
        }
    }
}
