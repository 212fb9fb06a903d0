import Foundation
import Testing

@testable import TrellisCore

/// Trellis renders templates with its own Mustache renderer
/// (`MustacheProgram`) and keeps swift-mustache as the reference: these
/// tests render the same templates and sites with both and compare every
/// byte, so the faster one cannot drift from the reference.
@Suite struct TemplateEngineTests {
    struct Item: TemplateView {
        var title: String
        var href: String?
        var current: Bool
        var tags: [String]
        func value(named name: String) -> TemplateValue {
            switch name {
            case "title": title.templateValue
            case "href": href.templateValue
            case "current": current.templateValue
            case "tags": tags.templateValue
            default: .none
            }
        }
        static let templateFields: [String: (any TemplateView.Type)?] = ["title": nil, "href": nil, "current": nil, "tags": nil]
    }

    struct Page: TemplateView {
        var title: String
        var href: String
        var items: [Item]
        var none: [Item]
        var note: String?
        var flag: Bool
        var total: Int
        var html: String
        var lead: Item?
        func value(named name: String) -> TemplateValue {
            switch name {
            case "title": title.templateValue
            case "href": href.templateValue
            case "items": items.templateValue
            case "none": none.templateValue
            case "note": note.templateValue
            case "flag": flag.templateValue
            case "total": total.templateValue
            case "html": html.templateValue
            case "lead": lead.templateValue
            default: .none
            }
        }
        static let templateFields: [String: (any TemplateView.Type)?] = [
            "title": nil, "href": nil, "items": Item.self, "none": Item.self, "note": nil, "flag": nil, "total": nil, "html": nil,
            "lead": Item.self,
        ]
    }

    /// Whitespace, standalone tags, indented partials, lookups through open
    /// sections, transforms and escaping: what a theme's author may write.
    static let templates: [String: String] = [
        "probe.mustache": """
        {{! a comment alone on its line }}
        <ul>
          {{#items}}
          <li{{#current}} aria-current="page"{{/current}}>{{title}} {{index()}}{{#first()}} first{{/first()}}{{#last()}} last{{/last()}}</li>
          {{/items}}
        </ul>
          {{> part}}
        {{^empty(items)}}{{count(items)}} items, first {{#first(items)}}{{title}}{{/first(items)}}, last {{#last(items)}}{{title}}{{/last(items)}}{{/empty(items)}}
        {{#empty(none)}}none is empty{{/empty(none)}}{{^none}}[nothing {{title}}]{{/none}}
        {{#note}}[{{.}}]{{/note}}{{^note}}no note on {{title}}{{/note}}
        {{#items}}{{#href}}<a href="{{href}}">{{/href}}{{uppercased(title)}}|{{.title}}|{{.href}}|{{t.nav_home}}{{#href}}</a>{{/href}} {{/items}}
        {{&html}} {{{html}}} {{html}} {{ title }} {{missing}} {{lead.title}} {{lead.missing}} {{#lead}}{{title}} of {{href}}{{/lead}}
        {{#flag}}flag {{title}}{{/flag}}{{^flag}}no flag{{/flag}} {{flag}} {{total}} {{plusone(total)}} {{#even(total)}}even{{/even(total)}}
        {{#reversed(items)}}{{title}},{{/reversed(items)}} {{#items}}{{#tags}}{{.}}{{^last()}}/{{/last()}}{{/tags}};{{/items}}
        {{#items}}
            {{> part}}
        {{/items}}
          {{#items}}  {{title}}  {{/items}}  
        {{#items}}{{#current}}
        current: {{title}}
        {{/current}}{{/items}}
        {{#items}}x
        {{/items}}
          {{#flag}}
        after an inline section
          {{/flag}}
        a { brace and }} closers {{=<% %>=}}
        """,
        "part.mustache": """
        <p>{{title}}
        {{#tags}}
        tag {{.}}
        {{/tags}}
        </p>

        """,
    ]

    static func pages() -> [Page] {
        let items = [
            Item(title: "One & <two>", href: "a.html?x=1&y=\"2\"", current: true, tags: ["x", "y'z"]),
            Item(title: "Três", href: nil, current: false, tags: []),
            Item(title: "Four", href: "four.html", current: false, tags: ["solo"]),
        ]
        return [
            Page(
                title: "Page \"A\"", href: "page.html", items: items, none: [], note: "a <note>", flag: true, total: 4,
                html: "<b>bold</b> & 'quoted'", lead: items[0]),
            Page(title: "B", href: "b.html", items: [], none: [], note: nil, flag: false, total: 7, html: "", lead: nil),
            Page(title: "C", href: "c.html", items: [items[1]], none: [], note: "", flag: true, total: 0, html: "\u{1}ctl", lead: items[1]),
        ]
    }

    private func render(_ renderer: Theme.Renderer, _ sources: [String: String]) throws -> [String] {
        let directory = TemporaryDirectory()
        let templates = directory.sub("templates")
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        try writeSite(templates, sources)
        let (loaded, diagnostics) = Theme.load(overrides: templates, displayDirectory: "templates", renderer: renderer)
        let theme = try #require(loaded, "\(diagnostics)")
        #expect((theme.program != nil) == (renderer == .fastest), "the renderer in use")
        return Self.pages().map { theme.render(Template<Page>(name: "probe"), $0, .english) }
    }

    @Test func bothRenderersAgreeOnEveryConstruct() throws {
        // Without the custom delimiters at the end, which Trellis leaves to swift-mustache.
        var sources = Self.templates
        sources["probe.mustache"] = sources["probe.mustache"]?.replacingOccurrences(of: " {{=<% %>=}}", with: "")
        let fast = try render(.fastest, sources)
        let reference = try render(.reference, sources)
        for (index, (mine, theirs)) in zip(fast, reference).enumerated() {
            #expect(mine == theirs, "page \(index): \(ExpectedOutputTests.firstDifference(Data(theirs.utf8), Data(mine.utf8)))")
        }
        // The probe renders what it is meant to (not two equal blanks).
        #expect(fast[0].contains("  <li aria-current=\"page\">One &amp; &lt;two&gt; 0 first</li>\n"))
        #expect(fast[0].contains("3 items, first One &amp; &lt;two&gt;, last Four"))
        #expect(fast[0].contains("  <p>Page &quot;A&quot;\n"))
        #expect(fast[1].contains("[nothing B]") && fast[1].contains("no note on B") && fast[1].contains("no flag"))
    }

    @Test func aThemeWithWhatTheRendererLeavesUsesSwiftMustache() throws {
        let (loaded, _) = try {
            let directory = TemporaryDirectory()
            let templates = directory.sub("templates")
            try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
            try writeSite(templates, Self.templates)
            return Theme.load(overrides: templates, displayDirectory: "templates", renderer: .fastest)
        }()
        let theme = try #require(loaded)
        #expect(theme.program == nil, "custom delimiters are swift-mustache's")
        let page = theme.render(Template<Page>(name: "probe"), Self.pages()[0], .english)
        #expect(page.contains("a { brace and }} closers"))
    }

    /// Text in every width of UTF-8 comes through as written, in the
    /// template, in escaped and unescaped values, and through an indented
    /// partial, whose every line is indented (each text of the template is
    /// its own operation, so a line the partial starts is indented too).
    @Test func textOfEveryWidthComesThroughByteForByte() throws {
        let program = try MustacheProgram(sources: [
            "page": "Zürich – {{title}} – {{{href}}}\n  {{> lines}}\nend {{#tags}}[{{.}}]{{/tags}}\n",
            "lines": "東京\n🌍 {{title}}\n{{#current}}ok\n{{/current}}",
        ])
        let item = Item(title: "<é & ü>", href: "<b>ü</b>", current: true, tags: ["ä", "東"])
        #expect(
            program.render("page", item)
                == "Zürich – &lt;é &amp; ü&gt; – <b>ü</b>\n  東京\n  🌍 &lt;é &amp; ü&gt;\n  ok\nend [ä][東]\n")
        #expect(program.render("missing", item) == "")
    }

    /// A short result is copied into a string of its own size; the text
    /// must come through byte for byte, in every width of UTF-8, and a
    /// longer result is handed on as it is.
    @Test func aShortResultKeepsItsTextWhenFitted() {
        let short = "<li class=\"card\">Zürich – 東京 – 🌍 – end</li>\n"
        #expect(MustacheProgram.fitted(short) == short)
        #expect(Array(MustacheProgram.fitted(short).utf8) == Array(short.utf8))
        #expect(MustacheProgram.fitted("") == "")
        let long = String(repeating: "é<p>", count: MustacheProgram.fittedBelow)
        #expect(MustacheProgram.fitted(long) == long)
    }

    @Test func theBuiltInThemeIsRenderedByTrellis() throws {
        let (theme, _) = Theme.load(overrides: nil, displayDirectory: "templates")
        #expect(try #require(theme).program != nil)
    }

    @Test(arguments: ["rich", "multilingual"])
    func bothRenderersWriteTheSameSite(fixture: String) throws {
        let directory = TemporaryDirectory()
        var trees: [[String: Data]] = []
        for renderer in [Theme.Renderer.fastest, .reference] {
            var options = BuildOptions(content: Fixtures.content(fixture), output: directory.sub("\(renderer)"), templates: noTemplates)
            options.templateRenderer = renderer
            let result = Pipeline.run(options)
            #expect(result.succeeded, "\(summary(result.diagnostics))")
            trees.append(try ExpectedOutputTests.tree(directory.sub("\(renderer)")))
        }
        #expect(trees[0].count == trees[1].count && trees[0].count > 20)
        for (path, data) in trees[0].sorted(by: { $0.key < $1.key }) where trees[1][path] != data {
            Issue.record("\(path): \(ExpectedOutputTests.firstDifference(trees[1][path] ?? Data(), data))")
        }
    }

    /// A facet page makes its practices' card views only for a theme that
    /// reads them (the built-in one writes cards made once for all facet
    /// pages); an override that lists them, here through a partial, gets them.
    @Test func facetCardViewsAreMadeForAThemeThatListsThem() throws {
        let builtIn = try #require(Theme.load(overrides: nil, displayDirectory: "templates").0)
        #expect(!builtIn.mentions("practices", in: "facet"))
        #expect(builtIn.mentions("practices", in: "catalogue"))
        let directory = TemporaryDirectory()
        let templates = directory.sub("templates")
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        try writeSite(
            templates,
            [
                "facet.mustache": "<h1>{{title}}</h1>\n{{> _cards}}\n",
                // A partial that may render itself: the search for fields does not go round for ever.
                "_cards.mustache": "{{#practices}}<p class=\"listed\">{{title}}</p>{{/practices}}{{^practices}}{{> _cards}}{{/practices}}\n",
            ])
        let overridden = try #require(Theme.load(overrides: templates, displayDirectory: "templates").0)
        #expect(overridden.mentions("practices", in: "facet"))
        #expect(!overridden.mentions("modules", in: "facet"))
        let result = Pipeline.run(BuildOptions(content: Fixtures.content("rich"), output: directory.sub("out"), templates: templates))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        let countries = try FileManager.default.contentsOfDirectory(atPath: directory.sub("out/practices/country"))
        let page = try String(contentsOfFile: directory.sub("out/practices/country/\(try #require(countries.sorted().first))"), encoding: .utf8)
        #expect(page.contains("<p class=\"listed\">"))
    }
}
