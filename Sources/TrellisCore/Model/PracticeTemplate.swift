/// The form every good practice follows: its sections, in order.
public struct PracticeTemplate: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        public var id: String
        public var heading: String
        public var aliases: [String]
        public var required: Bool
        /// Advice for whoever fills in the form.
        public var guidance: String?
        /// A custom template's heading and aliases per language (for translations).
        public var headings: [String: String] = [:]
        public var aliasesByLanguage: [String: [String]] = [:]

        public init(id: String, heading: String, aliases: [String] = [], required: Bool = true, guidance: String? = nil) {
            self.id = id
            self.heading = heading
            self.aliases = aliases
            self.required = required
            self.guidance = guidance
        }
    }

    public var sections: [Section] {
        didSet { shared = sections.map(SharedSection.init) }
    }
    private let lookup: [String: Int]
    /// ``sections``, each in an object every practice of the template
    /// refers to (``PracticeSection``).
    private(set) var shared: [SharedSection]

    /// A section of the template, held once for all its practices.
    final class SharedSection: Sendable {
        let value: Section
        init(_ value: Section) { self.value = value }
    }

    public init(sections: [Section]) {
        self.sections = sections
        shared = sections.map(SharedSection.init)
        var lookup: [String: Int] = [:]
        for (index, section) in sections.enumerated() {
            for name in [section.heading] + section.aliases where lookup[Self.normalize(name)] == nil {
                lookup[Self.normalize(name)] = index
            }
        }
        self.lookup = lookup
    }

    /// The collection form used for good-practice catalogues.
    public static let builtIn = PracticeTemplate(sections: [
        Section(
            id: "description", heading: "Description",
            guidance: "What is the practice and what does it aim to do?"),
        Section(
            id: "involved", heading: "Who is involved?",
            aliases: ["Who is involved? How were they motivated to participate?"],
            guidance: "Who takes part, and how were they motivated to participate?"),
        Section(
            id: "benefits", heading: "Benefits",
            guidance: "What does it bring to learners, teachers and the institution?"),
        Section(
            id: "challenges", heading: "Challenges and how they were overcome",
            guidance: "What was difficult, and what helped?"),
        Section(
            id: "implementation", heading: "Step by step implementation",
            aliases: ["Step by step for the implementation of the good practice"],
            guidance: "The steps another institution would follow to do the same."),
    ])

    /// The built-in form in `language`: headings and guidance from the
    /// language's interface strings (`practice_section_<id>`,
    /// `practice_guidance_<id>`), with the English headings and aliases
    /// still matching, so a practice written in English reads as well.
    public static func builtIn(language: String) -> PracticeTemplate {
        guard Strings.primary(language) != "en", Strings.builtIn(language) != nil else { return builtIn }
        return builtIn(strings: Strings.forLanguage(language).strings)
    }

    /// The built-in form in the language of `strings`, a site's own
    /// `i18n/<lang>.yml` included.
    public static func builtIn(strings: Strings) -> PracticeTemplate {
        PracticeTemplate(
            sections: builtIn.sections.map { section in
                var localized = section
                localized.heading = strings("practice_section_" + section.id)
                localized.aliases = localized.heading == section.heading ? section.aliases : [section.heading] + section.aliases
                localized.guidance = strings("practice_guidance_" + section.id)
                return localized
            })
    }

    /// This (custom) template as a translation into `language` reads it: each
    /// section's heading in that language where the template gives one, with
    /// its aliases in that language, and the site's heading and aliases still
    /// matching.
    public func localized(_ language: String) -> PracticeTemplate {
        PracticeTemplate(
            sections: sections.map { section in
                var localized = section
                if let heading = section.headings[language] {
                    localized.heading = heading
                    localized.aliases = (section.aliasesByLanguage[language] ?? []) + [section.heading] + section.aliases
                }
                return localized
            })
    }

    /// The template section a heading names, if any.
    public func section(matching heading: String) -> Section? {
        lookup[Self.normalize(heading)].map { sections[$0] }
    }

    /// Lowercase, single spaces, without a trailing parenthetical remark or
    /// trailing punctuation: "Benefits " and "benefits:" match "Benefits".
    public static func normalize(_ heading: String) -> String {
        if let ascii = normalizeASCII(heading) { return ascii }
        var text = Substring(heading.lowercased())
        func trim() {
            while let last = text.last, last.isWhitespace || ".:;,!?؟。".contains(last) { text.removeLast() }
            while let first = text.first, first.isWhitespace || "¿¡".contains(first) { text.removeFirst() }
        }
        trim()
        if text.last == ")", let open = text.lastIndex(of: "("), open != text.startIndex {
            text = text[..<open]
            trim()
        }
        var out = ""
        var space = false
        for character in text {
            if character.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.append(character)
        }
        return out
    }

    /// ``normalize(_:)`` on bytes, for the common all-ASCII heading (every
    /// heading of every practice is normalized); nil for any other.
    private static func normalizeASCII(_ heading: String) -> String? {
        var heading = heading
        // Read where the text lies, written once into the result (no arrays
        // in between: every section heading of every practice comes here).
        return heading.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            func isTrailingMark(_ byte: UInt8) -> Bool {
                switch byte {
                case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?"): true
                default: false
                }
            }
            var start = 0
            var end = bytes.count
            func trim() {
                while end > start, bytes[end - 1].isASCIIWhitespace || isTrailingMark(bytes[end - 1]) { end -= 1 }
                while start < end, bytes[start].isASCIIWhitespace { start += 1 }
            }
            trim()
            if end > start, bytes[end - 1] == UInt8(ascii: ")"), let open = bytes[start..<end].lastIndex(of: UInt8(ascii: "(")), open != start {
                end = open
                trim()
            }
            return String(unsafeUninitializedCapacity: end - start) { out in
                var count = 0
                var space = false
                for byte in bytes[start..<end] {
                    if byte.isASCIIWhitespace {
                        space = count > 0
                        continue
                    }
                    if space {
                        out[count] = 0x20
                        count += 1
                        space = false
                    }
                    out[count] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                    count += 1
                }
                return count
            }
        }
    }

    public static func == (a: PracticeTemplate, b: PracticeTemplate) -> Bool { a.sections == b.sections }
    public func hash(into hasher: inout Hasher) { hasher.combine(sections) }
}
