import CLibDeflate

/// The file a document was parsed from, and how to tell that it still holds
/// the bytes that were parsed: what lets an output read a document's text
/// again instead of the build keeping it in memory.
public struct SourceRef: Sendable, Hashable {
    /// The file's absolute path.
    public var path: String
    /// The path as the author would type it (`content/practices/x.md`), for messages.
    public var displayPath: String
    /// The file as it was parsed: its size and the CRC-32 of its bytes (the
    /// checksum the archives use, by libdeflate): a check that the file
    /// has not been edited since, not a defence against forgery.
    public var byteCount: Int
    public var crc32: UInt32

    public init(path: String, displayPath: String, bytes: [UInt8]) {
        self.path = path
        self.displayPath = displayPath
        byteCount = bytes.count
        crc32 = Self.crc32(bytes)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
    }
}

extension Body {
    /// A reader of this body's sections' Markdown, as the author wrote it
    /// (``BodySection/markdownRange``): the file is read again, once, and
    /// must hold the bytes that were parsed. A body with no file gives
    /// empty text.
    ///
    /// - Throws: when the file cannot be read, or has changed since it was
    ///   parsed (edited while the site was being built): its text can no
    ///   longer be told apart from the new text, so the build stops rather
    ///   than publish a mixture.
    public func markdownReader() throws(OutputError) -> @Sendable (BodySection) -> String {
        guard let source else { return { _ in "" } }
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
        guard bytes.count == source.byteCount, SourceRef.crc32(bytes) == source.crc32,
            case .success(let text) = SourceText.decode(bytes, file: file, warnings: &ignored),
            case .success(let split) = FrontMatterSplit.split(text, file: file)
        else {
            throw OutputError(
                .write, .unreadableSource, path: source.path, message: "'\(source.displayPath)' changed while the site was being built",
                hint: "build again: the site is made from the files as they are when the build starts")
        }
        let body = split.body.utf8
        return { section in
            let range = section.markdownRange.clamped(to: 0..<body.count)
            return String(
                Substring(body[body.index(body.startIndex, offsetBy: range.lowerBound)..<body.index(body.startIndex, offsetBy: range.upperBound)]))
        }
    }
}
