import Foundation
import ZIPFoundation

/// The ZIP container of a `.docx` (and the previous build's archives,
/// ``PreviousArchive``), read defensively: a form comes from
/// outside, so every offset and size is checked against the file before it is
/// used, and no entry is inflated beyond ``maxEntrySize`` bytes, whatever its
/// header declares (bytes are counted while they are inflated).
///
/// Only entries asked for by name are read, and only into memory; entry names
/// are never used as paths, so names such as `../../etc/passwd` do nothing.
/// The archive is read from bytes in memory (a form) or from a file a range
/// at a time (``ArchiveFile``: the previous build's e-book, whose directory
/// and reused entries are all that is read of it).
/// ZIPFoundation is used only for raw inflation (`Data.decompress`), with a
/// provider that never hands it bytes beyond the entry's compressed data.
struct FormArchive {
    /// A form's XML parts are a few hundred kilobytes; 16 MB is far beyond
    /// any real form and small enough to parse in well under 300 MB.
    static let maxEntrySize = 16 << 20

    enum Failure: Error, Equatable {
        /// Not a ZIP archive, or one whose directory is damaged.
        case notAZip(String)
        /// The entry inflates (or says it inflates) to more than the limit.
        case tooLarge(entry: String, limit: Int)
        /// The entry cannot be read: encrypted, unknown compression, damaged data.
        case unreadable(entry: String, why: String)
    }

    struct Entry {
        var name: [UInt8]
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let source: any ArchiveBytes
    let entries: [Entry]

    init(bytes: Data) throws {
        // Work on a zero-based copy of the indices (a slice's may not start at 0).
        try self.init(source: bytes.startIndex == 0 ? bytes : Data(bytes))
    }

    init(source: any ArchiveBytes) throws {
        self.source = source
        self.entries = try Self.readDirectory(source)
    }

    /// `count` bytes at `offset`, or a failure that names what was being read.
    private static func read(_ source: any ArchiveBytes, at offset: Int, count: Int, _ failure: @autoclosure () -> Failure) throws -> Data {
        guard offset >= 0, count >= 0, offset <= source.count - count, let data = source.read(offset..<(offset + count)) else {
            throw failure()
        }
        return data
    }

    /// The first entry called `name`, or nil.
    func entry(named name: String) -> Entry? {
        let wanted = Array(name.utf8)
        return entries.first { $0.name == wanted }
    }

    /// The inflated contents of `name`, or nil when there is no such entry.
    func contents(of name: String, limit: Int = maxEntrySize) throws -> Data? {
        guard let entry = entry(named: name) else { return nil }
        if entry.flags & 0x0001 != 0 { throw Failure.unreadable(entry: name, why: "it is encrypted") }
        if entry.uncompressedSize > limit { throw Failure.tooLarge(entry: name, limit: limit) }
        let range = try dataRange(of: entry, named: name)
        let (start, end) = (range.lowerBound, range.upperBound)
        switch entry.method {
        case 0:
            guard entry.compressedSize <= limit else { throw Failure.tooLarge(entry: name, limit: limit) }
            let data = try Self.read(source, at: start, count: end - start, .unreadable(entry: name, why: "its data cannot be read"))
            guard data.crc32(checksum: 0) == entry.crc32 else { throw Failure.unreadable(entry: name, why: "its checksum does not match") }
            return data
        case 8:
            return try inflate(name: name, range: start..<end, entry: entry, limit: limit)
        default:
            throw Failure.unreadable(entry: name, why: "it uses compression method \(entry.method), which Word does not write")
        }
    }

    /// Where `entry`'s stored or compressed bytes lie in the archive.
    func dataRange(of entry: Entry, named name: String) throws -> Range<Int> {
        // The local header repeats the name and may carry its own extra field;
        // the data starts after both.
        let local = entry.localHeaderOffset
        let missing = Failure.unreadable(entry: name, why: "its local header is missing")
        let header = try Self.read(source, at: local, count: 30, missing)
        guard u32(header, 0) == 0x0403_4b50 else { throw missing }
        let start = local + 30 + Int(u16(header, 26)) + Int(u16(header, 28))
        guard start <= source.count, entry.compressedSize <= source.count - start else {
            throw Failure.unreadable(entry: name, why: "its data runs past the end of the file")
        }
        return start..<(start + entry.compressedSize)
    }

    private struct Overflow: Error {}
    private struct Truncated: Error {}

    private func inflate(name: String, range: Range<Int>, entry: Entry, limit: Int) throws -> Data {
        let chunkSize = 64 << 10
        var position = range.lowerBound
        var output = Data()
        var exhausted = false
        // Data.decompress (zlib on Linux) tells zlib a whole chunk of input is
        // there, so every chunk is exactly `chunkSize` bytes: the entry's bytes,
        // then zeros (which never finish a deflate stream). Once the entry's
        // bytes are used up, asking for more means the stream is truncated.
        let provider: Provider = { _, _ in
            if exhausted { throw Truncated() }
            let count = min(chunkSize, range.upperBound - position)
            var chunk = Data(count: chunkSize)
            if count > 0 {
                guard let read = source.read(position..<(position + count)) else { throw Truncated() }
                chunk.replaceSubrange(0..<count, with: read)
            }
            position += count
            if position >= range.upperBound { exhausted = true }
            return chunk
        }
        let consumer: Consumer = { data in
            guard data.count <= limit - output.count else { throw Overflow() }
            output.append(data)
        }
        let checksum: CRC32
        do {
            checksum = try Data.decompress(
                size: Int64(range.count), bufferSize: chunkSize, skipCRC32: false,
                provider: provider, consumer: consumer)
        } catch is Overflow {
            throw Failure.tooLarge(entry: name, limit: limit)
        } catch is Truncated {
            throw Failure.unreadable(entry: name, why: "its compressed data ends too early")
        } catch {
            throw Failure.unreadable(entry: name, why: "its compressed data is damaged")
        }
        guard output.count == entry.uncompressedSize, checksum == entry.crc32 else {
            throw Failure.unreadable(entry: name, why: "its size or checksum does not match its header")
        }
        return output
    }

    // MARK: - The central directory

    private static func readDirectory(_ source: any ArchiveBytes) throws -> [Entry] {
        let count = source.count
        guard count >= 22 else { throw Failure.notAZip("it is too short to be a ZIP archive") }
        // The end-of-central-directory record: 22 bytes plus a comment of at
        // most 65535 bytes, at the end of the file. The last one found wins.
        let tailStart = max(0, count - 22 - 0xFFFF)
        let tail = try read(source, at: tailStart, count: count - tailStart, .notAZip("it cannot be read"))
        var found: Int?
        var index = tail.count - 22
        while index >= 0 {
            if tail[index] == 0x50, u32(tail, index) == 0x0605_4b50 {
                found = index
                break
            }
            index -= 1
        }
        guard let record = found else { throw Failure.notAZip("it is not a ZIP archive") }
        let eocd = tailStart + record
        var total = Int(u16(tail, record + 10))
        var directorySize = Int(u32(tail, record + 12))
        var directoryOffset = Int(u32(tail, record + 16))
        if total == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the ZIP64 record.
            let missing = Failure.notAZip("its ZIP64 directory is missing")
            let locator = try read(source, at: eocd - 20, count: 20, missing)
            guard u32(locator, 0) == 0x0706_4b50 else { throw missing }
            let damaged = Failure.notAZip("its ZIP64 directory is damaged")
            guard let at = small(u64(locator, 8)), at <= count - 56 else { throw damaged }
            let zip64 = try read(source, at: at, count: 56, damaged)
            guard u32(zip64, 0) == 0x0606_4b50, let records = small(u64(zip64, 32)), let size = small(u64(zip64, 40)),
                let offset = small(u64(zip64, 48))
            else {
                throw damaged
            }
            (total, directorySize, directoryOffset) = (records, size, offset)
        }
        guard directoryOffset <= count, directorySize <= count - directoryOffset else {
            throw Failure.notAZip("its directory points outside the file")
        }
        let directory = try read(source, at: directoryOffset, count: directorySize, .notAZip("its directory cannot be read"))
        var entries: [Entry] = []
        var at = 0
        let end = directory.count
        // Each record is at least 46 bytes, so a lying count cannot loop for long.
        while entries.count < total, at <= end - 46 {
            guard u32(directory, at) == 0x0201_4b50 else { throw Failure.notAZip("its directory is damaged") }
            let nameLength = Int(u16(directory, at + 28))
            let extraLength = Int(u16(directory, at + 30))
            let commentLength = Int(u16(directory, at + 32))
            let next = at + 46 + nameLength + extraLength + commentLength
            guard next <= end else { throw Failure.notAZip("its directory is damaged") }
            var entry = Entry(
                name: [UInt8](directory[(at + 46)..<(at + 46 + nameLength)]),
                flags: u16(directory, at + 8), method: u16(directory, at + 10), crc32: u32(directory, at + 16),
                compressedSize: Int(u32(directory, at + 20)), uncompressedSize: Int(u32(directory, at + 24)),
                localHeaderOffset: Int(u32(directory, at + 42)))
            try applyZIP64(directory, extra: (at + 46 + nameLength)..<(at + 46 + nameLength + extraLength), to: &entry)
            entries.append(entry)
            at = next
        }
        return entries
    }

    /// Replaces 0xFFFFFFFF sizes and offset with the values of the ZIP64
    /// extra field (id 1), which lists only the fields that overflowed.
    private static func applyZIP64(_ bytes: Data, extra: Range<Int>, to entry: inout Entry) throws {
        let needsUncompressed = entry.uncompressedSize == 0xFFFF_FFFF
        let needsCompressed = entry.compressedSize == 0xFFFF_FFFF
        let needsOffset = entry.localHeaderOffset == 0xFFFF_FFFF
        guard needsUncompressed || needsCompressed || needsOffset else { return }
        var at = extra.lowerBound
        while at <= extra.upperBound - 4 {
            let id = u16(bytes, at)
            let size = Int(u16(bytes, at + 2))
            let data = at + 4
            guard size <= extra.upperBound - data else { break }
            if id == 0x0001 {
                var field = data
                func next() throws -> Int {
                    guard field <= data + size - 8, let value = small(u64(bytes, field)) else {
                        throw Failure.notAZip("its ZIP64 sizes are damaged")
                    }
                    field += 8
                    return value
                }
                if needsUncompressed { entry.uncompressedSize = try next() }
                if needsCompressed { entry.compressedSize = try next() }
                if needsOffset { entry.localHeaderOffset = try next() }
                return
            }
            at = data + size
        }
        throw Failure.notAZip("its ZIP64 sizes are missing")
    }
}

extension FormArchive {
    /// A ZIP archive holding `entries` uncompressed (method 0): for tests and
    /// the fuzzer, which wrap bytes as a part of an otherwise valid `.docx`.
    static func stored(_ entries: [(name: String, data: Data)]) throws -> Data {
        var zip = StableZip()
        for (name, data) in entries { try zip.add(name, [UInt8](data), compress: false) }
        guard let bytes = zip.bytes else { throw StableZip.TooLarge() }
        return Data(bytes)
    }
}

/// Where an archive's bytes come from: all in memory, or a file read a
/// range at a time.
protocol ArchiveBytes {
    var count: Int { get }
    /// The bytes of `range` (inside `0..<count`), or nil when they cannot be read.
    func read(_ range: Range<Int>) -> Data?
}

extension Data: ArchiveBytes {
    /// For a zero-based `Data` (``FormArchive`` makes sure of it).
    func read(_ range: Range<Int>) -> Data? {
        range.lowerBound >= 0 && range.upperBound <= count ? subdata(in: range) : nil
    }
}

/// A file read a range at a time with `pread`: only what is asked for is
/// ever in memory. A file that is cut short while it is read gives nil for
/// what is gone (never a crash, as a mapped file would).
final class ArchiveFile: ArchiveBytes {
    private let descriptor: Int32
    let count: Int

    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
        descriptor = fd
        count = Int(info.st_size)
    }

    deinit { close(descriptor) }

    func read(_ range: Range<Int>) -> Data? {
        guard range.lowerBound >= 0, range.upperBound <= count else { return nil }
        var data = Data(count: range.count)
        var filled = 0
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            while filled < range.count {
                let got = pread(descriptor, buffer.baseAddress.map { $0 + filled }, range.count - filled, off_t(range.lowerBound + filled))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { return false }
                filled += got
            }
            return true
        }
        return complete ? data : nil
    }
}

/// A 64-bit size or offset as an Int, when it could describe a real file.
private func small(_ value: UInt64) -> Int? {
    value <= UInt64(Int32.max) * 1024 ? Int(value) : nil
}

private func u16(_ bytes: Data, _ at: Int) -> UInt16 {
    UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
}

private func u32(_ bytes: Data, _ at: Int) -> UInt32 {
    UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16
}

private func u64(_ bytes: Data, _ at: Int) -> UInt64 {
    UInt64(u32(bytes, at)) | UInt64(u32(bytes, at + 4)) << 32
}
