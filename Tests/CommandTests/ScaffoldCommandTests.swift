import Foundation
import Testing

/// `trellis init` and `trellis new …`: files shaped by the SPEC that build,
/// and nothing ever overwritten.
@Suite struct ScaffoldCommandTests {
    @Test func initWritesASiteThatBuildsWithoutErrors() throws {
        let directory = TemporaryDirectory()
        let made = try trellis(["init", "\(directory.path)/site", "--title", "Our modules"])
        #expect(made.status == 0, "\(made.stderr)")
        let content = "\(directory.path)/site/content"
        for file in ["site.yml", "index.md", "modules/first-module/module.md", "modules/first-module/01-introductions.md",
                     "modules/first-module/02-plan-together.md", "modules/first-module/03-reflect.md",
                     "practices/partner-classes.md", "practices/etwinning-pilot.md", "pages/about.md"] {
            #expect(FileManager.default.fileExists(atPath: "\(content)/\(file)"), "\(file) missing")
        }
        let check = try trellis(["check", "--content", content])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!check.stderr.contains("error:"))
        let build = try trellis(["build", "--content", content, "--output", "\(directory.path)/site/output"])
        #expect(build.status == 0, "\(build.stderr)")
        // Never over an existing site.
        let again = try trellis(["init", "\(directory.path)/site"])
        #expect(again.status != 0)
    }

    @Test func newTaskTakesTheNextNumberAndNewModuleIsValid() throws {
        let directory = TemporaryDirectory()
        #expect(try trellis(["init", directory.path]).status == 0)
        let content = "\(directory.path)/content"
        let module = try trellis(["new", "module", "second-module", "--content", content])
        #expect(module.status == 0, "\(module.stderr)")
        let task = try trellis(["new", "task", "first-module", "Share a lesson plan", "--content", content])
        #expect(task.status == 0, "\(task.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(content)/modules/first-module/04-share-a-lesson-plan.md"))
        let second = try trellis(["new", "task", "second-module", "Meet the group", "--content", content])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(content)/modules/second-module/01-meet-the-group.md"))
        let check = try trellis(["check", "--content", content])
        #expect(check.status == 0, "\(check.stderr)")
        // An existing module is never replaced; an unknown module is a usage error.
        #expect(try trellis(["new", "module", "second-module", "--content", content]).status == 1)
        #expect(try trellis(["new", "task", "no-such-module", "X", "--content", content]).status == 2)
        #expect(try trellis(["new", "module", "Bad Name", "--content", content]).status == 2)
    }

    @Test func newPracticeFollowsTheTemplateWithGuidance() throws {
        let directory = TemporaryDirectory()
        #expect(try trellis(["init", directory.path]).status == 0)
        let content = "\(directory.path)/content"
        let made = try trellis(["new", "practice", "Rural teachers' network", "--country", "Suomi", "--content", content])
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOfFile: "\(content)/practices/rural-teachers-network.md", encoding: .utf8)
        #expect(text.contains("country: \"FI\""))
        for heading in ["## Description", "## Who is involved?", "## Benefits", "## Challenges and how they were overcome", "## Step by step implementation"] {
            #expect(text.contains(heading))
        }
        #expect(text.contains("<!-- "))
        // Unfilled, its required sections are reported as empty.
        let check = try trellis(["check", "--content", content])
        #expect(check.status == 1)
        #expect(check.stderr.contains("empty-section"))
        #expect(try trellis(["new", "practice", "X", "--country", "Atlantis", "--content", content]).status == 2)
    }
}
