import Markdown

/// Where a page is being written, so that every URL on it can be made relative.
struct PageContext {
    /// The page's path inside `output/`.
    let path: String

    func url(_ route: Route) -> String { RelativeURL.from(path, to: route.path) }

    var root: String { RelativeURL.root(from: path) }

    /// Replaces `trellis-link:N` placeholders with URLs relative to this page.
    func resolveLinks(_ html: String, _ links: [ContentLink]) -> String {
        guard !links.isEmpty else { return html }
        return html.replacingNumbered(LinkResolver.placeholderPrefix) { index in
            guard index < links.count, let route = links[index].route else { return "" }
            var target = url(route)
            if let fragment = links[index].fragment, !fragment.isEmpty { target += "#" + HTML.escape(fragment) }
            return target
        }
    }

    /// The HTML of a run of blocks for the site: facilitator-only blocks are
    /// shown in a labelled, collapsed `<details>`.
    func blocksHTML(_ blocks: [MarkdownBlock], _ body: Body) -> String {
        var html = ""
        for block in blocks {
            switch block.kind {
            case .facilitator:
                html += "<details class=\"facilitator\">\n<summary>Facilitator note <span class=\"audience\">(for facilitators only)</span></summary>\n\(block.html)</details>\n"
            case .heading(let heading) where heading.level == 1:
                // The page title is the only <h1>; a body '# …' becomes a section heading.
                html += "<h2" + block.html.dropFirst(3).replacingOccurrences(of: "</h1>", with: "</h2>")
            case .heading, .content:
                html += block.html
            }
        }
        return resolveLinks(html, body.links)
    }

    /// The whole body, headings included (module overviews, free pages).
    /// A `## Facilitator notes` section is shown collapsed and labelled.
    func bodyHTML(_ body: Body) -> String {
        var html = blocksHTML(body.intro.blocks, body)
        for section in body.sections {
            guard let heading = section.heading else { continue }
            let inner = resolveLinks(heading.innerHTML, body.links)
            if Task.isFacilitatorHeading(heading.text) {
                html += "<details class=\"facilitator\">\n<summary><h2 id=\"\(heading.anchor)\">\(inner) <span class=\"audience\">(for facilitators only)</span></h2></summary>\n"
                html += blocksHTML(section.blocks, body) + "</details>\n"
            } else {
                html += "<h2 id=\"\(heading.anchor)\">\(inner)</h2>\n" + blocksHTML(section.blocks, body)
            }
        }
        return html
    }

    func footnotes(_ body: Body) -> String? {
        body.footnotesHTML.map { resolveLinks($0, body.links) }
    }

    func sectionView(_ section: BodySection, body: Body, facilitator: Bool = false) -> SectionView {
        SectionView(headingHTML: resolveLinks(section.heading?.innerHTML ?? "", body.links), anchor: section.heading?.anchor ?? "",
                    html: blocksHTML(section.blocks, body), facilitator: facilitator)
    }
}
