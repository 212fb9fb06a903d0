import Foundation
import Markdown

/// The offline search index: a script (`assets/search-index.js`) that the
/// search box loads the first time a reader types, so it works from
/// file:// and a USB stick with no request to any host.
///
/// Words are split by Unicode category (letters and digits of any script;
/// each ideograph is a word of its own), case and diacritics are folded
/// (é = e, š = s, final ς = σ), and the same rules run in `search.js` at
/// query time. Facilitator-only text is never indexed.
struct SearchIndex: Sendable {
    struct Document: Sendable {
        var title: String
        var path: String
        var kind: String
        var text: String
    }

    /// Characters of body text kept per document for result snippets.
    static let excerptLength = 280

    static func documents(_ site: Site) -> [Document] {
        /// A body's searchable text: never a facilitator block, nor a
        /// `## Facilitator notes` section (in any kind of file that has one).
        func text(_ body: Body) -> String {
            var parts: [String] = []
            for section in [body.intro] + body.sections where !section.isFacilitatorOnly {
                if let heading = section.heading { parts.append(heading.text) }
                parts.append(section.plainText)
            }
            return parts.joined(separator: " ")
        }
        var documents: [Document] = []
        for module in site.modules {
            documents.append(
                Document(
                    title: module.title, path: module.route.path, kind: "Module",
                    text: module.summary + " " + text(module.body)
                        + " " + module.outcomes.map(\.text).joined(separator: " ")))
            for task in module.tasks {
                documents.append(
                    Document(
                        title: task.title, path: task.route.path, kind: "Task · \(module.title)",
                        text: text(task.body)))
            }
        }
        for practice in site.practices {
            var header = [practice.country?.name, practice.organisation].compactMap { $0 }
            header += practice.tags
            documents.append(
                Document(
                    title: practice.title, path: practice.route.path,
                    kind: "Good practice" + (practice.country.map { " · \($0.name)" } ?? ""),
                    text: text(practice.body) + " " + header.joined(separator: " ")))
        }
        for page in site.pages {
            documents.append(Document(title: page.title, path: page.route.path, kind: "Page", text: text(page.body)))
        }
        return documents
    }

    /// The index script.
    static func script(_ site: Site) -> String {
        let documents = documents(site)
        let tokenSets = documents.parallelMap { document -> [String] in
            var folder = CaseFolding()
            var terms = Set<String>()
            folder.tokens(document.title) { terms.insert($0) }
            folder.tokens(document.text) { terms.insert($0) }
            return Array(terms)
        }
        var postings: [String: [Int]] = [:]
        for (index, terms) in tokenSets.enumerated() {
            for term in terms { postings[term, default: []].append(index) }
        }
        let terms = postings.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }

        var json = JSONText()
        json.beginObject()
        json.int("v", 1)
        json.beginArray("docs")
        for document in documents {
            json.beginArray()
            json.string(nil, document.title)
            json.string(nil, document.path)
            json.string(nil, document.kind)
            json.string(nil, excerpt(document.text))
            json.endArray()
        }
        json.endArray()
        json.string("terms", terms.joined(separator: "\n"))
        json.beginArray("postings")
        for term in terms {
            // Document numbers as base-36 gaps: "0,3,a" = documents 0, 3, 13.
            var previous = 0
            var encoded = ""
            for document in postings[term] ?? [] {
                if !encoded.isEmpty { encoded += "," }
                encoded += String(document - previous, radix: 36)
                previous = document
            }
            json.string(nil, encoded)
        }
        json.endArray()
        json.endObject()
        return "window.TRELLIS_SEARCH=" + json.text + ";\n"
    }

    static func excerpt(_ text: String) -> String {
        // Only the start of the text is needed: collapse ASCII whitespace in
        // a prefix, on UTF-8 bytes, then cut at a space.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(excerptLength + 8)
        var space = false
        var cutAt: Int?
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                space = !bytes.isEmpty
                continue
            }
            if space {
                if bytes.count >= excerptLength {
                    cutAt = bytes.count
                    break
                }
                bytes.append(0x20)
                space = false
            }
            bytes.append(byte)
        }
        let collapsed = String(decoding: bytes, as: UTF8.self)
        return cutAt == nil ? collapsed : collapsed + " …"
    }

    /// Case and diacritic folding with a per-worker cache for non-ASCII characters.
    struct CaseFolding {
        private var cache: [Unicode.Scalar: String] = [:]

        static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber:
                return true
            default: return false
            }
        }

        mutating func fold(_ scalar: Unicode.Scalar) -> String {
            if let known = cache[scalar] { return known }
            var out = ""
            for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars {
                if part.properties.generalCategory == .nonspacingMark || part.properties.generalCategory == .spacingMark
                    || part.properties.generalCategory == .enclosingMark
                {
                    continue
                }
                out += part.properties.lowercaseMapping
            }
            out = out.replacingOccurrences(of: "ς", with: "σ")
            cache[scalar] = out
            return out
        }

        /// Calls `emit` with each folded word of `text`. Words are gathered as
        /// UTF-8 bytes (ASCII needs no lookup) and made into a String once.
        mutating func tokens(_ text: String, _ emit: (String) -> Void) {
            var word: [UInt8] = []
            word.reserveCapacity(32)
            func flush() {
                if !word.isEmpty {
                    emit(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value < 0x80 {
                    if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                        word.append(UInt8(value))
                    } else if (0x41...0x5A).contains(value) {
                        word.append(UInt8(value + 32))
                    } else {
                        flush()
                    }
                    continue
                }
                let folded = fold(scalar)
                if folded.isEmpty { continue }
                for part in folded.unicodeScalars {
                    if !Self.isWordScalar(part) {
                        flush()
                        continue
                    }
                    if part.properties.isIdeographic {
                        flush()
                        emit(String(part))
                    } else {
                        word.append(contentsOf: String(part).utf8)
                    }
                }
            }
            flush()
        }
    }
}
