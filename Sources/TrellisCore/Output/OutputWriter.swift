import CLibDeflate
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the output could not be written: at which step, for which path,
/// and a reason callers can act on; the message and hint are for people.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public enum Step: String, Sendable {
        /// Checking that the output folder may be replaced.
        case validate
        /// Writing a file into the temporary folder.
        case write
        /// Making the PDF handbooks.
        case pdf
        /// Swapping the new site in.
        case swap
    }

    public enum Reason: Sendable, Equatable {
        /// The output folder would destroy something (content, home, `/`, a foreign folder).
        case refused
        case permissionDenied
        case diskFull
        case readOnly
        /// A file to copy (a media file) could not be read.
        case unreadableSource
        /// A path that would leave the output folder.
        case unsafePath
        /// Two outputs on one path.
        case duplicatePath
        /// An output could not be made (see the build's `render-failed` errors).
        case renderFailed
        /// A tool Trellis runs (WeasyPrint) is missing or failed.
        case tool
        /// Any other system error, by `errno`.
        case system(Int32)
    }

    public var step: Step
    public var path: String?
    public var reason: Reason
    public var message: String
    public var hint: String?

    public init(_ step: Step, _ reason: Reason, path: String? = nil, message: String, hint: String? = nil) {
        self.step = step
        self.reason = reason
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// A failure of a tool Trellis runs (kept for the converters).
    public init(message: String, hint: String?) {
        self.init(.pdf, .tool, message: message, hint: hint)
    }

    public var description: String { message + (hint.map { "\n  hint: \($0)" } ?? "") }
}

/// Where rendered files go while a build streams them to disk.
public struct ArtifactSink: Sendable {
    let writer: OutputWriter
    let root: String
    /// The previous build's folder, whose unchanged files are linked
    /// instead of written again (nil on a first build).
    var previous: String?
    /// The folders of the new site, each made when the first file goes in.
    let folders: FolderMaker

    public func write(_ artifact: Artifact) throws(OutputError) {
        try folders.make(folderOf: artifact.path)
        try writer.write(artifact, root: root, previous: previous)
    }
}

/// Makes the folders of the site being written, each when the first file
/// goes into it, by the thread that writes that file: made all at once
/// before anything is rendered, they were one thread's work while the other
/// cores waited (on ext4, a new folder's inode is slow to find after a
/// build has just freed the previous site's).
final class FolderMaker: @unchecked Sendable {
    private let root: String
    private let lock = NSLock()
    /// Folders made so far, relative to `root` ("" is the root itself).
    private var made: Set<Substring> = [""]

    init(root: String) { self.root = root }

    /// Makes the folder holding `path` (relative to the root), and the
    /// folders above it, unless they are made already. A path
    /// ``OutputPath/isSafe(_:)`` refuses (`..`, an absolute path) is refused
    /// here, before any folder is made, whether or not it was listed.
    func make(folderOf path: String) throws(OutputError) {
        guard OutputPath.isSafe(path) else { throw OutputWriter.unsafePath(path) }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let folder = path[..<slash]
        lock.lock()
        defer { lock.unlock() }
        try make(folder)
    }

    /// With the lock held.
    private func make(_ folder: Substring) throws(OutputError) {
        guard !made.contains(folder) else { return }
        if let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) { try make(folder[..<slash]) }
        try OutputWriter.makeDirectory("\(root)/\(folder)")
        made.insert(folder)
    }
}

/// Stage 6, write: the only code that changes the disk.
///
/// The site is written into a fresh folder beside `output/` and swapped in
/// only when every file is written, so a failed or interrupted build leaves
/// the previous site as it was. Nothing outside the output folder and its
/// temporary sibling is ever written or removed.
public struct OutputWriter: Sendable {
    /// The file that marks a folder as made by Trellis.
    public static let marker = ".trellis-output"
    /// What the marker says: that the folder is Trellis's, and how its
    /// archives were compressed (a rebuild reuses their unchanged entries
    /// only when this is the same, so it writes what a fresh build would).
    static let markerText = """
        This folder is generated by Trellis; it is replaced on every build.
        Archives: libdeflate \(LIBDEFLATE_VERSION_STRING), level \(StableZip.level).

        """

    public let output: String
    public let force: Bool

    /// When `output` is a symbolic link (a usual deploy set-up: `site ->
    /// releases/current`), the site is built into the folder it points to,
    /// atomically as for a plain folder, and the link is kept.
    public init(output: String, force: Bool = false) {
        self.output = Self.followingLink(Self.absolute(output))
        self.force = force
    }

    /// The output folder, when it holds a previous build whose archives'
    /// entries may be reused (its marker says the same compressor and level).
    public var reusableBuild: String? {
        guard let marker = try? FileBytes.contents(of: "\(output)/\(Self.marker)"), marker == Array(Self.markerText.utf8) else { return nil }
        return output
    }

    /// The folder a symbolic link at `path` points to (following a chain of
    /// links), or `path` itself when it is not a link.
    static func followingLink(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let base = (current as NSString).deletingLastPathComponent
            current = URL(fileURLWithPath: target.hasPrefix("/") ? target : "\(base)/\(target)").standardizedFileURL.path
        }
        return current
    }

    static func absolute(_ path: String) -> String {
        let url =
            path.hasPrefix("/")
            ? URL(fileURLWithPath: path) : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// Resolves symbolic links in the existing part of a path.
    static func resolved(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while !existing.isEmpty && existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                return ([String(cString: real)] + rest.reversed()).joined(separator: "/").replacingOccurrences(of: "//", with: "/")
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return path
    }

    /// Refuses output folders that would destroy something: the content
    /// folder or a folder holding it, `/`, the home folder, or a non-empty
    /// folder Trellis did not make (unless forced).
    public func validate(content: String) throws(OutputError) {
        let out = Self.resolved(output)
        let contentPath = Self.resolved(Self.absolute(content))
        if out == "/" {
            throw OutputError(
                .validate, .refused, path: output, message: "refusing to write the site into '/'", hint: "pass --output DIR with a folder of its own")
        }
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty, out == Self.resolved(home) {
            throw OutputError(
                .validate, .refused, path: output, message: "refusing to write the site into your home folder",
                hint: "pass --output DIR with a folder of its own, e.g. --output output")
        }
        if out == contentPath || contentPath.hasPrefix(out + "/") {
            throw OutputError(
                .validate, .refused, path: output,
                message: "the output folder '\(output)' is or contains the content folder; building would delete your content",
                hint: "pass --output with a separate folder, e.g. --output output")
        }
        if out.hasPrefix(contentPath + "/") {
            throw OutputError(
                .validate, .refused, path: output, message: "the output folder '\(output)' is inside the content folder",
                hint: "put the output beside the content folder, e.g. --output output")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputError(
                    .validate, .refused, path: output, message: "'\(output)' exists and is not a folder", hint: "remove it or choose another --output"
                )
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
            if !entries.isEmpty, !entries.contains(Self.marker), !force {
                throw OutputError(
                    .validate, .refused, path: output, message: "'\(output)' is not empty and was not made by Trellis; building would replace it",
                    hint: "choose an empty or new folder, or pass --force to replace it")
            }
        }
    }

    /// Writes every artifact (held in memory), then swaps the new site in.
    /// Returns the number of files written.
    @discardableResult
    public func write(_ artifacts: [Artifact], beforeSwap: (String) throws(OutputError) -> Void = { _ in }) throws(OutputError) -> Int {
        try writeStreaming(
            paths: artifacts.map(\.path),
            produce: { sink in
                let failures = artifacts.parallelMap { artifact -> OutputError? in
                    do {
                        try sink.write(artifact)
                        return nil
                    } catch {
                        return (error as? OutputError) ?? OutputError(.write, .system(0), message: "\(error)")
                    }
                }
                if let failure = failures.compactMap({ $0 }).first { throw failure }
            }, beforeSwap: beforeSwap)
    }

    /// Writes files into a temporary folder as they are produced (so the
    /// whole site never sits in memory), then swaps the folder in.
    /// `paths` lists every file that will be written, so each is checked
    /// before anything is created; folders are made as files go into them.
    @discardableResult
    public func writeStreaming(
        paths: [String], produce: (ArtifactSink) throws -> Void,
        beforeSwap: (String) throws(OutputError) -> Void = { _ in }
    ) throws(OutputError) -> Int {
        // Before anything is created: every path safe, and none twice (the
        // plan reports collisions as content errors; this is the backstop).
        var seen: Set<String> = []
        for path in paths {
            guard OutputPath.isSafe(path) else { throw Self.unsafePath(path) }
            guard seen.insert(path).inserted else {
                throw OutputError(
                    .write, .duplicatePath, path: path, message: "two files would be written to '\(path)'",
                    hint: "this is a bug in Trellis; please report it")
            }
        }
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(
                .write, .permissionDenied, path: parent, message: "cannot create '\(parent)': \(error.localizedDescription)",
                hint: "check that you may write there")
        }
        removeStaleTemporaries(parent: parent, name: name)
        let temporary = "\(parent)/.\(name).trellis-tmp-\(getpid())"
        do {
            try Self.makeDirectory(temporary)
            // A file whose bytes are the same as in the previous build becomes a second link to
            // that file: no new inode (on ext4 without a journal, allocating thousands of inodes
            // right after freeing thousands was a fifth of a build), and its time stamp is kept.
            var isFolder: ObjCBool = false
            let previous =
                FileManager.default.fileExists(atPath: "\(output)/\(Self.marker)", isDirectory: &isFolder) && !isFolder.boolValue ? output : nil
            let sink = ArtifactSink(writer: self, root: temporary, previous: previous, folders: FolderMaker(root: temporary))
            do {
                try produce(sink)
            } catch let error as OutputError {
                throw error
            } catch {
                throw OutputError(.write, .system(0), message: "\(error)")
            }
            // The marker is new in every build: never a link to the previous site's.
            let marker = Array(Self.markerText.utf8).withUnsafeBytes { Self.put($0, at: "\(temporary)/\(Self.marker)", existing: nil) }
            if let marker { throw marker }
            try beforeSwap(temporary)
            try swapIn(temporary)
        } catch {
            Self.removeTree(temporary)
            throw (error as? OutputError) ?? OutputError(.write, .system(0), message: "\(error)")
        }
        return paths.count
    }

    /// Writes one artifact into the folder being built, or links the
    /// previous build's file when its bytes are the same.
    func write(_ artifact: Artifact, root: String, previous: String? = nil) throws(OutputError) {
        guard OutputPath.isSafe(artifact.path) else { throw Self.unsafePath(artifact.path) }
        let target = "\(root)/\(artifact.path)"
        let existing = previous.map { "\($0)/\(artifact.path)" }
        // Text is written from the string's own bytes: a page is never copied just to be written.
        let failure: OutputError?
        switch artifact.content {
        case .text(var text):
            failure = text.withUTF8 { Self.put(UnsafeRawBufferPointer($0), at: target, existing: existing) }
        case .bytes(let data):
            failure = data.withUnsafeBytes { Self.put($0, at: target, existing: existing) }
        case .copy(let source):
            guard let data = FileManager.default.contents(atPath: source) else {
                throw OutputError(
                    .write, .unreadableSource, path: source, message: "cannot read '\(source)'",
                    hint: "check that the file is still there and readable by the user who runs the build")
            }
            failure = data.withUnsafeBytes { Self.put($0, at: target, existing: existing) }
        case .stream(let stream):
            failure = writeStream(stream, to: target, existing: existing)
        }
        if let failure { throw failure }
    }

    /// Writes `bytes` at `target`, or links `existing` there when it is a
    /// plain file holding exactly those bytes (a file of another size is
    /// not read).
    static func put(_ bytes: UnsafeRawBufferPointer, at target: String, existing: String?) -> OutputError? {
        var writer = FileWriter(target: target, previous: existing, size: bytes.count)
        defer { writer.close() }
        writer.take(bytes)
        return writer.finish()
    }

    /// Writes a stream's pieces as they come. While they match the previous
    /// build's file, nothing is written: the pieces are compared with it as
    /// they come, and a file that turns out the same becomes a link to it.
    /// At the first difference the matched part is copied from the previous
    /// file and the rest written as it comes.
    func writeStream(_ stream: ByteStream, to target: String, existing: String?) -> OutputError? {
        var writer = FileWriter(target: target, previous: existing, size: nil)
        defer { writer.close() }
        do {
            try stream.produce { piece in writer.take(piece) }
        } catch {
            return error
        }
        return writer.finish()
    }

    /// A path that would leave the output folder: the checks should have
    /// refused the content that led to it, so this is Trellis's own fault.
    static func unsafePath(_ path: String) -> OutputError {
        OutputError(
            .write, .unsafePath, path: path,
            message: "refusing to write '\(Diagnostic.escapingControls(path))': the path would leave the output folder or is not a plain file name",
            hint: "this is a bug in Trellis; please report it with the content that caused it")
    }

    private func removeStaleTemporaries(parent: String, name: String) {
        let prefix = ".\(name).trellis-tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let pid = Int32(entry.dropFirst(prefix.count)) ?? 0
            // A temporary of a build that is still running is left alone.
            if pid > 0, kill(pid, 0) == 0, pid != getpid() { continue }
            Self.removeTree("\(parent)/\(entry)")
        }
    }

    static func makeDirectory(_ path: String) throws(OutputError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw Self.systemError("cannot create folder '\(path)'", path: path)
        }
    }

    /// The current `errno` as a failure of `step` on `path`.
    static func systemError(_ what: String, step: OutputError.Step = .write, path: String) -> OutputError {
        let code = errno
        let text = String(cString: strerror(code))
        let (reason, hint): (OutputError.Reason, String?) =
            switch code {
            case EACCES, EPERM: (.permissionDenied, "you may not write there; choose another --output or change the folder's permissions")
            case ENOSPC, EDQUOT: (.diskFull, "the disk is full; free some space and build again (the previous site is unchanged)")
            case EROFS: (.readOnly, "the disk is read-only")
            default: (.system(code), nil)
            }
        return OutputError(step, reason, path: path, message: "\(what): \(text)", hint: hint)
    }

    /// Exchanges the new folder with the old one in one step where the
    /// system allows (renameat2 with RENAME_EXCHANGE), then removes the old.
    private func swapIn(_ temporary: String) throws(OutputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) else {
            if rename(temporary, output) != 0 { throw Self.systemError("cannot move the new site into '\(output)'", step: .swap, path: output) }
            return
        }
        if Self.exchange(temporary, output) {
            Self.removeTree(temporary)
            return
        }
        let old = "\(temporary)-old"
        if rename(output, old) != 0 { throw Self.systemError("cannot move the previous site aside", step: .swap, path: output) }
        if rename(temporary, output) != 0 {
            _ = rename(old, output)
            throw Self.systemError("cannot move the new site into '\(output)'", step: .swap, path: output)
        }
        Self.removeTree(old)
    }

    /// Removes the folder at `path` and everything in it, never following a
    /// symbolic link (a link is removed, not what it points to). Its
    /// top-level folders are removed side by side: removing the previous
    /// site's thousands of files was most of the write stage.
    static func removeTree(_ path: String) {
        let root = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else {
            _ = unlink(path)
            return
        }
        let folders = removeFiles(in: root)
        _ = folders.parallelMap { name -> Int32 in removeFolder(name, in: root) }
        close(root)
        _ = rmdir(path)
    }

    /// Removes the folder `name` in the open folder `parent`, and all it holds.
    @discardableResult
    private static func removeFolder(_ name: [CChar], in parent: Int32) -> Int32 {
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 {
            for folder in removeFiles(in: fd) { removeFolder(folder, in: fd) }
            close(fd)
        }
        return unlinkat(parent, name, AT_REMOVEDIR)
    }

    /// Removes every entry of the open folder `fd` but its folders, whose
    /// names it returns (as the bytes the system gave, NUL-terminated).
    private static func removeFiles(in fd: Int32) -> [[CChar]] {
        // The names are read first, and only then removed.
        var entries: [(name: [CChar], type: Int32)] = []
        let listing = dup(fd)
        guard listing >= 0, let directory = fdopendir(listing) else {
            if listing >= 0 { close(listing) }
            return []
        }
        while let entry = readdir(directory) {
            var name: [CChar] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 }.map { CChar(bitPattern: $0) })
            }
            if name.isEmpty || name == [0x2E] || name == [0x2E, 0x2E] { continue }
            name.append(0)
            entries.append((name, Int32(entry.pointee.d_type)))
        }
        closedir(directory)
        var folders: [[CChar]] = []
        for (name, type) in entries {
            var isFolder = type == Int32(DT_DIR)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                isFolder = fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder { folders.append(name) } else { _ = unlinkat(fd, name, 0) }
        }
        return folders
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Atomic exchange of two paths (Linux 3.15+); false when unavailable.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let atCurrentDirectory: Int32 = -100
            let renameExchange: UInt32 = 2
            return renameat2(atCurrentDirectory, a, atCurrentDirectory, b, renameExchange) == 0
        #else
            return false
        #endif
    }
}

/// The state of one file being written (``OutputWriter/put(_:at:existing:)``,
/// ``OutputWriter/writeStream(_:to:existing:)``): its bytes are compared with
/// the previous build's file as they come, and the file becomes a link to
/// that one if they all match.
private struct FileWriter {
    let target: String
    /// The previous build's file (its path, and the file open for reading,
    /// or -1), and how many of its bytes the pieces have matched so far.
    let existing: String?
    var previous: Int32 = -1
    var previousSize = 0
    /// Whether the size was known when the file was opened (a whole file): a stream's previous
    /// file is asked its size again at the end, after the time its pieces took to come.
    let sizeKnown: Bool
    var matched = 0
    /// The previous file read whole (a stream's, when small enough).
    var previousBytes: [UInt8]?
    /// The new file, once the pieces differ from the previous one (or there is none).
    var output: Int32 = -1
    var failure: OutputError?

    /// - Parameter size: the file's size when known: a previous file of
    ///   another size is not compared with.
    init(target: String, previous existing: String?, size: Int?) {
        self.target = target
        self.existing = existing
        sizeKnown = size != nil
        guard let existing else { return }
        // Opened without following a link and looked at through the open file: one path lookup.
        // Read, not mapped: a file truncated meanwhile must read short, not stop the build.
        let fd = open(existing, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        var info = stat()
        // Only a plain file is compared with.
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, size.map({ info.st_size == $0 }) ?? true else {
            Glibc.close(fd)
            return
        }
        previous = fd
        previousSize = Int(info.st_size)
    }

    mutating func take(_ piece: UnsafeRawBufferPointer) {
        guard failure == nil, piece.count > 0 else { return }
        if output < 0, previous >= 0, matches(piece) {
            matched += piece.count
            return
        }
        if output < 0 { start() }
        write(piece)
    }

    /// Whether the previous file's next bytes are `piece`: compared with the
    /// whole file read at the first piece when it is small, else read 64 KB
    /// at a time.
    private mutating func matches(_ piece: UnsafeRawBufferPointer) -> Bool {
        guard let wanted = piece.baseAddress else { return true }
        if previousBytes == nil, !sizeKnown, previousSize <= Self.wholeReadLimit { previousBytes = readPrevious() }
        if let previousBytes {
            guard matched + piece.count <= previousBytes.count else { return false }
            let at = matched
            return previousBytes.withUnsafeBytes { bytes in bytes.baseAddress.map { memcmp($0 + at, wanted, piece.count) == 0 } ?? false }
        }
        let (from, at) = (previous, matched)
        return withUnsafeTemporaryAllocation(byteCount: min(piece.count, 1 << 16), alignment: 16) { chunk -> Bool in
            guard let base = chunk.baseAddress else { return false }
            var offset = 0
            while offset < piece.count {
                let count = pread(from, base, min(chunk.count, piece.count - offset), off_t(at + offset))
                if count < 0 && errno == EINTR { continue }
                if count <= 0 || memcmp(base, wanted + offset, count) != 0 { return false }
                offset += count
            }
            return true
        }
    }

    /// A stream's previous file up to this size is read whole at its first
    /// piece: a page comes in several pieces, and each was a read of its own.
    static let wholeReadLimit = 1 << 20

    /// The previous file's bytes, as many as a read gives (fewer if it was
    /// cut short meanwhile; the pieces then do not match).
    private func readPrevious() -> [UInt8] {
        let (from, size) = (previous, previousSize)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let read = pread(from, buffer.baseAddress.map { $0 + count }, size - count, off_t(count))
                if read < 0 && errno == EINTR { continue }
                guard read > 0 else { return }
                count += read
            }
        }
    }

    /// Opens the new file and copies into it what the pieces matched so far.
    private mutating func start() {
        output = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else {
            failure = OutputWriter.systemError("cannot write '\(target)'", path: target)
            return
        }
        if let previousBytes {
            let matched = matched
            previousBytes.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[0..<matched])) }
            return
        }
        var copied = 0
        var chunk = [UInt8](repeating: 0, count: min(matched, 1 << 20))
        while copied < matched && failure == nil {
            let size = min(matched - copied, chunk.count)
            let from = previous
            let count = chunk.withUnsafeMutableBytes { pread(from, $0.baseAddress, size, off_t(copied)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                failure = OutputWriter.systemError("cannot read the previous build's '\(target)'", path: target)
                return
            }
            chunk.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            copied += count
        }
    }

    private mutating func write(_ piece: UnsafeRawBufferPointer) {
        guard failure == nil, output >= 0, let base = piece.baseAddress else { return }
        var offset = 0
        while offset < piece.count {
            let written = Glibc.write(output, base + offset, piece.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = OutputWriter.systemError("cannot write '\(target)'", path: target)
                return
            }
            offset += written
        }
    }

    /// Ends the file: a link to the previous one when every byte matched
    /// and it has no more, else what was written (or copied) so far.
    mutating func finish() -> OutputError? {
        if failure == nil, output < 0 {
            var info = stat()
            if !sizeKnown, previous >= 0, fstat(previous, &info) == 0 { previousSize = Int(info.st_size) }
            if let existing, previous >= 0, previousSize == matched, link(existing, target) == 0 { return nil }
            // No previous file, or a longer one: the new file is the matched part alone.
            start()
        }
        return failure
    }

    mutating func close() {
        if previous >= 0 { Glibc.close(previous) }
        if output >= 0 { Glibc.close(output) }
        previous = -1
        output = -1
    }
}
