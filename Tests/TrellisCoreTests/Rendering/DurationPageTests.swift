import Foundation
import Testing

@testable import TrellisCore

/// What a reader sees of durations: the module's calendar span and workload
/// as written, phase weeks as calendar weeks, effort summed in hours and
/// minutes per phase and module, time windows as "over 1 week".
@Suite struct DurationPageTests {
    /// A realistic part-time module: six weeks, 18 h 30 min of work.
    static let site: [String: String] = [
        "site.yml": "title: Durations\n",
        "modules/vx/module.md": """
        ---
        title: Part-time exchange
        summary: "Six weeks of part-time work."
        duration: "6 weeks"
        workload: "20 h"
        phases:
          - {id: start, title: Getting started, weeks: "1-2"}
          - {id: work, title: Working together, weeks: "3-5"}
          - {id: end, title: Looking back, weeks: "6"}
        ---

        Overview.
        """,
        "modules/vx/01-meet.md": task("Meet", phase: "start", duration: "2 h 30 min"),
        "modules/vx/02-compare.md": task("Compare", phase: "start", duration: "4 h"),
        "modules/vx/03-plan.md": task("Plan", phase: "work", duration: "10 h"),
        "modules/vx/04-diary.md": task("Diary", phase: "end", duration: "1 week"),
        "modules/vx/05-showcase.md": task("Showcase", phase: "end", duration: "2 h"),
    ]

    static func task(_ title: String, phase: String, duration: String) -> String {
        "---\ntitle: \(title)\ntype: reflection\nphase: \(phase)\nduration: \"\(duration)\"\n---\n\n## Instructions\n\nDo it.\n"
    }

    @Test func modulePageSeparatesCalendarTimeFromEffort() throws {
        let directory = TemporaryDirectory()
        try writeSite(directory.sub("content"), Self.site)
        let result = build(directory.sub("content"), output: directory.sub("out"))
        #expect(result.succeeded)
        #expect(result.diagnostics.isEmpty, "\n\(summary(result.diagnostics))")
        let html = try readText(directory.sub("out/modules/vx/index.html"))
        // The module's calendar span and workload, as written.
        #expect(html.contains("<dt>Duration</dt><dd>6 weeks</dd>"))
        #expect(html.contains("<dt>Workload</dt><dd>20 h</dd>"))
        // Phase weeks are calendar weeks.
        #expect(html.contains("<span class=\"weeks\">Weeks 1–2</span>"))
        #expect(html.contains("<span class=\"weeks\">Weeks 3–5</span>"))
        #expect(html.contains("<span class=\"weeks\">Week 6</span>"))
        #expect(!html.contains("Weeks 6"))
        // Effort per phase and in total, in hours and minutes; the week-long diary is not counted.
        #expect(html.contains("· 6 h 30 min of work"))
        #expect(html.contains("· 10 h of work"))
        #expect(html.contains("· 2 h of work"))
        #expect(html.contains("The tasks add up to 18 h 30 min of work."))
        #expect(html.contains("One task has a time window instead of hours; it is not counted."))
        #expect(!html.contains("1 day"), "effort is never shown in working days")
        #expect(!html.contains("about 18") && !html.contains("· about"), "the sums are exact sums of what the tasks say")
        // A time window is shown as such.
        #expect(html.contains("<span class=\"duration\">(over 1 week)</span>"))
        #expect(html.contains("<span class=\"duration\">(2 h 30 min)</span>"))

        let diary = try readText(directory.sub("out/modules/vx/diary.html"))
        #expect(diary.contains("<dt>Duration</dt><dd>over 1 week</dd>"))
        let plan = try readText(directory.sub("out/modules/vx/plan.html"))
        #expect(plan.contains("<dt>Duration</dt><dd>10 h of work</dd>"))

        let handbook = try readText(directory.sub("out/handbooks/vx-participant.html"))
        #expect(handbook.contains("over 1 week"))
        #expect(handbook.contains("The tasks add up to 18 h 30 min of work."))
        #expect(handbook.contains("20 h"))
    }

    @Test func tenHoursAreTenHours() throws {
        var files = Self.site
        files["modules/vx/module.md"] = files["modules/vx/module.md"]?.replacingOccurrences(of: "workload: \"20 h\"\n", with: "")
        for name in ["01-meet", "02-compare", "04-diary", "05-showcase"] { files["modules/vx/\(name).md"] = nil }
        let directory = TemporaryDirectory()
        try writeSite(directory.sub("content"), files)
        let result = build(directory.sub("content"), output: directory.sub("out"))
        #expect(result.diagnostics.isEmpty, "no workload, no effort check:\n\(summary(result.diagnostics))")
        let html = try readText(directory.sub("out/modules/vx/index.html"))
        #expect(html.contains("The tasks add up to 10 h of work."))
        #expect(!html.contains("1 day 2 h"))
        #expect(!html.contains("not counted"))
    }

    @Test func onlyTimeWindowsGiveNoEffortLine() throws {
        var files = Self.site
        for name in ["01-meet", "02-compare", "03-plan", "05-showcase"] { files["modules/vx/\(name).md"] = nil }
        let directory = TemporaryDirectory()
        try writeSite(directory.sub("content"), files)
        let result = build(directory.sub("content"), output: directory.sub("out"))
        #expect(result.diagnostics.isEmpty, "\n\(summary(result.diagnostics))")
        let html = try readText(directory.sub("out/modules/vx/index.html"))
        #expect(!html.contains("The tasks add up to"))
        #expect(!html.contains("of work"))
        #expect(html.contains("(over 1 week)"))
    }
}

/// The workload check, beyond id and place: the message names hours, never weeks of work.
@Suite struct WorkloadCheckTests {
    private func diagnostics(workload: String?, durations: [String]) throws -> [Diagnostic] {
        var files = [
            "site.yml": "title: W\n",
            "modules/m/module.md": "---\ntitle: M\nsummary: S\nduration: \"6 weeks\"\n" + (workload.map { "workload: \"\($0)\"\n" } ?? "")
                + "---\n\nText.\n",
        ]
        for (index, duration) in durations.enumerated() {
            files["modules/m/0\(index + 1)-t\(index).md"] =
                "---\ntitle: T\(index)\ntype: reflection\nduration: \"\(duration)\"\n---\n\n## Instructions\n\nDo it.\n"
        }
        let directory = TemporaryDirectory()
        try writeSite(directory.sub("content"), files)
        return build(directory.sub("content"), output: directory.sub("out"), write: false).diagnostics
    }

    @Test func aRealisticPartTimeModuleGivesNoWarning() throws {
        // 18 h 30 min over six weeks: the old check took "6 weeks" for 240 h and warned.
        #expect(try diagnostics(workload: nil, durations: ["2 h 30 min", "6 h", "10 h"]).isEmpty)
        #expect(try diagnostics(workload: "20 h", durations: ["2 h 30 min", "6 h", "10 h"]).isEmpty)
    }

    @Test(arguments: [
        ("20 h", ["12 h"], false), ("20 h", ["9 h 59 min"], true), ("20 h", ["10 h"], false),
        ("20 h", ["22 h"], false), ("20 h", ["22 h 1 min"], true), ("20 h", ["1 week", "1 week", "1 week"], false),
    ])
    func warnsMoreThanTenPercentOverOrUnderHalf(workload: String, durations: [String], warns: Bool) throws {
        let found = try diagnostics(workload: workload, durations: durations).filter { $0.id == "workload-mismatch" }
        #expect(found.isEmpty == !warns)
    }

    @Test func theMessageSaysHoursAndWhatWasLeftOut() throws {
        let diagnostic = try #require(try diagnostics(workload: "40 h", durations: ["10 h", "1 week"]).first { $0.id == "workload-mismatch" })
        #expect(diagnostic.severity == .warning)
        #expect(
            diagnostic.message == "the tasks add up to 10 h of work, but the module's workload is 40 h (1 task given as a time window is not counted)"
        )
        #expect(diagnostic.location?.line == 5)
        #expect(try diagnostics(workload: nil, durations: ["1 h"]).isEmpty, "no workload, no check against the 6-week duration")
    }

    @Test func theOldDurationMismatchIsGone() throws {
        let all = try diagnostics(workload: nil, durations: ["1 h"]) + diagnostics(workload: "1 h", durations: ["1 week", "2 weeks", "1 h"])
        #expect(!all.contains { $0.id == "duration-mismatch" })
    }
}
