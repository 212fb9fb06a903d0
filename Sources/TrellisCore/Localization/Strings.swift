import Foundation
import Markdown
import Synchronization
import Yams

/// The interface in one language: every word Trellis writes around the
/// authors' text (navigation, labels, badges, notices, search messages,
/// handbook covers), from a string table.
///
/// Built in: `Sources/TrellisCore/Strings/<lang>.yml` for English and the
/// languages listed in ``builtInLanguages``; a site overrides or adds
/// strings, and whole languages, in `i18n/<lang>.yml` in its content folder.
/// A key a table lacks falls back to English. `{name}` in a value is filled
/// in; a value with plural forms is a mapping (`one`, `other`, and `two`,
/// `few`, `many` where the language has them, chosen by ``Plural``).
public struct Strings: Sendable {
    public enum Entry: Sendable, Equatable {
        case text(String)
        case plural([String: String])
    }

    /// The language's code (BCP 47), as `site.yml` gives it.
    public let language: String
    let table: [String: Entry]

    /// Languages with a built-in table, English first.
    public static let builtInLanguages = ["en", "es", "fr", "de", "it", "pt", "nl", "fi", "sv", "sl", "el", "fa"]

    /// Languages written right to left (the page gets `dir="rtl"`).
    static let rightToLeft: Set<String> = ["fa", "ar", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"]

    public var isRightToLeft: Bool { Self.isRightToLeft(language) }

    /// Whether `language` is written right to left.
    static func isRightToLeft(_ language: String) -> Bool { rightToLeft.contains(primary(language)) }
    public var direction: String { Self.direction(language) }

    /// `rtl` or `ltr`.
    static func direction(_ language: String) -> String { isRightToLeft(language) ? "rtl" : "ltr" }

    /// The `dir` for text in `language` inside a page or book in `around`:
    /// nil when both run the same way (the text inherits it).
    static func direction(of language: String, inside around: String) -> String? {
        isRightToLeft(language) == isRightToLeft(around) ? nil : direction(language)
    }

    /// `pt-BR` → `pt`.
    static func primary(_ code: String) -> String {
        // Fast path: a plain code (`en`, `fa`) is its own primary language.
        if code.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) { return code }
        return String(code.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? Substring(code)).lowercased()
    }

    init(language: String, table: [String: Entry]) {
        self.language = language
        self.table = table
    }

    /// The built-in English table: every key there is.
    public static let english: Strings = Strings(language: "en", table: builtInTable("en") ?? [:])

    /// The interface for `language`: the built-in table for it (or for its
    /// primary language: `pt-BR` → `pt`), then `overrides` on top, with every
    /// missing key from English. nil when neither exists.
    public static func forLanguage(_ language: String, overrides: [String: Entry] = [:]) -> (strings: Strings, missing: [String]) {
        var table = english.table
        var own: [String: Entry] = [:]
        if let builtIn = builtIn(language) { own = builtIn }
        own.merge(overrides) { _, new in new }
        let missing = Self.primary(language) == "en" ? [] : english.table.keys.filter { own[$0] == nil }.sorted()
        table.merge(own) { _, new in new }
        return (Strings(language: language, table: table), missing)
    }

    static func builtIn(_ language: String) -> [String: Entry]? {
        builtInTable(language) ?? builtInTable(primary(language))
    }

    /// A built-in table, read the first time a site, translation or
    /// template asks for it (a site in English never reads the other eleven).
    static func builtInTable(_ code: String) -> [String: Entry]? {
        guard builtInLanguages.contains(code) else { return nil }
        return tables.withLock { tables in
            if let table = tables[code] { return table }
            let table = text(of: code).flatMap { try? parse($0) }
            tables[code] = table
            return table
        }
    }

    /// One built-in text, read from its own line of the table when it is
    /// written on one (`key: text`), so asking for one key in every
    /// language does not parse every language's table; the whole table
    /// otherwise.
    static func builtInText(_ key: String, language: String) -> String? {
        if let line = text(of: language).flatMap({ line(of: key, in: $0) }), case .text(let value)? = (try? parse(line))?[key] {
            return value
        }
        if case .text(let value)? = builtInTable(language)?[key] { return value }
        return nil
    }

    /// The line `key: …` of a table, when the value stays on that line
    /// (no block scalar, no mapping of plural forms).
    private static func line(of key: String, in table: String) -> String? {
        let start = "\n\(key):"
        guard let range = table.range(of: start) else { return nil }
        let rest = table[range.upperBound...]
        let end = rest.firstIndex(of: "\n") ?? rest.endIndex
        let value = rest[..<end].trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, !"|>".contains(value.prefix(1)) else { return nil }
        if end < rest.endIndex, rest[rest.index(after: end)...].first.map({ $0 == " " || $0 == "\t" }) == true { return nil }
        return String(table[table.index(after: range.lowerBound)..<end])
    }

    private static let tables = Mutex<[String: [String: Entry]?]>([:])

    static func text(of language: String) -> String? {
        let bytes: [UInt8]? =
            switch language {
            case "en": PackageResources.en_yml
            case "es": PackageResources.es_yml
            case "fr": PackageResources.fr_yml
            case "de": PackageResources.de_yml
            case "it": PackageResources.it_yml
            case "pt": PackageResources.pt_yml
            case "nl": PackageResources.nl_yml
            case "fi": PackageResources.fi_yml
            case "sv": PackageResources.sv_yml
            case "sl": PackageResources.sl_yml
            case "el": PackageResources.el_yml
            case "fa": PackageResources.fa_yml
            default: nil
            }
        return bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    /// A table from YAML: `key: text` or `key: {one: …, other: …}`.
    static func parse(_ yaml: String) throws -> [String: Entry] {
        guard let object = try Yams.load(yaml: yaml) else { return [:] }
        guard let mapping = object as? [String: Any] else { throw StringsError.notAMapping }
        var table: [String: Entry] = [:]
        for (key, value) in mapping {
            if let forms = value as? [String: Any] {
                table[key] = .plural(forms.mapValues { "\($0)" })
            } else if let text = value as? String {
                table[key] = .text(text)
            } else {
                table[key] = .text("\(value)")
            }
        }
        return table
    }

    enum StringsError: Error { case notAMapping }

    // MARK: Looking up

    /// The text for `key`, with `{name}` filled in from `values`. A key
    /// with plural forms gives its `other` form; a key no table has gives
    /// the key itself (a template checker warns about those).
    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        switch table[key] {
        case .text(let text): Self.fill(text, values)
        case .plural(let forms): Self.fill(forms["other"] ?? forms.values.first ?? key, values)
        case nil: key
        }
    }

    /// The form of `key` for `count` (`{count}` is filled in with it).
    public func plural(_ key: String, _ count: Int, _ values: [String: String] = [:]) -> String {
        var values = values
        values["count"] = values["count"] ?? String(count)
        guard case .plural(let forms) = table[key] else { return callAsFunction(key, values) }
        let category = Plural.category(count, language: language)
        return Self.fill(forms[category] ?? forms["other"] ?? forms.values.first ?? key, values)
    }

    /// The text for `key` as HTML: the text escaped, then `{name}` filled
    /// in with `html` values as they are (links, emphasis).
    public func html(_ key: String, _ html: [String: String]) -> String {
        Self.fill(HTML.escape(callAsFunction(key)), html)
    }

    /// The plural forms of `key` by category (only `other` for plain text),
    /// for scripts that choose one with `Intl.PluralRules`.
    public func forms(_ key: String) -> [(category: String, text: String)] {
        switch table[key] {
        case .plural(let forms): forms.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        case .text(let text): [("other", text)]
        case nil: []
        }
    }

    /// A vocabulary term's label: `term_<term>` from the table, else the term made readable.
    public func term(_ term: String) -> String {
        if case .text(let text) = table["term_" + term] { return text }
        return Vocabularies.label(term)
    }

    /// One pass over the bytes (every page fills a few dozen strings): each
    /// `{name}` with a value is replaced, anything else is kept as written,
    /// and a value's own braces are not read again.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        let utf8 = text.utf8
        guard !values.isEmpty, let firstBrace = utf8.firstIndex(of: UInt8(ascii: "{")) else { return text }
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        out += text[..<firstBrace]
        var index = firstBrace
        while index < utf8.endIndex {
            guard utf8[index] == UInt8(ascii: "{"),
                let close = utf8[index...].firstIndex(of: UInt8(ascii: "}")),
                let value = values[String(text[utf8.index(after: index)..<close])]
            else {
                let next = utf8[utf8.index(after: index)...].firstIndex(of: UInt8(ascii: "{")) ?? utf8.endIndex
                out += text[index..<next]
                index = next
                continue
            }
            out += value
            index = utf8.index(after: close)
        }
        return out
    }

    /// A country's name in this language: CLDR's, through Foundation, for
    /// any language but English (whose names are the project's own table).
    public func country(_ country: Country) -> String {
        guard Self.primary(language) != "en" else { return country.name }
        return Locale(identifier: language).localizedString(forRegionCode: country.code) ?? country.name
    }

    /// A task's duration as shown: effort as the author wrote it ("90 min"),
    /// a time window in this language ("over 1 week", "a lo largo de 1
    /// semana"), text Trellis cannot read as written.
    public func duration(_ text: String) -> String {
        guard case .window = Duration(text) else { return text }
        return callAsFunction("duration_over", ["duration": span(text)])
    }

    /// A length in the calendar in this language: a module's `duration`
    /// "6 weeks" → "6 semanas"; anything else as written.
    public func span(_ text: String) -> String {
        guard case .window(let window) = Duration(text) else { return text }
        let count = window.lower.map { "\($0)–\(window.upper)" } ?? window.upper
        // A range, or a decimal, takes the form for many ("1–2 weeks", "1.5 weeks").
        let n = window.lower == nil ? Int(window.upper) ?? 2 : 2
        return plural(window.inWeeks ? "window_weeks" : "window_days", n, ["count": count])
    }

    /// A sum of effort: "18 h 30 min", "18 Std. 30 Min.".
    public func effort(_ effort: Effort) -> String {
        let total = Int(effort.minutes.rounded())
        let (hours, minutes) = (String(total / 60), String(total % 60))
        switch (total / 60, total % 60) {
        case (0, _): return callAsFunction("duration_minutes", ["minutes": minutes])
        case (_, 0): return callAsFunction("duration_hours", ["hours": hours])
        default: return callAsFunction("duration_hours_minutes", ["hours": hours, "minutes": minutes])
        }
    }

    /// The calendar weeks a phase spans: `"6"` → "Week 6", `"1-2"` →
    /// "Weeks 1–2", `"3, 5"` → "Weeks 3, 5"; text that already names weeks
    /// (in English or in this language) is shown as written.
    public func weeks(_ text: String) -> String {
        let trimmed = text.trimmingSpaces
        let lowered = trimmed.lowercased()
        let own = [callAsFunction("phase_week", ["weeks": ""]), callAsFunction("phase_weeks", ["weeks": ""])]
            .map { $0.trimmingSpaces.lowercased() }.filter { !$0.isEmpty }
        if lowered.hasPrefix("week") || own.contains(where: { lowered.hasPrefix($0) }) { return trimmed }
        let bounds = trimmed.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = bounds.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        if numbers && (bounds.count == 1 || (bounds.count == 2 && bounds[0] == bounds[1])) {
            return callAsFunction("phase_week", ["weeks": bounds[0]])
        }
        if numbers && bounds.count == 2 { return callAsFunction("phase_weeks", ["weeks": "\(bounds[0])–\(bounds[1])"]) }
        return callAsFunction("phase_weeks", ["weeks": trimmed])
    }

    /// "Duration: 2 h" (a space before the colon in French).
    public func labelled(_ label: String, _ value: String) -> String {
        callAsFunction("label_value", ["label": label, "value": value])
    }

    /// A date as this language writes it ("3 December 2026", "3 de
    /// diciembre de 2026"), when `text` is an ISO date (`2026-12-03`);
    /// anything else as written.
    public func date(_ text: String) -> String {
        let parts = text.trimmingSpaces.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return text }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return text }
        var style = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: language), calendar: calendar)
        style.timeZone = calendar.timeZone
        return date.formatted(style)
    }

    /// The label above each kind of callout (`> [!NOTE]` → "Nota"), which
    /// the parser writes into the body.
    public var alertTitles: [AlertKind: String] {
        var titles: [AlertKind: String] = [:]
        for kind in AlertKind.allCases {
            titles[kind] = kind == .facilitator ? callAsFunction("book_for_facilitators") : callAsFunction("callout_" + kind.rawValue)
        }
        return titles
    }

    /// A facet's name: "Country", "Sector", "Tag".
    public func facet(_ facet: Facet) -> String { callAsFunction("facet_" + facet.rawValue) }

    /// A handbook edition's name: "Participant handbook".
    public func handbook(_ edition: Edition) -> String { callAsFunction("handbook_" + edition.rawValue) }

    /// Every key, for the template checker.
    var keys: Dictionary<String, Entry>.Keys { table.keys }
}

/// CLDR plural categories for the built-in languages (integers only).
enum Plural {
    static func category(_ n: Int, language: String) -> String {
        // Brazilian Portuguese counts 0 as one; European Portuguese (pt, the built-in table) does not.
        if language.lowercased() == "pt-br" { return n == 0 || n == 1 ? "one" : "other" }
        switch Strings.primary(language) {
        case "fr", "fa", "hi": return n == 0 || n == 1 ? "one" : "other"
        case "sl":
            switch n % 100 {
            case 1: return "one"
            case 2: return "two"
            case 3, 4: return "few"
            default: return "other"
            }
        case "ja", "zh", "ko", "tr", "id", "vi", "th": return "other"
        default: return n == 1 ? "one" : "other"
        }
    }
}

/// What templates see as `t`: `{{t.nav_home}}` is the string `nav_home` in
/// the page's language.
struct StringTable: TemplateFields {
    let strings: Strings
    func value(named name: String) -> TemplateValue { strings.table[name] == nil ? .none : .text(strings(name)) }
}

/// A view with the string table beside it, so every template, section and
/// partial can name `t`.
struct Localized<View: TemplateView>: TemplateFields {
    let view: View
    let table: StringTable
    func value(named name: String) -> TemplateValue { name == "t" ? .view(table) : view.value(named: name) }
}

/// The template checker's view of `t`: every key of the English table.
struct StringTableFields: TemplateView {
    func value(named name: String) -> TemplateValue { .none }
    static let templateFields: [String: (any TemplateView.Type)?] = Dictionary(
        uniqueKeysWithValues: Strings.english.keys.map { ($0, nil) })
}

/// The checker's outermost frame: `t`, around every template's own view.
struct LocalizedFields: TemplateView {
    func value(named name: String) -> TemplateValue { .none }
    static let templateFields: [String: (any TemplateView.Type)?] = ["t": StringTableFields.self]
}
