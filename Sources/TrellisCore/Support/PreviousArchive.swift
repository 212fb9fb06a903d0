import CLibDeflate

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    struct Entry {
        var crc: UInt32
        var size: Int
        /// The compressed bytes' range in the archive.
        var data: Range<Int>
    }

    private let bytes: [UInt8]
    private let entries: [String: Entry]
    private let decompressor = Decompressor()

    private final class Decompressor {
        let pointer = libdeflate_alloc_decompressor()
        deinit { libdeflate_free_decompressor(pointer) }
    }

    /// The archive at `path`, or nil when there is none or it cannot be read as one.
    init?(path: String) {
        guard let bytes = try? FileBytes.contents(of: path) else { return nil }
        self.init(bytes: bytes)
    }

    /// Reads the central directory; nil when `bytes` are not a plain zip archive.
    init?(bytes: [UInt8]) {
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard let low = u16(at), let high = u16(at + 2) else { return nil }
            return low | high << 16
        }
        // The end record: the archives this writer makes have no comment, so it is the last 22 bytes.
        let end = bytes.count - 22
        guard end >= 0, u32(end) == 0x0605_4B50, let count = u16(end + 10), let start = u32(end + 16) else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        var at = start
        for _ in 0..<count {
            guard u32(at) == 0x0201_4B50, let method = u16(at + 10), let crc = u32(at + 16), let compressed = u32(at + 20),
                let size = u32(at + 24), let nameLength = u16(at + 28), let extra = u16(at + 30), let comment = u16(at + 32),
                let offset = u32(at + 42), at + 46 + nameLength <= bytes.count
            else { return nil }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            at += 46 + nameLength + extra + comment
            // The local header repeats the name and may have its own extra field.
            guard method == 8, u32(offset) == 0x0403_4B50, let localName = u16(offset + 26), let localExtra = u16(offset + 28) else { continue }
            let dataStart = offset + 30 + localName + localExtra
            guard dataStart + compressed <= start else { continue }
            entries[name] = Entry(crc: UInt32(crc), size: size, data: dataStart..<(dataStart + compressed))
        }
        self.bytes = bytes
        self.entries = entries
    }

    /// The DEFLATE bytes the previous archive holds for `name`, when they
    /// decompress to exactly `content` (whose CRC-32 is `crc`).
    func deflated(_ name: String, content: [UInt8], crc: UInt32) -> ArraySlice<UInt8>? {
        guard let entry = entries[name], entry.crc == crc, entry.size == content.count, let pointer = decompressor.pointer else { return nil }
        var out = [UInt8](unsafeUninitializedCapacity: content.count) { _, initialized in initialized = content.count }
        var produced = 0
        let result = bytes.withUnsafeBytes { archive in
            out.withUnsafeMutableBytes { target in
                libdeflate_deflate_decompress(
                    pointer, archive.baseAddress.map { $0 + entry.data.lowerBound }, entry.data.count, target.baseAddress, target.count, &produced)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, produced == content.count else { return nil }
        let same = out.withUnsafeBytes { made in
            content.withUnsafeBytes { wanted in
                guard let a = made.baseAddress, let b = wanted.baseAddress else { return made.count == wanted.count }
                return memcmp(a, b, content.count) == 0
            }
        }
        guard same else { return nil }
        return bytes[entry.data]
    }
}
