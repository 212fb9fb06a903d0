/// Entry points for the fuzzer (`make fuzz`): everything a content file
/// goes through, on bytes in memory.
public enum Fuzzing {
    static let config = SiteConfig(title: "Fuzz")
    static let parser = DocumentParser(config: config, links: LinkResolver(routes: ["practices/other.md": .practice("other")], allFiles: []),
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
        let taskSource = DocumentSource(kind: .task(module: "m", id: "t", number: 1), file: SourceFile(relativePath: "modules/m/01-t.md", displayPath: "01-t.md"))
        let (task, taskDiagnostics) = parser.parse(taskSource, bytes: bytes)
        count += taskDiagnostics.count
        let pageSource = DocumentSource(kind: .page("p"), file: SourceFile(relativePath: "pages/p.md", displayPath: "p.md"))
        count += parser.parse(pageSource, bytes: bytes).1.count

        var documents: [ParsedDocument] = []
        if let practice { documents.append(practice) }
        if let task { documents.append(task) }
        let inventory = Inventory(contentDirectory: "/nonexistent", displayDirectory: "", config: nil, documents: [], media: [], routes: [:], allFiles: [])
        let (site, assembled) = Assembly.run(config: config, inventory: inventory, documents: documents)
        count += assembled.count + ContentChecks.run(site).count
        return count
    }
}
