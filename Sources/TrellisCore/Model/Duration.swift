/// A task or module duration such as `90 min`, `2 h`, `3 days`, `1 week`.
///
/// Durations are effort, summed in minutes with a working day of 8 hours
/// and a working week of 5 days, so `1 week` of asynchronous work and a
/// `90 min` meeting add up to something an author can compare with the
/// module's declared length.
public struct Duration: Sendable, Hashable, Comparable {
    public var minutes: Double

    public static let hour = 60.0
    public static let day = 8 * hour
    public static let week = 5 * day

    public init(minutes: Double) { self.minutes = minutes }

    /// Parses `<number> <unit>`; also `1-2 weeks` (the upper bound) and `1.5 h`.
    public init?(_ text: String) {
        let lower = text.lowercased().trimmingSpaces
        let number = lower.prefix(while: { $0.isNumber || $0 == "." || $0 == "," || $0 == "-" || $0 == "–" })
        let unit = String(lower.dropFirst(number.count)).trimmingSpaces
        let upper = number.split(whereSeparator: { $0 == "-" || $0 == "–" }).last.map { $0.replacingOccurrences(of: ",", with: ".") }
        guard let upper, let value = Double(upper), value >= 0 else { return nil }
        let factor: Double
        switch unit {
        case "min", "mins", "minute", "minutes", "m": factor = 1
        case "h", "hr", "hrs", "hour", "hours": factor = Self.hour
        case "d", "day", "days": factor = Self.day
        case "w", "wk", "wks", "week", "weeks": factor = Self.week
        default: return nil
        }
        minutes = value * factor
    }

    public static func < (a: Duration, b: Duration) -> Bool { a.minutes < b.minutes }
    public static func + (a: Duration, b: Duration) -> Duration { Duration(minutes: a.minutes + b.minutes) }

    /// "2 weeks 3 h", "4 h 30 min", "90 min".
    public var description: String {
        var rest = Int(minutes.rounded())
        var parts: [String] = []
        let weeks = rest / Int(Self.week)
        rest -= weeks * Int(Self.week)
        let days = rest / Int(Self.day)
        rest -= days * Int(Self.day)
        let hours = rest / 60
        let mins = rest % 60
        if weeks > 0 { parts.append(weeks == 1 ? "1 week" : "\(weeks) weeks") }
        if days > 0 { parts.append(days == 1 ? "1 day" : "\(days) days") }
        if hours > 0 { parts.append("\(hours) h") }
        if mins > 0 { parts.append("\(mins) min") }
        return parts.isEmpty ? "0 min" : parts.joined(separator: " ")
    }
}
