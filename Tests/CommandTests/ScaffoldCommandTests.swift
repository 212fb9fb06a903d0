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
        for file in [
            "site.yml", "index.md", "modules/first-module/module.md", "modules/first-module/01-introductions.md",
            "modules/first-module/02-plan-together.md", "modules/first-module/03-reflect.md",
            "practices/partner-classes.md", "practices/etwinning-pilot.md", "pages/about.md",
        ] {
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
        for heading in [
            "## Description", "## Who is involved?", "## Benefits", "## Challenges and how they were overcome", "## Step by step implementation",
        ] {
            #expect(text.contains(heading))
        }
        #expect(text.contains("<!-- "))
        // Unfilled, its required sections are reported as empty.
        let check = try trellis(["check", "--content", content])
        #expect(check.status == 1)
        #expect(check.stderr.contains("empty-section"))
        #expect(try trellis(["new", "practice", "X", "--country", "Atlantis", "--content", content]).status == 2)
    }

    /// Every file `init` writes, as relative path → text.
    private func starterFiles(_ content: String) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: content)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(content)/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[path] = try String(contentsOfFile: "\(content)/\(path)", encoding: .utf8)
        }
        return files
    }

    @Test func initThenCheckGivesExactlyThePlaceholderWarnings() throws {
        let directory = TemporaryDirectory()
        #expect(try trellis(["init", directory.path]).status == 0)
        let content = "\(directory.path)/content"
        let check = try trellis(["check", "--content", content])
        #expect(check.status == 0, "\(check.stderr)")
        let findings = check.stderr.split(separator: "\n").filter { $0.contains(": warning: ") || $0.contains(": error: ") }
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.hasSuffix("[placeholder-text]") }, "\n\(check.stderr)")
        #expect(check.stderr.contains("0 errors, \(findings.count) warnings"))
        // Each place to write is reported, with its line: the two practices' five sections, the module's
        // summary, outcomes and overview, each task's two sections, the About page.
        for place in [
            "practices/partner-classes.md:15:1", "practices/etwinning-pilot.md:31:1", "modules/first-module/module.md:3:10",
            "modules/first-module/01-introductions.md:15:1", "pages/about.md:5:1",
        ] {
            #expect(check.stderr.contains("\(place): warning:"), "\(place) not reported")
        }
        // Replace a placeholder, and its warning goes away.
        let about = "\(content)/pages/about.md"
        try "---\ntitle: About\n---\n\nPublished by the Rural Schools Exchange.\n".write(toFile: about, atomically: false, encoding: .utf8)
        let again = try trellis(["check", "--content", content])
        #expect(!again.stderr.contains("pages/about.md"))
        #expect(again.stderr.contains("0 errors, \(findings.count - 1) warnings"))
    }

    @Test func theStarterContentIsClean() throws {
        let directory = TemporaryDirectory()
        #expect(try trellis(["init", directory.path]).status == 0)
        let files = try starterFiles("\(directory.path)/content")
        #expect(files.count == 9)
        for (path, text) in files {
            for doubled in ["?.", "..", ".?", "?:", ".:"] {
                #expect(!text.contains(doubled), "\(path) contains '\(doubled)'")
            }
            // A comment never contradicts its value ("mode: asynchronous  # or asynchronous"): it lists the choices.
            for line in text.split(separator: "\n") where line.contains(" # ") {
                let comment = line.split(separator: "#", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                #expect(!comment.hasPrefix("or "), "\(path): '\(line)'")
            }
        }
        let module = try #require(files["modules/first-module/module.md"])
        #expect(module.contains("workload:"))
        for task in ["01-introductions.md", "02-plan-together.md", "03-reflect.md"] {
            #expect(files["modules/first-module/\(task)"]?.contains("\nphase: ") == true, "\(task) has no phase")
        }
        #expect(files["modules/first-module/03-reflect.md"]?.contains("mode: asynchronous") == true)
    }

    @Test func newTaskInfersThePhaseOrTakesOne() throws {
        let directory = TemporaryDirectory()
        #expect(try trellis(["init", directory.path]).status == 0)
        let content = "\(directory.path)/content"
        func phase(_ path: String) throws -> String? {
            let text = try String(contentsOfFile: "\(content)/modules/\(path)", encoding: .utf8)
            return text.split(separator: "\n").first { $0.hasPrefix("phase: ") }
                .map { String($0.dropFirst(7).prefix { $0 != " " }) }
        }
        // The phase of the module's last task.
        let made = try trellis(["new", "task", "first-module", "Share a lesson plan", "--content", content])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try phase("first-module/04-share-a-lesson-plan.md") == "looking-back")
        #expect(made.stdout.contains("looking-back"))
        // Chosen with --phase, checked against the module's phases.
        #expect(try trellis(["new", "task", "first-module", "Plan again", "--phase", "working-together", "--content", content]).status == 0)
        #expect(try phase("first-module/05-plan-again.md") == "working-together")
        let wrong = try trellis(["new", "task", "first-module", "Nowhere", "--phase", "working-togther", "--content", content])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("no phase 'working-togther'"))
        #expect(wrong.stderr.contains("working-together"))
        #expect(!FileManager.default.fileExists(atPath: "\(content)/modules/first-module/06-nowhere.md"))
        // The last task (05) is in working-together now.
        #expect(try trellis(["new", "task", "first-module", "Then", "--content", content]).status == 0)
        #expect(try phase("first-module/06-then.md") == "working-together")
        // A new module has no tasks: its first phase.
        #expect(try trellis(["new", "module", "second-module", "--content", content]).status == 0)
        #expect(try trellis(["new", "task", "second-module", "Meet", "--content", content]).status == 0)
        #expect(try phase("second-module/01-meet.md") == "getting-started")
        // No new task lands under "Other tasks".
        let build = try trellis(["build", "--content", content, "--output", "\(directory.path)/output"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!build.stderr.contains("unknown-phase"))
        for module in ["first-module", "second-module"] {
            let page = try String(contentsOfFile: "\(directory.path)/output/modules/\(module)/index.html", encoding: .utf8)
            #expect(!page.contains("Other tasks"), "\(module)")
        }
    }
}
