#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension HTMLSegments {
    /// The plain text of a block, made again from its rendered HTML by the
    /// rules ``plainText(of:)`` follows on cmark's tree: text and code as
    /// they read, a space for each break, an image's alternative text, a
    /// space after each block, a new line for each list item and table row.
    ///
    /// A block keeps its plain text only where this does not give it back
    /// byte for byte (raw HTML, a footnote reference): the parser compares
    /// the two once (``MarkdownBlock``), so whatever reads a block's text
    /// reads the same either way, and a large catalogue does not hold every
    /// text twice (at 100,000 practices, half a gigabyte).
    ///
    /// `nil` only if the text would not fit in the buffer, which cannot
    /// happen (``plainTextBound``).
    func derivedPlainText() -> String? {
        var failed = false
        let text = String(unsafeUninitializedCapacity: plainTextBound) { buffer in
            var writer = PlainTextWriter(buffer)
            failed = !write(to: &writer)
            return failed ? 0 : writer.finished()
        }
        return failed ? nil : text
    }

    /// `body` given the start of the plain text, read into a small buffer
    /// of its own (a check of how each block starts costs little): at least
    /// `wanted` bytes after any leading white space, ended on a whole
    /// character, or all of the text when it is shorter. nil when that start
    /// is all white space longer than the buffer, which the caller reads
    /// whole instead.
    @inlinable
    func withDerivedPlainTextPrefix<Result>(_ wanted: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: wanted + 64) { buffer in
            guard let end = derivePlainTextPrefix(wanted, into: buffer) else { return nil }
            return body(UnsafeBufferPointer(rebasing: buffer[..<end]))
        }
    }

    /// The work of ``withDerivedPlainTextPrefix(_:_:)`` into `buffer` (at
    /// least `wanted + 64` bytes), apart from its generic result: inlined
    /// into its callers in other modules, the generic part is specialized,
    /// and the rest stays here.
    @usableFromInline
    func derivePlainTextPrefix(_ wanted: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        // A writer that stops when full never overflows.
        var writer = PlainTextWriter(buffer, stopsWhenFull: true)
        _ = write(to: &writer)
        if !writer.isFull { return writer.finished() }
        if writer.hasStart(wanted) { return Self.characterBoundary(buffer, before: writer.written) }
        return nil
    }

    /// `end`, or where the character that `end` cuts begins: a full buffer
    /// may end in the middle of a character's bytes.
    private static func characterBoundary(_ bytes: UnsafeMutableBufferPointer<UInt8>, before end: Int) -> Int {
        var start = end
        // Back to the last byte that begins a character (not 10xxxxxx).
        while start > 0 && bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0 else { return end }
        let lead = bytes[start - 1]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        return start - 1 + length <= end ? end : start - 1
    }

    /// `body` given the plain text made again, as UTF-8 bytes in a buffer
    /// of its own, without making a String of it (the search index reads
    /// every block's text once). nil only where ``derivedPlainText()`` is.
    @inlinable
    func withDerivedPlainText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: plainTextBound) { buffer in
            guard let count = derivePlainText(into: buffer) else { return nil }
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The plain text made again into `buffer` (``plainTextBound`` bytes at
    /// least), and how many bytes it took; nil where ``derivedPlainText()`` is.
    @usableFromInline
    func derivePlainText(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var writer = PlainTextWriter(buffer)
        guard write(to: &writer) else { return nil }
        return writer.finished()
    }

    /// True when the plain text made again is `text`, byte for byte.
    func derivesPlainText(_ text: [UInt8]) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: plainTextBound) { buffer in
            var writer = PlainTextWriter(buffer)
            guard write(to: &writer) else { return false }
            let count = writer.finished()
            guard text.count == count else { return false }
            // memcmp: Swift's elementsEqual on two buffers goes byte by byte.
            return text.withUnsafeBufferPointer { wanted in
                guard let a = wanted.baseAddress, let b = buffer.baseAddress else { return true }
                return memcmp(a, b, count) == 0
            }
        }
    }

    /// No plain text is longer than the HTML it is read from: each byte
    /// written stands for a byte read (a space or new line, for a tag's `>`).
    @usableFromInline
    var plainTextBound: Int {
        var bound = 1
        for part in parts {
            switch part {
            case .html(let text): bound += text.utf8.count
            case .image(_, let alt, _): bound += alt.utf8.count
            case .link, .linkEnd, .id, .localLink, .heading, .target: break
            }
        }
        return bound
    }

    /// False when the plain text made again from these segments surely has
    /// no `byte` (see ``MarkdownBlock/textMayContain(_:)``): it is in no
    /// markup and no image's alternative text.
    func textMayContain(_ byte: UInt8) -> Bool {
        parts.contains { part in
            var text: String
            switch part {
            case .html(let html): text = html
            case .image(_, let alt, _): text = alt
            case .link, .linkEnd, .id, .localLink, .heading, .target: return false
            }
            return text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return false }
                return memchr(base, Int32(byte), bytes.count) != nil
            }
        }
    }

    private func write(to writer: inout PlainTextWriter) -> Bool {
        parts.withUnsafeBufferPointer { parts in write(parts, to: &writer) }
    }

    /// The parts read where they lie, not copied one by one.
    private func write(_ parts: UnsafeBufferPointer<Part>, to writer: inout PlainTextWriter) -> Bool {
        for index in parts.indices {
            switch parts[index] {
            case .html(let text):
                var text = text
                text.withUTF8 { writer.feed($0) }
            case .linkEnd:
                // `</a>`: an inline tag, which only ends a run of text.
                writer.endInlineTag()
            case .heading(let level, let closing):
                writer.startTag(heading: level, closing: closing)
            case .image(_, let alt, _):
                var alt = alt
                alt.withUTF8 { writer.feedText($0) }
            case .link, .id, .localLink, .target:
                // Attribute values, inside a tag: never text.
                break
            }
            if writer.unreadable { return false }
            if writer.isFull { break }
        }
        return true
    }
}

/// Reads cmark's HTML back to plain text, byte by byte, across segments (a
/// tag can start in one segment and end in another), into a buffer at least
/// as long as the HTML, or (`stopsWhenFull`) into a small one for the start.
private struct PlainTextWriter {
    private let out: UnsafeMutableBufferPointer<UInt8>
    private var count = 0
    private let stopsWhenFull: Bool
    /// Set when a writer that does not stop when full runs out of room,
    /// which its buffer (as long as the HTML) never lets happen.
    private(set) var unreadable = false
    /// Set when a writer that stops when full has filled its buffer: what
    /// it holds is the start of the text (spaces at its end not yet
    /// trimmed, its last character perhaps cut).
    private(set) var isFull = false
    var written: Int { count }

    private enum State {
        case text
        /// After `<`: the tag's name, then its attributes.
        case tag
        /// Inside an attribute value in quotes.
        case quoted
        /// Inside the value of an image's `alt`, which is text.
        case alt
        /// Inside `<!-- … -->`.
        case comment
    }
    private var state = State.text
    private var closing = false
    /// The tag's name, lowercased, packed (up to 16 bytes).
    private var name: UInt128 = 0
    private var nameLength = 0
    private var nameDone = false
    /// The name of the attribute being read, packed (up to 16 bytes).
    private var attribute: UInt128 = 0
    private var attributeLength = 0
    /// After an `<input>` (a task list's checkbox): the space cmark writes
    /// after it is not in the text.
    private var afterCheckbox = false
    /// Inside `<pre>`: new lines are the code's own.
    private var inPre = false
    /// The last thing read was a block's tag: a new line now is cmark's
    /// layout, not a soft break in the text.
    private var afterBlockTag = false
    /// How many `-` in a row, in a comment.
    private var dashes = 0

    private static let space = UInt8(ascii: " ")
    private static let newline = UInt8(ascii: "\n")

    init(_ out: UnsafeMutableBufferPointer<UInt8>, stopsWhenFull: Bool = false) {
        self.out = out
        self.stopsWhenFull = stopsWhenFull
    }

    private var last: UInt8? { count > 0 ? out[count - 1] : nil }

    private mutating func append(_ byte: UInt8) {
        guard count < out.count else { return overflow() }
        out[count] = byte
        count += 1
    }

    /// The buffer is full: for the start of a text, enough; otherwise never
    /// reached (the buffer is as long as the HTML), and if it were, the
    /// block would keep its text rather than lose any of it.
    private mutating func overflow() {
        if stopsWhenFull { isFull = true } else { unreadable = true }
    }

    /// True when at least `wanted` bytes follow the leading white space.
    func hasStart(_ wanted: Int) -> Bool {
        guard count >= wanted else { return false }
        var leading = 0
        while leading < count, out[leading] == Self.space || out[leading] == Self.newline || out[leading] == UInt8(ascii: "\t") { leading += 1 }
        return count - leading >= wanted
    }

    /// The length of the text, without trailing spaces and new lines.
    mutating func finished() -> Int {
        while let last, last == Self.space || last == Self.newline { count -= 1 }
        return count
    }

    mutating func startTag(heading level: Int, closing: Bool) {
        state = .tag
        self.closing = closing
        name = 0
        nameLength = 0
        attribute = 0
        attributeLength = 0
        appendName(UInt8(ascii: "h"))
        appendName(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: level))
        nameDone = true
    }

    mutating func endInlineTag() {
        afterBlockTag = false
    }

    /// Text that is already plain apart from escapes (an image's alternative text).
    mutating func feedText(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < bytes.count && !isFull { index = text(bytes, at: index) }
        afterBlockTag = false
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = bytes.count
        while index < count && !isFull {
            let byte = bytes[index]
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") {
                    if index + 3 < count, bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "-"),
                        bytes[index + 3] == UInt8(ascii: "-")
                    {
                        state = .comment
                        dashes = 0
                        index += 4
                        continue
                    }
                    state = .tag
                    closing = false
                    name = 0
                    nameLength = 0
                    nameDone = false
                    attribute = 0
                    attributeLength = 0
                    if index + 1 < count, bytes[index + 1] == UInt8(ascii: "/") {
                        closing = true
                        index += 1
                    }
                    index += 1
                } else if byte == Self.newline && !inPre {
                    // A block's tag is followed by cmark's own new line; any other is a soft break.
                    if !afterBlockTag { append(Self.space) }
                    afterBlockTag = false
                    index += 1
                } else if byte == Self.space && afterCheckbox {
                    afterCheckbox = false
                    index += 1
                } else {
                    index = text(bytes, at: index)
                    afterBlockTag = false
                }
                afterCheckbox = false
            case .tag:
                if byte == UInt8(ascii: ">") {
                    endTag()
                    state = .text
                } else if byte == UInt8(ascii: "\"") {
                    nameDone = true
                    state = name == Self.img && nameLength == 3 && attribute == Self.altAttribute && attributeLength == 3 ? .alt : .quoted
                    attribute = 0
                    attributeLength = 0
                } else if !nameDone {
                    if byte == Self.space || byte == UInt8(ascii: "/") || byte == Self.newline || byte == UInt8(ascii: "\t") {
                        nameDone = true
                    } else {
                        appendName(byte | 0x20)
                    }
                } else if byte == Self.space || byte == Self.newline || byte == UInt8(ascii: "\t") {
                    attribute = 0
                    attributeLength = 0
                } else if byte != UInt8(ascii: "=") {
                    if attributeLength < 16 { attribute |= UInt128(byte | 0x20) << (8 * attributeLength) }
                    attributeLength += 1
                }
                index += 1
            case .quoted:
                // An attribute's value (an address, a class) to its closing quote, found at once.
                guard let base = bytes.baseAddress, let quote = memchr(base + index, 0x22, count - index) else {
                    index = count
                    continue
                }
                index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(quote)) + 1
                state = .tag
            case .alt:
                if byte == UInt8(ascii: "\"") {
                    state = .tag
                    index += 1
                } else if byte == UInt8(ascii: "&") {
                    index = text(bytes, at: index)
                } else {
                    append(byte)
                    index += 1
                }
            case .comment:
                if byte == UInt8(ascii: ">") && dashes >= 2 {
                    state = .text
                    afterBlockTag = false
                } else {
                    dashes = byte == UInt8(ascii: "-") ? dashes + 1 : 0
                }
                index += 1
            }
        }
    }

    /// Text from `index` up to the next tag, new line or escape; returns where it stopped.
    private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let total = bytes.count
        if bytes[index] == UInt8(ascii: "&") {
            // cmark escapes only these four, in text and in attributes.
            if let (byte, length) = Self.entity(in: bytes, at: index) {
                append(byte)
                return index + length
            }
            append(UInt8(ascii: "&"))
            return index + 1
        }
        let end = Self.runEnd(bytes, from: index + 1, newlines: !inPre)
        var run = end - index
        if count + run > out.count {
            overflow()
            guard isFull else { return total }
            run = out.count - count
        }
        UnsafeMutableRawPointer(out.baseAddress! + count).copyMemory(from: bytes.baseAddress! + index, byteCount: run)
        count += run
        return end
    }

    /// The first `<`, `&` or (with `newlines`) line feed from `start`, or
    /// the end: eight bytes at a time, each tested for the three values
    /// with the usual zero-byte trick, then byte by byte in the word that
    /// holds one (text runs between tags are tens to hundreds of bytes).
    private static func runEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, newlines: Bool) -> Int {
        let total = bytes.count
        guard let base = bytes.baseAddress else { return total }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lessThan = ones &* 0x3C
        let ampersand = ones &* 0x26
        let lineFeed = newlines ? ones &* 0x0A : ones &* 0x3C
        var index = start
        while index + 8 <= total {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let a = word ^ lessThan
            let b = word ^ ampersand
            let c = word ^ lineFeed
            if ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs != 0 { break }
            index += 8
        }
        while index < total {
            let byte = base[index]
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || (newlines && byte == newline) { return index }
            index += 1
        }
        return total
    }

    /// `&amp;`, `&lt;`, `&gt;` or `&quot;` at `index`: the byte it stands for and its length.
    private static func entity(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt8, Int)? {
        func has(_ literal: StaticString) -> Bool {
            let length = literal.utf8CodeUnitCount
            guard index + length <= bytes.count else { return false }
            for offset in 1..<length where bytes[index + offset] != literal.utf8Start[offset] { return false }
            return true
        }
        if has("&amp;") { return (UInt8(ascii: "&"), 5) }
        if has("&lt;") { return (UInt8(ascii: "<"), 4) }
        if has("&gt;") { return (UInt8(ascii: ">"), 4) }
        if has("&quot;") { return (UInt8(ascii: "\""), 6) }
        return nil
    }

    private mutating func appendName(_ byte: UInt8) {
        if nameLength < 16 { name |= UInt128(byte) << (8 * nameLength) }
        nameLength += 1
    }

    private static func packed(_ text: StaticString) -> UInt128 {
        var value: UInt128 = 0
        for index in 0..<text.utf8CodeUnitCount { value |= UInt128(text.utf8Start[index]) << (8 * index) }
        return value
    }

    private enum TagKind {
        /// `<li>`, `<tr>`: a line of its own.
        case line
        case pre
        /// `<br>`: a space.
        case lineBreak
        /// `<hr>`: nothing, then cmark's new line.
        case rule
        /// `<input>`: a task list's checkbox.
        case checkbox
        /// A paragraph, a cell, a list…: a space after its text.
        case spaced
        /// Inline (`<em>`, `<a>`, `<code>`…): it only ends a run of text.
        case inline
    }

    private static let p = packed("p"), li = packed("li"), tr = packed("tr"), br = packed("br"), hr = packed("hr")
    private static let ul = packed("ul"), ol = packed("ol"), th = packed("th"), td = packed("td")
    private static let pre = packed("pre"), img = packed("img"), input = packed("input"), altAttribute = packed("alt")
    private static let table = packed("table"), thead = packed("thead"), tbody = packed("tbody"), blockquote = packed("blockquote")

    private var kind: TagKind {
        switch nameLength {
        case 1: return name == Self.p ? .spaced : .inline
        case 2:
            if name == Self.li || name == Self.tr { return .line }
            if name == Self.br { return .lineBreak }
            if name == Self.hr { return .rule }
            if name == Self.ul || name == Self.ol || name == Self.th || name == Self.td { return .spaced }
            // h1 … h6
            let first = UInt8(truncatingIfNeeded: name)
            let second = UInt8(truncatingIfNeeded: name >> 8)
            return first == UInt8(ascii: "h") && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(second) ? .spaced : .inline
        case 3: return name == Self.pre ? .pre : .inline
        case 5:
            if name == Self.input { return .checkbox }
            return name == Self.table || name == Self.thead || name == Self.tbody ? .spaced : .inline
        case 10: return name == Self.blockquote ? .spaced : .inline
        default: return .inline
        }
    }

    private mutating func endLine() {
        while last == Self.space { count -= 1 }
        if let last, last != Self.newline { append(Self.newline) }
    }

    private mutating func endTag() {
        afterBlockTag = false
        switch kind {
        case .line:
            endLine()
            afterBlockTag = true
        case .pre:
            if closing {
                inPre = false
                afterBlockTag = true
            } else {
                if let last, last != Self.space { append(Self.space) }
                inPre = true
            }
        case .lineBreak:
            append(Self.space)
            afterBlockTag = true
        case .rule:
            afterBlockTag = true
        case .checkbox:
            afterCheckbox = true
        case .spaced:
            if closing, let last, last != Self.space && last != Self.newline { append(Self.space) }
            afterBlockTag = true
        case .inline:
            break
        }
    }
}
