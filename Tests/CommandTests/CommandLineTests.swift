import Foundation
import Testing
import TrellisCommands

/// A valid site: one practice, one module with one task, one page.
private let validSite: [String: String] = [
    "site.yml": "title: CLI Test Site\n",
    "practices/p.md": """
    ---
    title: P
    country: FI
    ---

    ## Description

    D.

    ## Who is involved?

    W.

    ## Benefits

    B.

    ## Challenges and how they were overcome

    C.

    ## Step by step implementation

    S.
    """,
    "modules/m/module.md": "---\ntitle: M\nsummary: S.\n---\n\nOverview, see [P](../../practices/p.md).\n",
    "modules/m/01-start.md": "---\ntitle: Start\ntype: reflection\n---\n\n## Instructions\n\nThink.\n",
    "pages/about.md": "---\ntitle: About\n---\n\nAbout us.\n",
]

/// The valid site with a task type typo on line 3 of the task.
private var brokenSite: [String: String] {
    var files = validSite
    files["modules/m/01-start.md"] = "---\ntitle: Start\ntype: reflektion\n---\n\n## Instructions\n\nThink.\n"
    return files
}

@Suite("trellis command line")
struct CommandLineTests {
    @Test func binaryIsFound() {
        #expect(TrellisBinary.url != nil)
    }

    /// `trellis --version`: Trellis's version alone on the first line, as
    /// written in the top-level VERSION file, then the cmark-gfm library's.
    @Test func version() throws {
        let run = try trellis(["--version"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 3 && lines.last == "", "two lines, each ending in a newline: \(lines)")
        let first = try #require(lines.first)
        #expect(first == TrellisCommand.version)
        #expect(first.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil)
        let second = lines.count > 1 ? lines[1] : ""
        #expect(second == "cmark-gfm \(TrellisCommand.cmarkVersion)")
        #expect(second.range(of: #"^cmark-gfm \d+\.\d+\.\d+"#, options: .regularExpression) != nil)

        // The one place the version is written is the VERSION file.
        let versionFile = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("VERSION")
        let written = try String(contentsOf: versionFile, encoding: .utf8)
        #expect(written.trimmingCharacters(in: .whitespacesAndNewlines) == first)
    }

    @Test func help() throws {
        let run = try trellis(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("build"))
        #expect(run.stdout.contains("check"))
        #expect(run.stdout.contains("USAGE"))
    }

    @Test func buildHelp() throws {
        let run = try trellis(["build", "--help"])
        #expect(run.status == 0)
        for option in ["--content", "--output", "--templates"] {
            #expect(run.stdout.contains(option), "build --help does not mention \(option)")
        }
    }

    @Test func checkHelpHasNoOutputOption() throws {
        let run = try trellis(["check", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("--content"))
        #expect(run.stdout.contains("--templates"))
        #expect(!run.stdout.contains("--output"), "\(run.stdout)")
        #expect(!run.stdout.contains("where the site is written"))
        #expect(!run.stdout.contains("Where the site is written"))
    }

    /// Users do not have the SPEC: help says what the rule is, or points to docs/.
    @Test(arguments: [
        ["build", "--help"], ["check", "--help"], ["serve", "--help"], ["import", "--help"], ["init", "--help"],
        ["new", "practice", "--help"], ["new", "module", "--help"], ["new", "task", "--help"],
    ])
    func helpDoesNotMentionTheSPEC(arguments: [String]) throws {
        let run = try trellis(arguments)
        #expect(run.status == 0)
        #expect(!run.stdout.contains("SPEC"), "\(arguments): \(run.stdout)")
    }

    @Test(arguments: [["--help"], ["new", "--help"]])
    func helpListingNewDoesNotMentionTheSPEC(arguments: [String]) throws {
        let run = try trellis(arguments)
        #expect(run.status == 0)
        #expect(!run.stdout.contains("SPEC"), "\(arguments): \(run.stdout)")
    }

    @Test func rootHelpPointsToTheDocs() throws {
        let run = try trellis(["--help"])
        #expect(run.stdout.contains("docs/commands.md"))
    }

    @Test func checkInAFolderWithoutContentPrintsOneError() throws {
        let directory = TemporaryDirectory()
        let run = try trellis(["check"], in: directory.path)
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(run.stderr)")
        #expect(errors.first?.contains("[missing-content]") == true)
        #expect(!run.stderr.contains("site.yml"), "\(run.stderr)")
        #expect(run.stderr.contains("1 error, 0 warnings"))
        #expect(try directory.entries().isEmpty)
    }

    @Test(arguments: [
        ["build", "--bogus"], ["check", "--bogus"], ["frobnicate"], ["build", "--content"],
        ["check", "--output", "x"],
    ])
    func usageErrorsExitWith2(arguments: [String]) throws {
        let directory = TemporaryDirectory()
        let run = try trellis(arguments, in: directory.path)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
        #expect(try directory.entries().isEmpty)
    }

    @Test func checkReportsErrorsAsPathLineColumn() throws {
        let directory = TemporaryDirectory()
        try directory.site("content", brokenSite)
        let run = try trellis(["check", "--content", "content"], in: directory.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/modules/m/01-start.md:3:7: error: "), "\(run.stderr)")
        #expect(run.stderr.contains("[unknown-type]"))
        #expect(run.stderr.contains("did you mean 'reflection'?"))
        #expect(run.stderr.range(of: #"(?m)^[^\s:]+\.md:\d+:\d+: error: "#, options: .regularExpression) != nil)
        #expect(try directory.entries() == ["content"])
    }

    @Test func checkOnValidSiteExits0AndWritesNothing() throws {
        let directory = TemporaryDirectory()
        try directory.site("content", validSite)
        let run = try trellis(["check", "--content", "content", "--templates", "no-templates"], in: directory.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("error:"))
        #expect(try directory.entries() == ["content"])
    }

    @Test func buildWritesTheSite() throws {
        let directory = TemporaryDirectory()
        try directory.site("content", validSite)
        let run = try trellis(["build", "--content", "content", "--output", "site", "--templates", "no-templates"], in: directory.path)
        #expect(run.status == 0, "\(run.stderr)")
        for file in [
            "site/index.html", "site/practices/p.html", "site/modules/m/index.html", "site/modules/m/start.html",
            "site/pages/about.html", "site/404.html", "site/assets/trellis.css", "site/.trellis-output",
        ] {
            #expect(directory.exists(file), "\(file) missing")
        }
        #expect(run.stdout.contains("built"))
    }

    @Test func buildUsesDefaultFolders() throws {
        let directory = TemporaryDirectory()
        try directory.site("content", validSite)
        let run = try trellis(["build"], in: directory.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(directory.exists("output/index.html"))
    }

    @Test func failedBuildExits1AndKeepsPreviousOutput() throws {
        let directory = TemporaryDirectory()
        try directory.site("content", validSite)
        #expect(try trellis(["build", "--output", "out"], in: directory.path).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/out/index.html"))
        try directory.site("content", brokenSite)
        let run = try trellis(["build", "--output", "out"], in: directory.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/modules/m/01-start.md:3:7: error: "))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/out/index.html")) == before)
    }

    @Test func buildRefusesToOverwriteContent() throws {
        let directory = TemporaryDirectory()
        try directory.site("content", validSite)
        let run = try trellis(["build", "--content", "content", "--output", "content"], in: directory.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error:"))
        #expect(directory.exists("content/site.yml"))
        #expect(directory.exists("content/practices/p.md"))
    }

    @Test func missingContentFolderExits1() throws {
        let directory = TemporaryDirectory()
        let run = try trellis(["check", "--content", "nowhere"], in: directory.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("nowhere"))
    }

    @Test func warningsDoNotFailTheBuild() throws {
        let directory = TemporaryDirectory()
        var files = validSite
        files["site.yml"] = "title: CLI Test Site\nlicence: CC BY\n"
        try directory.site("content", files)
        let run = try trellis(["build"], in: directory.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("content/site.yml:2:1: warning: "))
    }
}
