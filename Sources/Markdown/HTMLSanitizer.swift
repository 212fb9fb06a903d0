/// Makes raw HTML from Markdown (with `unsafe_html: true`) safe to publish:
/// SPEC 5, "`javascript:` links are never emitted".
///
/// The HTML is read with ``HTMLTokenizer`` (the browser's tokenizer states)
/// and written again:
///
/// - Text is copied as written; a lone `<` is written `&lt;`.
/// - Comments closed in the source are copied as written. A bogus comment
///   (`<?…>`, `<!x…>`, `</ …>`, `<![CDATA[…>`) or a comment the input ends
///   inside is written as `<!--data-->` without any `>` in the data, so it
///   ends exactly where the tokenizer ended it and the next node starts in
///   the data state.
/// - DOCTYPEs are dropped (a browser ignores them inside a page).
/// - Tags are written again from their tokens: name (in the case it was
///   written, for XHTML's sake; checks use the lowercase), then each attribute
///   that is kept as ` name="value"`, the value with its character
///   references decoded and `&`, `"`, `<` and `>` escaped, so no value can
///   end early or hide a tag. Void elements end with ` />` (for EPUB's
///   XHTML). A tag the input ends inside is dropped, as a browser drops it.
///
/// Attributes removed, each reported:
/// - URL attributes whose URL, read as the browser reads it (see
///   ``unsafeURL(_:in:from:to:allowImageData:)``), has a `javascript:`,
///   `vbscript:` or `data:` scheme (`data:image/png|gif|jpeg|webp` stays in
///   the `src` of an `img`);
/// - event handlers (`on…`, any case), `srcdoc`;
/// - `style` with `javascript:`, `vbscript:`, `expression(`, `-moz-binding`
///   or `behavior:` once CSS escapes and comments are read;
/// - `content` of `<meta http-equiv="refresh">` pointing to such a URL.
///
/// `unsafe_html: true` is the "trust every author" switch, yet it has never
/// let `<script>` run: cmark-gfm's tagfilter extension writes `<script>`,
/// `<style>`, `<iframe>`, `<textarea>`, `<title>`, `<xmp>`, `<noembed>`,
/// `<noframes>` and `<plaintext>` as text (`&lt;script>`), on top of this.
/// The sanitiser keeps that behaviour and does it itself (after removing
/// unsafe attributes), for `<noscript>` too: every one of these tags would
/// switch the browser's tokenizer to RAWTEXT, RCDATA, script data or
/// PLAINTEXT, where a comment or attribute value this tokenizer read would
/// be read differently. Written as text they switch nothing, so the browser
/// reads the output in the same states as the sanitiser did.
enum HTMLSanitizer {
    /// Something removed, for a notice.
    struct Removal: Equatable {
        /// What was removed: the URL as the browser would have read it, or
        /// `name="value"` for other attributes.
        var description: String
        /// Lines before the removed attribute's line in the input (0 on the first line).
        var lineOffset: Int
        /// 1-based column of the attribute's name on its line, in UTF-8 bytes.
        var column: Int
    }

    struct Result {
        var html: String
        var removals: [Removal]
    }

    /// Attributes holding one URL (compared by local name, after any `prefix:`).
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "poster", "data", "background", "cite", "longdesc", "usemap",
        "lowsrc", "dynsrc", "codebase", "manifest", "icon", "classid",
        // SVG animation targets: <set attributeName="href" to="javascript:…">.
        "to", "from", "by",
    ]

    /// Attributes holding a list of URLs separated by spaces or commas
    /// (semicolons for SVG `values`). Every item is checked, descriptors
    /// (`2x`, `100w`) included, which is harmless.
    static let urlListAttributes: Set<String> = ["srcset", "ping", "archive", "profile", "values"]

    /// Tags written as text (see above).
    static let textTags: Set<String> = [
        "script", "style", "iframe", "textarea", "title", "xmp", "noembed", "noframes", "plaintext", "noscript",
        "handler",  // SVG Tiny's script handler
    ]

    static let voidTags: Set<String> = [
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen",
        "link", "meta", "param", "source", "track", "wbr",
    ]

    /// Raw HTML made safe, and what was removed.
    static func sanitize(_ html: String) -> Result {
        let input = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var removed: [(offset: Int, description: String)] = []
        for token in HTMLTokenizer.tokenize(input) {
            switch token {
            case .text(let range):
                for c in input[range] {
                    if c == "<" { out.append(contentsOf: "&lt;".unicodeScalars) } else { out.append(c) }
                }
            case .comment(let data, let range, let closed, let bogus):
                if closed && !bogus {
                    out.append(contentsOf: input[range])
                } else {
                    out.append(contentsOf: "<!--".unicodeScalars)
                    out.append(contentsOf: data.lazy.filter { $0 != ">" })
                    out.append(contentsOf: "-->".unicodeScalars)
                }
            case .doctype:
                break
            case .tag(let tag):
                write(tag, into: &out, removed: &removed)
            }
        }
        return Result(html: String(out), removals: positions(of: removed, in: input))
    }

    // MARK: - Tags

    private static func write(
        _ tag: HTMLTokenizer.Tag, into out: inout String.UnicodeScalarView,
        removed: inout [(offset: Int, description: String)]
    ) {
        // A name no element has (`<a"x>`, `<a<b>`) is dropped with its attributes.
        guard isSafeName(tag.rawName) else { return }
        let local = localName(tag.name)
        out.append(contentsOf: (textTags.contains(local) ? "&lt;" : "<").unicodeScalars)
        if tag.isEnd {
            // Attributes and `/` on an end tag mean nothing to a browser.
            out.append(contentsOf: "/\(tag.rawName)>".unicodeScalars)
            return
        }
        out.append(contentsOf: tag.rawName.unicodeScalars)
        let refresh =
            local == "meta"
            && tag.attributes.contains {
                $0.name == "http-equiv" && asciiTrimmedLowercase($0.value) == "refresh"
            }
        for attribute in tag.attributes {
            guard isSafeName(attribute.rawName) else { continue }
            if let description = unsafeAttribute(attribute, tag: local, refresh: refresh) {
                removed.append((attribute.position, description))
                continue
            }
            out.append(" ")
            out.append(contentsOf: attribute.rawName.unicodeScalars)
            out.append(contentsOf: "=\"".unicodeScalars)
            for c in attribute.value {
                switch c {
                case "&": out.append(contentsOf: "&amp;".unicodeScalars)
                case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
                case "<": out.append(contentsOf: "&lt;".unicodeScalars)
                case ">": out.append(contentsOf: "&gt;".unicodeScalars)
                default: out.append(c)
                }
            }
            out.append("\"")
        }
        out.append(contentsOf: (tag.selfClosing || voidTags.contains(local) ? " />" : ">").unicodeScalars)
    }

    /// Why the attribute must go (its description for the notice), or nil to keep it.
    static func unsafeAttribute(_ attribute: HTMLTokenizer.Attribute, tag: String, refresh: Bool) -> String? {
        let name = localName(attribute.name)
        let value = attribute.value
        let all = 0..<value.count
        if name.hasPrefix("on") || attribute.name.hasPrefix("on") || name == "srcdoc" {
            return "\(attribute.rawName)=\"\(String(scalars: value.prefix(60)))\""
        }
        if name == "style" {
            return unsafeCSS(value) ? "style=\"\(String(scalars: value.prefix(60)))\"" : nil
        }
        let single = urlAttributes.contains(name) || attribute.name == "xml:base" || (tag == "param" && name == "value")
        if single {
            let allowImageData = tag == "img" && name == "src"
            return unsafeURL(value, in: attribute.undecoded, from: 0, to: value.count, allowImageData: allowImageData)
                ? normalizedURL(value) : nil
        }
        if urlListAttributes.contains(name) {
            let semicolons = name == "values"
            // Items split at spaces and commas, and again at commas only (a
            // newline inside a scheme must not hide it), and no script
            // scheme anywhere once spaces and controls are dropped.
            let items =
                listItems(value, splitOnSpaces: true, splitOnSemicolons: semicolons)
                + listItems(value, splitOnSpaces: false, splitOnSemicolons: semicolons)
            for item in items
            where unsafeURL(value, in: attribute.undecoded, from: item.lowerBound, to: item.upperBound, allowImageData: false) {
                return normalizedURL(Array(value[item]))
            }
            let squeezed = asciiLowercaseDroppingControls(value[all])
            return squeezed.contains("javascript:") || squeezed.contains("vbscript:") ? normalizedURL(value) : nil
        }
        if refresh && name == "content" {
            let squeezed = asciiLowercaseDroppingControls(value[all])
            let unsafe =
                ["javascript:", "vbscript:", "data:"].contains { squeezed.contains($0) }
                || !attribute.undecoded.isEmpty
                || refreshURL(value).map { unsafeURL(value, in: attribute.undecoded, from: $0, to: value.count, allowImageData: false) } == true
            return unsafe ? normalizedURL(value) : nil
        }
        return nil
    }

    // MARK: - URLs

    /// Whether `value[start..<end]` is a URL with a script or data scheme,
    /// read as the URL parser reads it: leading and trailing C0 controls and
    /// spaces stripped, tabs and newlines removed, the scheme compared in
    /// ASCII lowercase. Any control or space inside the scheme is skipped
    /// too (older browsers did). An undecoded `&name` reference before the
    /// scheme's `:` makes the URL unsafe rather than guessing what it is.
    static func unsafeURL(
        _ value: [Unicode.Scalar], in undecoded: Set<Int>, from start: Int, to end: Int,
        allowImageData: Bool
    ) -> Bool {
        // The scheme part: up to the first `:`, unless a `/`, `?` or `#` comes first.
        var colon: Int?
        for index in start..<end {
            let c = value[index]
            if c == ":" {
                colon = index
                break
            }
            if c == "/" || c == "?" || c == "#" { break }
        }
        guard let colon else { return false }
        if undecoded.contains(where: { (start..<colon).contains($0) }) { return true }
        var scheme = ""
        for index in start..<colon {
            let c = value[index]
            if c.value <= 0x20 { continue }
            let valid = scheme.isEmpty ? isASCIIAlpha(c) : (HTMLEntities.isASCIIAlphanumeric(c) || c == "+" || c == "-" || c == ".")
            // Any other character: not a scheme, so a relative URL.
            guard valid else { return false }
            scheme.unicodeScalars.append(asciiLowercased(c))
        }
        switch scheme {
        case "javascript", "vbscript":
            return true
        case "data":
            guard allowImageData else { return true }
            let rest = asciiLowercaseDroppingControls(value[(colon + 1)..<end])
            return !["image/png", "image/gif", "image/jpeg", "image/webp"].contains { type in
                rest.hasPrefix(type + ";") || rest.hasPrefix(type + ",")
            }
        default:
            return false
        }
    }

    /// The URL as the browser's URL parser sees it (for notices): leading
    /// and trailing C0 controls and spaces stripped, tabs and newlines removed.
    static func normalizedURL(_ value: [Unicode.Scalar]) -> String {
        var slice = value[...]
        while let first = slice.first, first.value <= 0x20 { slice = slice.dropFirst() }
        while let last = slice.last, last.value <= 0x20 { slice = slice.dropLast() }
        var out = ""
        for c in slice where c != "\t" && c != "\n" && c != "\r" { out.unicodeScalars.append(c) }
        return out
    }

    /// The items of a URL list: runs between commas (and ASCII whitespace,
    /// and semicolons, when asked).
    static func listItems(_ value: [Unicode.Scalar], splitOnSpaces: Bool, splitOnSemicolons: Bool) -> [Range<Int>] {
        var items: [Range<Int>] = []
        var start: Int?
        for (index, c) in value.enumerated() {
            let space = c == "\t" || c == "\n" || c == "\u{0C}" || c == "\r" || c == " "
            let separator = c == "," || (splitOnSpaces && space) || (splitOnSemicolons && c == ";")
            if separator {
                if let begin = start { items.append(begin..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let begin = start { items.append(begin..<value.count) }
        return items
    }

    /// Where the URL of a refresh `content` ("5; url='…'") starts.
    static func refreshURL(_ value: [Unicode.Scalar]) -> Int? {
        var index = 0
        func skipSpaces() { while index < value.count, value[index].value <= 0x20 { index += 1 } }
        skipSpaces()
        while index < value.count, (0x30...0x39).contains(value[index].value) || value[index] == "." { index += 1 }
        skipSpaces()
        if index < value.count, value[index] == ";" || value[index] == "," { index += 1 }
        skipSpaces()
        if index + 2 < value.count, asciiLowercased(value[index]) == "u", asciiLowercased(value[index + 1]) == "r",
            asciiLowercased(value[index + 2]) == "l"
        {
            var after = index + 3
            while after < value.count, value[after].value <= 0x20 { after += 1 }
            if after < value.count, value[after] == "=" {
                index = after + 1
                skipSpaces()
            }
        }
        if index < value.count, value[index] == "'" || value[index] == "\"" { index += 1 }
        return index < value.count ? index : nil
    }

    // MARK: - CSS

    /// Whether a `style` value can run script: CSS escapes (`\6a`, `\j`)
    /// and comments are read first, spaces and controls dropped.
    static func unsafeCSS(_ value: [Unicode.Scalar]) -> Bool {
        var text: [Unicode.Scalar] = []
        var index = 0
        while index < value.count {
            let c = value[index]
            if c == "/", index + 1 < value.count, value[index + 1] == "*" {
                index += 2
                while index < value.count, !(value[index] == "*" && index + 1 < value.count && value[index + 1] == "/") { index += 1 }
                index += 2
                continue
            }
            if c == "\\" {
                index += 1
                guard index < value.count else { break }
                var code: UInt32 = 0
                var digits = 0
                while digits < 6, index < value.count, let digit = hexValue(value[index]) {
                    code = code * 16 + digit
                    digits += 1
                    index += 1
                }
                if digits > 0 {
                    if index < value.count, value[index].value <= 0x20 { index += 1 }
                    text.append(HTMLEntities.scalar(forReference: code))
                } else if value[index] == "\n" {
                    index += 1
                } else {
                    text.append(value[index])
                    index += 1
                }
                continue
            }
            text.append(c)
            index += 1
        }
        let squeezed = asciiLowercaseDroppingControls(text[...])
        return ["javascript:", "vbscript:", "expression(", "-moz-binding", "behavior:", "behaviour:"].contains { squeezed.contains($0) }
    }

    private static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: c.value - 0x30
        case 0x41...0x46: c.value - 0x41 + 10
        case 0x61...0x66: c.value - 0x61 + 10
        default: nil
        }
    }

    // MARK: - Names and positions

    /// Tag and attribute names written back: ASCII letters first, then
    /// letters, digits, `-`, `_`, `.` and `:`; anything beyond ASCII is
    /// allowed. Others (`"`, `'`, `<`, `=`, `` ` ``, `/`) mean nothing to a
    /// browser and could not be written back as a name.
    static func isSafeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isASCIIAlpha(first) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { c in
            c.value > 0x7F || HTMLEntities.isASCIIAlphanumeric(c) || c == "-" || c == "_" || c == "." || c == ":"
        }
    }

    /// The name after its last `prefix:` (XHTML readers, EPUB among them,
    /// honour namespace prefixes: `x:href` may be an XLink).
    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Lines and columns of the removed attributes (in input order), in one pass.
    private static func positions(of removed: [(offset: Int, description: String)], in input: [Unicode.Scalar]) -> [Removal] {
        var removals: [Removal] = []
        var line = 0
        var column = 1
        var index = 0
        for (offset, description) in removed {
            while index < min(offset, input.count) {
                if input[index] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += UTF8.width(input[index])
                }
                index += 1
            }
            removals.append(Removal(description: description, lineOffset: line, column: column))
        }
        return removals
    }

    private static func asciiTrimmedLowercase(_ value: [Unicode.Scalar]) -> String {
        var slice = value[...]
        while let first = slice.first, first.value <= 0x20 { slice = slice.dropFirst() }
        while let last = slice.last, last.value <= 0x20 { slice = slice.dropLast() }
        var out = ""
        for c in slice { out.unicodeScalars.append(asciiLowercased(c)) }
        return out
    }

    private static func asciiLowercaseDroppingControls(_ value: ArraySlice<Unicode.Scalar>) -> String {
        var out = ""
        for c in value where c.value > 0x20 { out.unicodeScalars.append(asciiLowercased(c)) }
        return out
    }
}

extension String {
    init(scalars: some Sequence<Unicode.Scalar>) {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self.init(view)
    }
}
