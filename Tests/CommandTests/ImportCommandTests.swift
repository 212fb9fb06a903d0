import Foundation
import Testing
import ZIPFoundation

@testable import TrellisCore

/// `trellis import` on a form that inflates without bound: the process
/// reports it in the usual `path: error:` form with a hint, imports the other
/// forms of the command line, and exits 1.
@Suite struct ImportCommandTests {
    static let namespace = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    /// A docx whose word/document.xml inflates to `inflated` bytes of spaces.
    static func bomb(inflated: Int) throws -> Data {
        let head = Data(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(namespace)><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Description</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>"
                .utf8)
        let spaces = Data(repeating: 0x20, count: 1 << 20)
        var compressed = Data()
        // The tail never comes: the bound is reached long before.
        let crc = try Data.compress(
            size: Int64(inflated), bufferSize: 1 << 20,
            provider: { position, size in
                position == 0 ? head + spaces.prefix(size - head.count) : spaces.prefix(size)
            }, consumer: { compressed.append($0) })
        var out = Data()
        func le16(_ value: Int) {
            out.append(UInt8(value & 0xFF))
            out.append(UInt8((value >> 8) & 0xFF))
        }
        func le32(_ value: Int) {
            le16(value & 0xFFFF)
            le16((value >> 16) & 0xFFFF)
        }
        let name = Data("word/document.xml".utf8)
        le32(0x0403_4b50)
        le16(20)
        le16(0)
        le16(8)
        le16(0)
        le16(0x21)
        le32(Int(crc))
        le32(compressed.count)
        le32(inflated)
        le16(name.count)
        le16(0)
        out.append(name)
        out.append(compressed)
        let directory = out.count
        le32(0x0201_4b50)
        le16(20)
        le16(20)
        le16(0)
        le16(8)
        le16(0)
        le16(0x21)
        le32(Int(crc))
        le32(compressed.count)
        le32(inflated)
        le16(name.count)
        le16(0)
        le16(0)
        le16(0)
        le16(0)
        le32(0)
        le32(0)
        out.append(name)
        let size = out.count - directory
        le32(0x0605_4b50)
        le16(0)
        le16(0)
        le16(1)
        le16(1)
        le32(size)
        le32(directory)
        le16(0)
        return out
    }

    static let goodXML = """
        <?xml version="1.0" encoding="UTF-8"?><w:document \(namespace)><w:body><w:tbl>\
        <w:tr><w:tc><w:p><w:r><w:t>Name of the good practice</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Good form</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>Country</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Finland</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>Sector</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>VET</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2022</w:t></w:r></w:p></w:tc></w:tr>\
        </w:tbl></w:body></w:document>
        """

    @Test func inflationBombIsAnErrorAndTheOtherFormsAreImported() throws {
        let directory = TemporaryDirectory()
        let content = try directory.site("content", ["site.yml": "title: T\n"])
        // 256 MB of spaces in 250 kB: enough to prove the bound (16 MB); the
        // 2 GiB form that crashed import is refused the same way.
        try Self.bomb(inflated: 256 << 20).write(to: URL(fileURLWithPath: "\(directory.path)/bomb.docx"))
        try FormArchive.stored([(name: "word/document.xml", data: Data(Self.goodXML.utf8))])
            .write(to: URL(fileURLWithPath: "\(directory.path)/good.docx"))
        let run = try trellis(["import", "bomb.docx", "good.docx", "--content", content], in: directory.path)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "bomb.docx: error: word/document.xml inflates to more than 16 MB; a filled-in form is never that large, so it was not read\n  hint: "),
            "\(run.stderr)")
        #expect(run.stdout.contains("wrote \(content)/practices/good-form.md"), "\(run.stdout)")
        let written = try String(contentsOfFile: "\(content)/practices/good-form.md", encoding: .utf8)
        #expect(written.contains("sector: \"vet\"  # VET\nyear: 2022\n"))
        // The good form's import has no warnings of its own but the missing sections.
        #expect(!run.stderr.contains("good.docx: warning: row"), "\(run.stderr)")
    }
}
