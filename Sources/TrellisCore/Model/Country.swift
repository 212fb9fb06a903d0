import Foundation

/// A country as an ISO 3166-1 alpha-2 code, shown by its English name.
public struct Country: Sendable, Hashable, Comparable {
    public let code: String
    public var name: String { Country.nameByCode[code] ?? code }

    /// Resolves a code (`fi`, `FI`), an English name (`Finland`) or a common
    /// native name (`Suomi`), ignoring case and accents.
    public init?(_ text: String) {
        // Two ASCII letters (the usual `country: FI`): the code itself, without folding the text.
        let utf8 = text.utf8
        if utf8.count == 2, utf8.allSatisfy({ (0x61...0x7A).contains($0 | 0x20) }) {
            let upper = String(decoding: utf8.map { $0 & 0xDF }, as: UTF8.self)
            if Country.nameByCode[upper] != nil {
                code = upper
                return
            }
        }
        let key = Country.key(text)
        if key.count == 2, Country.nameByCode[key.uppercased()] != nil {
            code = key.uppercased()
        } else if let found = Country.codeByName[key] {
            code = found
        } else {
            return nil
        }
    }

    public static func < (a: Country, b: Country) -> Bool { a.name < b.name }

    /// Every name and code that resolves, for did-you-mean hints.
    public static var knownNames: [String] { (CountryTable.englishNames + additional).map(\.name) }

    /// Kosovo is not in ISO 3166-1; XK is the code the European Commission uses.
    static let additional: [(code: String, name: String)] = [("XK", "Kosovo")]

    static let nameByCode: [String: String] = Dictionary(
        (CountryTable.englishNames + additional).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })

    static let codeByName: [String: String] = {
        var table: [String: String] = [:]
        for entry in CountryTable.englishNames + additional { table[key(entry.name)] = entry.code }
        for entry in CountryTable.otherNames where table[key(entry.name)] == nil { table[key(entry.name)] = entry.code }
        return table
    }()

    /// Lowercased, accents removed, single spaces.
    static func key(_ text: String) -> String {
        let folded = text.lowercased().decomposedStringWithCompatibilityMapping
        var out = ""
        var space = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isWhitespace || scalar == "-" || scalar == "." {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
