import Foundation

/// Entry points for the fuzzer (`make fuzz`): everything a content file
/// goes through, on bytes in memory.
public enum Fuzzing {
    static let config = SiteConfig(title: "Fuzz")
    static let parser = DocumentParser(
        config: config, links: LinkResolver(routes: ["practices/other.md": .practice("other")], allFiles: []),
        contentDirectory: "/nonexistent")

    /// Decodes, splits front matter, reads YAML, parses Markdown, matches
    /// template sections and runs the checks of one practice, one task and
    /// one page made of `bytes`. Returns the number of diagnostics.
    @discardableResult
    public static func run(_ bytes: [UInt8]) -> Int {
        var count = 0
        let practiceSource = DocumentSource(kind: .practice("fuzz"), file: SourceFile(relativePath: "practices/fuzz.md", displayPath: "fuzz.md"))
        let (practice, diagnostics) = parser.parse(practiceSource, bytes: bytes)
        count += diagnostics.count
        let taskSource = DocumentSource(
            kind: .task(module: "m", id: "t", number: 1), file: SourceFile(relativePath: "modules/m/01-t.md", displayPath: "01-t.md"))
        let (task, taskDiagnostics) = parser.parse(taskSource, bytes: bytes)
        count += taskDiagnostics.count
        let pageSource = DocumentSource(kind: .page("p"), file: SourceFile(relativePath: "pages/p.md", displayPath: "p.md"))
        count += parser.parse(pageSource, bytes: bytes).1.count

        var documents: [ParsedDocument] = []
        if let practice { documents.append(practice) }
        if let task { documents.append(task) }
        let inventory = Inventory(
            contentDirectory: "/nonexistent", displayDirectory: "", config: nil, documents: [], media: [], routes: [:], allFiles: [])
        let (site, assembled) = Assembly.run(config: config, inventory: inventory, documents: documents)
        count += assembled.count + ContentChecks.run(site).count
        return count
    }
}

extension Fuzzing {
    /// The word/numbering.xml of the .docx that `runImport` wraps around
    /// fuzz bytes. (Made on each use: LeakSanitizer does not see a Data kept
    /// in a global, and would report it as a leak.)
    static var numbering: Data { Data(numberingXML.utf8) }
    static let numberingXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>
        """

    /// Word import on `bytes` two ways: as a whole `.docx` (the ZIP
    /// container), and as word/document.xml inside a valid `.docx`. Whatever
    /// is read is converted to a practice file, which is parsed back.
    /// Returns broken promises of the import, for the fuzzer to report:
    /// front matter Trellis cannot read, or sections other than those written.
    public static func runImport(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let data = Data(bytes)
        if let form = try? DocxFormReader.read(bytes: data) { problems += checkImport(form) }
        if let docx = try? FormArchive.stored([(name: "word/document.xml", data: data), (name: "word/numbering.xml", data: numbering)]),
            let form = try? DocxFormReader.read(bytes: docx)
        {
            problems += checkImport(form)
        }
        // The plain-text export goes the same way.
        if let text = String(bytes: bytes, encoding: .utf8) { problems += checkImport(TextFormReader.read(text)) }
        return problems
    }

    static let brokenFrontMatter: Set<String> = ["missing-front-matter", "wrong-type", "unknown-key", "unreadable", "bad-url", "missing-key"]

    /// Converts `form` and parses the result: the front matter reads back and
    /// the body has exactly the sections the importer wrote.
    public static func checkImport(_ form: FilledForm) -> [String] {
        // A known country first, so that the practice parses whatever the form says.
        var form = form
        form.rows.insert(FilledForm.Row(label: "Country", answer: [.paragraph("FI")]), at: 0)
        let result = PracticeImporter(template: .builtIn).convert(form, fallbackTitle: "fuzz")
        let source = DocumentSource(kind: .practice("fuzz"), file: SourceFile(relativePath: "practices/fuzz.md", displayPath: "fuzz.md"))
        let (document, diagnostics) = parser.parse(source, bytes: Array(result.markdown.utf8))
        var problems: [String] = []
        for diagnostic in diagnostics where diagnostic.id.rawValue.hasPrefix("yaml") || brokenFrontMatter.contains(diagnostic.id.rawValue) {
            problems.append("the imported front matter does not read back: \(diagnostic.description)")
        }
        guard case .practice(let practice)? = document else {
            return problems + ["the imported practice does not parse: \(diagnostics.map(\.description))"]
        }
        let headings = practice.body.sections.map { $0.heading?.text ?? "" }
        if headings != result.headings {
            problems.append("sections \(headings) were written as \(result.headings)")
        }
        for section in [practice.body.intro] + practice.body.sections {
            for block in section.blocks {
                if case .heading = block.kind { problems.append("an answer became a heading: \(block.html)") }
            }
        }
        if practice.title != result.title { problems.append("title '\(result.title)' reads back as '\(practice.title)'") }
        return problems
    }
}
