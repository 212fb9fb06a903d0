import Markdown

/// Link rules for one handbook format: where content links and links
/// between chapters lead.
struct HandbookLinks {
    enum Format {
        /// One HTML file in `output/handbooks/`.
        case print
        /// XHTML files inside an EPUB: anchor → file name.
        case epub(files: [String: String])
    }

    let book: Handbook
    let format: Format
    let baseURL: String?
    /// For the copy WeasyPrint turns into a PDF: a relative link to the site
    /// would point into the build folder, so without base_url it is dropped.
    var offsite = false

    /// Where a link to a chapter anchor leads.
    func anchorURL(_ anchor: String) -> String {
        switch format {
        case .print:
            return "#\(anchor)"
        case .epub(let files):
            return "\(files[chapterOf(anchor, in: files)] ?? "cover").xhtml#\(anchor)"
        }
    }

    /// "task-x-instructions" belongs to chapter "task-x": the longest chapter anchor it starts with.
    private func chapterOf(_ anchor: String, in files: [String: String]) -> String {
        if files[anchor] != nil { return anchor }
        var best = ""
        for key in files.keys where anchor.hasPrefix(key + "-") && key.count > best.count { best = key }
        return best
    }

    /// The value for `attribute="…"`, or nil to drop the attribute (a link
    /// to a site page that an EPUB cannot reach).
    func url(for link: ContentLink) -> String? {
        guard let route = link.route else { return nil }
        if let anchor = book.anchors[route] {
            let fragment = link.fragment.map { "\(anchor)-\($0)" } ?? anchor
            return anchorURL(fragment)
        }
        if case .file(let path) = route {
            switch format {
            case .print: return offsite ? baseURL.map { $0 + path } : "../" + path
            case .epub: return EPUBWriter.mediaType(path) != nil ? "media/" + path : baseURL.map { $0 + path }
            }
        }
        if let baseURL { return baseURL + route.path + (link.fragment.map { "#\($0)" } ?? "") }
        switch format {
        case .print: return offsite ? nil : "../" + route.path + (link.fragment.map { "#\($0)" } ?? "")
        case .epub: return nil
        }
    }

    /// The chapter written with this format's link rules: a link that cannot
    /// be followed from the book keeps its text and loses its target.
    func write(_ chapter: Handbook.Chapter) -> String {
        let links = chapter.links
        let format = HTMLWriter(link: { attribute, index in
            guard index >= 0, index < links.count, let url = url(for: links[index]) else { return " data-offsite=\"\"" }
            return " \(attribute)=\"\(HTML.escape(url))\""
        }, target: { anchorURL($0) })
        return chapter.writer(format).write(chapter.body)
    }

    /// Media files the chapters refer to (content-relative paths).
    static func media(in book: Handbook) -> [String] {
        var paths: Set<String> = []
        for chapter in book.chapters {
            for link in chapter.links {
                if case .file(let path)? = link.route { paths.insert(path) }
            }
        }
        return paths.sorted()
    }
}
