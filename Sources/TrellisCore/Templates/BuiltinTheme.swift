/// The built-in theme's files, embedded in the binary by SwiftPM.
enum BuiltinTheme {
    static let files: [(name: String, bytes: [UInt8])] = [
        ("layout.mustache", PackageResources.layout_mustache),
        ("home.mustache", PackageResources.home_mustache),
        ("modules.mustache", PackageResources.modules_mustache),
        ("module.mustache", PackageResources.module_mustache),
        ("task.mustache", PackageResources.task_mustache),
        ("catalogue.mustache", PackageResources.catalogue_mustache),
        ("practice.mustache", PackageResources.practice_mustache),
        ("page.mustache", PackageResources.page_mustache),
        ("not-found.mustache", PackageResources.not_found_mustache),
        ("practice-card.mustache", PackageResources.practice_card_mustache),
        ("module-card.mustache", PackageResources.module_card_mustache),
        ("facet.mustache", PackageResources.facet_mustache),
        ("related.mustache", PackageResources.related_mustache),
        ("pagination.mustache", PackageResources.pagination_mustache),
        ("practice-form.mustache", PackageResources.practice_form_mustache),
        ("handbook.mustache", PackageResources.handbook_mustache),
        ("trellis.css", PackageResources.trellis_css),
        ("handbook.css", PackageResources.handbook_css),
        ("epub.css", PackageResources.epub_css),
    ]

    /// Progressive enhancement of the catalogue page: combinable filters.
    static let catalogueScript: [UInt8] = Published.script(PackageResources.catalogue_js)
    /// The search box: loads the index on first use.
    static let searchScript: [UInt8] = Published.script(PackageResources.search_js)
    /// The "done" control of task pages and the progress on module pages.
    static let progressScript: [UInt8] = Published.script(PackageResources.progress_js)
}

/// The built-in stylesheet and scripts as sites publish them: without the
/// comments, which are for whoever reads the source (every page loads them,
/// so on a phone every byte counts).
enum Published {
    /// A script without its whole-line `//` comments.
    static func script(_ bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.drop(while: { $0 == " " }).hasPrefix("//")
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// A stylesheet without its `/* … */` comments (a comment's line goes
    /// with it when nothing else is on it); text in quotes is kept as it is.
    static func stylesheet(_ css: String) -> String {
        var out = ""
        var quote: Character?
        var index = css.startIndex
        while index < css.endIndex {
            let character = css[index]
            if let open = quote {
                out.append(character)
                if character == "\\", css.index(after: index) < css.endIndex {
                    index = css.index(after: index)
                    out.append(css[index])
                } else if character == open {
                    quote = nil
                }
            } else if character == "\"" || character == "'" {
                quote = character
                out.append(character)
            } else if character == "/", css[index...].hasPrefix("/*") {
                guard let end = css[index...].range(of: "*/") else { break }
                index = end.upperBound
                // A comment alone on its line takes its line break with it.
                if out.last == "\n" || out.isEmpty, index < css.endIndex, css[index] == "\n" { index = css.index(after: index) }
                continue
            } else {
                out.append(character)
            }
            index = css.index(after: index)
        }
        return out
    }
}
