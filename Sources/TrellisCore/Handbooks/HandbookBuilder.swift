import Foundation
import Markdown

/// Builds the handbooks of a site: per module a participant and a
/// facilitator edition, and one for the whole catalogue.
struct HandbookBuilder: Sendable {
    let site: Site
    let catalogue: CatalogueIndex
    let strings: Strings
    /// For a book in another language: the language a document is shown in
    /// when it has no translation into the book's (nil when it has one).
    var untranslated: @Sendable (Route) -> String? = { _ in nil }

    static func newest(_ dates: [String?]) -> String {
        dates.compactMap { $0 }.filter { DataExports.timestamp($0) != nil }.max().map { String($0.prefix(10)) } ?? "2000-01-01"
    }

    func moduleBook(_ module: Module, _ edition: Edition) -> Handbook {
        let html = ChapterHTML(edition: edition, strings: strings)
        var chapters: [Handbook.Chapter] = []
        var anchors: [Route: Handbook.Anchor] = [module.route: .init(id: "about")]

        var about = html.sections(module.body)
        if !module.outcomes.isEmpty {
            var list = "<h2 id=\"outcomes\">\(HTML.escape(strings("learning_outcomes")))</h2>\n<ul class=\"outcomes\">\n"
            for outcome in module.outcomes {
                list += "<li><span class=\"domain\">\(HTML.escape(strings.term(outcome.domain)))</span> \(HTML.escape(outcome.text))</li>\n"
            }
            about.append(html: list + "</ul>\n")
        }
        about.append(html: sequenceTable(module))
        chapters.append(
            .init(
                anchor: "about", title: strings("book_about_module"), kicker: nil, part: nil,
                body: .made(about), links: module.body.links, isContent: true,
                file: "about", startsPage: true, language: untranslated(module.route)))

        var lastPhase: String?
        for task in module.tasks {
            let anchor = "task-\(task.id)"
            anchors[task.route] = .init(id: anchor)
            let phase = task.phase.flatMap { p in module.phases.first { $0.id == p.value } }
            let part = phase?.title != lastPhase ? phase?.title : nil
            lastPhase = phase?.title
            var facts: [String] = []
            if let type = task.type { facts.append(strings.term(type.value)) }
            if let mode = task.mode { facts.append(strings.term(mode.value)) }
            if let grouping = task.grouping { facts.append(strings.term(grouping.value)) }
            if let duration = task.duration { facts.append(strings.duration(duration.value)) }
            if let complexity = task.complexity { facts.append(strings("complexity_of", ["value": String(complexity.value)])) }
            var head = "<p class=\"task-facts\">\(HTML.escape(facts.joined(separator: " · ")))</p>\n"
            if !task.tools.isEmpty {
                head +=
                    "<p class=\"task-tools\"><strong>\(HTML.escape(strings("fact_tools"))):</strong> \(HTML.escape(task.tools.joined(separator: strings("list_separator"))))</p>\n"
            }
            var body = HTMLSegments(html: head)
            body.append(html.sections(task.body))
            let outcomes = module.outcomes.filter { outcome in task.outcomes.contains { $0.value == outcome.id } }
            if !outcomes.isEmpty {
                var list = "<h2 id=\"task-outcomes\">\(HTML.escape(strings("task_outcomes")))</h2>\n<ul class=\"outcomes\">\n"
                for outcome in outcomes { list += "<li>\(HTML.escape(outcome.text))</li>\n" }
                body.append(html: list + "</ul>\n")
            }
            chapters.append(
                .init(
                    anchor: anchor, title: "\(task.displayNumber). \(task.title)", kicker: phase?.title,
                    part: part, body: .made(body), links: task.body.links, isContent: true,
                    file: anchor, startsPage: true, language: untranslated(task.route)))
        }

        let related = site.relatedPracticeIDs(module).compactMap { site.practice($0) }
        if !related.isEmpty {
            var body = "<ul class=\"related\">\n"
            var entries: [String] = []
            for practice in related {
                // A link to a related practice stays in the book: it leads to this entry.
                let entry = "practice-\(practice.id)"
                anchors[practice.route] = .init(id: entry, takesFragments: false)
                entries.append(entry)
                body += "<li id=\"\(entry)\"><strong>\(HTML.escape(practice.title))</strong>"
                if let country = practice.country { body += " (\(HTML.escape(country.name)))" }
                if let first = practice.sections.first?.content {
                    body += "<br/>\(HTML.escape(DataExports.excerpt(of: first.blocks, words: 40)))"
                }
                body += "</li>\n"
            }
            body += "</ul>\n"
            chapters.append(
                .init(
                    anchor: "related-practices", title: strings("related_practices"), kicker: nil, part: nil,
                    body: .made(HTMLSegments(html: body)), links: [], isContent: false, file: "related-practices", startsPage: true,
                    entries: entries))
        }

        var facts: [(String, String)] = []
        if !module.audience.isEmpty {
            facts.append((strings("fact_audience"), module.audience.map { strings.term($0.value) }.joined(separator: strings("list_separator"))))
        }
        if let duration = module.duration { facts.append((strings("fact_duration"), strings.span(duration.value))) }
        if let workload = module.workload { facts.append((strings("fact_workload"), workload.value)) }
        if !module.languages.isEmpty { facts.append((strings("fact_languages"), module.languages.joined(separator: strings("list_separator")))) }
        if let configuration = module.configuration { facts.append((strings("fact_configuration"), configuration)) }
        if !module.authors.isEmpty { facts.append((strings("fact_authors"), module.authors.joined(separator: strings("list_separator")))) }
        return Handbook(
            id: "\(module.id)-\(edition.rawValue)", title: module.title, subtitle: strings.handbook(edition),
            summary: module.summary, coverFacts: facts, license: module.license ?? site.config.license,
            language: site.config.language, modified: Self.newest([module.updated]),
            creators: module.authors.isEmpty ? [site.config.title] : module.authors, chapters: chapters, anchors: anchors
        )
    }

    func sequenceTable(_ module: Module) -> String {
        guard !module.tasks.isEmpty else { return "" }
        let columns = ["coverage_task", "table_phase", "table_type", "badge_mode", "fact_duration"].map {
            "<th scope=\"col\">\(HTML.escape(strings($0)))</th>"
        }
        var html =
            "<h2 id=\"sequence\">\(HTML.escape(strings("task_sequence")))</h2>\n<table class=\"sequence\">\n<thead><tr>\(columns.joined())</tr></thead>\n<tbody>\n"
        for task in module.tasks {
            let phase = task.phase.flatMap { p in module.phases.first { $0.id == p.value } }?.title ?? ""
            html += "<tr><td>\(task.displayNumber). \(HTML.escape(task.title))</td><td>\(HTML.escape(phase))</td>"
            html += "<td>\(HTML.escape(task.type.map { strings.term($0.value) } ?? ""))</td>"
            html += "<td>\(HTML.escape(task.mode.map { strings.term($0.value) } ?? ""))</td>"
            html += "<td>\(HTML.escape(task.duration.map { strings.duration($0.value) } ?? ""))</td></tr>\n"
        }
        let effort = module.totalEffort()
        let total =
            effort.minutes > 0 ? "<p class=\"effort\">\(HTML.escape(strings("effort_total", ["effort": strings.effort(effort)])))</p>\n" : ""
        return html + "</tbody>\n</table>\n" + total
    }

    /// A practice's chapter in the catalogue book: its facts, then its
    /// text, section by section under the form's headings.
    static func catalogueChapter(_ practice: Practice, html: ChapterHTML, strings: Strings) -> HTMLSegments {
        // Made once at about its size, piece by piece (every practice of the catalogue has one).
        var facts = ""
        facts.reserveCapacity(1024)
        facts += "<dl class=\"practice-facts\">"
        func fact(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            facts += "<div><dt>"
            facts += label
            facts += "</dt><dd>"
            facts += HTML.escape(value)
            facts += "</dd></div>"
        }
        fact(HTML.escape(strings("fact_country")), practice.country.map { strings.country($0) })
        fact(HTML.escape(strings("fact_organisation")), practice.organisation)
        fact(HTML.escape(strings("fact_sector")), practice.sector.map { strings.term($0.value) })
        fact(HTML.escape(strings("fact_year")), practice.year.map(String.init))
        fact(HTML.escape(strings("fact_status")), practice.status)
        fact(HTML.escape(strings("practice_tags")), practice.tags.joined(separator: strings("list_separator")))
        facts += "</dl>\n"
        if let website = practice.website {
            facts += "<p class=\"website\"><a href=\"\(HTML.escape(website))\">\(HTML.escape(website))</a></p>\n"
        }
        var body = HTMLSegments(html: facts)
        html.append(practice.body.intro.blocks, to: &body)
        for section in practice.sections {
            guard let content = section.content else { continue }
            body.append(contentsOf: [
                .heading(level: 2, closing: false), .id(content.heading?.anchor ?? section.template.id),
                .html(">\(HTML.escape(section.template.heading))"), .heading(level: 2, closing: true), .html(">\n"),
            ])
            html.append(content.blocks, to: &body)
        }
        for extra in practice.extraSections {
            if let heading = extra.heading {
                body.append(ChapterHTML.heading(heading))
            } else {
                body.append(html: "<h2 id=\"more\"></h2>\n")
            }
            html.append(extra.blocks, to: &body)
        }
        if let footnotes = practice.body.footnotes { body.append(footnotes) }
        return body
    }

    /// About the bytes a body's chapter writes: its blocks and footnotes, and
    /// room for the facts and headings around them.
    static func approximateByteCount(_ body: Body) -> Int {
        func size(_ section: BodySection) -> Int { section.blocks.reduce(0) { $0 + $1.segments.approximateByteCount + 64 } }
        return body.sections.reduce(size(body.intro)) { $0 + size($1) } + (body.footnotes?.approximateByteCount ?? 0) + 1024
    }

    func catalogueBook() -> Handbook {
        let html = ChapterHTML(edition: .participant, strings: strings)
        var chapters: [Handbook.Chapter] = []
        var anchors: [Route: Handbook.Anchor] = [:]
        for country in catalogue.countries {
            var first = true
            for index in country.members {
                let practice = site.practices[index]
                let anchor = "practice-\(practice.id)"
                anchors[practice.route] = .init(id: anchor)
                chapters.append(
                    .init(
                        anchor: anchor, title: practice.title, kicker: country.label, part: first ? country.label : nil,
                        body: .deferred(
                            approximateByteCount: Self.approximateByteCount(practice.body),
                            make: { Self.catalogueChapter(practice, html: html, strings: strings) }),
                        links: practice.body.links, isContent: true,
                        file: "country-\(country.value)", startsPage: first, language: untranslated(practice.route)))
                first = false
            }
        }
        if !catalogue.tags.isEmpty {
            var body = HTMLSegments(html: "<dl class=\"tag-index\">\n")
            for tag in catalogue.tags {
                body.append(html: "<div><dt>\(HTML.escape(tag.label))</dt><dd><ul>")
                for index in tag.members {
                    let practice = site.practices[index]
                    body.append(contentsOf: [.html("<li><a"), .target("practice-\(practice.id)"), .html(">\(HTML.escape(practice.title))</a></li>")])
                }
                body.append(html: "</ul></dd></div>\n")
            }
            body.append(html: "</dl>\n")
            chapters.append(
                .init(
                    anchor: "tag-index", title: strings("book_index_of_tags"), kicker: nil, part: nil, body: .made(body),
                    links: [], isContent: false, file: "tag-index", startsPage: true))
        }
        let countries = catalogue.countries.count
        return Handbook(
            id: "catalogue", title: site.config.title, subtitle: strings("book_catalogue_title"),
            summary: site.config.description,
            coverFacts: [(strings("nav_practices"), String(site.practices.count)), (strings("facet_countries"), String(countries))],
            license: site.config.license, language: site.config.language,
            modified: Self.newest(site.practices.map(\.updated)), creators: [site.config.title], chapters: chapters, anchors: anchors
        )
    }
}
