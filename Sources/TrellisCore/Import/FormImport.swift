import Foundation

/// `trellis import`: reads filled-in forms and writes practice files into a
/// content folder, never overwriting one unless asked.
public enum FormImport {
    public struct Outcome: Sendable {
        public var source: String
        public var written: String?
        public var result: PracticeImporter.Result?
        public var error: String?
        /// What the user can do about `error`.
        public var hint: String? = nil
    }

    /// Reads the practice template from `content/site.yml` when there is one.
    public static func template(content: String) -> (PracticeTemplate, [Diagnostic]) {
        let (config, diagnostics) = siteConfig(content: content)
        return (config.practiceTemplate, diagnostics)
    }

    /// Reads `content/site.yml` (its template and vocabularies) when there is one.
    public static func siteConfig(content: String) -> (SiteConfig, [Diagnostic]) {
        let path = "\(content)/site.yml"
        guard let data = FileManager.default.contents(atPath: path) else { return (SiteConfig(title: ""), []) }
        let file = SourceFile(relativePath: "site.yml", displayPath: path)
        switch SourceText.decode([UInt8](data), file: file) {
        case .success(let text):
            let (config, diagnostics) = SiteConfig.load(text: text, file: file)
            return (config, diagnostics.filter { $0.severity == .error })
        case .failure(let diagnostic):
            return (SiteConfig(title: ""), [diagnostic])
        }
    }

    public static func read(_ path: String) throws -> FilledForm {
        let url = URL(fileURLWithPath: path)
        switch url.pathExtension.lowercased() {
        case "docx":
            return try DocxFormReader.read(url)
        case "txt", "text", "md":
            guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read \(path)") }
            let file = SourceFile(relativePath: url.lastPathComponent, displayPath: path)
            switch SourceText.decode([UInt8](data), file: file) {
            case .success(let text): return TextFormReader.read(text)
            case .failure(let diagnostic): throw ImportError(diagnostic.message)
            }
        case "doc":
            throw ImportError("old Word documents (.doc) cannot be read; open the file and save it as .docx")
        default:
            throw ImportError("Trellis imports .docx forms and their plain-text (.txt) export")
        }
    }

    public struct ImportError: Error, CustomStringConvertible {
        public var description: String
        public var hint: String?
        init(_ text: String, hint: String? = nil) {
            description = text
            self.hint = hint
        }
    }

    /// Imports each form; stops at nothing, reports each file's outcome.
    public static func run(forms: [String], content: String, force: Bool) -> [Outcome] {
        let (config, _) = siteConfig(content: content)
        let importer = PracticeImporter(template: config.practiceTemplate, sectors: config.vocabularies.sectors)
        var claimed: Set<String> = []
        return forms.map { path in
            do {
                let form = try read(path)
                let fallback = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                var result = importer.convert(form, fallbackTitle: fallback)
                var id = result.id
                var n = 2
                while claimed.contains(id) {
                    id = "\(result.id)-\(n)"
                    n += 1
                }
                claimed.insert(id)
                result.id = id
                let folder = "\(content)/practices"
                let target = "\(folder)/\(id).md"
                if FileManager.default.fileExists(atPath: target) && !force {
                    return Outcome(
                        source: path, written: nil, result: result,
                        error: "\(target) already exists; pass --force to replace it")
                }
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(result.markdown.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
                return Outcome(source: path, written: target, result: result, error: nil)
            } catch let failure as DocxFormReader.Failure {
                return Outcome(source: path, written: nil, result: nil, error: failure.description, hint: failure.hint)
            } catch let failure as ImportError {
                return Outcome(source: path, written: nil, result: nil, error: failure.description, hint: failure.hint)
            } catch {
                return Outcome(source: path, written: nil, result: nil, error: "\(error)")
            }
        }
    }
}
