/// An HTML tokenizer for the raw HTML in Markdown, following the WHATWG HTML
/// tokenization states (§13.2.5) a browser goes through in the data state:
///
/// - data, tag open, end tag open, tag name;
/// - before attribute name, attribute name, after attribute name, before
///   attribute value, attribute value (double-quoted, single-quoted,
///   unquoted), after attribute value (quoted), self-closing start tag;
/// - character references inside attribute values (``HTMLEntities``);
/// - markup declaration open, comment start, comment start dash, comment,
///   comment less-than sign (and its bang, bang dash, bang dash dash
///   states), comment end dash, comment end, comment end bang, bogus comment;
/// - DOCTYPE: every DOCTYPE state ends at the first `>` (even inside a quoted
///   identifier) or at the end of input, so the DOCTYPE states are read as
///   one run up to that point.
///
/// What a browser's tree builder would do next (RCDATA/RAWTEXT/script data
/// after `<title>`, `<style>`, `<script>`…, CDATA sections in SVG and
/// MathML) is not followed; ``HTMLSanitizer`` never lets through a tag or
/// a declaration that would switch a browser into those states, so the
/// browser reads the sanitised output in the same states as this tokenizer.
///
/// Positions are indices into the input's Unicode scalars.
struct HTMLTokenizer {
    struct Attribute {
        /// Lowercased (ASCII) as the tokenizer does.
        var name: String
        /// As written (XHTML readers, EPUB's among them, keep the case:
        /// SVG's `viewBox`).
        var rawName: String
        /// With character references decoded, as the browser sees it.
        var value: [Unicode.Scalar]
        /// Indices in `value` of `&`s that begin a reference HTML left as
        /// written (an unknown name, or a legacy one followed by `=` or a
        /// letter or digit).
        var undecoded: Set<Int>
        /// Where the name starts in the input.
        var position: Int
    }

    struct Tag {
        /// Lowercased (ASCII).
        var name: String
        /// As written (SVG's `linearGradient` in XHTML).
        var rawName: String
        var isEnd: Bool
        /// In source order; a repeated name is left out (the first wins, as
        /// in browsers).
        var attributes: [Attribute]
        var selfClosing: Bool
        var range: Range<Int>
    }

    enum Token {
        /// Characters as written. A `<` inside is a lone one (not a tag).
        case text(Range<Int>)
        case tag(Tag)
        /// `closed` is false when the input ended inside the comment;
        /// `bogus` for `<?…>`, `<!x…>`, `</ …>` and `<![CDATA[…>`.
        case comment(data: [Unicode.Scalar], range: Range<Int>, closed: Bool, bogus: Bool)
        case doctype(Range<Int>)
    }

    private enum State {
        case data, tagOpen, endTagOpen, tagName
        case beforeAttributeName, attributeName, afterAttributeName, beforeAttributeValue
        case attributeValueDoubleQuoted, attributeValueSingleQuoted, attributeValueUnquoted
        case afterAttributeValueQuoted, selfClosingStartTag
        case bogusComment, markupDeclarationOpen
        case commentStart, commentStartDash, comment
        case commentLessThanSign, commentLessThanSignBang, commentLessThanSignBangDash, commentLessThanSignBangDashDash
        case commentEndDash, commentEnd, commentEndBang
        case doctype
    }

    let input: [Unicode.Scalar]
    private(set) var tokens: [Token] = []

    private var state = State.data
    private var index = 0
    /// Where the token being read began (its `<`).
    private var tokenStart = 0
    /// The end of the last token; text runs from here to the next token.
    private var textStart = 0

    private var tagName: [Unicode.Scalar] = []
    private var isEndTag = false
    private var selfClosing = false
    private var attributes: [Attribute] = []
    private var attributeName: [Unicode.Scalar] = []
    private var attributeValue: [Unicode.Scalar] = []
    private var attributeUndecoded: Set<Int> = []
    private var attributePosition = 0
    private var hasAttribute = false
    private var commentData: [Unicode.Scalar] = []
    private var commentIsBogus = false

    static func tokenize(_ input: [Unicode.Scalar]) -> [Token] {
        var tokenizer = HTMLTokenizer(input: input)
        tokenizer.run()
        return tokenizer.tokens
    }

    private init(input: [Unicode.Scalar]) {
        self.input = input
    }

    // MARK: - The state machine

    private mutating func run() {
        while true {
            let c: Unicode.Scalar? = index < input.count ? input[index] : nil
            switch state {
            case .data:
                guard let c else {
                    flushText(upTo: input.count)
                    return
                }
                if c == "<" {
                    tokenStart = index
                    state = .tagOpen
                }
                index += 1

            case .tagOpen:
                switch c {
                case "!":
                    index += 1
                    state = .markupDeclarationOpen
                case "/":
                    index += 1
                    state = .endTagOpen
                case "?":
                    // Unexpected question mark: a bogus comment whose data starts with the `?`.
                    startComment(bogus: true)
                    state = .bogusComment
                case let c? where isASCIIAlpha(c):
                    startTag(end: false)
                    state = .tagName
                default:
                    // Invalid first character of tag name, or the end: the `<` is text.
                    state = .data
                }

            case .endTagOpen:
                switch c {
                case let c? where isASCIIAlpha(c):
                    startTag(end: true)
                    state = .tagName
                case ">":
                    // Missing end tag name: `</>` is dropped.
                    index += 1
                    flushText(upTo: tokenStart)
                    textStart = index
                    state = .data
                case nil:
                    state = .data  // `</` at the end is text
                default:
                    startComment(bogus: true)
                    state = .bogusComment
                }

            case .tagName:
                guard let c else { return endInsideTag() }
                index += 1
                switch c {
                case "\t", "\n", "\u{0C}", "\r", " ": state = .beforeAttributeName
                case "/": state = .selfClosingStartTag
                case ">": emitTag()
                default: tagName.append(replacingNull(c))
                }

            case .beforeAttributeName:
                switch c {
                case "\t", "\n", "\u{0C}", "\r", " ":
                    index += 1
                case "/", ">", nil:
                    state = .afterAttributeName
                case "=":
                    // Unexpected equals sign before attribute name: it starts the name.
                    startAttribute()
                    attributeName.append("=")
                    index += 1
                    state = .attributeName
                default:
                    startAttribute()
                    state = .attributeName
                }

            case .attributeName:
                switch c {
                case "\t", "\n", "\u{0C}", "\r", " ", "/", ">", nil:
                    state = .afterAttributeName
                case "=":
                    index += 1
                    state = .beforeAttributeValue
                case let c?:
                    // `"`, `'` and `<` are parse errors but still part of the name.
                    attributeName.append(replacingNull(c))
                    index += 1
                }

            case .afterAttributeName:
                switch c {
                case "\t", "\n", "\u{0C}", "\r", " ":
                    index += 1
                case "/":
                    index += 1
                    state = .selfClosingStartTag
                case "=":
                    index += 1
                    state = .beforeAttributeValue
                case ">":
                    index += 1
                    emitTag()
                case nil:
                    return endInsideTag()
                default:
                    startAttribute()
                    state = .attributeName
                }

            case .beforeAttributeValue:
                switch c {
                case "\t", "\n", "\u{0C}", "\r", " ":
                    index += 1
                case "\"":
                    index += 1
                    state = .attributeValueDoubleQuoted
                case "'":
                    index += 1
                    state = .attributeValueSingleQuoted
                case ">":
                    // Missing attribute value: the tag ends here.
                    index += 1
                    emitTag()
                default:
                    state = .attributeValueUnquoted
                }

            case .attributeValueDoubleQuoted, .attributeValueSingleQuoted:
                let quote: Unicode.Scalar = state == .attributeValueDoubleQuoted ? "\"" : "'"
                guard let c else { return endInsideTag() }
                if c == quote {
                    index += 1
                    state = .afterAttributeValueQuoted
                } else if c == "&" {
                    readCharacterReference()
                } else {
                    appendValue(c)
                }

            case .attributeValueUnquoted:
                switch c {
                case "\t", "\n", "\u{0C}", "\r", " ":
                    index += 1
                    state = .beforeAttributeName
                case "&":
                    readCharacterReference()
                case ">":
                    index += 1
                    emitTag()
                case nil:
                    return endInsideTag()
                case let c?:
                    // `"`, `'`, `<`, `=` and `` ` `` are parse errors but part of the value.
                    appendValue(c)
                }

            case .afterAttributeValueQuoted:
                switch c {
                case "\t", "\n", "\u{0C}", "\r", " ":
                    index += 1
                    state = .beforeAttributeName
                case "/":
                    index += 1
                    state = .selfClosingStartTag
                case ">":
                    index += 1
                    emitTag()
                case nil:
                    return endInsideTag()
                default:
                    // Missing whitespace between attributes.
                    state = .beforeAttributeName
                }

            case .selfClosingStartTag:
                switch c {
                case ">":
                    index += 1
                    selfClosing = true
                    emitTag()
                case nil:
                    return endInsideTag()
                default:
                    // Unexpected solidus in tag: `<a/href=…>` reads the attribute.
                    state = .beforeAttributeName
                }

            case .markupDeclarationOpen:
                if matches("--", caseInsensitive: false) {
                    index += 2
                    startComment(bogus: false)
                    state = .commentStart
                } else if matches("doctype", caseInsensitive: true) {
                    index += 7
                    state = .doctype
                } else if matches("[CDATA[", caseInsensitive: false) {
                    // Outside SVG and MathML a CDATA section is a bogus comment.
                    // Inside them the browser reads a CDATA section, which
                    // the sanitiser never writes (it writes this token as a
                    // comment), so both read the output the same way.
                    startComment(bogus: true)
                    state = .bogusComment
                } else {
                    // Incorrectly opened comment.
                    startComment(bogus: true)
                    state = .bogusComment
                }

            case .bogusComment:
                guard let c else { return emitComment(closed: false) }
                index += 1
                if c == ">" { emitComment(closed: true) } else { commentData.append(replacingNull(c)) }

            case .commentStart:
                switch c {
                case "-":
                    index += 1
                    state = .commentStartDash
                case ">":
                    index += 1
                    emitComment(closed: true)  // abrupt closing of empty comment: `<!-->`
                default: state = .comment
                }

            case .commentStartDash:
                switch c {
                case "-":
                    index += 1
                    state = .commentEnd
                case ">":
                    index += 1
                    emitComment(closed: true)  // `<!--->`
                case nil: return emitComment(closed: false)
                default:
                    commentData.append("-")
                    state = .comment
                }

            case .comment:
                guard let c else { return emitComment(closed: false) }
                index += 1
                switch c {
                case "<":
                    commentData.append(c)
                    state = .commentLessThanSign
                case "-": state = .commentEndDash
                default: commentData.append(replacingNull(c))
                }

            case .commentLessThanSign:
                switch c {
                case "!":
                    index += 1
                    commentData.append("!")
                    state = .commentLessThanSignBang
                case "<":
                    index += 1
                    commentData.append("<")
                default: state = .comment
                }

            case .commentLessThanSignBang:
                if c == "-" {
                    index += 1
                    state = .commentLessThanSignBangDash
                } else {
                    state = .comment
                }

            case .commentLessThanSignBangDash:
                if c == "-" {
                    index += 1
                    state = .commentLessThanSignBangDashDash
                } else {
                    state = .commentEndDash
                }

            case .commentLessThanSignBangDashDash:
                // `>` or the end: reconsume in comment end; anything else is a
                // nested comment parse error, also reconsumed in comment end.
                state = .commentEnd

            case .commentEndDash:
                switch c {
                case "-":
                    index += 1
                    state = .commentEnd
                case nil: return emitComment(closed: false)
                default:
                    commentData.append("-")
                    state = .comment
                }

            case .commentEnd:
                switch c {
                case ">":
                    index += 1
                    emitComment(closed: true)
                case "!":
                    index += 1
                    state = .commentEndBang
                case "-":
                    index += 1
                    commentData.append("-")
                case nil: return emitComment(closed: false)
                default:
                    commentData.append(contentsOf: ["-", "-"])
                    state = .comment
                }

            case .commentEndBang:
                switch c {
                case "-":
                    index += 1
                    commentData.append(contentsOf: ["-", "-", "!"])
                    state = .commentEndDash
                case ">":
                    index += 1
                    emitComment(closed: true)  // incorrectly closed comment: `--!>`
                case nil: return emitComment(closed: false)
                default:
                    commentData.append(contentsOf: ["-", "-", "!"])
                    state = .comment
                }

            case .doctype:
                guard let c else {
                    flushText(upTo: tokenStart)
                    tokens.append(.doctype(tokenStart..<input.count))
                    return
                }
                index += 1
                if c == ">" {
                    flushText(upTo: tokenStart)
                    tokens.append(.doctype(tokenStart..<index))
                    textStart = index
                    state = .data
                }
            }
        }
    }

    // MARK: - Building tokens

    private mutating func flushText(upTo end: Int) {
        if end > textStart { tokens.append(.text(textStart..<end)) }
        textStart = end
    }

    private mutating func startTag(end: Bool) {
        tagName = []
        isEndTag = end
        selfClosing = false
        attributes = []
        hasAttribute = false
    }

    private mutating func startAttribute() {
        finishAttribute()
        hasAttribute = true
        attributeName = []
        attributeValue = []
        attributeUndecoded = []
        attributePosition = index
    }

    /// Adds the attribute being read, unless one of that name is already on
    /// the tag (duplicate attribute: the first wins).
    private mutating func finishAttribute() {
        guard hasAttribute else { return }
        hasAttribute = false
        var rawName = ""
        rawName.unicodeScalars.append(contentsOf: attributeName)
        let name = asciiLowercased(rawName)
        guard !attributes.contains(where: { $0.name == name }) else { return }
        attributes.append(
            Attribute(
                name: name, rawName: rawName, value: attributeValue, undecoded: attributeUndecoded,
                position: attributePosition))
    }

    private mutating func appendValue(_ c: Unicode.Scalar) {
        index += 1
        if c == "\r" {
            // Newline normalisation: CR LF and CR become LF.
            if index < input.count, input[index] == "\n" { index += 1 }
            attributeValue.append("\n")
        } else {
            attributeValue.append(replacingNull(c))
        }
    }

    private mutating func readCharacterReference() {
        switch HTMLEntities.read(input, at: index) {
        case .decoded(let scalars, let end):
            attributeValue.append(contentsOf: scalars)
            index = end
        case .undecoded:
            attributeUndecoded.insert(attributeValue.count)
            attributeValue.append("&")
            index += 1
        case .literal:
            attributeValue.append("&")
            index += 1
        }
    }

    private mutating func emitTag() {
        finishAttribute()
        flushText(upTo: tokenStart)
        var rawName = ""
        rawName.unicodeScalars.append(contentsOf: tagName)
        tokens.append(
            .tag(
                Tag(
                    name: asciiLowercased(rawName), rawName: rawName, isEnd: isEndTag, attributes: attributes, selfClosing: selfClosing,
                    range: tokenStart..<index)))
        textStart = index
        state = .data
    }

    /// EOF in tag: the tag is not emitted; what was read of it is dropped.
    private mutating func endInsideTag() {
        flushText(upTo: tokenStart)
        textStart = input.count
    }

    private mutating func startComment(bogus: Bool) {
        commentData = []
        commentIsBogus = bogus
    }

    private mutating func emitComment(closed: Bool) {
        flushText(upTo: tokenStart)
        tokens.append(.comment(data: commentData, range: tokenStart..<index, closed: closed, bogus: commentIsBogus))
        textStart = index
        state = .data
    }

    private func matches(_ word: String, caseInsensitive: Bool) -> Bool {
        var position = index
        for expected in word.unicodeScalars {
            guard position < input.count else { return false }
            let actual = caseInsensitive ? asciiLowercased(input[position]) : input[position]
            guard actual == expected else { return false }
            position += 1
        }
        return true
    }
}

// MARK: - Characters

@inline(__always)
func isASCIIAlpha(_ c: Unicode.Scalar) -> Bool {
    (0x41...0x5A).contains(c.value) || (0x61...0x7A).contains(c.value)
}

/// ASCII lowercase only, as HTML and URL parsing do.
@inline(__always)
func asciiLowercased(_ c: Unicode.Scalar) -> Unicode.Scalar {
    (0x41...0x5A).contains(c.value) ? Unicode.Scalar(UInt8(c.value + 0x20)) : c
}

/// ASCII lowercase only, as HTML and URL parsing do.
func asciiLowercased(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.append(contentsOf: text.unicodeScalars.lazy.map { asciiLowercased($0) })
    return out
}

@inline(__always)
private func replacingNull(_ c: Unicode.Scalar) -> Unicode.Scalar {
    c == "\0" ? "\u{FFFD}" : c
}
