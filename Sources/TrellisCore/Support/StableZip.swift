import Foundation
import ZIPFoundation

/// A zip archive written in memory that is byte for byte the same for the
/// same files: entries in the order added, each with the same fixed date.
/// The EPUB handbooks and the learning-platform packages are made with it.
struct StableZip {
    /// The entries' fixed time (2000-01-01), so the archive does not change between builds.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)

    private let archive: Archive

    init() throws {
        archive = try Archive(data: Data(), accessMode: .create)
    }

    func add(_ path: String, _ bytes: [UInt8], compress: Bool = true) throws {
        let data = Data(bytes)
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate,
            compressionMethod: compress ? .deflate : .none
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// The finished archive, or nil if it could not be assembled.
    var bytes: [UInt8]? { archive.data.map { [UInt8]($0) } }
}
