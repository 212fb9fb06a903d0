import Foundation

/// The handbooks: per module a participant and a facilitator edition, and
/// the catalogue book, each as print HTML and EPUB, and as PDF when PDFs are
/// asked for. The most expensive outputs, so they are planned first; each is
/// made once (``SiteRenderer/handbookFiles``), also when a page that links to
/// it asks its size first.
enum HandbookFiles: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        let what = ["pdf": "the PDF handbook", "html": "the print handbook", "epub": "the e-book"]
        var outputs: [PlannedOutput] = []
        var last: [PlannedOutput] = []
        // PDFs first: WeasyPrint takes the longest. The catalogue book first too, but its formats
        // one after another, not side by side: at thousands of practices, its HTML and its EPUB
        // being made at once was the build's peak of memory.
        for format in ["pdf", "epub", "html"] where renderer.handbookFormats.contains(format) {
            for id in renderer.handbookIDs.reversed() {
                let path = SiteRenderer.handbookPath(id, format)
                let output = PlannedOutput(
                    path, what[format] ?? "a handbook", sources: nil,
                    make: .render { renderer throws(RenderFailure) in try renderer.handbookFile(path) })
                if id == "catalogue" && format == "html" { last.append(output) } else { outputs.append(output) }
            }
        }
        return outputs + last
    }

    /// One handbook in one format.
    /// `previous` opens the previous build's e-book at this path, whose
    /// unchanged entries are reused (opened only while the e-book is written).
    static func make(
        _ book: Handbook, format: String, site: Site, theme: Theme, strings: Strings, previous: @escaping @Sendable () -> PreviousArchive? = { nil }
    ) throws(RenderFailure) -> Artifact {
        let path = SiteRenderer.handbookPath(book.id, format)
        func printHTML(forPDF: Bool) -> String { Self.printHTML(book, forPDF: forPDF, site: site, theme: theme, strings: strings) }
        switch format {
        case "epub":
            let writer = EPUBWriter(
                siteTitle: site.config.title, baseURL: site.config.baseURL,
                contentDirectory: site.contentDirectory, stylesheet: theme.styles["epub.css"] ?? "", strings: strings)
            // A book whose chapters are made as they are written (the catalogue's) is written to disk
            // as it is compressed; a module's, small, is made whole and kept until its output takes it.
            if book.makesChaptersWhenWritten {
                return Artifact(
                    path: path,
                    content: .stream(
                        ByteStream { emit throws(OutputError) in
                            do {
                                try writer.epub(book, reusing: previous(), emit)
                            } catch {
                                throw RenderFailure(path: path, reason: .epub("\(error)")).outputError
                            }
                        }))
            }
            do {
                return Artifact(path: path, content: .bytes(try writer.epub(book, reusing: previous())))
            } catch {
                throw RenderFailure(path: path, reason: .epub("\(error)"))
            }
        case "pdf":
            do throws(OutputError) {
                let pdf = try PDFConverter.pdf(html: printHTML(forPDF: true), stylesheet: theme.styles["handbook.css"] ?? "")
                return Artifact(path: path, content: .bytes(pdf))
            } catch {
                throw RenderFailure(path: path, reason: .pdf(error.message))
            }
        default:
            return Artifact(path: path, content: .stream(Self.printHTMLStream(book, site: site, theme: theme, strings: strings)))
        }
    }
}

extension HandbookFiles {
    /// The print edition's HTML as published, written to disk a megabyte or
    /// so at a time as its chapters are written: the catalogue book's is
    /// hundreds of megabytes at 100,000 practices, and is never held whole.
    static func printHTMLStream(_ book: Handbook, site: Site, theme: Theme, strings: Strings) -> ByteStream {
        let renderer = HandbookRenderer(
            theme: theme, siteTitle: site.config.title, baseURL: site.config.baseURL, contentDirectory: site.contentDirectory, strings: strings)
        return ByteStream { emit in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            renderer.printHTML(book) { piece in
                var piece = piece
                piece.withUTF8 { buffer.append(contentsOf: $0) }
                buffer.drain(emit)
            }
            buffer.drain(over: 0, emit)
        }
    }

    /// The print edition's HTML: as published, or as WeasyPrint reads it for the PDF.
    static func printHTML(_ book: Handbook, forPDF: Bool, site: Site, theme: Theme, strings: Strings) -> String {
        HandbookRenderer(
            theme: theme, siteTitle: site.config.title, baseURL: site.config.baseURL, contentDirectory: site.contentDirectory, strings: strings
        ).printHTML(book, forPDF: forPDF)
    }
}

/// File sizes as download links give them: "800 bytes", "64 KB", "1.2 MB".
enum FileSize {
    static func label(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) bytes" }
        let kilobytes = Double(bytes) / 1024
        if kilobytes < 999.5 { return "\(max(1, Int(kilobytes.rounded()))) KB" }
        let megabytes = kilobytes / 1024
        return megabytes < 9.95
            ? String(format: "%.1f MB", megabytes) : "\(Int(megabytes.rounded())) MB"
    }
}
