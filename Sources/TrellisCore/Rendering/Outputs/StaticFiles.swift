/// Files that need no rendering: the stylesheets and scripts of the theme,
/// and a copy of every media file.
enum StaticFiles: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        let theme = renderer.theme
        func file(_ path: String, _ what: String, _ content: Artifact.Content, sources: Set<String> = []) -> PlannedOutput {
            PlannedOutput(path, what, sources: sources, make: .file(Artifact(path: path, content: content)))
        }
        var outputs = [
            // The built-in stylesheet without its comments; a site's own as it wrote it.
            file(
                Route.asset("trellis.css").path, "the stylesheet",
                .text(theme.overridden.contains("trellis.css") ? theme.stylesheet : Published.stylesheet(theme.stylesheet))),
            file(Route.asset("catalogue.js").path, "the catalogue script", .bytes(BuiltinTheme.catalogueScript)),
            file(Route.asset("search.js").path, "the search script", .bytes(BuiltinTheme.searchScript)),
            file(Route.asset("progress.js").path, "the progress script", .bytes(BuiltinTheme.progressScript)),
        ]
        if !renderer.handbookIDs.isEmpty {
            outputs.append(file(Route.asset("handbook.css").path, "the handbook stylesheet", .text(theme.styles["handbook.css"] ?? "")))
        }
        let site = renderer.site
        for media in site.media {
            outputs.append(
                PlannedOutput(
                    media.relativePath, "the media file", sources: [], origin: media.location(),
                    make: .file(Artifact(path: media.relativePath, content: .copy(from: "\(site.contentDirectory)/\(media.relativePath)")))))
        }
        return outputs
    }
}
