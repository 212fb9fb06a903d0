#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rendered HTML, cut once (when a document is parsed) at the places where
/// the outputs that write it differ: links to resolve, ids, in-page links and
/// heading tags. The site, the print handbook and the EPUB each write the
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

    public init(_ parts: [Part] = []) {
        self.parts = []
        for part in parts { append(part) }
    }

    /// The value of a link attribute a renderer writes for a link the caller
    /// resolves later: `trellis-link:N`.
    public static let linkTokenPrefix = "trellis-link:"

    /// Cuts HTML rendered by cmark (or built by Trellis) into segments.
    public init(html: String) {
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
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: " ") {
                    if matches(" href=\"trellis-link:", at: index) || matches(" src=\"trellis-link:", at: index) {
                        let attribute = bytes[index + 1] == UInt8(ascii: "h") ? "href" : "src"
                        let digitsStart = index + attribute.utf8.count + 3 + Self.linkTokenPrefix.utf8.count
                        if let (digits, next) = value(from: digitsStart), !digits.isEmpty,
                            digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(digits)
                        {
                            flush(upTo: index)
                            found.append(.link(attribute: attribute, index: number))
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

    public var isEmpty: Bool { parts.isEmpty }

    public mutating func append(_ part: Part) {
        if case .html(let more) = part, case .html(let last)? = parts.last {
            parts[parts.count - 1] = .html(last + more)
        } else if case .html(let more) = part, more.isEmpty {
            return
        } else {
            parts.append(part)
        }
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

    /// Whether the markup contains `literal` (`<img`), outside links and ids.
    public func containsMarkup(_ literal: String) -> Bool {
        parts.contains { if case .html(let html) = $0 { html.contains(literal) } else { false } }
    }

    /// The HTML as the renderer made it (links as `trellis-link:N`), for
    /// tests and callers that resolve nothing.
    public var html: String { HTMLWriter().write(self) }
}

/// Writes ``HTMLSegments`` with one output's rules.
public struct HTMLWriter {
    /// The text for link `index` in `attribute` (`href` or `src`), leading
    /// space included: ` href="../x.html"`, or ` data-offsite=""` to drop it.
    public var link: (_ attribute: String, _ index: Int) -> String
    /// The value for ` href="…"` to a named place.
    public var target: (String) -> String
    /// Put before every id and in-page link (unique ids in a book).
    public var idPrefix: String
    /// Levels every heading moves down (h2 → h3 with 1; never past h6).
    public var headingShift: Int

    public init(
        link: @escaping (String, Int) -> String = { " \($0)=\"\(HTMLSegments.linkTokenPrefix)\($1)\"" },
        target: @escaping (String) -> String = { "#\($0)" }, idPrefix: String = "", headingShift: Int = 0
    ) {
        self.link = link
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
        for part in segments.parts {
            switch part {
            case .html(let html): out += html
            case .link(let attribute, let index): out += link(attribute, index)
            case .id(let id): out += " id=\"\(idPrefix)\(id)\""
            case .localLink(let anchor): out += " href=\"#\(idPrefix)\(anchor)\""
            case .heading(let level, let closing): out += (closing ? "</h" : "<h") + String(min(level + headingShift, 6))
            case .target(let name): out += " href=\"\(target(name))\""
            }
        }
    }
}
