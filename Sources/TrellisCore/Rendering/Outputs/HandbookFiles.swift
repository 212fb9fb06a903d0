/// The handbooks: per module a participant and a facilitator edition, and
/// the catalogue book, each as print HTML and EPUB (and the HTML WeasyPrint
/// reads for the PDF, when PDFs are asked for). The most expensive outputs,
/// so they are planned first.
enum HandbookFiles: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        let ids = renderer.handbookIDs
        var outputs: [PlannedOutput] = []
        for index in ids.indices.reversed() {
            let id = ids[index]
            outputs.append(
                PlannedOutput(
                    "handbooks/\(id).epub", "the e-book", sources: nil,
                    make: .render { renderer throws(RenderFailure) in
                        try renderer.handbookEPUB(index)
                    }))
            outputs.append(
                PlannedOutput(
                    "handbooks/\(id).html", "the print handbook", sources: nil,
                    make: .render { renderer throws(RenderFailure) in
                        renderer.handbookHTML(index, forPDF: false)
                    }))
        }
        if renderer.handbookFormats.contains("pdf") {
            for index in ids.indices {
                outputs.append(
                    PlannedOutput(
                        SiteRenderer.pdfSource(ids[index]), "the handbook for the PDF", sources: nil,
                        make: .render { renderer throws(RenderFailure) in renderer.handbookHTML(index, forPDF: true) }))
            }
        }
        return outputs
    }
}

extension SiteRenderer {
    func handbookHTML(_ index: Int, forPDF: Bool) -> Artifact {
        let book = books[index].get
        let html = HandbookRenderer(
            theme: theme, siteTitle: site.config.title, baseURL: site.config.baseURL,
            contentDirectory: site.contentDirectory
        ).printHTML(book, forPDF: forPDF)
        return Artifact(path: forPDF ? Self.pdfSource(book.id) : "handbooks/\(book.id).html", content: .text(html))
    }

    /// The EPUB, or a failure that stops the build: never a file in its place.
    func handbookEPUB(_ index: Int) throws(RenderFailure) -> Artifact {
        let book = books[index].get
        let path = "handbooks/\(book.id).epub"
        let writer = EPUBWriter(
            siteTitle: site.config.title, baseURL: site.config.baseURL,
            contentDirectory: site.contentDirectory, stylesheet: theme.styles["epub.css"] ?? "")
        do {
            return Artifact(path: path, content: .bytes(try writer.epub(book)))
        } catch {
            throw RenderFailure(path: path, reason: .epub("\(error)"))
        }
    }
}
