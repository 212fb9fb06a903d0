import Foundation
import Markdown

/// Link rules for one handbook format: where content links and links
/// between chapters lead.
///
/// | link to…                         | print HTML          | PDF copy, EPUB                                  |
/// |----------------------------------|---------------------|-------------------------------------------------|
/// | a chapter (or entry) of the book | `#anchor`           | `#anchor` / `file.xhtml#anchor`                 |
/// | an image                         | `../media/x.png`    | PDF: the same (the copy sits in the output); EPUB: packed, `media/…` |
/// | another site page, a download    | `../pages/x.html`   | `base_url` + path, else the text and the path in parentheses |
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
    /// For the copy WeasyPrint turns into a PDF, which travels without the
    /// site: a link to a site page becomes absolute (base_url) or text.
    var offsite = false
    /// For the PDF copy: an image's file (content-relative path) as a
    /// `data:` URL, so WeasyPrint draws it from the copy itself. WeasyPrint
    /// names an image in the PDF after its URL; a file URL would carry the
    /// temporary output folder's name, and the PDF would differ per build.
    /// Without it (or when the file cannot be read), the image loads from
    /// `../<path>`, beside the copy in the output folder.
    var embed: (@Sendable (String) -> String?)?

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

    /// - Parameter image: the link is an image's source (`src="…"`), whatever the Markdown said.
    /// A link that leads nowhere in the book keeps its text, with the page's
    /// path in the site as a note when there is one.
    func target(for link: ContentLink, image: Bool = false) -> LinkTarget {
        let isImage = image || link.isImage
        guard let route = link.route else { return .unlinked(note: nil) }
        if let anchor = book.anchors[route] {
            let id = link.fragment.map { anchor.takesFragments ? "\(anchor.id)-\($0)" : anchor.id } ?? anchor.id
            return .url(anchorURL(id))
        }
        let fragment = link.fragment.map { "#\($0)" } ?? ""
        if case .file(let path) = route {
            switch format {
            case .print where isImage && offsite:
                return .url(embed?(path) ?? "../" + path)
            case .print where !offsite:
                return .url("../" + path)
            case .epub where EPUBWriter.mediaType(path) != nil:
                return .url("media/" + path)
            case .epub where isImage:
                // A file type the EPUB cannot carry: the alternative text stays.
                return .unlinked(note: nil)
            case .print, .epub:
                return baseURL.map { .url($0 + path) } ?? .unlinked(note: path)
            }
        }
        if let baseURL { return .url(baseURL + route.path + fragment) }
        switch format {
        case .print where !offsite: return .url("../" + route.path + fragment)
        case .print, .epub: return .unlinked(note: route.path)
        }
    }

    /// The chapter written with this format's link rules: a link that cannot
    /// be followed from the book keeps its text, followed by the page's
    /// path in the site; an image that cannot be shown becomes its
    /// alternative text.
    func write(_ chapter: Handbook.Chapter) -> String {
        var out = ""
        write(chapter, into: &out)
        return out
    }

    /// ``write(_:)`` at the end of `out`, where a book's file is being made
    /// (the chapter is not made as a string of its own first and copied).
    func write(_ chapter: Handbook.Chapter, into out: inout String) {
        let links = chapter.links
        let format = HTMLWriter(
            resolve: { index, isImage in
                guard index >= 0, index < links.count else { return .unlinked(note: nil) }
                return target(for: links[index], image: isImage)
            }, target: { anchorURL($0) })
        chapter.writer(format).write(chapter.body.segments, into: &out)
    }

    /// The file at `contentDirectory/path` as a `data:` URL, or nil when it cannot be read.
    static func dataURL(_ path: String, contentDirectory: String) -> String? {
        guard let data = FileManager.default.contents(atPath: "\(contentDirectory)/\(path)") else { return nil }
        let type: String =
            switch (path as NSString).pathExtension.lowercased() {
            case "bmp": "image/bmp"
            case "tif", "tiff": "image/tiff"
            default: EPUBWriter.mediaType(path) ?? "application/octet-stream"
            }
        return "data:\(type);base64,\(data.base64EncodedString())"
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
