import Markdown

/// Where a page is being written, so that every URL on it can be made relative.
struct PageContext {
    /// The page's path inside `output/`.
    let path: String
    /// The page's interface strings (labels Trellis adds to authors' text).
    var strings: Strings = .english

    func url(_ route: Route) -> String { RelativeURL.from(path, to: route.path) }

    var root: String { RelativeURL.root(from: path) }

    /// How a body is written on this page: content links become URLs
    /// relative to it (a link whose target is gone gets an empty `href`).
    func writer(_ links: [ContentLink], headingShift: Int = 0) -> HTMLWriter {
        var writer = HTMLWriter(
            resolve: { index, _ in
                guard index < links.count, let route = links[index].route else { return .url("") }
                let fragment = links[index].fragment.flatMap { $0.isEmpty ? nil : "#" + $0 } ?? ""
                return .url(url(route) + fragment)
            }, headingShift: headingShift)
        writer.selfLinks = true
        return writer
    }

    /// The HTML of a run of blocks for the site: facilitator-only blocks are
    /// shown in a labelled, collapsed `<details>`; a body `# heading` is shown
    /// as a section heading, so the page title stays the only `<h1>`.
    func blocksHTML(_ blocks: [MarkdownBlock], _ body: Body) -> String {
        let writer = writer(body.links)
        var html = ""
        // Made once at about its size, not doubled block by block (the string lives as long as its page).
        html.reserveCapacity(blocks.reduce(0) { $0 + $1.segments.approximateByteCount })
        for block in blocks {
            switch block.kind {
            case .facilitator:
                html +=
                    "<details class=\"facilitator\">\n<summary>\(HTML.escape(strings("facilitator_note"))) <span class=\"audience\">\(HTML.escape(strings("for_facilitators_only")))</span></summary>\n"
                writer.write(block.segments, into: &html)
                html += "</details>\n"
            case .heading(let heading) where heading.level == 1:
                self.writer(body.links, headingShift: 1).write(block.segments, into: &html)
            case .heading, .content:
                writer.write(block.segments, into: &html)
            }
        }
        return html
    }

    /// The whole body, headings included (module overviews, free pages).
    /// A `## Facilitator notes` section is shown collapsed and labelled.
    func bodyHTML(_ body: Body) -> String {
        var html = blocksHTML(body.intro.blocks, body)
        for section in body.sections {
            guard let heading = section.heading else { continue }
            let inner = writer(body.links).write(heading.inner)
            if section.isFacilitatorOnly {
                html +=
                    "<details class=\"facilitator\">\n<summary><h2 id=\"\(heading.anchor)\">\(inner) <span class=\"audience\">\(HTML.escape(strings("for_facilitators_only")))</span></h2></summary>\n"
                html += blocksHTML(section.blocks, body) + "</details>\n"
            } else {
                html += "<h2 id=\"\(heading.anchor)\">\(Self.selfLinked(inner, anchor: heading.anchor))</h2>\n" + blocksHTML(section.blocks, body)
            }
        }
        return html
    }

    /// A heading's inner HTML as a link to the heading itself, unless it
    /// holds a link of its own (links cannot nest) or has no id.
    static func selfLinked(_ inner: String, anchor: String) -> String {
        linksToItself(inner, anchor: anchor) ? "<a class=\"self-link\" href=\"#\(anchor)\">\(inner)</a>" : inner
    }

    /// Whether a heading with this inner HTML and anchor links to itself:
    /// it has an anchor, and holds no link of its own (links cannot nest).
    static func linksToItself(_ inner: String, anchor: String) -> Bool {
        !anchor.isEmpty && !inner.utf8Contains("<a ")
    }

    func footnotes(_ body: Body) -> String? {
        body.footnotes.map { writer(body.links).write($0) }
    }

    func sectionView(_ section: BodySection, body: Body, facilitator: Bool = false) -> SectionView {
        let heading = section.heading.map { writer(body.links).write($0.inner) } ?? ""
        let anchor = section.heading?.anchor ?? ""
        return SectionView(
            headingHTML: heading, anchor: anchor, selfLinked: Self.linksToItself(heading, anchor: anchor),
            html: blocksHTML(section.blocks, body), facilitator: facilitator)
    }
}
