import Foundation
import Testing

@testable import TrellisCore

/// Issue: tables broke badly across PDF pages (the task-sequence table left
/// its header and half a row at the bottom of a page). A module with a
/// sequence table several pages long, and tasks that each push a short table
/// of the same shape a line further down the page than the last, is built
/// as PDF, and each page's text is read with `pdftotext -layout`: rows are
/// never split, a long table repeats its header on every page and never
/// leaves it alone at the bottom, and a short table is on one page.
@Suite(.serialized) struct HandbookTableBreakTests {
    static let taskCount = 36
    /// The tasks that carry a short table, each after one more line of text.
    static let shortTables = 2...32
    static let rowsPerShortTable = 6

    /// Every row's text begins with `Row<n>begin` and ends with `Row<n>end`
    /// (`Row1begin` is not part of `Row17begin`); the title wraps over
    /// several lines in its narrow column, the other cells do not.
    static func title(_ n: Int) -> String { "Row\(n)begin planned activity of a long sequence Row\(n)end" }

    static func content(in directory: TemporaryDirectory) throws -> String {
        var files: [String: String] = [
            "site.yml": "title: Table breaks\nlanguage: en\n",
            "modules/long/module.md": """
            ---
            title: A module with a long sequence
            summary: Many tasks, so that the task-sequence table runs over several pages.
            phases:
              - {id: only, title: A phase whose title wraps in its column}
            ---

            ## Overview

            The sequence table below is longer than a page.

            """,
        ]
        for n in 1...taskCount {
            var body = "## Instructions\n\nDo task \(n).\n"
            if shortTables.contains(n) {
                // One more line before the table in each task, so some table
                // starts at every height near the end of a page.
                for line in 0..<(8 + n) { body += "\nFiller line \(line).\n" }
                body += "\n### Steps\n\n| Step\(n)head | Phase | Type | Mode | Duration |\n|---|---|---|---|---|\n"
                for row in 1...rowsPerShortTable {
                    body +=
                        "| T\(n)R\(row)begin planned activity of a long sequence T\(n)R\(row)end | A phase whose title wraps in its column | Collaboration | Synchronous | \(row) min |\n"
                }
            }
            files[String(format: "modules/long/%02d-task-%02d.md", n, n)] = """
                ---
                title: \(title(n))
                type: collaboration
                phase: only
                mode: synchronous
                duration: 90 min
                ---

                \(body)
                """
        }
        let root = "\(directory.path)/content"
        for (path, text) in files {
            let full = "\(root)/\(path)"
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: false, encoding: .utf8)
        }
        return root
    }

    /// The built participant PDF's pages, each as normalised text.
    static let pages: Result<[String], any Error> = Result {
        let directory = TemporaryDirectory()
        let output = "\(directory.path)/out"
        let result = Pipeline.run(BuildOptions(content: try content(in: directory), output: output, templates: "/nonexistent", pdf: true))
        let errors = result.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw BuildFailed(description: errors.map(\.description).joined(separator: "\n")) }
        let pdf = "\(output)/handbooks/long-participant.pdf"
        let info = try HandbookToolTests.tool(["pdfinfo", pdf]).output
        guard let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
            let count = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
        else {
            throw BuildFailed(description: "no page count: \(info)")
        }
        return try (1...count).map { try HandbookToolTests.pdfText(pdf, first: $0, last: $0) }
    }

    struct BuildFailed: Error, CustomStringConvertible { var description: String }

    @Test func theSequenceTableRepeatsItsHeaderAndNeverSplitsARow() throws {
        let pages = try Self.pages.get()
        let header = "Task Phase Type Mode Duration"
        let tablePages = pages.indices.filter { pages[$0].contains(header) }
        #expect(tablePages.count >= 2, "the sequence table should run over several pages; header on pages \(tablePages.map { $0 + 1 })")
        for n in 1...Self.taskCount {
            let begins = tablePages.filter { pages[$0].contains("Row\(n)begin") }
            #expect(begins.count == 1, "row \(n) starts on table pages \(begins.map { $0 + 1 }) (a page without the header row, or split)")
            if let page = begins.first {
                #expect(pages[page].contains("Row\(n)end"), "row \(n) is split across pages \(page + 1) and \(page + 2)")
            }
        }
        for page in tablePages {
            // A header is never left alone at the bottom of a page.
            #expect((1...Self.taskCount).contains { pages[page].contains("Row\($0)begin") }, "page \(page + 1) has the header and no row")
        }
    }

    @Test func aShortTableStaysOnOnePage() throws {
        let pages = try Self.pages.get()
        for table in Self.shortTables {
            var probes = ["Step\(table)head"]
            for row in 1...Self.rowsPerShortTable { probes += ["T\(table)R\(row)begin", "T\(table)R\(row)end"] }
            for probe in probes { #expect(pages.contains { $0.contains(probe) }, "\(probe) is not in the PDF") }
            let found = Set(probes.flatMap { probe in pages.indices.filter { pages[$0].contains(probe) } })
            #expect(found.count == 1, "short table \(table) is on pages \(found.sorted().map { $0 + 1 })")
        }
    }
}
