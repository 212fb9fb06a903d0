import Testing

@testable import TrellisCore

@Suite struct RouteTests {
    @Test func paths() {
        #expect(Route.home.path == "index.html")
        #expect(Route.moduleList.path == "modules/index.html")
        #expect(Route.module("m").path == "modules/m/index.html")
        #expect(Route.task(module: "m", task: "meet").path == "modules/m/meet.html")
        #expect(Route.catalogue.path == "practices/index.html")
        #expect(Route.practice("p").path == "practices/p.html")
        #expect(Route.page("about").path == "pages/about.html")
        #expect(Route.notFound.path == "404.html")
        #expect(Route.asset("trellis.css").path == "assets/trellis.css")
    }

    @Test(arguments: [
        ("index.html", "practices/p.html", "practices/p.html"),
        ("pages/about.html", "practices/p.html", "../practices/p.html"),
        ("modules/m/meet.html", "practices/p.html", "../../practices/p.html"),
        ("modules/m/meet.html", "modules/m/other.html", "other.html"),
        ("modules/m/index.html", "modules/index.html", "../index.html"),
        ("modules/m/meet.html", "index.html", "../../index.html"),
        ("practices/p.html", "practices/p.html", "p.html"),
        ("modules/m/index.html", "modules/m/media/x.svg", "media/x.svg"),
        ("modules/a/index.html", "modules/b/index.html", "../b/index.html"),
        // Folders that only begin alike are different folders.
        ("modules/ab/x.html", "modules/abc/y.html", "../abc/y.html"),
        ("modules/abc/x.html", "modules/ab/y.html", "../ab/y.html"),
        ("es/modules/m/index.html", "es/", "../../"),
        ("x/a.html", "x", "../x"),
        ("fa/practices/p.html", "fa/practices/q.html", "q.html"),
    ])
    func relativeURLs(from: String, to: String, url: String) {
        #expect(RelativeURL.from(from, to: to) == url)
    }

    @Test func rootFromDepth() {
        #expect(RelativeURL.root(from: "index.html") == "")
        #expect(RelativeURL.root(from: "modules/m/index.html") == "../../")
    }
}
