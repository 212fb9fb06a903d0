import CLibDeflate
import Foundation

/// A zip archive the previous build wrote at the same path, read so that an
/// entry whose bytes have not changed keeps its compressed bytes instead of
/// being compressed again (compressing was a seventh of a rebuild's time).
///
/// An entry is reused only when its name, size and CRC-32 match and its
/// compressed bytes, decompressed, are the new bytes exactly; anything
/// unexpected in the old file (another tool's archive, a truncated file, a
/// hand edit) means the entry, or the archive, is compressed afresh. Only
/// the writer's own archives are read: the previous build's marker must say
/// the same compressor and level (``OutputWriter/markerText``), so a rebuild
/// writes the bytes a fresh build would.
struct PreviousArchive {
    /// The archive, its directory read by the same defensive reader as a Word form's.
    private let archive: FormArchive
    /// The deflated entries by name (the first of a name).
    private let entries: [String: FormArchive.Entry]
    private let decompressor = Decompressor()

    private final class Decompressor {
        let pointer = libdeflate_alloc_decompressor()
        deinit { libdeflate_free_decompressor(pointer) }
    }

    /// The archive at `path`, or nil when there is none or it cannot be read
    /// as one. A small archive (a module's e-book or cartridge) is read whole,
    /// in one read: its directory, headers and entries were otherwise three
    /// reads an entry, and they were most of a rebuild's reads. A larger one
    /// has only its directory read now, and then each entry asked for: the
    /// previous catalogue e-book is never held whole.
    init?(path: String, wholeReadLimit: Int = Self.wholeReadLimit) {
        guard let file = ArchiveFile(path: path) else { return nil }
        if file.count <= wholeReadLimit, let whole = file.read(0..<file.count) {
            self.init(source: whole)
        } else {
            self.init(source: file)
        }
    }

    /// The largest archive read whole.
    static let wholeReadLimit = 4 << 20

    init?(bytes: [UInt8]) { self.init(source: Data(bytes)) }

    /// Reads the central directory; nil when `source` is not a zip archive.
    init?(source: any ArchiveBytes) {
        guard let archive = try? FormArchive(source: source) else { return nil }
        self.archive = archive
        entries = Dictionary(
            archive.entries.filter { $0.method == 8 }.map { (String(decoding: $0.name, as: UTF8.self), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The DEFLATE bytes the previous archive holds for `name`, when they
    /// decompress to exactly `content` (whose CRC-32 is `crc`).
    func deflated(_ name: String, content: [UInt8], crc: UInt32) -> Data? {
        guard let entry = entries[name], entry.crc32 == crc, entry.uncompressedSize == content.count, let pointer = decompressor.pointer,
            let range = try? archive.dataRange(of: entry, named: name), let compressed = archive.source.read(range)
        else { return nil }
        var out = [UInt8](unsafeUninitializedCapacity: content.count) { _, initialized in initialized = content.count }
        var produced = 0
        let result = compressed.withUnsafeBytes { bytes in
            out.withUnsafeMutableBytes { target in
                libdeflate_deflate_decompress(pointer, bytes.baseAddress, bytes.count, target.baseAddress, target.count, &produced)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, produced == content.count else { return nil }
        let same = out.withUnsafeBytes { made in
            content.withUnsafeBytes { wanted in
                guard let a = made.baseAddress, let b = wanted.baseAddress else { return made.count == wanted.count }
                return memcmp(a, b, content.count) == 0
            }
        }
        return same ? compressed : nil
    }
}
