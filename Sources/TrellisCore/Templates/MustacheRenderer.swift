/// The theme's templates, parsed once into nodes and rendered against typed
/// views (``TemplateValue``).
///
/// swift-mustache stays the reference: it reads every template first (its
/// errors are the ones authors see) and renders any theme this renderer
/// does not take (``MustacheProgram/Unsupported``). This renderer follows
/// its parser and renderer rule for rule — which tags stand alone on a line,
/// how partials indent, what is true in a section, how names are looked up
/// through the open sections, which transforms exist — and
/// `TemplateEngineTests` builds sites with both and compares every byte.
/// What it saves is the work swift-mustache does on every tag: splitting the
/// name, and casting `Any` to one protocol after another.
struct MustacheProgram: Sendable {
    /// Templates by name (without `.mustache`).
    let templates: [String: [MustacheNode]]

    /// A construct this renderer leaves to swift-mustache (inheritance,
    /// custom delimiters, pragmas, dynamic partials), or text it cannot read.
    struct Unsupported: Error {
        var reason: String
    }

    init(sources: [String: String]) throws {
        var templates: [String: [MustacheNode]] = [:]
        for (name, text) in sources {
            var parser = MustacheParser(text)
            templates[name] = try parser.parseTemplate()
        }
        self.templates = templates
    }

    /// Whether the template `name`, or a partial it renders, asks for a
    /// field called `field` anywhere (at any depth of a dotted name): a
    /// page can leave out a list no template of the theme reads.
    func mentions(_ field: String, in name: String) -> Bool {
        var seen: Set<String> = []
        func search(_ nodes: [MustacheNode]) -> Bool {
            for node in nodes {
                switch node {
                case .text: continue
                case .variable(let path, _): if path.names.contains(field) { return true }
                case .section(let path, _, let body): if path.names.contains(field) || search(body) { return true }
                case .partial(let partial, _):
                    guard seen.insert(partial).inserted, let nodes = templates[partial] else { continue }
                    if search(nodes) { return true }
                }
            }
            return false
        }
        seen.insert(name)
        return search(templates[name] ?? [])
    }

    /// Results shorter than this are copied into a string of their own size.
    static let fittedBelow = 4 * 1024

    /// Renders the template `name` with `root` as the outermost frame.
    func render(_ name: String, _ root: any TemplateFields) -> String {
        guard let nodes = templates[name] else { return "" }
        var renderer = MustacheRenderer(templates: templates, stack: [.view(root)])
        renderer.render(nodes, position: nil, indentation: nil)
        return Self.fitted(renderer.out)
    }

    /// The renderer reserves room for a page. A short result, such as a
    /// card that every facet page reuses, gets a string of its own size:
    /// otherwise each of 100,000 cards would keep 16 KB for half a kilobyte.
    /// (A page is written and let go, and is not copied: copying every page
    /// under 16 KB was 2% of a build.)
    static func fitted(_ text: String) -> String {
        var text = text
        guard text.utf8.count < fittedBelow else { return text }
        return text.withUTF8 { String(decoding: $0, as: UTF8.self) }
    }
}

/// Where a name is looked up.
struct MustachePath: Sendable, Equatable {
    enum Origin: Sendable, Equatable {
        /// `.`: the innermost frame.
        case current
        /// `first()`, `index()`…: the position in the list being iterated.
        case position
        /// `.name`: the innermost frame only.
        case innermost([String])
        /// `name` or `a.b`: the first frame with the first name, outward.
        case frames([String])
    }

    // Constants: `single` is worked out from them once, when the path is read.
    let origin: Origin
    /// In the order they apply (innermost call first).
    let transforms: [String]
    /// The name, when the path is one name looked up through the frames with
    /// no transform (`{{title}}`, most tags): resolved without going through
    /// the arrays of names and transforms.
    let single: String?

    /// The field names the path reads, in order.
    var names: [String] {
        switch origin {
        case .current, .position: []
        case .innermost(let names), .frames(let names): names
        }
    }

    /// swift-mustache's reading of a tag name and its transforms.
    init(name: String, transforms: [String]) {
        self.transforms = transforms.reversed()
        var single: String?
        if name == "." {
            origin = .current
        } else if name.isEmpty, !transforms.isEmpty {
            origin = .position
        } else if name.first == "." {
            origin = .innermost(name.split(separator: ".").map(String.init))
        } else {
            let names = name.split(separator: ".").map(String.init)
            origin = .frames(names)
            if names.count == 1, transforms.isEmpty { single = names[0] }
        }
        self.single = single
    }
}

indirect enum MustacheNode: Sendable {
    case text(String)
    case variable(MustachePath, escaped: Bool)
    case section(MustachePath, inverted: Bool, [MustacheNode])
    /// `indentation` is set for a partial alone on its line: every line it
    /// renders gets it.
    case partial(String, indentation: String?)
}

/// Where an iteration is: what `first()`, `last()`, `index()`, `even()`
/// and `odd()` read.
struct ListPosition {
    var first: Bool
    var last: Bool
    var index: Int

    func value(_ transform: String) -> TemplateValue {
        switch transform {
        case "first": .flag(first)
        case "last": .flag(last)
        case "index": .number(index)
        case "even": .flag(index & 1 == 0)
        case "odd": .flag(index & 1 == 1)
        default: .none
        }
    }
}

struct MustacheRenderer {
    /// Room reserved for the output at the start: most pages fit.
    static let reservedCapacity = 16 * 1024
    let templates: [String: [MustacheNode]]
    /// The open frames, outermost first.
    var stack: [TemplateValue]
    var out = ""

    init(templates: [String: [MustacheNode]], stack: [TemplateValue]) {
        self.templates = templates
        self.stack = stack
        out.reserveCapacity(Self.reservedCapacity)
    }

    /// Renders `nodes` where the output goes. With an indentation (a
    /// standalone partial), swift-mustache indents a node's output when the
    /// text this call has written so far ends a line; so does this.
    mutating func render(_ nodes: [MustacheNode], position: ListPosition?, indentation: String?) {
        guard let indentation, !indentation.isEmpty else {
            for node in nodes { render(node, position: position, indentation: indentation) }
            return
        }
        var outer = ""
        swap(&outer, &out)
        var local = ""
        for node in nodes {
            render(node, position: position, indentation: indentation)
            guard !out.isEmpty else { continue }
            if local.last == "\n" { local += indentation }
            local += out
            out.removeAll(keepingCapacity: true)
        }
        swap(&outer, &out)
        out += local
    }

    private mutating func render(_ node: MustacheNode, position: ListPosition?, indentation: String?) {
        switch node {
        case .text(let text):
            out += text
        case .variable(let path, let escaped):
            guard let text = resolve(path, position).interpolated() else { return }
            out += escaped ? HTML.escape(text) : text
        case .section(let path, let inverted, let body):
            let value = resolve(path, position)
            if inverted {
                switch value {
                case .list(let list):
                    guard list.elementCount == 0 else { return }
                    stack.append(value)
                    render(body, position: nil, indentation: indentation)
                    stack.removeLast()
                case .flag(let flag):
                    if !flag { render(body, position: position, indentation: indentation) }
                case .none:
                    render(body, position: position, indentation: indentation)
                case .text, .number, .view:
                    return
                }
            } else {
                switch value {
                case .list(let list):
                    let count = list.elementCount
                    for index in 0..<count {
                        stack.append(list.element(at: index))
                        render(body, position: ListPosition(first: index == 0, last: index == count - 1, index: index), indentation: indentation)
                        stack.removeLast()
                    }
                case .flag(let flag):
                    if flag { render(body, position: position, indentation: indentation) }
                case .none:
                    return
                case .text, .number, .view:
                    stack.append(value)
                    render(body, position: nil, indentation: indentation)
                    stack.removeLast()
                }
            }
        case .partial(let name, let own):
            guard let nodes = templates[name] else { return }
            let combined = own.map { (indentation ?? "") + $0 } ?? indentation
            render(nodes, position: nil, indentation: combined)
        }
    }

    /// The value a path names, its transforms applied.
    private func resolve(_ path: MustachePath, _ position: ListPosition?) -> TemplateValue {
        if let name = path.single { return field(name) }
        var transforms = path.transforms[...]
        var value: TemplateValue
        switch path.origin {
        case .current:
            value = stack.last ?? .none
        case .position:
            guard let position, let first = transforms.popFirst() else { return .none }
            value = position.value(first)
        case .innermost(let names):
            value = Self.lookup(names[...], in: stack.last ?? .none)
        case .frames(let names):
            guard let first = names.first else {
                value = stack.last ?? .none
                break
            }
            value = Self.lookup(names.dropFirst(), in: field(first))
        }
        for transform in transforms {
            if case .none = value { return .none }
            value = value.transformed(transform)
        }
        return value
    }

    /// The field `name` of the innermost frame that has it.
    private func field(_ name: String) -> TemplateValue {
        // Frames are asked where they lie (``TemplateValue/field(_:)``), not copied out first.
        stack.withUnsafeBufferPointer { frames -> TemplateValue in
            var index = frames.count
            while index > 0 {
                index -= 1
                let found = frames[index].field(name)
                if case .none = found { continue }
                return found
            }
            return .none
        }
    }

    private static func lookup(_ names: ArraySlice<String>, in start: TemplateValue) -> TemplateValue {
        var value = start
        for name in names {
            value = value.field(name)
            if case .none = value { return .none }
        }
        return value
    }
}

/// swift-mustache's parser, rule for rule, for the tags this renderer takes:
/// text, `{{name}}`, `{{{name}}}` and `{{&name}}`, sections, inverted
/// sections, comments and partials; transforms as `empty(name)`.
struct MustacheParser {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        characters = Array(text)
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let nameCharactersWithoutBrackets = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    private var atEnd: Bool { position >= characters.count }
    private var current: Character { atEnd ? "\0" : characters[position] }

    private struct State {
        var section: (name: String, transforms: [String])?
        var newLine: Bool
    }

    mutating func parseTemplate() throws -> [MustacheNode] {
        try parse(State(section: nil, newLine: true))
    }

    private mutating func parse(_ initial: State) throws -> [MustacheNode] {
        var nodes: [MustacheNode] = []
        var state = initial
        var whitespaceBefore = ""
        func flushWhitespace() {
            if !whitespaceBefore.isEmpty {
                nodes.append(.text(whitespaceBefore))
                whitespaceBefore = ""
            }
        }
        while !atEnd {
            if state.newLine { whitespaceBefore = read { $0 == " " || $0 == "\t" } }
            let text = try readTextUntilTagOrNewline()
            if current.isNewline {
                nodes.append(.text(whitespaceBefore + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = ""
                state.newLine = false
            }
            if atEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, transforms) = try readName()
                if isStandalone(state) { setNewLine = true } else { flushWhitespace() }
                let body = try parse(State(section: (name, transforms), newLine: setNewLine))
                nodes.append(.section(MustachePath(name: name, transforms: transforms), inverted: inverted, body))
            case "/":
                position += 1
                let (name, transforms) = try readName()
                guard let section = state.section, section.name == name, section.transforms == transforms else {
                    throw MustacheProgram.Unsupported(reason: "a section closes that is not open")
                }
                if !isStandalone(state) { flushWhitespace() }
                return nodes
            case "!":
                position += 1
                try skipComment()
                setNewLine = isStandalone(state)
            case "{", "&":
                let triple = current == "{"
                flushWhitespace()
                position += 1
                let (name, transforms) = try readName()
                if triple {
                    guard current == "}" else { throw MustacheProgram.Unsupported(reason: "an unfinished {{{tag}}}") }
                    position += 1
                }
                nodes.append(.variable(MustachePath(name: name, transforms: transforms), escaped: false))
            case ">":
                position += 1
                _ = read(while: \.isWhitespace)
                if current == "*" { throw MustacheProgram.Unsupported(reason: "a dynamic partial") }
                let name = try readPartialName()
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: whitespaceBefore))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                whitespaceBefore = ""
            case "<", "$", "=", "%":
                throw MustacheProgram.Unsupported(reason: "the tag {{\(current)…}}")
            default:
                flushWhitespace()
                let (name, transforms) = try readName()
                nodes.append(.variable(MustachePath(name: name, transforms: transforms), escaped: true))
            }
            state.newLine = setNewLine
        }
        if state.section != nil { throw MustacheProgram.Unsupported(reason: "a section is not closed") }
        return nodes
    }

    private mutating func read(while test: (Character) -> Bool) -> String {
        let start = position
        while !atEnd, test(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    /// Text up to a newline (`\n` or `\r\n`) or past the next `{{`.
    private mutating func readTextUntilTagOrNewline() throws -> String {
        var text = ""
        while !atEnd {
            text += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
            if current.isNewline { break }
            if current == "{" {
                guard position + 1 < characters.count else { throw MustacheProgram.Unsupported(reason: "a { at the end") }
                if characters[position + 1] == "{" {
                    position += 2
                    break
                }
                text.append("{")
                position += 1
            }
        }
        return text
    }

    private mutating func expectClose() throws {
        guard position + 1 < characters.count, characters[position] == "}", characters[position + 1] == "}" else {
            throw MustacheProgram.Unsupported(reason: "an unfinished tag")
        }
        position += 2
    }

    /// A name and its transforms: `empty(facts)` is `facts` with `["empty"]`.
    private mutating func readName() throws -> (String, [String]) {
        _ = read(while: \.isWhitespace)
        let text = read { Self.nameCharacters.contains($0) }
        _ = read(while: \.isWhitespace)
        try expectClose()
        let characters = Array(text)
        var index = 0
        func word() -> String {
            let start = index
            while index < characters.count, Self.nameCharactersWithoutBrackets.contains(characters[index]) { index += 1 }
            return String(characters[start..<index])
        }
        let first = word()
        if index == characters.count { return (text, []) }
        guard characters[index] == "(" else { throw MustacheProgram.Unsupported(reason: "an unfinished name") }
        index += 1
        var transforms = [first]
        while true {
            let name = word()
            guard index < characters.count else { throw MustacheProgram.Unsupported(reason: "an unfinished name") }
            if characters[index] == ")" {
                var closing = 0
                while index < characters.count, characters[index] == ")" {
                    closing += 1
                    index += 1
                }
                guard closing == transforms.count, index == characters.count else {
                    throw MustacheProgram.Unsupported(reason: "unbalanced brackets")
                }
                return (name, transforms)
            }
            guard characters[index] == "(" else { throw MustacheProgram.Unsupported(reason: "an unfinished name") }
            index += 1
            transforms.append(name)
        }
    }

    private mutating func readPartialName() throws -> String {
        _ = read(while: \.isWhitespace)
        let name = read { Self.partialNameCharacters.contains($0) }
        _ = read(while: \.isWhitespace)
        try expectClose()
        return name
    }

    private mutating func skipComment() throws {
        while position + 1 < characters.count {
            if characters[position] == "}", characters[position + 1] == "}" {
                position += 2
                return
            }
            position += 1
        }
        throw MustacheProgram.Unsupported(reason: "an unfinished comment")
    }

    /// A tag alone on its line (after a newline, before only spaces and a
    /// newline or the end): the line is consumed.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var probe = position
        while probe < characters.count, characters[probe] == " " || characters[probe] == "\t" { probe += 1 }
        guard probe < characters.count, characters[probe].isNewline else { return false }
        position = probe + 1
        return true
    }
}
