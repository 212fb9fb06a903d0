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

    /// Converts `root/<name>.pdf.html` to `root/<name>.pdf` for each path,
    /// then removes the source.
    static func convert(_ htmlPaths: [String], root: String) throws(OutputError) {
        guard let weasyprint = executable() else { throw missingError }
        let failures = htmlPaths.parallelMap { path -> String? in
            let input = "\(root)/\(path)"
            let output = String(input.dropLast(".pdf.html".count)) + ".pdf"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: weasyprint)
            process.arguments = ["--quiet", "--base-url", (input as NSString).deletingLastPathComponent + "/", input, output]
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
                return "\(path): cannot start WeasyPrint: \(error)"
            }
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                return "\(path): WeasyPrint failed: \(String(decoding: message.suffix(600), as: UTF8.self))"
            }
            unlink(input)
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first {
            throw OutputError(message: failure, hint: "the previous output is unchanged")
        }
    }
}
