import Foundation
import Testing

@testable import TrellisCore

/// Way-finding on long pages, progress kept in the browser and the 404 page
/// at any depth (issue 15, items 3, 6 and 7), on the built fixtures.
@Suite struct WayFindingTests {
    @Test func handbookDownloadsSayTheirFormatAndSize() throws {
        let site = BuiltSite()
        let page = try site.text("modules/intro-module/index.html")
        for edition in ["participant", "facilitator"] {
            for format in ["html", "epub"] {
                let bytes = try #require(site.data("handbooks/intro-module-\(edition).\(format)")).count
                let link =
                    "<a href=\"../../handbooks/intro-module-\(edition).\(format)\"><span class=\"visually-hidden\">"
                    + "\(edition.capitalized) handbook, </span>\(format.uppercased())<span class=\"size\">, \(FileSize.label(bytes))</span></a>"
                #expect(page.contains(link), "\(edition) \(format): \(FileSize.label(bytes))")
            }
        }
        // Near the top: before the overview and the task sequence.
        let downloads = try #require(page.range(of: "<section class=\"downloads\""))
        let sequence = try #require(page.range(of: "id=\"sequence\""))
        #expect(downloads.lowerBound < sequence.lowerBound)
        let catalogue = try site.text("practices/index.html")
        let bytes = try #require(site.data("handbooks/catalogue.epub")).count
        #expect(catalogue.contains("Catalogue handbook (EPUB, \(FileSize.label(bytes)))"))
    }

    /// A module cited by many practices shows the first 12 and links to
    /// numbered pages with all of them (a module page stays light at any scale).
    @Test func manyRelatedPracticesGoToPagesOfTheirOwn() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let original = try readText("\(content)/practices/good-practice.md")
        for n in 1...29 {
            try original.replacingOccurrences(of: "title: A Good Practice", with: "title: Practice \(n)")
                .write(toFile: "\(content)/practices/practice-\(n).md", atomically: true, encoding: .utf8)
        }
        let result = build(content, output: directory.sub("out"))
        try #require(result.succeeded, "\n\(summary(result.diagnostics))")
        let module = try readText(directory.sub("out/modules/intro-module/index.html"))
        #expect(module.components(separatedBy: "class=\"card practice-card\"").count - 1 == SiteRenderer.modulePracticeCards)
        #expect(module.contains("<a href=\"index.practices.html\">All 30 related good practices</a>"))
        let first = try readText(directory.sub("out/modules/intro-module/index.practices.html"))
        let second = try readText(directory.sub("out/modules/intro-module/index.practices.2.html"))
        #expect(first.components(separatedBy: "class=\"card practice-card\"").count - 1 == Pagination.perPage)
        #expect(second.components(separatedBy: "class=\"card practice-card\"").count - 1 == 30 - Pagination.perPage)
        #expect(second.contains("href=\"../../practices/practice-9.html\"") || second.contains("href=\"../../practices/"))
        #expect(second.contains("<a href=\"index.practices.html\" rel=\"prev\">"))
    }

    @Test func fileSizesReadAsPeopleSayThem() {
        #expect(FileSize.label(800) == "800 bytes")
        #expect(FileSize.label(1000) == "1 KB")
        #expect(FileSize.label(65_536) == "64 KB")
        #expect(FileSize.label(1_258_291) == "1.2 MB")
        #expect(FileSize.label(25 * 1024 * 1024) == "25 MB")
    }

    @Test func theModulePageListsItsSections() throws {
        let page = try BuiltSite("rich").text("modules/mentoring/index.html")
        let nav = try #require(page.range(of: "<nav class=\"on-this-page\"")).lowerBound
        let list = String(page[nav...]).components(separatedBy: "</nav>")[0]
        #expect(list.contains("<a href=\"#outcomes\">Learning outcomes</a>"))
        #expect(list.contains("<a href=\"#sequence\">Task sequence</a>"))
        // Every link of the list leads to an id of the page.
        for match in list.matches(of: /href="#([^"]+)"/) {
            #expect(page.contains("id=\"\(match.1)\""), "#\(match.1)")
        }
    }

    @Test func headingsLinkToThemselves() throws {
        let site = BuiltSite()
        let task = try site.text("modules/intro-module/meet-each-other.html")
        #expect(task.contains("<h2 id=\"instructions\"><a class=\"self-link\" href=\"#instructions\">Instructions</a></h2>"))
        // A facilitator heading is a <summary>'s: it opens the notes, not a link.
        #expect(!task.contains("<summary><h2 id=\"facilitator-notes\"><a"))
        let module = try site.text("modules/intro-module/index.html")
        #expect(module.contains("<h2 id=\"overview\"><a class=\"self-link\" href=\"#overview\">Overview</a></h2>"))
        #expect(module.contains("<h2 id=\"outcomes\"><a class=\"self-link\" href=\"#outcomes\">Learning outcomes</a></h2>"))
        // Handbooks keep plain headings.
        let book = try site.text("handbooks/intro-module-participant.html")
        #expect(!book.contains("self-link"))
    }

    @Test func taskPagesHaveThePagerAtTheTopAndTheDoneBox() throws {
        let site = BuiltSite()
        let first = try site.text("modules/intro-module/meet-each-other.html")
        let top = try #require(first.range(of: "<nav class=\"pager pager-top\" aria-label=\"Previous and next task\">"))
        let title = try #require(first.range(of: "<h1>"))
        #expect(top.lowerBound < title.lowerBound)
        #expect(first.contains("<nav class=\"pager\" aria-label=\"Task sequence\">"))
        // Hidden until the script shows it: absent, not broken, without JavaScript.
        #expect(
            first.contains(
                "<p class=\"progress-control\" data-progress-site=\"Minimal Trellis Site\" data-task=\"intro-module/meet-each-other\" hidden>"))
        #expect(first.contains("<script src=\"../../assets/progress.js\" defer></script>"))
        let module = try site.text("modules/intro-module/index.html")
        #expect(module.contains("<li class=\"task-card\" data-task=\"intro-module/meet-each-other\">"))
        #expect(module.contains("<p class=\"phase-progress\" hidden></p>"))
        #expect(site.exists("assets/progress.js"))
    }

    @Test func theNotFoundPageWorksAtAnyDepth() throws {
        // With base_url: every link and the stylesheet lead from it.
        let rich = try BuiltSite("rich").text("404.html")
        #expect(rich.contains("<base href=\"https://example.org/trellis-rich/\">"))
        #expect(rich.contains("<script src=\"assets/search.js\" defer></script>"))
        #expect(!rich.contains("fetch("))
        // Without: the page finds the site's top folder itself, and starts search from there.
        let minimal = try BuiltSite().text("404.html")
        #expect(!minimal.contains("<base "))
        #expect(!minimal.contains("<script src=\"assets/search.js\""))
        #expect(minimal.contains("fetch(root + \"assets/trellis.css\""))
    }
}
