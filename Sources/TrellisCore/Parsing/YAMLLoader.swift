import Foundation
import Yams

/// Turns YAML text into a mapping, or into diagnostics placed at the
/// author's file line.
enum YAMLLoader {
    /// Aliases a document may use. Front matter needs none; a handful is
    /// generous. Alias "bombs" (an alias of aliases of aliases…) are refused
    /// before they are expanded, in time and memory linear in the text.
    static let aliasBudget = 64

    /// Composes `text` and requires a mapping at the top.
    /// - Parameter lineOffset: lines of the file before the YAML's first line.
    static func mapping(_ text: String, file: SourceFile, lineOffset: Int, what: String) -> Result<Node.Mapping, Diagnostic> {
        if let line = aliasOverflow(text) {
            return .failure(
                .error(
                    "yaml-aliases", at: file.location(line: line + lineOffset),
                    "\(what) uses more than \(aliasBudget) YAML aliases (*name); it is refused",
                    hint: "write the values out instead of repeating them with &anchors and *aliases"))
        }
        let node: Node?
        do {
            // The basic resolver: Trellis reads every value as text and types it
            // itself, so YAML's implicit typing (regular expressions per scalar) is not needed.
            // UTF-8 named here: Yams's default reads the process environment on every call.
            // A constructor with no maps: Trellis never asks Yams for Swift values (`Constructor.default`
            // builds three dictionaries of conversions on every call, and frees them after).
            node = try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, lineOffset: lineOffset, what: what))
        } catch {
            return .failure(
                .error(
                    "yaml-syntax", at: file.location(line: lineOffset + 1), "\(what) is not valid YAML",
                    hint: "\(genericHint) (the YAML reader said: \(error))"))
        }
        guard let node else { return .success(Node.Mapping([])) }
        guard let mapping = node.mapping else {
            let line = (node.mark?.line ?? 1) + lineOffset
            return .failure(
                .error(
                    "yaml-not-mapping", at: file.location(line: line), "\(what) must be a set of 'key: value' lines",
                    hint: node.scalar != nil
                        ? notMappingHint(text) ?? "start each line with a key, e.g. 'title: My module'"
                        : "start each line with a key, e.g. 'title: My module'"))
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
            if byte == 0x0A {
                line += 1
                quote = 0
                previous = 0x20
                continue
            }
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

    static let genericHint = "check indentation and quote text that contains ':' or starts with '[', '{', '*', '&' or '#'"

    private static func diagnostic(for error: YamlError, file: SourceFile, lineOffset: Int, what: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, let yaml),
            .parser(let context, let problem, let mark, let yaml),
            .composer(let context, let problem, let mark, let yaml):
            let explained = YAMLExplainer(text: yaml, lineOffset: lineOffset, what: what)
                .explain(
                    context: context.map { ($0.text, $0.mark.line, $0.mark.column) },
                    problem: problem, line: mark.line, column: mark.column)
            return .error(
                "yaml-syntax", at: file.location(line: explained.line + lineOffset, column: explained.column),
                explained.message, hint: explained.hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let mark = context.mark
            return .error(
                "yaml-duplicate-key", at: file.location(line: mark.line + lineOffset, column: mark.column),
                "\(what) repeats the key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))",
                hint: "keep one of them; YAML keeps only one value per key")
        case .reader(let problem, _, _, _):
            return .error(
                "yaml-syntax", at: file.location(line: lineOffset + 1), "\(what) could not be read",
                hint: "\(genericHint) (the YAML reader said: \(problem))")
        default:
            return .error(
                "yaml-syntax", at: file.location(line: lineOffset + 1), "\(what) is not valid YAML",
                hint: "\(genericHint) (the YAML reader said: \(error))")
        }
    }

    /// A hint for a top-level value that is not a mapping, when a line of
    /// it looks like a key written without the space after its colon.
    static func notMappingHint(_ text: String) -> String? {
        let explainer = YAMLExplainer(text: text, lineOffset: 0, what: "")
        for index in explainer.lines.indices {
            if let key = explainer.keyWithoutSpace(index + 1) { return "write '\(key.fixed)': a key needs a space after its colon" }
        }
        return nil
    }
}

/// Turns what the YAML reader reports (its own terms, at the place where it
/// gave up) into a sentence about the author's text, at the place where
/// the author must act: the tab, the key without a space, the quote or
/// bracket that was opened and never closed, the list item or key at the
/// wrong depth, the value that needs quotes. Looks at the text around the
/// reported place; what it cannot classify keeps the reader's own words at
/// the end of the hint.
struct YAMLExplainer {
    struct Explanation: Equatable {
        /// Line of the YAML text (1-based) and column (1-based, in Unicode scalars, as the reader counts).
        var line: Int
        var column: Int
        var message: String
        var hint: String
    }

    /// The text's lines, as Unicode scalars (columns are counted in scalars).
    let lines: [[Unicode.Scalar]]
    let lineOffset: Int
    let what: String

    init(text: String, lineOffset: Int, what: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        self.lineOffset = lineOffset
        self.what = what
    }

    /// Line `number` (1-based); empty past the end.
    func row(_ number: Int) -> [Unicode.Scalar] {
        number >= 1 && number <= lines.count ? lines[number - 1] : []
    }

    func text(_ scalars: some Collection<Unicode.Scalar>) -> String {
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars)
        return string
    }

    /// The line number the author sees in the file.
    func fileLine(_ line: Int) -> Int { line + lineOffset }

    // MARK: Reading lines

    /// Column (1-based) of the first tab among the line's leading blanks.
    func leadingTab(_ number: Int) -> Int? {
        for (index, scalar) in row(number).enumerated() {
            if scalar == "\t" { return index + 1 }
            if scalar != " " { return nil }
        }
        return nil
    }

    static func isBlank(_ line: [Unicode.Scalar]) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }

    static func isComment(_ line: [Unicode.Scalar]) -> Bool {
        line.first { $0 != " " && $0 != "\t" } == "#"
    }

    /// Index of the first non-blank scalar after any list dashes (`- - key`).
    func contentStart(_ line: [Unicode.Scalar]) -> (index: Int, dash: Int?) {
        var index = 0
        var dash: Int?
        while index < line.count {
            if line[index] == " " {
                index += 1
                continue
            }
            if line[index] == "-", index + 1 == line.count || line[index + 1] == " " {
                if dash == nil { dash = index }
                index += 1
                continue
            }
            break
        }
        return (index, dash)
    }

    /// Column (1-based) of the line's first `- ` list dash, if it is a list item.
    func listDash(_ number: Int) -> Int? {
        contentStart(row(number)).dash.map { $0 + 1 }
    }

    struct KeyLine {
        var key: String
        /// 0-based indexes in the line.
        var keyStart: Int
        var colon: Int
        /// Where the value starts (first non-blank after the colon), if there is one.
        var valueStart: Int?
    }

    static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || scalar == "."
    }

    /// The plain key at the start of the line (after indentation and list dashes)
    /// and the colon right after it; nil if the line does not start that way.
    func keyLine(_ number: Int) -> KeyLine? {
        let scalars = row(number)
        let start = contentStart(scalars).index
        var index = start
        while index < scalars.count, Self.isKeyScalar(scalars[index]) { index += 1 }
        guard index > start, index < scalars.count, scalars[index] == ":" else { return nil }
        let colon = index
        index += 1
        var valueStart: Int?
        if index < scalars.count, scalars[index] != " " && scalars[index] != "\t" {
            valueStart = index
        } else {
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            if index < scalars.count, scalars[index] != "#" { valueStart = index }
        }
        return KeyLine(key: text(scalars[start..<colon]), keyStart: start, colon: colon, valueStart: valueStart)
    }

    /// `key: value` with a space (or nothing) after the colon.
    func properKeyLine(_ number: Int) -> KeyLine? {
        guard let key = keyLine(number) else { return nil }
        let scalars = row(number)
        let next = key.colon + 1
        return next == scalars.count || scalars[next] == " " || scalars[next] == "\t" ? key : nil
    }

    /// `key:value`: a key followed by a colon and text with no space between
    /// (`title:Intro`); not `//` as in an address.
    func keyWithoutSpace(_ number: Int) -> (key: String, column: Int, written: String, fixed: String)? {
        guard let key = keyLine(number), properKeyLine(number) == nil else { return nil }
        let scalars = row(number)
        let rest = scalars[(key.colon + 1)...]
        guard let first = rest.first, first != ":", !(first == "/" && rest.dropFirst().first == "/") else { return nil }
        let value = text(rest).trimmingCharacters(in: .whitespaces)
        return (key.key, key.colon + 2, "\(key.key):\(value)", "\(key.key): \(value)")
    }

    /// The value from `start` to the end of the line, without a trailing comment or blanks.
    func value(_ number: Int, from start: Int) -> String {
        let scalars = row(number)
        guard start < scalars.count else { return "" }
        var end = scalars.count
        var index = start
        while index < scalars.count {
            if scalars[index] == "#", index > start, scalars[index - 1] == " " {
                end = index
                break
            }
            index += 1
        }
        return text(scalars[start..<end]).trimmingCharacters(in: .whitespaces)
    }

    /// `value` in quotes that YAML reads as plain text.
    static func quoted(_ value: String) -> String {
        if !value.contains("\"") { return "\"\(value)\"" }
        return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The nearest line above `number` that holds something (not blank, not a comment).
    func previousContentLine(_ number: Int) -> Int? {
        var index = number - 1
        while index >= 1 {
            let scalars = row(index)
            if !Self.isBlank(scalars) && !Self.isComment(scalars) { return index }
            index -= 1
        }
        return nil
    }

    // MARK: Explaining

    func explain(context: (text: String, line: Int, column: Int)?, problem: String, line: Int, column: Int) -> Explanation {
        if let found = tab(context: context, line: line) { return found }
        if let context, context.text.contains("quoted scalar"), let found = unclosedQuote(line: context.line, column: context.column) { return found }
        if let context, context.text.contains("flow sequence") || context.text.contains("flow mapping"),
            let found = unclosedBracket(line: context.line, column: context.column, problem: problem, context: context.text)
        {
            return found
        }
        if problem.contains("mapping values are not allowed") || problem.contains("could not find expected ':'") {
            if let found = missingSpace(context: context, line: line) { return found }
        }
        if problem.contains("mapping values are not allowed") {
            if let found = colonInValue(line: line, column: column) { return found }
            if let found = indentedUnderValue(line: line) { return found }
        }
        if problem.contains("did not find expected") {
            if let found = listItemDepth(line: line) { return found }
            if let found = quoteRunningInto(line: line) { return found }
            if let found = textAfterQuote(line: line, column: column) { return found }
            if let found = keyDepth(line: line) { return found }
        }
        let detail = [problem, context?.text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        return Explanation(
            line: line, column: column, message: "\(what) is not valid YAML",
            hint: "\(YAMLLoader.genericHint) (the YAML reader said: \(detail))")
    }

    /// A tab in the indentation of a line from where the reader started the
    /// failing part up to where it gave up. YAML forbids tabs there.
    func tab(context: (text: String, line: Int, column: Int)?, line: Int) -> Explanation? {
        let first = max(1, min(context?.line ?? line, line))
        for number in stride(from: min(line, lines.count), through: first, by: -1) {
            if let column = leadingTab(number) {
                return Explanation(
                    line: number, column: column,
                    message: "this line is indented with a tab; YAML allows only spaces for indentation",
                    hint: "replace the tab with spaces (two per level is usual); most editors can insert spaces when you press Tab")
            }
        }
        return nil
    }

    /// `title:Intro`: the key is not read as a key without the space, so the
    /// reader fails on that line or a later one. Looks from the reported line
    /// up to the line where the failing part began.
    func missingSpace(context: (text: String, line: Int, column: Int)?, line: Int) -> Explanation? {
        var candidates: [Int] = []
        if let context { candidates.append(context.line) }
        var number = min(line, lines.count)
        while number >= 1 {
            candidates.append(number)
            if number != line, properKeyLine(number) != nil { break }
            number -= 1
        }
        for number in candidates {
            if let found = keyWithoutSpace(number) {
                return Explanation(
                    line: number, column: found.column,
                    message: "'\(found.written)' needs a space after the colon to be read as the key '\(found.key)'",
                    hint: "write '\(found.fixed)'")
            }
        }
        return nil
    }

    /// `title: Module: an intro`: a `: ` inside an unquoted value.
    func colonInValue(line: Int, column: Int) -> Explanation? {
        guard let key = properKeyLine(line), let start = key.valueStart, column - 1 > start else { return nil }
        let scalars = row(line)
        guard scalars[start] != "\"", scalars[start] != "'", scalars[start] != "[", scalars[start] != "{" else { return nil }
        let written = value(line, from: start)
        return Explanation(
            line: line, column: start + 1,
            message: "the value of '\(key.key)' contains ': ', which YAML reads as the start of another key",
            hint: "put the value in quotes: \(key.key): \(Self.quoted(written))")
    }

    /// A key indented under a key that already has a value on its line.
    func indentedUnderValue(line: Int) -> Explanation? {
        guard let key = properKeyLine(line), let above = previousContentLine(line), let parent = properKeyLine(above),
            parent.valueStart != nil, parent.keyStart < key.keyStart
        else { return nil }
        return Explanation(
            line: line, column: key.keyStart + 1,
            message: "'\(key.key)' is indented under '\(parent.key)', which already has a value",
            hint: "start '\(key.key)' in column \(parent.keyStart + 1), like '\(parent.key)' on line \(fileLine(above))")
    }

    /// The opening quote of a quoted value that never ends.
    func unclosedQuote(line: Int, column: Int) -> Explanation? {
        let scalars = row(line)
        guard column >= 1, column <= scalars.count else { return nil }
        let quote = scalars[column - 1]
        guard quote == "\"" || quote == "'" else { return nil }
        let rest = value(line, from: column).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        var example = "\(quote)\(rest)\(quote)"
        if let key = properKeyLine(line), key.valueStart == column - 1 { example = "\(key.key): " + example }
        let inside = quote == "\"" ? "write \\\" for a \" inside the text" : "write '' for a ' inside the text"
        return Explanation(
            line: line, column: column,
            message: "the quote \(quote) opened here is never closed",
            hint: "end the value with \(quote) on the same line: \(example); \(inside)")
    }

    /// The `[` or `{` of a list or mapping written on one line, never closed.
    func unclosedBracket(line: Int, column: Int, problem: String, context: String) -> Explanation? {
        let scalars = row(line)
        guard column >= 1, column <= scalars.count else { return nil }
        let open = scalars[column - 1]
        guard open == "[" || open == "{" else { return nil }
        let close: Unicode.Scalar = open == "[" ? "]" : "}"
        var depth = 0
        var quote: Unicode.Scalar?
        for scalar in scalars[(column - 1)...] {
            if let current = quote {
                if scalar == current { quote = nil }
                continue
            }
            switch scalar {
            case "\"", "'": quote = scalar
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
        }
        let kind = open == "[" ? "list" : "mapping"
        if depth > 0 {
            var example = value(line, from: column - 1) + String(close)
            if let key = properKeyLine(line), key.valueStart == column - 1 { example = "\(key.key): " + example }
            return Explanation(
                line: line, column: column,
                message: "the '\(open)' opened here is never closed",
                hint: "end the \(kind) with '\(close)' on the same line: \(example)")
        }
        return Explanation(
            line: line, column: column,
            message: "the \(kind) in '\(open) \(close)' that starts here cannot be read",
            hint:
                "separate the items with ', ' and put items that contain ':', ',', '[', ']', '{' or '}' in quotes (the YAML reader said: \(problem), \(context))"
        )
    }

    /// A `- ` item that is not in the column of the items above it.
    func listItemDepth(line: Int) -> Explanation? {
        guard let dash = listDash(line) else { return nil }
        var number = line - 1
        while number >= 1 {
            if let other = listDash(number), other != dash {
                return Explanation(
                    line: line, column: dash,
                    message: "this list item starts in column \(dash), but the item on line \(fileLine(number)) starts in column \(other)",
                    hint:
                        "start every '- ' of one list in the same column (column \(other) here); a list inside an item goes under a key that ends in ':'"
                )
            }
            if listDash(number) == nil, let key = properKeyLine(number), key.keyStart + 1 < dash, key.valueStart == nil {
                break
            }
            number -= 1
        }
        return nil
    }

    /// `title: "A` with the quote never closed: YAML reads the next lines
    /// into the value, up to the next quote, which is most often the opening
    /// quote of a later value (`organisation: "B"`), and fails on the text
    /// after it. The quote to close is the one on the earlier line; found
    /// when the quote that ends the value on `line` stands where that line's
    /// own value starts (a value written over two lines on purpose ends
    /// after its text, not there).
    func quoteRunningInto(line: Int) -> Explanation? {
        var open: (line: Int, column: Int, quote: Unicode.Scalar)?
        for number in 1...max(1, min(line, lines.count)) {
            let scalars = row(number)
            var index = 0
            if open == nil {
                guard number < line, let start = properKeyLine(number)?.valueStart, scalars[start] == "\"" || scalars[start] == "'" else {
                    continue
                }
                open = (number, start + 1, scalars[start])
                index = start + 1
            }
            while let current = open, index < scalars.count {
                let scalar = scalars[index]
                if current.quote == "\"", scalar == "\\" {
                    index += 2
                    continue
                }
                if scalar == current.quote {
                    if current.quote == "'", index + 1 < scalars.count, scalars[index + 1] == "'" {
                        index += 2
                        continue
                    }
                    if number == line {
                        return properKeyLine(line)?.valueStart == index ? unclosedQuote(line: current.line, column: current.column) : nil
                    }
                    open = nil
                }
                index += 1
            }
        }
        return nil
    }

    /// `title: "A" b`: text after the closing quote of a quoted value.
    func textAfterQuote(line: Int, column: Int) -> Explanation? {
        guard let key = properKeyLine(line), let start = key.valueStart, column - 1 > start else { return nil }
        let scalars = row(line)
        guard scalars[start] == "\"" || scalars[start] == "'" else { return nil }
        return Explanation(
            line: line, column: column,
            message: "the quoted value of '\(key.key)' is followed by more text",
            hint: "put the whole value inside the quotes; write \\\" for a \" inside double quotes, or use single quotes around text that contains \""
        )
    }

    /// A key that is not lined up with the keys above it.
    func keyDepth(line: Int) -> Explanation? {
        guard let key = keyLine(line) else { return nil }
        var number = line - 1
        while number >= 1 {
            if let other = keyLine(number), other.keyStart != key.keyStart {
                let extra = listDash(number) != nil || listDash(line - 1) != nil ? ", or start it with '- ' if it is a new list item" : ""
                return Explanation(
                    line: line, column: key.keyStart + 1,
                    message: "'\(key.key)' starts in column \(key.keyStart + 1), which lines it up with no key above it",
                    hint:
                        "keys of one mapping start in the same column: move '\(key.key)' to column \(other.keyStart + 1), like '\(other.key)' on line \(fileLine(number))\(extra)"
                )
            }
            number -= 1
        }
        return nil
    }
}
