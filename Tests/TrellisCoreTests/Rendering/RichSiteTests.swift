import Foundation
import Testing

@testable import TrellisCore

/// The `rich` fixture: two modules, four practices in three countries,
/// pages, media, footnotes, callouts and facets.
@Suite struct RichSiteTests {
    @Test func buildsCleanly() {
        let site = BuiltSite("rich")
        #expect(site.result.succeeded)
        #expect(site.result.diagnostics.isEmpty, "\(summary(site.result.diagnostics))")
    }

    @Test(arguments: [
        "modules/mentoring/introductions.html", "modules/mentoring/ask-your-mentor.html", "modules/mentoring/diary.html",
        "modules/second/index.html", "modules/second/only-task.html", "pages/contact.html",
        "practices/sammtalk.html", "practices/cyprus-twinning.html", "practices/dutch-exchange.html", "practices/finnish-network.html",
        "modules/mentoring/media/phases.png", "modules/mentoring/media/questions.txt", "practices/media/logo.gif",
    ])
    func expectedFileExists(path: String) {
        #expect(BuiltSite("rich").exists(path), "\(path) missing")
    }

    @Test func taskOrderFollowsNumbersNotNames() throws {
        let site = BuiltSite("rich")
        let module = try #require(site.result.site?.module("mentoring"))
        #expect(module.tasks.map(\.id) == ["introductions", "ask-your-mentor", "diary"])
        let second = try site.text("modules/mentoring/ask-your-mentor.html")
        #expect(second.contains("href=\"introductions.html\""))
        #expect(second.contains("href=\"diary.html\""))
    }

    @Test func countriesResolveFromNativeNames() throws {
        let site = try #require(BuiltSite("rich").result.site)
        #expect(site.practice("sammtalk")?.country?.code == "NL")
        #expect(site.practice("cyprus-twinning")?.country?.code == "CY")
        #expect(site.practice("finnish-network")?.country?.code == "FI")
    }

    @Test func aliasHeadingsMatchTemplateSections() throws {
        let site = try #require(BuiltSite("rich").result.site)
        for practice in site.practices {
            #expect(practice.sections.allSatisfy { $0.content != nil }, "\(practice.id)")
            #expect(practice.extraSections.isEmpty, "\(practice.id)")
        }
    }

    @Test func repeatedHeadingsGetUniqueAnchors() throws {
        let html = try BuiltSite("rich").text("modules/mentoring/index.html")
        #expect(html.contains("<h2 id=\"overview\">"))
        #expect(html.contains("<h2 id=\"overview-1\">"))
    }

    @Test func footnoteLinksAreRewritten() throws {
        let html = try BuiltSite("rich").text("modules/mentoring/index.html")
        #expect(html.contains("class=\"footnotes\""))
        #expect(html.contains("href=\"../../practices/dutch-exchange.html\""))
    }

    @Test func linksToModuleFilesAndFragments() throws {
        let site = BuiltSite("rich")
        let home = try site.text("index.html")
        #expect(home.contains("href=\"modules/mentoring/index.html\""))
        #expect(home.contains("href=\"practices/sammtalk.html\""))
        let task = try site.text("modules/mentoring/introductions.html")
        #expect(task.contains("href=\"index.html#overview\""))
        let ask = try site.text("modules/mentoring/ask-your-mentor.html")
        #expect(ask.contains("href=\"media/questions.txt\""))
    }

    @Test func facetPagesExistPerCountrySectorAndTag() throws {
        let files = BuiltSite("rich").files
        let facets = files.filter { $0.hasPrefix("practices/country/") || $0.hasPrefix("practices/sector/") || $0.hasPrefix("practices/tag/") }
        #expect(facets.contains { $0.hasPrefix("practices/country/") })
        #expect(facets.contains { $0.hasPrefix("practices/sector/") })
        #expect(facets.contains { $0.hasPrefix("practices/tag/") })
        #expect(facets.allSatisfy { $0.hasSuffix(".html") })
    }

    @Test func externalLinksAreLeftAlone() throws {
        let html = try BuiltSite("rich").text("pages/contact.html")
        #expect(html.contains("href=\"mailto:team@example.org\""))
        #expect(html.contains("href=\"https://example.org\""))
    }
}

@Suite struct HeadingLinkTests {
    /// A link inside a level-2 heading of a task or a practice.
    @Test func linksInSectionHeadingsAreRewritten() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let task = "\(content)/modules/intro-module/02-compare-schools.md"
        try (readText(task) + "\n## See [the practice](../../practices/good-practice.md)\n\nMore.\n")
            .write(toFile: task, atomically: false, encoding: .utf8)
        let output = directory.sub("out")
        let result = build(content, output: output)
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let html = try readText("\(output)/modules/intro-module/compare-schools.html")
        #expect(html.contains("See <a"))
        #expect(!html.contains("trellis-link:"))
        #expect(html.contains("href=\"../../practices/good-practice.html\">the practice</a></h2>"))
    }
}
