import Foundation

/// Ids of modules, tasks, practices and pages: `[a-z0-9][a-z0-9-]*`.
public enum Identifier {
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, isLowerOrDigit(first) else { return false }
        return text.utf8.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// A valid id close to `text`, for hints.
    public static func suggestion(for text: String) -> String {
        var out = ""
        var hyphen = false
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if hyphen && !out.isEmpty { out.append("-") }
                hyphen = false
                out.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory != .nonspacingMark {
                hyphen = true
            }
        }
        return out.isEmpty ? "my-id" : out
    }
}
