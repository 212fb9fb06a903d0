import CLibDeflate

/// A zip archive that is byte for byte the same for the same files: entries
/// in the order added, each with the same fixed date (2000-01-01). The EPUB
/// handbooks and the learning-platform packages are made with it, whole in
/// memory (``bytes``) or, for a large book, handed on as it is written
/// (``drain(_:)``, ``finish(_:)``), keeping only the central directory.
///
/// Written here, on libdeflate, rather than with ZIPFoundation (which
/// Trellis still uses to read Word files): libdeflate compresses a buffer
/// about three times as fast as zlib at the same level, with output as
/// small, and zipping was a fifth of a large site's build. The format is
/// the plain one every reader takes: local headers, the central directory,
/// its end record; no ZIP64 (an entry or archive over 4 GB is an error).
struct StableZip {
    /// DEFLATE level: libdeflate's default, as small as zlib's level 6 or smaller.
    static let level: Int32 = 6
    /// 2000-01-01 00:00 as MS-DOS date and time.
    static let dosDate: UInt16 = (20 << 9) | (1 << 5) | 1
    static let dosTime: UInt16 = 0

    struct TooLarge: Error, CustomStringConvertible {
        var description: String { "a zip archive over 4 GB (ZIP64) is not written" }
    }

    private struct Entry {
        var name: [UInt8]
        var method: UInt16
        var crc: UInt32
        var compressed: UInt32
        var size: UInt32
        var offset: UInt32
    }

    /// What is written and not yet handed on.
    private var output: [UInt8] = []
    /// How many bytes were handed on already (``drain(_:)``).
    private var handedOn = 0
    /// Where the next byte goes in the archive.
    private var position: Int { handedOn + output.count }
    private var entries: [Entry] = []
    /// One compressor for the archive's entries (libdeflate's is not shared between threads).
    private let compressor: Compressor
    /// The previous build's archive at the same path: its unchanged entries are not compressed again.
    private let previous: PreviousArchive?

    /// - Parameter level: for tests; archives Trellis writes use ``level``.
    init(reusing previous: PreviousArchive? = nil, level: Int32 = StableZip.level) {
        self.previous = previous
        compressor = Compressor(level: level)
    }

    private final class Compressor {
        let pointer: OpaquePointer?
        init(level: Int32) { pointer = libdeflate_alloc_compressor(level) }
        deinit { libdeflate_free_compressor(pointer) }
    }

    /// Adds a file; `compress: false` stores it (an EPUB's `mimetype` must be).
    /// Stored too when DEFLATE would not make it smaller.
    mutating func add(_ path: String, _ bytes: [UInt8], compress: Bool = true) throws {
        guard bytes.count < Int(UInt32.max), position < Int(UInt32.max) else { throw TooLarge() }
        let crc = bytes.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
        let entry: Entry
        func made(method: UInt16, compressed: Int) -> Entry {
            Entry(
                name: Array(path.utf8), method: method, crc: crc, compressed: UInt32(compressed), size: UInt32(bytes.count),
                offset: UInt32(position))
        }
        if compress, !bytes.isEmpty, let reused = previous?.deflated(path, content: bytes, crc: crc), reused.count < bytes.count {
            entry = made(method: 8, compressed: reused.count)
            header(local: true, entry)
            output.append(contentsOf: reused)
        } else if compress, !bytes.isEmpty, let deflated = deflate(bytes), deflated.count < bytes.count {
            entry = made(method: 8, compressed: deflated.count)
            header(local: true, entry)
            output.append(contentsOf: deflated)
        } else {
            entry = made(method: 0, compressed: bytes.count)
            header(local: true, entry)
            output.append(contentsOf: bytes)
        }
        entries.append(entry)
    }

    /// The finished archive: the entries, then the central directory and its
    /// end; nil when too large, or when part of it was handed on already.
    var bytes: [UInt8]? {
        var zip = self
        guard handedOn == 0, zip.writeDirectory() else { return nil }
        return zip.output
    }

    /// Hands what is written so far to `emit`, once there is a megabyte or so.
    mutating func drain(_ emit: (UnsafeRawBufferPointer) -> Void) {
        let count = output.count
        output.drain(emit)
        if output.isEmpty { handedOn += count }
    }

    /// Writes the central directory and its end, and hands on the rest.
    mutating func finish(_ emit: (UnsafeRawBufferPointer) -> Void) throws {
        guard writeDirectory() else { throw TooLarge() }
        let count = output.count
        output.drain(over: 0, emit)
        handedOn += count
    }

    /// The central directory and its end record; false when the archive is too large for them.
    private mutating func writeDirectory() -> Bool {
        let directoryStart = position
        for entry in entries { header(local: false, entry) }
        let directorySize = position - directoryStart
        guard position < Int(UInt32.max), entries.count < Int(UInt16.max) else { return false }
        append32(0x0605_4B50)
        append16(0)  // this disk
        append16(0)  // the disk where the directory starts
        append16(UInt16(entries.count))
        append16(UInt16(entries.count))
        append32(UInt32(directorySize))
        append32(UInt32(directoryStart))
        append16(0)  // comment length
        return true
    }

    /// A local file header or a central directory entry.
    private mutating func header(local: Bool, _ entry: Entry) {
        let version: UInt16 = entry.method == 8 ? 20 : 10
        append32(local ? 0x0403_4B50 : 0x0201_4B50)
        if !local { append16(0x0300 | 20) }  // made by: Unix, zip 2.0
        append16(version)
        // Bit 11: the name is UTF-8 (only said when it is not ASCII).
        append16(entry.name.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11)
        append16(entry.method)
        append16(Self.dosTime)
        append16(Self.dosDate)
        append32(entry.crc)
        append32(entry.compressed)
        append32(entry.size)
        append16(UInt16(entry.name.count))
        append16(0)  // extra field length
        if !local {
            append16(0)  // comment length
            append16(0)  // disk number
            append16(0)  // internal attributes
            append32(0o100644 << 16)  // external attributes: a regular file, rw-r--r--
            append32(entry.offset)
        }
        output.append(contentsOf: entry.name)
    }

    private mutating func append16(_ value: UInt16) {
        output.append(UInt8(value & 0xFF))
        output.append(UInt8(value >> 8))
    }

    private mutating func append32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    /// Raw DEFLATE of the whole buffer, or nil if libdeflate cannot (out of memory).
    private func deflate(_ bytes: [UInt8]) -> [UInt8]? {
        guard let compressor = compressor.pointer else { return nil }
        let bound = libdeflate_deflate_compress_bound(compressor, bytes.count)
        let out = bytes.withUnsafeBytes { input in
            [UInt8](unsafeUninitializedCapacity: bound) { target, written in
                written = libdeflate_deflate_compress(compressor, input.baseAddress, input.count, target.baseAddress, target.count)
            }
        }
        guard !out.isEmpty else { return nil }
        return out
    }
}
