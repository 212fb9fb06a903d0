import Foundation
import Markdown

/// A module as an IMS Common Cartridge 1.1 package (`lms/<module>.imscc`),
/// which Moodle restores or imports as a course skeleton.
///
/// Moodle's importer knows CC 1.0 and 1.1 only and reads just the first 500
/// bytes of `imsmanifest.xml` to recognise the version, so the default
/// namespace comes first. Its organisation has one untitled root item; the
/// root's children become course sections and their items activities:
/// "About this module" first, then one section per phase, tasks in sequence
/// order. Each task is a `webcontent` page whose meaning survives when
/// Moodle keeps only the `<body>` (no stylesheet, facts as plain text);
/// facilitator notes are separate pages whose resource metadata names the
/// `Instructor` role, which Moodle imports hidden from students.
struct Cartridge {
    let site: Site
    let module: Module
    /// The interface in the package's language (the module's, translated or not).
    let strings: Strings
    /// Where this language's pages are on the site: "" for the default
    /// language, `es/` for Spanish; links to the site (with `base_url`) go there.
    let sitePrefix: String

    /// One file of the package.
    struct File {
        var path: String
        var bytes: [UInt8]
    }

    /// A resource of the manifest.
    struct Resource {
        var identifier: String
        var type: String
        var href: String
        var files: [String]
        var instructorOnly = false
    }

    /// An item of the organisation: a section (no resource) or an activity.
    struct Item {
        var identifier: String
        var title: String
        var resource: String?
        var children: [Item] = []
    }

    /// The CC 1.1 resource types (profile, section 4); Trellis writes two.
    static let resourceTypes: Set<String> = [
        "webcontent", "imswl_xmlv1p1", "imsdt_xmlv1p1", "imsbasiclti_xmlv1p0", "imsqti_xmlv1p2/imscc_xmlv1p1/assessment",
        "imsqti_xmlv1p2/imscc_xmlv1p1/question-bank", "associatedcontent/imscc_xmlv1p1/learning-application-resource",
    ]

    static let namespace = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
    static let manifestLOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
    static let resourceLOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
    static let webLinkNamespace = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"

    var language: String { strings.language }

    /// The zipped package, byte for byte the same for the same content.
    /// - Parameter previous: the previous build's package at the same path, whose unchanged entries are reused.
    func package(reusing previous: PreviousArchive? = nil) throws -> [UInt8] {
        let (files, manifest) = contents()
        var zip = StableZip(reusing: previous)
        try zip.add("imsmanifest.xml", Array(manifest.utf8))
        for file in files { try zip.add(file.path, file.bytes) }
        guard let bytes = zip.bytes else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }

    /// Every file of the package but the manifest, and the manifest.
    func contents() -> ([File], String) {
        var files: [File] = []
        var resources: [Resource] = []
        var media: Set<String> = []

        func page(_ path: String, _ title: String, _ body: String, uses: Set<String>) -> [String] {
            files.append(File(path: path, bytes: Array(document(title: title, body: body).utf8)))
            media.formUnion(uses)
            return [path] + uses.sorted().map { "media/\($0)" }
        }

        // About this module: overview, outcomes, timeline, coverage; facilitator notes apart.
        var aboutItems: [Item] = []
        let overview = write(module.body, facilitator: false, at: "about.html")
        var about = "<h1>\(HTML.escape(module.title))</h1>\n<p><strong>\(HTML.escape(module.summary))</strong></p>\n"
        about += facts(module)
        about += overview.html
        about += outcomesHTML() + timelineHTML() + coverageHTML()
        resources.append(
            Resource(
                identifier: "R_about", type: "webcontent", href: "about.html",
                files: page("about.html", module.title, about, uses: overview.media)))
        let aboutTitle = strings("book_about_module")
        aboutItems.append(Item(identifier: "I_about", title: aboutTitle, resource: "R_about"))
        let moduleNotes = write(module.body, facilitator: true, at: "facilitator/about.html")
        if !moduleNotes.html.isEmpty {
            let title = notesTitle(module.title)
            resources.append(
                Resource(
                    identifier: "R_about_notes", type: "webcontent", href: "facilitator/about.html",
                    files: page("facilitator/about.html", title, "<h1>\(HTML.escape(title))</h1>\n" + moduleNotes.html, uses: moduleNotes.media),
                    instructorOnly: true))
            aboutItems.append(Item(identifier: "I_about_notes", title: notesTitle(aboutTitle), resource: "R_about_notes"))
        }
        let related = relatedPractices(&files, &resources, &media)
        aboutItems += related
        var sections = [Item(identifier: "S_about", title: aboutTitle, children: aboutItems)]

        // One section per phase, in order; tasks without a phase last.
        for (index, group) in module.taskGroups.enumerated() where !group.tasks.isEmpty {
            var items: [Item] = []
            for task in group.tasks {
                let name = Self.fileName(task)
                let body = write(task.body, facilitator: false, at: "tasks/\(name).html")
                var html = "<h1>\(HTML.escape(task.displayNumber)). \(HTML.escape(task.title))</h1>\n" + facts(task) + body.html
                let outcomes = module.outcomes.filter { outcome in task.outcomes.contains { $0.value == outcome.id } }
                if !outcomes.isEmpty {
                    html +=
                        "<h2>\(HTML.escape(strings("task_outcomes")))</h2>\n<ul>\n" + outcomes.map { "<li>\(HTML.escape($0.text))</li>\n" }.joined()
                        + "</ul>\n"
                }
                resources.append(
                    Resource(
                        identifier: "R_\(name)", type: "webcontent", href: "tasks/\(name).html",
                        files: page("tasks/\(name).html", task.title, html, uses: body.media)))
                items.append(Item(identifier: "I_\(name)", title: "\(task.displayNumber). \(task.title)", resource: "R_\(name)"))
                let notes = write(task.body, facilitator: true, at: "facilitator/\(name).html")
                if !notes.html.isEmpty {
                    let title = notesTitle("\(task.displayNumber). \(task.title)")
                    resources.append(
                        Resource(
                            identifier: "R_\(name)_notes", type: "webcontent", href: "facilitator/\(name).html",
                            files: page("facilitator/\(name).html", title, "<h1>\(HTML.escape(title))</h1>\n" + notes.html, uses: notes.media),
                            instructorOnly: true))
                    items.append(Item(identifier: "I_\(name)_notes", title: title, resource: "R_\(name)_notes"))
                }
            }
            let title = group.phase?.weeks.map { "\(group.title) (\(strings.weeks($0)))" } ?? group.title
            sections.append(Item(identifier: "S_\(index + 1)", title: title, children: items))
        }

        for path in media.sorted() {
            if let data = FileManager.default.contents(atPath: "\(site.contentDirectory)/\(path)") {
                files.append(File(path: "media/\(path)", bytes: [UInt8](data)))
            }
        }
        let root = Item(identifier: "root", title: "", children: sections)
        return (files, manifest(root: root, resources: resources))
    }

    // MARK: Pages

    /// A body for the page at `page` in the package: the participant text,
    /// or only the facilitator sections and blocks (empty when there are
    /// none). Links go to files in the package, to the site when `base_url`
    /// is set, or keep their text when neither can be followed.
    func write(_ body: Body, facilitator: Bool, at page: String) -> (html: String, media: Set<String>) {
        var segments = HTMLSegments()
        var selectedAny = false
        func selected(_ blocks: [MarkdownBlock], restricted: Bool) -> [MarkdownBlock] {
            blocks.filter { (restricted || $0.kind == .facilitator) == facilitator }
        }
        let intro = selected(body.intro.blocks, restricted: false)
        selectedAny = !intro.isEmpty
        for block in intro { segments.append(block.segments) }
        for section in body.sections {
            let restricted = section.isFacilitatorOnly
            if restricted && !facilitator { continue }
            let blocks = selected(section.blocks, restricted: restricted)
            if facilitator && blocks.isEmpty { continue }
            selectedAny = selectedAny || !blocks.isEmpty
            if let heading = section.heading {
                segments.append(html: "<h2>")
                segments.append(heading.inner)
                segments.append(html: "</h2>\n")
            }
            for block in blocks { segments.append(block.segments) }
        }
        if facilitator && !selectedAny { return ("", []) }
        if !facilitator, let footnotes = body.footnotes { segments.append(footnotes) }
        var media: Set<String> = []
        let links = body.links
        let baseURL = site.config.baseURL
        let related = relatedIDs
        func local(_ target: String, _ fragment: String = "") -> String {
            RelativeURL.from(page, to: target) + fragment
        }
        let writer = HTMLWriter(resolve: { index, _ in
            guard index < links.count, let route = links[index].route else { return .unlinked(note: nil) }
            let fragment = links[index].fragment.map { "#\($0)" } ?? ""
            switch route {
            case .file(let path):
                media.insert(path)
                return .url(local("media/\(path)"))
            case .task(let moduleID, let taskID) where moduleID == module.id:
                if let task = module.tasks.first(where: { $0.id == taskID }) { return .url(local("tasks/\(Self.fileName(task)).html", fragment)) }
            case .module(let moduleID) where moduleID == module.id:
                return .url(local("about.html", fragment))
            case .practice(let id) where baseURL == nil && related.contains(id):
                return .url(local("practices/\(id).html", fragment))
            default:
                break
            }
            return baseURL.map { .url($0 + sitePrefix + route.path + fragment) } ?? .unlinked(note: nil)
        })
        return (writer.write(segments), media)
    }

    /// Related practices, by id: linked from the module or naming it
    /// (worked out once per package: a module may be cited by thousands).
    let practiceIDs: [String]
    let relatedIDs: Set<String>

    init(site: Site, module: Module, strings: Strings, sitePrefix: String = "") {
        self.site = site
        self.module = module
        self.strings = strings
        self.sitePrefix = sitePrefix
        practiceIDs = site.relatedPracticeIDs(module)
        relatedIDs = Set(practiceIDs)
    }

    /// Items for the related practices: web links to the site, or pages in the package.
    func relatedPractices(_ files: inout [File], _ resources: inout [Resource], _ media: inout Set<String>) -> [Item] {
        var items: [Item] = []
        for id in practiceIDs {
            guard let practice = site.practice(id) else { continue }
            if let baseURL = site.config.baseURL {
                let path = "links/practice-\(id).xml"
                let xml = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <webLink xmlns="\(Self.webLinkNamespace)">
                    <title>\(HTML.escape(practice.title))</title>
                    <url href="\(HTML.escape(baseURL + sitePrefix + practice.route.path))" target="_blank"/>
                    </webLink>

                    """
                files.append(File(path: path, bytes: Array(xml.utf8)))
                resources.append(Resource(identifier: "R_practice_\(id)", type: "imswl_xmlv1p1", href: "", files: [path]))
            } else {
                var html = "<h1>\(HTML.escape(practice.title))</h1>\n"
                if let country = practice.country {
                    html += "<p>\(HTML.escape(strings.labelled(strings("fact_country"), strings.country(country))))</p>\n"
                }
                for section in practice.sections {
                    guard let content = section.content else { continue }
                    let body = write(
                        Body(intro: content, sections: [], footnotes: nil, links: practice.body.links, externalLinks: []), facilitator: false,
                        at: "practices/\(id).html")
                    html += "<h2>\(HTML.escape(section.template.heading))</h2>\n" + body.html
                    media.formUnion(body.media)
                }
                let path = "practices/\(id).html"
                files.append(File(path: path, bytes: Array(document(title: practice.title, body: html).utf8)))
                resources.append(Resource(identifier: "R_practice_\(id)", type: "webcontent", href: path, files: [path]))
            }
            items.append(
                Item(identifier: "I_practice_\(id)", title: strings.labelled(strings("kind_practice"), practice.title), resource: "R_practice_\(id)"))
        }
        return items
    }

    /// "Facilitator notes: <title>".
    func notesTitle(_ title: String) -> String { strings("book_facilitator_notes", ["title": title]) }

    func terms(_ terms: [Located<String>]) -> String {
        terms.map { strings.term($0.value) }.joined(separator: strings("list_separator"))
    }

    /// Facts as plain text lines, escaped: "Duration: 6 weeks".
    func factLines(_ lines: [String]) -> String {
        lines.isEmpty ? "" : "<p>" + lines.map(HTML.escape).joined(separator: "<br />\n") + "</p>\n"
    }

    func facts(_ module: Module) -> String {
        var lines: [String] = []
        if let duration = module.duration?.value { lines.append(strings.labelled(strings("fact_duration"), strings.span(duration))) }
        if !module.audience.isEmpty { lines.append(strings.labelled(strings("fact_audience"), terms(module.audience))) }
        if !module.languages.isEmpty {
            lines.append(strings.labelled(strings("fact_languages"), module.languages.joined(separator: strings("list_separator"))))
        }
        return factLines(lines)
    }

    /// A task's facts as plain text: Moodle keeps no stylesheet, so no badge
    /// may depend on colour or an icon.
    func facts(_ task: ModuleTask) -> String {
        var lines: [String] = []
        if let type = task.type { lines.append(strings.labelled(strings("badge_task_type"), strings.term(type.value))) }
        if let mode = task.mode { lines.append(strings.labelled(strings("badge_mode"), strings.term(mode.value))) }
        if let grouping = task.grouping { lines.append(strings.labelled(strings("badge_grouping"), strings.term(grouping.value))) }
        if let duration = task.duration { lines.append(strings.labelled(strings("fact_duration"), strings.duration(duration.value))) }
        if let complexity = task.complexity { lines.append(strings("complexity_of", ["value": String(complexity.value)])) }
        if !task.tools.isEmpty { lines.append(strings.labelled(strings("fact_tools"), task.tools.joined(separator: strings("list_separator")))) }
        return factLines(lines)
    }

    func outcomesHTML() -> String {
        guard !module.outcomes.isEmpty else { return "" }
        var html = "<h2>\(HTML.escape(strings("learning_outcomes")))</h2>\n<ul>\n"
        for outcome in module.outcomes {
            html += "<li>\(HTML.escape(outcome.text)) (\(HTML.escape(strings.term(outcome.domain))))</li>\n"
        }
        return html + "</ul>\n"
    }

    func timelineHTML() -> String {
        guard !module.tasks.isEmpty else { return "" }
        let headers = ["coverage_task", "table_phase", "table_type", "badge_mode", "fact_duration"]
            .map { "<th scope=\"col\">\(HTML.escape(strings($0)))</th>" }.joined()
        var html = "<h2>\(HTML.escape(strings("task_sequence")))</h2>\n<table border=\"1\">\n<thead><tr>\(headers)</tr></thead>\n<tbody>\n"
        for task in module.tasks {
            let phase = task.phase.flatMap { p in module.phases.first { $0.id == p.value } }?.title ?? ""
            html += "<tr><td><a href=\"tasks/\(Self.fileName(task)).html\">\(HTML.escape(task.displayNumber)). \(HTML.escape(task.title))</a></td>"
            html += "<td>\(HTML.escape(phase))</td><td>\(HTML.escape(task.type.map { strings.term($0.value) } ?? ""))</td>"
            html += "<td>\(HTML.escape(task.mode.map { strings.term($0.value) } ?? ""))</td>"
            html += "<td>\(HTML.escape(task.duration.map { strings.duration($0.value) } ?? ""))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Which task works towards which outcome, in words ("yes"/"no"), so it
    /// reads right without a stylesheet and to a screen reader.
    func coverageHTML() -> String {
        guard !module.outcomes.isEmpty, !module.tasks.isEmpty else { return "" }
        var html = "<h2>\(HTML.escape(strings("coverage_title")))</h2>\n<table border=\"1\">\n"
        html += "<thead><tr><th scope=\"col\">\(HTML.escape(strings("coverage_outcome")))</th>"
        for task in module.tasks { html += "<th scope=\"col\">\(HTML.escape(task.displayNumber))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        let (yes, no) = (HTML.escape(strings("coverage_yes")), HTML.escape(strings("coverage_no")))
        for outcome in module.outcomes {
            html += "<tr><th scope=\"row\">\(HTML.escape(outcome.text))</th>"
            for task in module.tasks { html += "<td>\(task.outcomes.contains { $0.value == outcome.id } ? yes : no)</td>" }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// A page of the package: well-formed XHTML-compatible HTML, everything in `<body>`.
    func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="\(HTML.escape(language))" xml:lang="\(HTML.escape(language))">
        <head>
        <meta charset="utf-8" />
        <title>\(HTML.escape(title))</title>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    // MARK: Manifest

    func manifest(root: Item, resources: [Resource]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="\(Self.namespace)" identifier="M_\(module.id)" xmlns:lom="\(Self.resourceLOM)" xmlns:lomimscc="\(Self.manifestLOM)">
            <metadata>
            <schema>IMS Common Cartridge</schema>
            <schemaversion>1.1.0</schemaversion>
            <lomimscc:lom>
            <lomimscc:general>
            <lomimscc:title><lomimscc:string language="\(HTML.escape(language))">\(HTML.escape(module.title))</lomimscc:string></lomimscc:title>
            <lomimscc:language>\(HTML.escape(language))</lomimscc:language>
            <lomimscc:description><lomimscc:string language="\(HTML.escape(language))">\(HTML.escape(module.summary))</lomimscc:string></lomimscc:description>
            </lomimscc:general>
            </lomimscc:lom>
            </metadata>
            <organizations>
            <organization identifier="O_1" structure="rooted-hierarchy">

            """
        item(root, depth: 0, into: &xml)
        xml += "</organization>\n</organizations>\n<resources>\n"
        for resource in resources {
            xml +=
                "<resource identifier=\"\(resource.identifier)\" type=\"\(resource.type)\"\(resource.href.isEmpty ? "" : " href=\"\(HTML.escape(resource.href))\"")>\n"
            if resource.instructorOnly {
                xml += "<metadata><lom:lom><lom:educational><lom:intendedEndUserRole><lom:source>IMSGLC_CC_Rolesv1p1</lom:source>"
                xml += "<lom:value>Instructor</lom:value></lom:intendedEndUserRole></lom:educational></lom:lom></metadata>\n"
            }
            for file in resource.files { xml += "<file href=\"\(HTML.escape(file))\"/>\n" }
            xml += "</resource>\n"
        }
        return xml + "</resources>\n</manifest>\n"
    }

    private func item(_ item: Item, depth: Int, into xml: inout String) {
        let indent = String(repeating: "  ", count: depth)
        xml += "\(indent)<item identifier=\"\(item.identifier)\"\(item.resource.map { " identifierref=\"\($0)\"" } ?? "")>\n"
        if depth > 0 { xml += "\(indent)  <title>\(HTML.escape(item.title))</title>\n" }
        for child in item.children { self.item(child, depth: depth + 1, into: &xml) }
        xml += "\(indent)</item>\n"
    }

    // MARK: Names

    /// `01-introductions`: the number keeps files in sequence order.
    static func fileName(_ task: ModuleTask) -> String { "\(task.displayNumber)-\(task.id)" }

}
