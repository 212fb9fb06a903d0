import Foundation

/// The controlled term lists content is checked against. Built-in lists can
/// be replaced in site.yml under `vocabularies:`.
public struct Vocabularies: Sendable, Hashable {
    public var taskTypes: [String]
    public var outcomeDomains: [String]
    public var sectors: [String]
    public var modes: [String]
    public var groupings: [String]
    public var audiences: [String]

    public static let builtIn = Vocabularies(
        taskTypes: ["information-exchange", "comparison-analysis", "collaboration", "simulation", "reflection"],
        outcomeDomains: ["disciplinary", "digital", "intercultural"],
        sectors: ["school", "vet", "higher-education", "adult-education"],
        modes: ["synchronous", "asynchronous"],
        groupings: ["individual", "pairs", "small-groups", "whole-group"],
        audiences: ["pre-service", "in-service", "expert"]
    )

    /// The site.yml keys, in the order documented.
    static let keys = ["task_types", "outcome_domains", "sectors", "modes", "groupings", "audiences"]

    subscript(key: String) -> [String] {
        get {
            switch key {
            case "task_types": taskTypes
            case "outcome_domains": outcomeDomains
            case "sectors": sectors
            case "modes": modes
            case "groupings": groupings
            default: audiences
            }
        }
        set {
            switch key {
            case "task_types": taskTypes = newValue
            case "outcome_domains": outcomeDomains = newValue
            case "sectors": sectors = newValue
            case "modes": modes = newValue
            case "groupings": groupings = newValue
            default: audiences = newValue
            }
        }
    }

    static let acronyms = [
        "vet": "VET", "ict": "ICT", "cpd": "CPD", "mooc": "MOOC", "coil": "COIL",
        "pre-service": "Pre-service", "in-service": "In-service",
    ]

    /// A readable label for a term: `comparison-analysis` → `Comparison analysis`.
    public static func label(_ term: String) -> String {
        if let known = acronyms[term] { return known }
        // On bytes ('-' and '_' are single bytes in UTF-8); the first letter
        // through Unicode only when it is not ASCII.
        var bytes = Array(term.utf8)
        for index in bytes.indices where bytes[index] == 0x2D || bytes[index] == 0x5F { bytes[index] = 0x20 }
        guard let first = bytes.first else { return term }
        if first < 0x80 {
            if (0x61...0x7A).contains(first) { bytes[0] = first - 32 }
            return String(decoding: bytes, as: UTF8.self)
        }
        let spaced = String(decoding: bytes, as: UTF8.self)
        guard let letter = spaced.first else { return term }
        return letter.uppercased() + spaced.dropFirst()
    }
}
