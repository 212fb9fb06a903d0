import Foundation

/// Renders print-ready handbook HTML to PDF with WeasyPrint, which
/// implements CSS Paged Media (page counters, `target-counter()`, running
/// headers). Runs one WeasyPrint per handbook, on all cores.
public enum PDFConverter {
    public static let package = "weasyprint"

    /// The WeasyPrint executable on the PATH, if installed.
    public static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/weasyprint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public static var missingError: OutputError {
        OutputError(
            message: "PDF handbooks need WeasyPrint, which is not installed",
            hint: "install the Debian package '\(package)' (sudo apt-get install \(package)), or build without --pdf")
    }

    /// The PDF of one print handbook. WeasyPrint reads the HTML from a
    /// private temporary folder, with the stylesheet where the HTML links it
    /// (`../assets/handbook.css`); images are in the HTML itself. The PDF's
    /// dates are fixed, so the same handbook gives the same bytes.
    static func pdf(html: String, stylesheet: String) throws(OutputError) -> [UInt8] {
        guard let weasyprint = executable() else { throw missingError }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-pdf-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = "\(folder)/handbooks/book.html"
        let output = "\(folder)/handbooks/book.pdf"
        do {
            try FileManager.default.createDirectory(atPath: "\(folder)/handbooks", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: "\(folder)/assets", withIntermediateDirectories: true)
            try Data(html.utf8).write(to: URL(fileURLWithPath: input))
            try Data(stylesheet.utf8).write(to: URL(fileURLWithPath: "\(folder)/assets/handbook.css"))
        } catch {
            throw OutputError(.pdf, .system(0), message: "cannot prepare the handbook for WeasyPrint: \(error)", hint: nil)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weasyprint)
        process.arguments = ["--quiet", "--base-url", "\(folder)/handbooks/", input, output]
        var environment = ProcessInfo.processInfo.environment
        // Fixed creation dates: the same handbook gives the same PDF.
        environment["SOURCE_DATE_EPOCH"] = "946684800"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw OutputError(.pdf, .system(0), message: "cannot start WeasyPrint: \(error)", hint: nil)
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output) else {
            throw OutputError(
                .pdf, .system(0), message: "WeasyPrint failed: \(String(decoding: message.suffix(600), as: UTF8.self))", hint: nil)
        }
        return [UInt8](data)
    }
}
