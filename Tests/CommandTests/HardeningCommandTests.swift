import Foundation
import Testing

private let practiceBody = """
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

    """

private let site: [String: String] = [
    "site.yml": "title: Permissions\n",
    "practices/p.md": "---\ntitle: P\ncountry: FI\n---\n\n" + practiceBody,
    "practices/q.md": "---\ntitle: Q\ncountry: SE\n---\n\n" + practiceBody,
    "pages/about.md": "---\ntitle: About\n---\n\nAbout.\n",
]

/// What cannot be read is an error naming it, and the previous site stays.
/// Root reads everything, so the builds run as `nobody`.
@Suite(.serialized) struct UnreadableContentTests {
    /// A folder `nobody` may enter and write in, with a site built into `output/`.
    func builtSite() throws -> (TemporaryDirectory, String, String) {
        let directory = TemporaryDirectory()
        chmod(directory.path, 0o777)
        let content = try directory.site("content", site)
        let output = "\(directory.path)/output"
        for folder in ["content", "content/practices", "content/pages"] { chmod("\(directory.path)/\(folder)", 0o755) }
        let first = try trellis(["build", "--content", content, "--output", output], unprivileged: true)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(output)/practices/p.html"))
        return (directory, content, output)
    }

    @Test(arguments: ["practices", "practices/q.md", "site.yml", "pages/about.md"])
    func unreadableIsAnErrorAndTheSiteStays(path: String) throws {
        let (directory, content, output) = try builtSite()
        _ = directory
        chmod("\(content)/\(path)", 0)
        defer { chmod("\(content)/\(path)", path.hasSuffix(".md") || path.hasSuffix(".yml") ? 0o644 : 0o755) }
        let run = try trellis(["build", "--content", content, "--output", output], unprivileged: true)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("\(content)/\(path):1:1: error:"), "\(run.stderr)")
        #expect(run.stderr.contains("cannot be read"), "\(run.stderr)")
        // The same words and hint whichever stage found it (discovery for a folder, the parse for a document).
        #expect(run.stderr.contains("hint: give the user who runs the build permission to read it"), "\(run.stderr)")
        #expect(!run.stderr.contains("0 errors"))
        // The previous site is untouched: every practice page is still there.
        #expect(FileManager.default.fileExists(atPath: "\(output)/practices/p.html"))
        #expect(FileManager.default.fileExists(atPath: "\(output)/practices/q.html"))
        let check = try trellis(["check", "--content", content], unprivileged: true)
        #expect(check.status == 1, "\(check.stderr)")
    }
}

/// Every command checks ids the same way, so no argument names a path
/// outside the content folder.
@Suite struct CommandIDTests {
    @Test(arguments: [
        ["new", "task", "../../outside", "Escape"], ["new", "module", "../../outside"],
        ["new", "task", "a/../../../b", "Escape"], ["new", "task", "m\nx", "Escape"],
    ])
    func idsThatLeaveTheContentFolderAreRefused(arguments: [String]) throws {
        let directory = TemporaryDirectory()
        let content = try directory.site("work/content", site)
        try directory.site("work/content/modules/m", ["module.md": "---\ntitle: M\nsummary: S.\n---\n"])
        try directory.site("work/outside", ["module.md": "---\ntitle: O\nsummary: S.\n---\n"])
        let before = try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted()
        let run = try trellis(arguments + ["--content", content], in: directory.path)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("is not a valid module id"), "\(run.stderr)")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted() == before)
    }
}
