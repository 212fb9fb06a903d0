import Foundation
import Markdown

/// The offline search index, in small scripts the search box loads with
/// `<script>` elements (so it works from file:// and a USB stick, with no
/// request to any host), only the ones a query needs:
///
/// - `assets/search/index.js`: how many documents there are, the shards
///   (by the first letter of their words, or the first two when one letter's
///   shard would be large), and the interface's labels;
/// - `assets/search/t-<hex>.js`, one per shard: its words, sorted, and for
///   each the documents that contain it and those whose title does;
/// - `assets/search/d-<n>.js`: documents `n × 20 …` for the results (title,
///   path, kind, what it belongs to, the start of its text).
///
/// Words are split by Unicode category (letters and digits of any script;
/// each ideograph is a word of its own), case and diacritics are folded
/// (é = e, š = s, final ς = σ), and the same rules run in `search.js` at
/// query time. Facilitator-only text is never indexed.
struct SearchIndex: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case module, task, practice, page

        var label: String {
            switch self {
            case .module: "Module"
            case .task: "Task"
            case .practice: "Good practice"
            case .page: "Page"
            }
        }
    }

    struct Document: Sendable {
        var title: String
        var path: String
        var kind: Kind
        /// What the document belongs to, shown after its kind: a task's
        /// module, a practice's country.
        var context: String?
        /// The body's text; in the index, only the excerpt results show
        /// (a catalogue of thousands of practices does not keep every text twice).
        var text: String
        /// Where the text comes from, so the index reads it only when it
        /// gathers the document's words (at 100,000 practices, every text
        /// at once was most of a gigabyte).
        var source: Source? = nil
    }

    enum Source: Sendable {
        case module(Int), task(module: Int, task: Int), practice(Int), page(Int)
    }

    /// One shard: the words that start with `prefix` (folded).
    struct Shard: Sendable {
        var prefix: String
        var terms: [String]
    }

    /// Characters of body text kept per document for result snippets.
    static let excerptLength = 280
    /// Documents whose words are gathered at once while the index is made.
    static let batchSize = 512
    /// Documents that gather their words together (a worker's turn).
    static let runSize = 32

    /// Documents per `d-<n>.js` file.
    static let chunkSize = 20
    /// A first letter whose shard would be larger than this (in bytes) is
    /// split by the first two letters.
    static let shardLimit = 40 * 1024
    static let directory = "search"

    let documents: [Document]
    /// Every word, with the documents (in order) that contain it and those whose title does.
    let postings: [String: (all: [Int], titles: [Int])]
    let shards: [Shard]

    /// The interface strings the search box shows (kinds, messages).
    let strings: Strings

    /// - Parameter include: whether a page belongs in this index (a page
    ///   shown untranslated in another language does not).
    init(_ site: Site, strings: Strings, include: (Route) -> Bool = { _ in true }) {
        self.strings = strings
        let routes = Self.routes(site)
        var found = Self.documents(site, withText: false).filter { routes[$0.path].map(include) ?? true }
        // Words are gathered a batch of documents at a time (on all cores) and added to the postings,
        // so each batch's words are let go before the next: at 100,000 documents, holding every
        // document's words at once was a gigabyte. Within a batch, each run of documents gathers its
        // own postings (a document's words once each, in document order), and only those are merged
        // here, one thread: a run's vocabulary is far smaller than its documents' words one by one.
        var table = TermTable()
        for start in stride(from: 0, to: found.count, by: Self.batchSize) {
            let end = min(start + Self.batchSize, found.count)
            let runs = stride(from: start, to: end, by: Self.runSize).map { ($0, Array(found[$0..<min($0 + Self.runSize, end)])) }
            let gathered = runs.parallelMap { first, documents -> (terms: TermTable, excerpts: [String]) in
                var folder = CaseFolding()
                var local = TermTable()
                var excerpts: [String] = []
                for (offset, document) in documents.enumerated() {
                    local.document = first + offset
                    local.inTitle = true
                    folder.words(document.title, into: &local)
                    local.inTitle = false
                    var excerpt = Excerpt()
                    var number = 0
                    // The text piece by piece, as it lies in the site, in bytes: never joined into one
                    // string, and a block's text is not made a String either.
                    func add(_ piece: UnsafeBufferPointer<UInt8>) {
                        folder.words(piece, into: &local)
                        if number > 0 { excerpt.add(CollectionOfOne(UInt8(ascii: " "))) }
                        excerpt.add(piece)
                        number += 1
                    }
                    if let source = document.source {
                        Self.forEachPiece(of: source, in: site, add)
                    } else {
                        var text = document.text
                        text.withUTF8(add)
                    }
                    excerpts.append(excerpt.text)
                }
                return (local, excerpts)
            }
            for ((first, _), run) in zip(runs, gathered) {
                table.merge(run.terms)
                for (offset, excerpt) in run.excerpts.enumerated() {
                    found[first + offset].text = excerpt
                    found[first + offset].source = nil
                }
            }
        }
        let postings = table.postings
        documents = found
        self.postings = postings
        let terms = postings.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
        shards = Self.shards(terms) { term in
            term.utf8.count + (postings[term].map { Self.encodedLength($0.all) + Self.encodedLength($0.titles) } ?? 0) + 6
        }
    }

    /// Sorted `terms` grouped by their first letter, and a letter whose
    /// words would take more than ``shardLimit`` bytes by their first two
    /// (a one-letter word stays in a shard of its own letter).
    static func shards(_ terms: [String], size: (String) -> Int) -> [Shard] {
        func prefix(_ term: String, _ n: Int) -> String { String(String.UnicodeScalarView(term.unicodeScalars.prefix(n))) }
        var groups: [(prefix: String, terms: [String])] = []
        for term in terms {
            let first = prefix(term, 1)
            if groups.last?.prefix == first { groups[groups.count - 1].terms.append(term) } else { groups.append((first, [term])) }
        }
        var shards: [Shard] = []
        for group in groups {
            if group.terms.reduce(0, { $0 + size($1) }) <= shardLimit {
                shards.append(Shard(prefix: group.prefix, terms: group.terms))
                continue
            }
            for term in group.terms {
                let key = prefix(term, 2)
                if shards.last?.prefix == key {
                    shards[shards.count - 1].terms.append(term)
                } else {
                    shards.append(Shard(prefix: key, terms: [term]))
                }
            }
        }
        return shards.sorted { $0.prefix.utf16.lexicographicallyPrecedes($1.prefix.utf16) }
    }

    /// Every searchable page's route by its path.
    static func routes(_ site: Site) -> [String: Route] {
        var routes: [String: Route] = [:]
        for module in site.modules {
            routes[module.route.path] = module.route
            for task in module.tasks { routes[task.route.path] = task.route }
        }
        for practice in site.practices { routes[practice.route.path] = practice.route }
        for page in site.pages { routes[page.route.path] = page.route }
        return routes
    }

    /// Every searchable document, with its text, or (`withText: false`)
    /// with where to read it (``text(of:in:)``).
    static func documents(_ site: Site, withText: Bool = true) -> [Document] {
        var documents: [Document] = []
        func add(_ title: String, _ route: Route, _ kind: Kind, context: String? = nil, _ source: Source) {
            documents.append(
                Document(
                    title: title, path: route.path, kind: kind, context: context, text: withText ? text(of: source, in: site) : "",
                    source: withText ? nil : source))
        }
        for (m, module) in site.modules.enumerated() {
            add(module.title, module.route, .module, .module(m))
            for (t, task) in module.tasks.enumerated() { add(task.title, task.route, .task, context: module.title, .task(module: m, task: t)) }
        }
        for (p, practice) in site.practices.enumerated() {
            add(practice.title, practice.route, .practice, context: practice.country?.name, .practice(p))
        }
        for (p, page) in site.pages.enumerated() { add(page.title, page.route, .page, .page(p)) }
        return documents
    }

    /// A document's searchable text: never a facilitator block, nor a
    /// `## Facilitator notes` section (in any kind of file that has one).
    static func text(of source: Source, in site: Site) -> String {
        pieces(of: source, in: site).joined(separator: " ")
    }

    /// ``text(of:in:)`` in the pieces it is made of, in order (it is they,
    /// with a space between each two).
    static func pieces(of source: Source, in site: Site) -> [String] {
        var pieces: [String] = []
        forEachPiece(of: source, in: site) { pieces.append(String(decoding: $0, as: UTF8.self)) }
        return pieces
    }

    /// ``pieces(of:in:)`` one by one, as UTF-8 bytes, without making a
    /// String of any block's text.
    static func forEachPiece(of source: Source, in site: Site, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        func piece(_ text: String) {
            var text = text
            text.withUTF8(body)
        }
        func add(_ section: BodySection) {
            guard !section.isFacilitatorOnly else { return }
            if let heading = section.heading { piece(heading.text) }
            var hasBlocks = false
            for block in section.blocks where block.kind != .facilitator {
                block.withText(body)
                hasBlocks = true
            }
            // A section with no text still stands for its (empty) plain text.
            if !hasBlocks { piece("") }
        }
        func add(_ document: Body) {
            add(document.intro)
            for section in document.sections { add(section) }
        }
        switch source {
        case .module(let m):
            let module = site.modules[m]
            piece(module.summary)
            add(module.body)
            if module.outcomes.isEmpty { piece("") }
            for outcome in module.outcomes { piece(outcome.text) }
        case .task(let m, let t):
            add(site.modules[m].tasks[t].body)
        case .practice(let p):
            let practice = site.practices[p]
            add(practice.body)
            let header = [practice.country?.name, practice.organisation].compactMap { $0 } + practice.tags
            if header.isEmpty { piece("") }
            for text in header { piece(text) }
        case .page(let p):
            add(site.pages[p].body)
        }
    }

    // MARK: Files

    static var manifestPath: String { Route.asset("\(directory)/index.js").path }

    static func shardPath(_ prefix: String) -> String {
        Route.asset("\(directory)/t-" + prefix.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "-") + ".js").path
    }

    static func chunkPath(_ n: Int) -> String { Route.asset("\(directory)/d-\(n).js").path }

    var chunkCount: Int { (documents.count + Self.chunkSize - 1) / Self.chunkSize }

    /// Every file of the index with how it is made.
    var files: [(path: String, make: @Sendable (SearchIndex) -> String)] {
        var files: [(path: String, make: @Sendable (SearchIndex) -> String)] = [(Self.manifestPath, { $0.manifest() })]
        for (index, shard) in shards.enumerated() { files.append((Self.shardPath(shard.prefix), { $0.shard(index) })) }
        for n in 0..<chunkCount { files.append((Self.chunkPath(n), { $0.chunk(n) })) }
        return files
    }

    func manifest() -> String {
        var json = JSONText()
        json.beginObject()
        json.int("v", 2)
        json.int("count", documents.count)
        json.int("chunk", Self.chunkSize)
        json.strings("shards", shards.map(\.prefix))
        json.beginObject("kinds")
        for kind in Kind.allCases { json.string(kind.rawValue, strings("kind_" + kind.rawValue)) }
        json.endObject()
        json.beginObject("messages")
        json.string("loading", strings("search_loading"))
        json.string("failed", strings("search_failed"))
        json.string("none", strings("search_none"))
        json.string("one", strings.plural("search_results", 1))
        json.string("many", strings.plural("search_results", 2, ["count": "{count}"]))
        json.string("more", strings("search_more"))
        json.beginObject("results")
        for (category, text) in strings.forms("search_results") { json.string(category, text) }
        json.endObject()
        json.endObject()
        json.endObject()
        return "TRELLIS_SEARCH.index(" + json.text + ");\n"
    }

    func shard(_ index: Int) -> String {
        let shard = shards[index]
        var json = JSONText()
        json.beginObject()
        json.string("terms", shard.terms.joined(separator: "\n"))
        json.beginArray("docs")
        for term in shard.terms { json.string(nil, Self.encode(postings[term]?.all ?? [])) }
        json.endArray()
        json.beginArray("titles")
        for term in shard.terms { json.string(nil, Self.encode(postings[term]?.titles ?? [])) }
        json.endArray()
        json.endObject()
        return "TRELLIS_SEARCH.shard(" + JSONText.quoted(shard.prefix) + "," + json.text + ");\n"
    }

    func chunk(_ n: Int) -> String {
        var json = JSONText()
        json.beginArray()
        for document in documents[(n * Self.chunkSize)..<min(documents.count, (n + 1) * Self.chunkSize)] {
            json.beginArray()
            json.string(nil, document.title)
            json.string(nil, document.path)
            json.string(nil, document.kind.rawValue)
            json.string(nil, document.context ?? "")
            json.string(nil, document.text)
            json.endArray()
        }
        json.endArray()
        return "TRELLIS_SEARCH.docs(\(n)," + json.text + ");\n"
    }

    /// The digits of ``encode(_:)``: 64 characters that need no escaping in JSON.
    static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    /// Ascending document numbers as gaps from the previous one, each in
    /// base 32, most significant digit first: a digit of the last place is
    /// one of the first 32 characters of ``digits``, any other place one of
    /// the last 32. Documents 0, 3, 40 → gaps 0, 3, 37 → "0", "3", "X5".
    static func encode(_ documents: [Int]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(documents.count * 2)
        var previous = 0
        var places: [UInt8] = []
        for document in documents {
            var gap = document - previous
            previous = document
            places.removeAll(keepingCapacity: true)
            repeat {
                places.append(UInt8(gap & 31))
                gap >>= 5
            } while gap > 0
            for (i, place) in places.enumerated().reversed() { out.append(digits[Int(place) + (i == 0 ? 0 : 32)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length in bytes of ``encode(_:)``'s text, without making it.
    static func encodedLength(_ documents: [Int]) -> Int {
        var length = 0
        var previous = 0
        for document in documents {
            var gap = (document - previous) >> 5
            previous = document
            length += 1
            while gap > 0 {
                length += 1
                gap >>= 5
            }
        }
        return length
    }

    static func excerpt(_ text: String) -> String {
        var excerpt = Excerpt()
        excerpt.add(text)
        return excerpt.text
    }

    /// The start of a text for its search result, read piece by piece:
    /// ASCII whitespace collapsed on UTF-8 bytes, cut at a space after
    /// ``excerptLength`` bytes.
    struct Excerpt {
        private var bytes: [UInt8] = []
        private var space = false
        private var cut = false

        mutating func add(_ text: String) { add(text.utf8) }

        mutating func add(_ text: some Sequence<UInt8>) {
            guard !cut else { return }
            if bytes.isEmpty { bytes.reserveCapacity(SearchIndex.excerptLength + 8) }
            for byte in text {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    space = !bytes.isEmpty
                    continue
                }
                if space {
                    if bytes.count >= SearchIndex.excerptLength {
                        cut = true
                        return
                    }
                    bytes.append(0x20)
                    space = false
                }
                bytes.append(byte)
            }
        }

        var text: String {
            let collapsed = String(decoding: bytes, as: UTF8.self)
            return cut ? collapsed + " …" : collapsed
        }
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

        /// Letters written more than one way in Persian and Arabic text, and
        /// the marks that join or stretch words without changing them: the
        /// zero-width non-joiner (می‌شود is one word) and the tatweel.
        static let scriptFolds: [Unicode.Scalar: String] = [
            "\u{064A}": "\u{06CC}", "\u{0649}": "\u{06CC}", "\u{0643}": "\u{06A9}",  // Arabic yeh, alef maksura, kaf → Persian
            "\u{0629}": "\u{0647}",  // teh marbuta → heh
            "\u{200C}": "", "\u{0640}": "",  // zero-width non-joiner, tatweel
        ]

        mutating func fold(_ scalar: Unicode.Scalar) -> String {
            if let known = cache[scalar] { return known }
            if let script = Self.scriptFolds[scalar] {
                cache[scalar] = script
                return script
            }
            // Arabic-Indic and Persian digits (٣, ۳) are the digit 3.
            if (0x0660...0x0669).contains(scalar.value) || (0x06F0...0x06F9).contains(scalar.value) {
                let digit = String(scalar.value & 0xF)
                cache[scalar] = digit
                return digit
            }
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

        /// Calls `emit` with each folded word of `text`.
        mutating func tokens(_ text: String, _ emit: (String) -> Void) {
            var list = WordList()
            words(text, into: &list)
            for word in list.words { emit(word) }
        }

        /// Hands `sink` the UTF-8 bytes of each folded word of `text`:
        /// ASCII is folded on bytes, other characters through ``fold(_:)``,
        /// and no String is made per word. (No closure holds the word being
        /// gathered: captured, every byte appended was an access check.)
        mutating func words<Sink: WordSink>(_ text: String, into sink: inout Sink) {
            var text = text
            text.withUTF8 { words($0, into: &sink) }
        }

        mutating func words<Sink: WordSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
            var word = WordBuffer(capacity: bytes.count + 16)
            Self.scan(bytes, folding: &self, word: &word, into: &sink)
            word.flush(into: &sink)
        }

        /// Each ASCII byte as it counts in a word: a lowercase letter or a
        /// digit (capitals made lowercase), or 0 for a byte between words.
        private static let asciiFold: [UInt8] = (0..<128).map { byte in
            switch byte {
            case 0x61...0x7A, 0x30...0x39: UInt8(byte)
            case 0x41...0x5A: UInt8(byte + 32)
            default: 0
            }
        }

        private static func scan<Sink: WordSink>(
            _ bytes: UnsafeBufferPointer<UInt8>, folding folder: inout CaseFolding, word: inout WordBuffer, into sink: inout Sink
        ) {
            Self.asciiFold.withUnsafeBufferPointer { fold in
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        let folded = fold[Int(byte)]
                        if folded != 0 { word.append(folded) } else { word.flush(into: &sink) }
                        index += 1
                        continue
                    }
                    let (scalar, length) = Self.scalar(in: bytes, at: index)
                    index += length
                    for part in folder.fold(scalar).unicodeScalars {
                        let ideograph = part.properties.isIdeographic
                        if !Self.isWordScalar(part) || ideograph { word.flush(into: &sink) }
                        guard Self.isWordScalar(part) else { continue }
                        word.append(part)
                        // Each ideograph is a word of its own.
                        if ideograph { word.flush(into: &sink) }
                    }
                }
            }
        }

        /// The scalar whose UTF-8 starts at `index` of valid UTF-8 `bytes` (a String's), and its length.
        static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
            let lead = UInt32(bytes[index])
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            guard length > 1, index + length <= bytes.count else { return (Unicode.Scalar(UInt8(lead)), 1) }
            var value = lead & (0x7F >> UInt32(length))
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
        }
    }
}

/// The word being gathered, in memory of its own (an array's checks on
/// every byte appended were most of the time spent reading words).
struct WordBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Room for `more` bytes (an ASCII byte never needs more than its own;
    /// a folded character may).
    private mutating func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: (count + more) * 2)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = (count + more) * 2
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { reserve(1) }
        base[count] = byte
        count += 1
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        reserve(4)
        guard let encoded = UTF8.encode(scalar) else { return }
        for byte in encoded {
            base[count] = byte
            count += 1
        }
    }

    /// Hands the word to `sink`, if there is one, and starts the next.
    @inline(__always)
    mutating func flush<Sink: WordSink>(into sink: inout Sink) {
        guard count > 0 else { return }
        sink.take(UnsafeBufferPointer(start: base, count: count))
        count = 0
    }
}

/// Where ``SearchIndex/CaseFolding/words(_:into:)`` puts each word.
protocol WordSink {
    mutating func take(_ word: UnsafeBufferPointer<UInt8>)
}

/// The words in order, as Strings.
struct WordList: WordSink {
    var words: [String] = []
    mutating func take(_ word: UnsafeBufferPointer<UInt8>) { words.append(String(decoding: word, as: UTF8.self)) }
}

/// Search terms keyed by their folded UTF-8 bytes, each with the documents
/// (in order) that hold it and those whose title does: an open-addressing
/// table, so a word read from a text is looked up without being made into a
/// String or hashed twice (a large catalogue has millions of words).
struct TermTable: WordSink {
    /// The document and part (title or not) that words taken now are from.
    var document = 0
    var inTitle = false
    /// Every term's bytes, one after another.
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var hashes: [UInt64] = []
    private var lists: [(all: [Int], titles: [Int])] = []
    /// Entry numbers by hash; -1 is an empty slot. A power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 1024)

    var count: Int { starts.count }

    /// FNV-1a, 64 bits.
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private func length(_ entry: Int) -> Int { (entry + 1 < starts.count ? starts[entry + 1] : bytes.count) - starts[entry] }

    /// The entry of `word`, added (with no documents) when it is new.
    private mutating func entry(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let entry = Int(slots[slot])
            if hashes[entry] == hash && length(entry) == word.count {
                let start = starts[entry]
                let same = bytes.withUnsafeBufferPointer { all in
                    guard let base = all.baseAddress, let other = word.baseAddress else { return word.isEmpty }
                    return memcmp(base + start, other, word.count) == 0
                }
                if same { return entry }
            }
            slot = (slot + 1) & mask
        }
        let entry = starts.count
        starts.append(bytes.count)
        bytes.append(contentsOf: word)
        hashes.append(hash)
        lists.append(([], []))
        slots[slot] = Int32(truncatingIfNeeded: entry)
        if starts.count * 2 > slots.count { grow() }
        return entry
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: entry)
        }
    }

    /// Notes that `document` holds `word` (in its title, when `title`).
    /// Documents are recorded in order, each once per list.
    mutating func record(_ word: UnsafeBufferPointer<UInt8>, document: Int, title: Bool) {
        let entry = entry(word, hash: Self.hash(word))
        if lists[entry].all.last != document { lists[entry].all.append(document) }
        if title, lists[entry].titles.last != document { lists[entry].titles.append(document) }
    }

    mutating func take(_ word: UnsafeBufferPointer<UInt8>) { record(word, document: document, title: inTitle) }

    /// Adds the documents of `other`, which all come after this table's.
    mutating func merge(_ other: TermTable) {
        other.bytes.withUnsafeBufferPointer { all in
            for entry in 0..<other.count {
                let word = UnsafeBufferPointer(rebasing: all[other.starts[entry]..<(other.starts[entry] + other.length(entry))])
                let mine = self.entry(word, hash: other.hashes[entry])
                lists[mine].all.append(contentsOf: other.lists[entry].all)
                lists[mine].titles.append(contentsOf: other.lists[entry].titles)
            }
        }
    }

    /// Every term as a String with its documents.
    var postings: [String: (all: [Int], titles: [Int])] {
        var postings: [String: (all: [Int], titles: [Int])] = [:]
        postings.reserveCapacity(count)
        for entry in 0..<count {
            postings[String(decoding: bytes[starts[entry]..<(starts[entry] + length(entry))], as: UTF8.self)] = lists[entry]
        }
        return postings
    }
}
