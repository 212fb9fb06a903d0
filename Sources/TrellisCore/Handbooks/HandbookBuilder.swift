/// Builds the handbooks of a site: per module a participant and a
/// facilitator edition, and one for the whole catalogue.
struct HandbookBuilder: Sendable {
    let site: Site
    let catalogue: CatalogueIndex

    static func newest(_ dates: [String?]) -> String {
        dates.compactMap { $0 }.filter { DataExports.timestamp($0) != nil }.max().map { String($0.prefix(10)) } ?? "2000-01-01"
    }

    func moduleBook(_ module: Module, _ edition: Edition) -> Handbook {
        let html = ChapterHTML(edition: edition)
        var chapters: [Handbook.Chapter] = []
        var anchors: [Route: String] = [module.route: "about"]

        var about = html.sections(module.body) { section in section.heading.map { Task.isFacilitatorHeading($0.text) } ?? false }
        if !module.outcomes.isEmpty {
            about += "<h2 id=\"outcomes\">Learning outcomes</h2>\n<ul class=\"outcomes\">\n"
            for outcome in module.outcomes {
                about += "<li><span class=\"domain\">\(HTML.escape(Vocabularies.label(outcome.domain)))</span> \(HTML.escape(outcome.text))</li>\n"
            }
            about += "</ul>\n"
        }
        about += sequenceTable(module)
        chapters.append(.init(anchor: "about", title: "About this module", kicker: nil, part: nil,
                              bodyHTML: html.chapterBody(about, anchor: "about"), links: module.body.links,
                              file: "about", startsPage: true))

        var lastPhase: String?
        for task in module.tasks {
            let anchor = "task-\(task.id)"
            anchors[task.route] = anchor
            let phase = task.phase.flatMap { p in module.phases.first { $0.id == p.value } }
            let part = phase?.title != lastPhase ? phase?.title : nil
            lastPhase = phase?.title
            var facts: [String] = []
            if let type = task.type { facts.append(Vocabularies.label(type.value)) }
            if let mode = task.mode { facts.append(Vocabularies.label(mode.value)) }
            if let grouping = task.grouping { facts.append(Vocabularies.label(grouping.value)) }
            if let duration = task.duration { facts.append(duration.value) }
            if let complexity = task.complexity { facts.append("complexity \(complexity.value) of 3") }
            var body = "<p class=\"task-facts\">\(HTML.escape(facts.joined(separator: " · ")))</p>\n"
            if !task.tools.isEmpty { body += "<p class=\"task-tools\"><strong>Tools:</strong> \(HTML.escape(task.tools.joined(separator: ", ")))</p>\n" }
            body += html.sections(task.body) { section in section.heading.map { Task.isFacilitatorHeading($0.text) } ?? false }
            let outcomes = module.outcomes.filter { outcome in task.outcomes.contains { $0.value == outcome.id } }
            if !outcomes.isEmpty {
                body += "<h2 id=\"task-outcomes\">Outcomes</h2>\n<ul class=\"outcomes\">\n"
                for outcome in outcomes { body += "<li>\(HTML.escape(outcome.text))</li>\n" }
                body += "</ul>\n"
            }
            chapters.append(.init(anchor: anchor, title: "\(SiteRenderer.number(task)). \(task.title)", kicker: phase?.title,
                                  part: part, bodyHTML: html.chapterBody(body, anchor: anchor), links: task.body.links,
                                  file: anchor, startsPage: true))
        }

        var practiceIDs = module.practices.map(\.value)
        for id in module.citedBy where !practiceIDs.contains(id) { practiceIDs.append(id) }
        let related = practiceIDs.compactMap { site.practice($0) }
        if !related.isEmpty {
            var body = "<ul class=\"related\">\n"
            for practice in related {
                body += "<li><strong>\(HTML.escape(practice.title))</strong>"
                if let country = practice.country { body += " (\(HTML.escape(country.name)))" }
                if let first = practice.sections.first?.content {
                    body += "<br/>\(HTML.escape(DataExports.excerpt(first.plainText, words: 40)))"
                }
                body += "</li>\n"
            }
            body += "</ul>\n"
            chapters.append(.init(anchor: "related-practices", title: "Related good practices", kicker: nil, part: nil,
                                  bodyHTML: body, links: [], file: "related-practices", startsPage: true))
        }

        var facts: [(String, String)] = []
        if !module.audience.isEmpty { facts.append(("Audience", module.audience.map { Vocabularies.label($0.value) }.joined(separator: ", "))) }
        if let duration = module.duration { facts.append(("Duration", duration.value)) }
        if !module.languages.isEmpty { facts.append(("Languages", module.languages.joined(separator: ", "))) }
        if let configuration = module.configuration { facts.append(("Configuration", configuration)) }
        if !module.authors.isEmpty { facts.append(("Authors", module.authors.joined(separator: ", "))) }
        return Handbook(
            id: "\(module.id)-\(edition.rawValue)", title: module.title, subtitle: "\(edition.title) handbook",
            summary: module.summary, coverFacts: facts, license: module.license ?? site.config.license,
            language: site.config.language, modified: Self.newest([module.updated]), chapters: chapters, anchors: anchors
        )
    }

    func sequenceTable(_ module: Module) -> String {
        guard !module.tasks.isEmpty else { return "" }
        var html = "<h2 id=\"sequence\">Task sequence</h2>\n<table class=\"sequence\">\n<thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Phase</th><th scope=\"col\">Type</th><th scope=\"col\">Mode</th><th scope=\"col\">Duration</th></tr></thead>\n<tbody>\n"
        for task in module.tasks {
            let phase = task.phase.flatMap { p in module.phases.first { $0.id == p.value } }?.title ?? ""
            html += "<tr><td>\(SiteRenderer.number(task)). \(HTML.escape(task.title))</td><td>\(HTML.escape(phase))</td>"
            html += "<td>\(HTML.escape(task.type.map { Vocabularies.label($0.value) } ?? ""))</td>"
            html += "<td>\(HTML.escape(task.mode.map { Vocabularies.label($0.value) } ?? ""))</td>"
            html += "<td>\(HTML.escape(task.duration?.value ?? ""))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    func catalogueBook() -> Handbook {
        let html = ChapterHTML(edition: .participant)
        var chapters: [Handbook.Chapter] = []
        var anchors: [Route: String] = [:]
        for country in catalogue.countries {
            var first = true
            for index in country.members {
                let practice = site.practices[index]
                let anchor = "practice-\(practice.id)"
                anchors[practice.route] = anchor
                var body = "<dl class=\"practice-facts\">"
                func fact(_ label: String, _ value: String?) {
                    guard let value, !value.isEmpty else { return }
                    body += "<div><dt>\(label)</dt><dd>\(HTML.escape(value))</dd></div>"
                }
                fact("Country", practice.country?.name)
                fact("Organisation", practice.organisation)
                fact("Sector", practice.sector.map { Vocabularies.label($0.value) })
                fact("Year", practice.year.map(String.init))
                fact("Status", practice.status)
                fact("Tags", practice.tags.joined(separator: ", "))
                body += "</dl>\n"
                if let website = practice.website { body += "<p class=\"website\"><a href=\"\(HTML.escape(website))\">\(HTML.escape(website))</a></p>\n" }
                body += html.blocks(practice.body.intro.blocks)
                for section in practice.sections {
                    guard let content = section.content else { continue }
                    body += "<h2 id=\"\(content.heading?.anchor ?? section.template.id)\">\(HTML.escape(section.template.heading))</h2>\n" + html.blocks(content.blocks)
                }
                for extra in practice.extraSections {
                    body += "<h2 id=\"\(extra.heading?.anchor ?? "more")\">\(extra.heading?.innerHTML ?? "")</h2>\n" + html.blocks(extra.blocks)
                }
                if let footnotes = practice.body.footnotesHTML { body += footnotes }
                chapters.append(.init(anchor: anchor, title: practice.title, kicker: country.label, part: first ? country.label : nil,
                                      bodyHTML: html.chapterBody(body, anchor: anchor), links: practice.body.links,
                                      file: "country-\(country.value)", startsPage: first))
                first = false
            }
        }
        if !catalogue.tags.isEmpty {
            var body = "<dl class=\"tag-index\">\n"
            for tag in catalogue.tags {
                body += "<div><dt>\(HTML.escape(tag.label))</dt><dd><ul>"
                for index in tag.members {
                    let practice = site.practices[index]
                    body += "<li><a href=\"\(HandbookLinks.anchorPrefix)practice-\(practice.id)\">\(HTML.escape(practice.title))</a></li>"
                }
                body += "</ul></dd></div>\n"
            }
            body += "</dl>\n"
            chapters.append(.init(anchor: "tag-index", title: "Index of tags", kicker: nil, part: nil, bodyHTML: body,
                                  links: [], file: "tag-index", startsPage: true))
        }
        let countries = catalogue.countries.count
        return Handbook(
            id: "catalogue", title: site.config.title, subtitle: "Catalogue of good practices",
            summary: site.config.description,
            coverFacts: [("Good practices", String(site.practices.count)), ("Countries", String(countries))],
            license: site.config.license, language: site.config.language,
            modified: Self.newest(site.practices.map(\.updated)), chapters: chapters, anchors: anchors
        )
    }
}
