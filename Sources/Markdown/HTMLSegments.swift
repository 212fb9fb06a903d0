#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rendered HTML, cut once (when a document is parsed) at the places where
/// the outputs that write it differ: links and images to resolve (with the
/// end of each link, and each image's alternative text), ids, in-page links
/// and heading tags. The site, the print handbook and the EPUB each write the
/// same segments with their own rules (``HTMLWriter``), so no output scans
/// HTML again, and no author text can be taken for one of these places:
/// text is escaped by cmark (`"` → `&quot;`, `<` → `&lt;`), so a pattern such
/// as ` id="` only ever occurs as markup.
public struct HTMLSegments: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        /// Markup and escaped text, written as it is.
        case html(String)
        /// ` href="…"` or ` src="…"` (with its leading space) whose value is the
        /// document's link number `index`, resolved by the writer.
        case link(attribute: String, index: Int)
        /// The `</a>` that closes the link number `index`.
        case linkEnd(index: Int)
        /// A whole `<img src="…" …>` whose source is the document's link
        /// number `index`: its alternative text (as rendered, escaped) and
        /// the rest of the tag after the source (` alt="…" />`).
        case image(index: Int, alt: String, rest: String)
        /// ` id="…"`: the id as rendered (prefixed in handbooks).
        case id(String)
        /// ` href="#…"`: a link to an anchor of the same document.
        case localLink(String)
        /// `<hN` (opening) or `</hN` (closing): shifted in handbooks.
        case heading(level: Int, closing: Bool)
        /// ` href="…"` to a named place the writer maps (a chapter of a book).
        case target(String)
    }

    public private(set) var parts: [Part]

    /// About how many bytes a writer writes for these segments (the text
    /// as it stands, a resolved link or target counted at 48): enough to
    /// reserve room for a large book at once instead of doubling it.
    public var approximateByteCount: Int {
        parts.reduce(0) { total, part in
            switch part {
            case .html(let text), .id(let text), .localLink(let text): total + text.utf8.count + 8
            case .image(_, let alt, let rest): total + alt.utf8.count + rest.utf8.count + 64
            case .link, .target: total + 48
            case .linkEnd: total + 4
            case .heading: total + 3
            }
        }
    }

    public init(_ parts: [Part] = []) {
        self.parts = []
        for part in parts { append(part) }
    }

    /// The value of a link attribute a renderer writes for a link the caller
    /// resolves later: `trellis-link:N`.
    public static let linkTokenPrefix = "trellis-link:"

    /// Cuts HTML rendered by cmark (or built by Trellis) into segments.
    public init(html: String) {
        self.init(html: html, skippingText: true)
    }

    /// - Parameter skippingText: jump over the bytes that cannot start a
    ///   segment (see below); false reads every byte, as the reference the
    ///   tests hold the jumps to.
    init(html: String, skippingText: Bool) {
        parts = []
        var text = html
        // Fast path: most blocks have no link, id or heading at all.
        let hasCandidate = text.withUTF8 { bytes in
            bytes.contains(UInt8(ascii: "<")) && (bytes.contains(UInt8(ascii: "=")) || bytes.contains(UInt8(ascii: "h")))
        }
        guard hasCandidate else {
            if !html.isEmpty { parts = [.html(html)] }
            return
        }
        var found: [Part] = []
        text.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            var runStart = 0
            func flush(upTo end: Int) {
                if end > runStart {
                    found.append(.html(String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)))
                }
            }
            func matches(_ literal: StaticString, at position: Int) -> Bool {
                let length = literal.utf8CodeUnitCount
                guard position + length <= count, let base = bytes.baseAddress else { return false }
                return memcmp(base + position, literal.utf8Start, length) == 0
            }
            /// The attribute value from `start` to the next `"`, and the index after that quote.
            func value(from start: Int) -> (String, Int)? {
                var end = start
                while end < count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                guard end < count else { return nil }
                return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), end + 1)
            }
            /// The link whose `</a>` comes next (links do not nest).
            var openLink: Int?
            // Every place below starts at a `<`, or at a space 4 to 6 bytes
            // before the `"` of ` id="`, ` src="` or ` href="`: the bytes
            // before the next of those cannot start one, and are skipped
            // (text is escaped, so `"` is rare outside attributes).
            var nextTag = -1
            var nextQuote = -1
            while index < count {
                if skippingText {
                    if nextTag < index { nextTag = Self.next(UInt8(ascii: "<"), in: bytes, from: index) }
                    if nextQuote < index { nextQuote = Self.next(UInt8(ascii: "\""), in: bytes, from: index) }
                    let candidate = min(nextTag, nextQuote < count ? nextQuote - 6 : count)
                    if candidate > index {
                        guard candidate < count else { break }
                        index = candidate
                    }
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: " ") {
                    if matches(" href=\"trellis-link:", at: index) || matches(" src=\"trellis-link:", at: index) {
                        let attribute = bytes[index + 1] == UInt8(ascii: "h") ? "href" : "src"
                        let digitsStart = index + attribute.utf8.count + 3 + Self.linkTokenPrefix.utf8.count
                        if let (digits, next) = value(from: digitsStart), !digits.isEmpty,
                            digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(digits)
                        {
                            // cmark writes an image as `<img src="…" alt="…" />`: keep the whole tag.
                            if attribute == "src", index - runStart >= 4, matches("<img", at: index - 4),
                                let close = (next..<count).first(where: { bytes[$0] == UInt8(ascii: ">") })
                            {
                                let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[next...close]), as: UTF8.self)
                                let alt = matches(" alt=\"", at: next) ? (value(from: next + 6)?.0 ?? "") : ""
                                flush(upTo: index - 4)
                                found.append(.image(index: number, alt: alt, rest: rest))
                                index = close + 1
                                runStart = index
                                continue
                            }
                            flush(upTo: index)
                            found.append(.link(attribute: attribute, index: number))
                            if attribute == "href" { openLink = number }
                            index = next
                            runStart = next
                            continue
                        }
                    } else if matches(" id=\"", at: index), let (id, next) = value(from: index + 5) {
                        flush(upTo: index)
                        found.append(.id(id))
                        index = next
                        runStart = next
                        continue
                    } else if matches(" href=\"#", at: index), let (anchor, next) = value(from: index + 8) {
                        flush(upTo: index)
                        found.append(.localLink(anchor))
                        index = next
                        runStart = next
                        continue
                    }
                } else if byte == UInt8(ascii: "<"), let link = openLink, matches("</a>", at: index) {
                    flush(upTo: index)
                    found.append(.linkEnd(index: link))
                    openLink = nil
                    index += 4
                    runStart = index
                    continue
                } else if byte == UInt8(ascii: "<"), index + 2 < count {
                    let closing = bytes[index + 1] == UInt8(ascii: "/")
                    let h = index + (closing ? 2 : 1)
                    if h + 1 < count, bytes[h] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[h + 1]) {
                        flush(upTo: index)
                        found.append(.heading(level: Int(bytes[h + 1] - UInt8(ascii: "0")), closing: closing))
                        index = h + 2
                        runStart = index
                        continue
                    }
                }
                index += 1
            }
            flush(upTo: count)
        }
        parts = found
    }

    /// The index of the first `byte` at or after `start`, or `bytes.count`.
    private static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress,
            let hit = memchr(base + start, Int32(byte), bytes.count - start)
        else { return bytes.count }
        return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
    }

    public var isEmpty: Bool { parts.isEmpty }

    /// Room for `count` parts, so a value built part by part is made once.
    public mutating func reserveCapacity(_ count: Int) { parts.reserveCapacity(count) }

    /// Room for `bytes` more of markup in the last part, when it is markup
    /// that more markup will join (appended markup joins markup): for values
    /// built and written at once, such as a book's chapter.
    public mutating func reserveMarkup(_ bytes: Int) {
        guard bytes > 0, case .html = parts.last, case .html(var last) = parts.removeLast() else { return }
        last.reserveCapacity(last.utf8.count + bytes)
        parts.append(.html(last))
    }

    public mutating func append(_ part: Part) {
        guard case .html(let more) = part else {
            parts.append(part)
            return
        }
        guard !more.isEmpty else { return }
        // Markup after markup joins it, in place: the last part is taken
        // out of the array first, so its text is not shared and grows
        // without being copied (a chapter of many blocks is built in time
        // linear in its length, not quadratic).
        guard case .html = parts.last, case .html(var last) = parts.removeLast() else {
            parts.append(part)
            return
        }
        last += more
        parts.append(.html(last))
    }

    public mutating func append(contentsOf parts: [Part]) {
        for part in parts { append(part) }
    }

    public mutating func append(_ other: HTMLSegments) {
        for part in other.parts { append(part) }
    }

    /// Appends HTML written by Trellis itself, cut like rendered HTML.
    public mutating func append(html: String) {
        append(HTMLSegments(html: html))
    }

    public static func + (a: HTMLSegments, b: HTMLSegments) -> HTMLSegments {
        var out = a
        out.append(b)
        return out
    }

    /// Whether the markup contains `literal`, outside links and ids.
    public func containsMarkup(_ literal: String) -> Bool {
        parts.contains { if case .html(let html) = $0 { html.contains(literal) } else { false } }
    }

    /// Whether there is an image: one from the content (a segment of its
    /// own) or one from another site (in the markup).
    public var hasImage: Bool {
        parts.contains { if case .image = $0 { true } else { false } } || containsMarkup("<img")
    }

    /// The HTML as the renderer made it (links as `trellis-link:N`), for
    /// tests and callers that resolve nothing.
    public var html: String { HTMLWriter().write(self) }
}

/// Where a link or image leads in one output.
public enum LinkTarget: Sendable, Equatable {
    /// The address to write (escaped by the writer).
    case url(String)
    /// Nowhere this output can reach: a link keeps its text, followed by
    /// `note` in parentheses when given; an image becomes its alternative text.
    case unlinked(note: String?)
}

/// Writes ``HTMLSegments`` with one output's rules.
public struct HTMLWriter {
    /// Where the document's link number `index` leads; `isImage` for an image's source.
    public var resolve: (_ index: Int, _ isImage: Bool) -> LinkTarget
    /// The value for ` href="…"` to a named place.
    public var target: (String) -> String
    /// Put before every id and in-page link (unique ids in a book).
    public var idPrefix: String
    /// Levels every heading moves down (h2 → h3 with 1; never past h6).
    public var headingShift: Int
    /// The text of every heading with an id becomes a link to the heading
    /// itself (`<a class="self-link" href="#id">`), so a reader can copy the
    /// address of a section; a heading that holds a link of its own keeps it
    /// instead. The site sets it; handbooks do not.
    public var selfLinks = false

    /// The default writes the renderer's own tokens (`trellis-link:N`).
    public init(
        resolve: @escaping (Int, Bool) -> LinkTarget = { index, _ in .url(HTMLSegments.linkTokenPrefix + String(index)) },
        target: @escaping (String) -> String = { "#\($0)" }, idPrefix: String = "", headingShift: Int = 0
    ) {
        self.resolve = resolve
        self.target = target
        self.idPrefix = idPrefix
        self.headingShift = headingShift
    }

    public func write(_ segments: HTMLSegments) -> String {
        var out = ""
        write(segments, into: &out)
        return out
    }

    public func write(_ segments: HTMLSegments, into out: inout String) {
        /// Notes to show after the `</a>` of links that lead nowhere, by link.
        var notes: [Int: String] = [:]
        /// The id of the heading whose opening tag is being written, while its self-link may start.
        var headingID: String?
        /// Whether a self-link is open inside the current heading.
        var selfLinkOpen = false
        let parts = segments.parts
        // Each part read where it lies, not copied out first.
        parts.withUnsafeBufferPointer { buffer in
            for position in buffer.indices {
                switch buffer[position] {
                case .html(let html):
                    if let id = headingID, !id.isEmpty, html.hasPrefix(">"), Self.headingHoldsNoLink(parts, after: position) {
                        out += "><a class=\"self-link\" href=\"#"
                        out += idPrefix
                        out += id
                        out += "\">"
                        out += html.dropFirst()
                        selfLinkOpen = true
                    } else {
                        out += html
                    }
                    headingID = nil
                case .link(let attribute, let index):
                    switch resolve(index, attribute == "src") {
                    case .url(let url):
                        out += " "
                        out += attribute
                        out += "=\""
                        out += Self.escape(url)
                        out += "\""
                    case .unlinked(let note):
                        out += " data-offsite=\"\""
                        if let note { notes[index] = note }
                    }
                case .linkEnd(let index):
                    out += "</a>"
                    if let note = notes.removeValue(forKey: index) { out += " (\(Self.escape(note)))" }
                case .image(let index, let alt, let rest):
                    switch resolve(index, true) {
                    case .url(let url):
                        out += "<img src=\""
                        out += Self.escape(url)
                        out += "\""
                        out += rest
                    case .unlinked: out += "<span class=\"image-unavailable\">\(alt)</span>"
                    }
                case .id(let id):
                    out += " id=\""
                    out += idPrefix
                    out += id
                    out += "\""
                    if headingID != nil { headingID = id }
                case .localLink(let anchor):
                    out += " href=\"#"
                    out += idPrefix
                    out += anchor
                    out += "\""
                case .heading(let level, let closing):
                    if closing && selfLinkOpen {
                        out += "</a>"
                        selfLinkOpen = false
                    }
                    out += (closing ? "</h" : "<h") + String(min(level + headingShift, 6))
                    // An id may follow; until then, no self-link.
                    headingID = !closing && selfLinks ? "" : nil
                case .target(let name):
                    out += " href=\""
                    out += target(name)
                    out += "\""
                }
            }
        }
    }

    /// Whether the heading whose text starts at `position` holds no link
    /// (links cannot nest, so such a heading gets no self-link).
    static func headingHoldsNoLink(_ parts: [HTMLSegments.Part], after position: Int) -> Bool {
        var index = position
        while index < parts.count {
            switch parts[index] {
            case .heading(_, closing: true): return true
            case .link(attribute: "href", _), .localLink, .target: return false
            case .html(let html) where html.contains("<a ") || html.contains("<a>"): return false
            default: break
            }
            index += 1
        }
        return true
    }

    /// An attribute value: `&`, `<`, `>`, `"` and `'` escaped as Trellis
    /// escapes everywhere else.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return value }
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
