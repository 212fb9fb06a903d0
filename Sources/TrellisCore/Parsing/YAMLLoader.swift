import Yams

/// Turns YAML text into a mapping, or into diagnostics placed at the
/// author's file line.
enum YAMLLoader {
    /// Composes `text` and requires a mapping at the top.
    /// - Parameter lineOffset: lines of the file before the YAML's first line.
    /// Aliases a document may use. Front matter needs none; a handful is
    /// generous. Alias "bombs" (an alias of aliases of aliases…) are refused
    /// before they are expanded, in time and memory linear in the text.
    static let aliasBudget = 64

    static func mapping(_ text: String, file: SourceFile, lineOffset: Int, what: String) -> Result<Node.Mapping, Diagnostic> {
        if let line = aliasOverflow(text) {
            return .failure(.error("yaml-aliases", at: file.location(line: line + lineOffset),
                                   "\(what) uses more than \(aliasBudget) YAML aliases (*name); it is refused",
                                   hint: "write the values out instead of repeating them with &anchors and *aliases"))
        }
        let node: Node?
        do {
            // The basic resolver: Trellis reads every value as text and types it
            // itself, so YAML's implicit typing (regular expressions per scalar) is not needed.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, lineOffset: lineOffset, what: what))
        } catch {
            return .failure(.error("yaml-syntax", at: file.location(line: lineOffset + 1), "\(what) is not valid YAML: \(error)"))
        }
        guard let node else { return .success(Node.Mapping([])) }
        guard let mapping = node.mapping else {
            let line = (node.mark?.line ?? 1) + lineOffset
            return .failure(.error("yaml-not-mapping", at: file.location(line: line), "\(what) must be a set of 'key: value' lines",
                                   hint: "start each line with a key, e.g. 'title: My module'"))
        }
        return .success(mapping)
    }

    /// The line where the alias budget is exceeded, if it is. Counts `*name`
    /// tokens outside quotes and comments (a cheap over-estimate is fine:
    /// ordinary front matter has no aliases at all).
    static func aliasOverflow(_ text: String) -> Int? {
        guard text.utf8.contains(UInt8(ascii: "&")) || text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var count = 0
        var line = 1
        var previous: UInt8 = 0x20
        var quote: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A { line += 1; quote = 0; previous = 0x20; continue }
            if quote != 0 {
                if byte == quote { quote = 0 }
                previous = byte
                continue
            }
            if byte == 0x22 || byte == 0x27, previous == 0x20 || previous == 0x3A || previous == 0x5B || previous == 0x2C { quote = byte }
            if byte == 0x2A, previous == 0x20 || previous == 0x5B || previous == 0x2C || previous == 0x7B || previous == 0x3A || previous == 0x2D {
                count += 1
                if count > aliasBudget { return line }
            }
            previous = byte
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, file: SourceFile, lineOffset: Int, what: String) -> Diagnostic {
        let hint = "check indentation and quote text that contains ':' or starts with '[', '{', '*', '&' or '#'"
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return .error("yaml-syntax", at: file.location(line: mark.line + lineOffset, column: mark.column),
                          "\(what) is not valid YAML: \(detail)", hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let mark = context.mark
            return .error("yaml-duplicate-key", at: file.location(line: mark.line + lineOffset, column: mark.column),
                          "\(what) repeats the key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))",
                          hint: "keep one of them; YAML keeps only one value per key")
        case .reader(let problem, _, _, _):
            return .error("yaml-syntax", at: file.location(line: lineOffset + 1), "\(what) could not be read: \(problem)", hint: hint)
        default:
            return .error("yaml-syntax", at: file.location(line: lineOffset + 1), "\(what) is not valid YAML: \(error)", hint: hint)
        }
    }
}
