import Foundation
import ZIPFoundation
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

        public var description: String {
            switch self {
            case .notADocx(let why): "not a Word document (.docx): \(why)"
            case .noTable: "the document has no table; Trellis reads forms laid out as a two-column table (label | answer)"
            }
        }
    }

    public static func read(_ url: URL) throws -> FilledForm {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Failure.notADocx("it is not a ZIP archive")
        }
        func contents(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return data
        }
        guard let document = try contents("word/document.xml") else { throw Failure.notADocx("word/document.xml is missing") }
        let formats = try contents("word/numbering.xml").map(NumberingFormats.parse) ?? [:]
        let parser = DocumentXML(formats: formats)
        let xml = XMLParser(data: document)
        xml.shouldProcessNamespaces = false
        xml.shouldResolveExternalEntities = false
        xml.delegate = parser
        guard xml.parse() else { throw Failure.notADocx("word/document.xml is not well-formed XML") }
        if parser.rows.isEmpty { throw Failure.noTable }
        return FilledForm(rows: parser.rows, preamble: parser.preamble)
    }

    /// numId → (level → is it a bullet list?)
    enum NumberingFormats {
        static func parse(_ data: Data) -> [String: [Int: Bool]] {
            let delegate = NumberingXML()
            let parser = XMLParser(data: data)
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

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
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

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "w:tbl": tableDepth += 1
            case "w:tr" where tableDepth == 1: cells = []
            case "w:tc" where tableDepth == 1: cell = []
            case "w:p": inParagraph = true; text = ""; numID = nil; level = 0
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

extension FilledForm {
    static func plainText(_ block: Block) -> String {
        switch block {
        case .paragraph(let text), .bullet(let text, _), .numbered(let text, _): text
        }
    }
}
