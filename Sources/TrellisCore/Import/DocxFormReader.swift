import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a filled-in form saved by a word processor (`.docx`): every table
/// row becomes a label (first cell) and an answer (the other cells).
/// Paragraphs keep their list numbering: bullets and numbered steps.
public enum DocxFormReader {
    public enum Failure: Error, CustomStringConvertible {
        case notADocx(String)
        case noTable
        /// A part of the document inflates to more than ``FormArchive/maxEntrySize`` bytes.
        case tooLarge(entry: String, limit: Int)
        /// A part of the document declares a DTD or an encoding Word never writes.
        case refusedXML(entry: String, why: String)

        public var description: String {
            switch self {
            case .notADocx(let why): "not a Word document (.docx): \(why)"
            case .noTable: "the document has no table; Trellis reads forms laid out as a two-column table (label | answer)"
            case .tooLarge(let entry, let limit):
                "\(entry) inflates to more than \(limit >> 20) MB; a filled-in form is never that large, so it was not read"
            case .refusedXML(let entry, let why): "\(entry) \(why); it was not read"
            }
        }

        /// What the user can do about it.
        public var hint: String? {
            switch self {
            case .notADocx: "open the form in Word or LibreOffice and save it as .docx (Word 2007-365)"
            case .noTable: "put the labels and answers in a two-column table, or import the form's .txt export"
            case .tooLarge:
                "the file may be damaged or built to exhaust memory; open it in Word, copy the form's table into a new document and save that as .docx"
            case .refusedXML: "Word never writes this; open the file in Word or LibreOffice and save it again as .docx"
            }
        }
    }

    public static func read(_ url: URL) throws -> FilledForm {
        let bytes: Data
        do {
            // Mapped, not read: a large file costs address space, not memory.
            bytes = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw Failure.notADocx("the file cannot be read")
        }
        return try read(bytes: bytes)
    }

    /// Reads a form from the bytes of a `.docx` file.
    public static func read(bytes: Data) throws -> FilledForm {
        let archive: FormArchive
        do {
            archive = try FormArchive(bytes: bytes)
        } catch let failure as FormArchive.Failure {
            throw Failure(failure)
        }
        func contents(_ path: String) throws -> Data? {
            do {
                guard let data = try archive.contents(of: path) else { return nil }
                try checkXML(data, entry: path)
                return data
            } catch let failure as FormArchive.Failure {
                throw Failure(failure)
            }
        }
        guard let document = try contents("word/document.xml") else { throw Failure.notADocx("word/document.xml is missing") }
        let formats = try contents("word/numbering.xml").map(NumberingFormats.parse) ?? [:]
        let parser = DocumentXML(formats: formats)
        // Fed in pieces: libxml2 refuses one chunk of more than 10 MB.
        let xml = XMLParser(stream: InputStream(data: document))
        xml.shouldProcessNamespaces = false
        xml.shouldResolveExternalEntities = false
        xml.delegate = parser
        guard xml.parse() else {
            throw Failure.notADocx(
                "word/document.xml is not well-formed XML (line \(xml.lineNumber), column \(xml.columnNumber)\(xml.parserError.map { ": \($0.localizedDescription)" } ?? ""))"
            )
        }
        if parser.rows.isEmpty { throw Failure.noTable }
        return FilledForm(rows: parser.rows, preamble: parser.preamble)
    }

    /// Word writes its XML parts in UTF-8 and without a DTD. Anything else is
    /// refused before the XML parser sees it: a DTD is how external entities
    /// (reading local files) and entity expansion ("billion laughs") get in.
    static func checkXML(_ data: Data, entry: String) throws {
        guard String(data: data, encoding: .utf8) != nil else {
            throw Failure.refusedXML(entry: entry, why: "is not UTF-8 text")
        }
        // The XML declaration, if any, is at the very start (after a byte-order mark).
        let head = String(decoding: data.prefix(200), as: UTF8.self)
        if head.hasPrefix("<?xml") || head.hasPrefix("\u{FEFF}<?xml"), let close = head.range(of: "?>") {
            let declaration = head[..<close.lowerBound].lowercased()
            if let at = declaration.range(of: "encoding") {
                let value = declaration[at.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" })
                    .prefix(while: { $0 != "\"" && $0 != "'" && $0 != " " })
                if value != "utf-8" && value != "utf8" {
                    throw Failure.refusedXML(entry: entry, why: "declares the encoding '\(value)'")
                }
            }
        }
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw Failure.refusedXML(
                entry: entry, why: "declares a DTD (<!DOCTYPE> or <!ENTITY>), which can read other files or expand without bound")
        }
    }

    /// numId → (level → is it a bullet list?)
    enum NumberingFormats {
        static func parse(_ data: Data) -> [String: [Int: Bool]] {
            let delegate = NumberingXML()
            let parser = XMLParser(stream: InputStream(data: data))
            parser.delegate = delegate
            parser.shouldResolveExternalEntities = false
            _ = parser.parse()
            var result: [String: [Int: Bool]] = [:]
            for (numID, abstractID) in delegate.numToAbstract {
                result[numID] = delegate.abstractLevels[abstractID] ?? [:]
            }
            return result
        }
    }

    final class NumberingXML: NSObject, XMLParserDelegate {
        var numToAbstract: [String: String] = [:]
        var abstractLevels: [String: [Int: Bool]] = [:]
        private var currentAbstract: String?
        private var currentNum: String?
        private var currentLevel = 0

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            switch name {
            case "w:abstractNum": currentAbstract = attributes["w:abstractNumId"]
            case "w:lvl": currentLevel = Int(attributes["w:ilvl"] ?? "0") ?? 0
            case "w:numFmt":
                if let abstract = currentAbstract {
                    abstractLevels[abstract, default: [:]][currentLevel] = attributes["w:val"] == "bullet"
                }
            case "w:num": currentNum = attributes["w:numId"]
            case "w:abstractNumId":
                if let num = currentNum, let value = attributes["w:val"] { numToAbstract[num] = value }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "w:abstractNum" { currentAbstract = nil }
            if name == "w:num" { currentNum = nil }
        }
    }

    /// Walks word/document.xml: tables → rows → cells → paragraphs.
    final class DocumentXML: NSObject, XMLParserDelegate {
        let formats: [String: [Int: Bool]]
        var rows: [FilledForm.Row] = []
        var preamble: [String] = []
        private var tableDepth = 0
        private var cells: [[FilledForm.Block]] = []
        private var cell: [FilledForm.Block] = []
        private var text = ""
        private var inText = false
        private var numID: String?
        private var level = 0
        private var inParagraph = false

        init(formats: [String: [Int: Bool]]) { self.formats = formats }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            switch name {
            case "w:tbl": tableDepth += 1
            case "w:tr" where tableDepth == 1: cells = []
            case "w:tc" where tableDepth == 1: cell = []
            case "w:p":
                inParagraph = true
                text = ""
                numID = nil
                level = 0
            case "w:t": inText = true
            case "w:tab": text += " "
            case "w:br", "w:cr": text += "\n"
            case "w:numId": numID = attributes["w:val"]
            case "w:ilvl": level = Int(attributes["w:val"] ?? "0") ?? 0
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:p":
                inParagraph = false
                let content = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !content.isEmpty else { return }
                let block: FilledForm.Block
                if let numID, numID != "0" {
                    let isBullet = formats[numID]?[level] ?? true
                    block = isBullet ? .bullet(content, level: level) : .numbered(content, level: level)
                } else {
                    block = .paragraph(content)
                }
                if tableDepth > 0 { cell.append(block) } else { preamble.append(content) }
            case "w:tc" where tableDepth == 1: cells.append(cell)
            case "w:tr" where tableDepth == 1: finishRow()
            case "w:tbl": tableDepth -= 1
            default: break
            }
        }

        private func finishRow() {
            guard cells.contains(where: { !$0.isEmpty }) else { return }
            guard cells.count >= 2 else {
                // A row spanning the table: a heading of the form, not an answer.
                preamble += cells.joined().map(FilledForm.plainText)
                return
            }
            let label = cells[0].map(FilledForm.plainText).joined(separator: " ")
            rows.append(FilledForm.Row(label: label, answer: Array(cells.dropFirst().joined())))
        }
    }
}

extension DocxFormReader.Failure {
    init(_ failure: FormArchive.Failure) {
        switch failure {
        case .notAZip(let why): self = .notADocx(why)
        case .tooLarge(let entry, let limit): self = .tooLarge(entry: entry, limit: limit)
        case .unreadable(let entry, let why): self = .notADocx("\(entry) cannot be read: \(why)")
        }
    }
}

extension FilledForm {
    static func plainText(_ block: Block) -> String {
        switch block {
        case .paragraph(let text), .bullet(let text, _), .numbered(let text, _): text
        }
    }
}
