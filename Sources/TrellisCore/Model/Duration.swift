import Foundation

/// A task's `duration` as Trellis reads it (SPEC 3.2): either **effort**,
/// written in minutes or hours (`90 min`, `2 h`), or a **time window**,
/// written in days or weeks (`3 days`, `1 week`): how long participants
/// have for the task in the calendar, not how many hours they work on it.
///
/// Effort is added up (per phase, per module) and compared with the
/// module's `workload`. A time window is shown as such ("over 1 week", see
/// ``Strings/duration(_:)``) and
/// never converted to hours nor added up: there is no honest exchange rate
/// between a week in the calendar and hours of work.
public enum Duration: Sendable, Hashable {
    case effort(Effort)
    case window(TimeWindow)

    /// Parses `<number> <unit>`: `1.5 h`, `1,5 h`; a range `1-2 weeks` or
    /// `1–2 h` (an effort range counts as its upper bound); effort in parts,
    /// `2 h 30 min`.
    public init?(_ text: String) {
        guard let quantity = Quantity(text) else {
            guard let minutes = Quantity.compoundEffort(text) else { return nil }
            self = .effort(Effort(minutes: minutes))
            return
        }
        switch quantity.unit {
        case .minutes: self = .effort(Effort(minutes: quantity.upper))
        case .hours: self = .effort(Effort(minutes: quantity.upper * 60))
        case .days, .weeks: self = .window(TimeWindow(quantity))
        }
    }

    public var effort: Effort? {
        if case .effort(let effort) = self { return effort }
        return nil
    }

    public var window: TimeWindow? {
        if case .window(let window) = self { return window }
        return nil
    }
}

/// Minutes of work. Sums are shown in hours and minutes ("18 h 30 min").
public struct Effort: Sendable, Hashable, Comparable {
    public var minutes: Double

    public static let zero = Effort(minutes: 0)

    public init(minutes: Double) { self.minutes = minutes }

    public static func < (a: Effort, b: Effort) -> Bool { a.minutes < b.minutes }
    public static func + (a: Effort, b: Effort) -> Effort { Effort(minutes: a.minutes + b.minutes) }

    /// "18 h 30 min", "45 min", "3 h"; never days or weeks.
    public var description: String {
        let total = Int(minutes.rounded())
        let hours = total / 60
        let mins = total % 60
        switch (hours, mins) {
        case (0, _): return "\(mins) min"
        case (_, 0): return "\(hours) h"
        default: return "\(hours) h \(mins) min"
        }
    }
}

/// A span of days or weeks in the calendar, e.g. a task done "over 1 week".
public struct TimeWindow: Sendable, Hashable {
    /// The numbers as written ("1", "1.5"), the lower one only for a range.
    public var lower: String?
    public var upper: String
    public var inWeeks: Bool

    init(_ quantity: Quantity) {
        lower = quantity.lowerText
        upper = quantity.upperText
        inWeeks = quantity.unit == .weeks
    }

    /// "1 week", "3 days", "1–2 weeks".
    public var description: String {
        let plural = lower != nil || upper != "1"
        let unit = inWeeks ? (plural ? "weeks" : "week") : (plural ? "days" : "day")
        return (lower.map { "\($0)–" } ?? "") + "\(upper) \(unit)"
    }
}

/// `<number>[-<number>] <unit>`, the grammar every duration shares.
struct Quantity: Equatable {
    enum Unit {
        case minutes, hours, days, weeks

        /// A unit's name in lowercase: `min`, `hours`, `wk`.
        init?(_ name: Substring) {
            switch name {
            case "min", "mins", "minute", "minutes", "m": self = .minutes
            case "h", "hr", "hrs", "hour", "hours": self = .hours
            case "d", "day", "days": self = .days
            case "w", "wk", "wks", "week", "weeks": self = .weeks
            default: return nil
            }
        }
    }

    var lowerText: String?
    var upperText: String
    var upper: Double
    var unit: Unit

    /// Effort written in parts, as Trellis prints it: `2 h 30 min`, `1 hour 15 minutes`.
    static func compoundEffort(_ text: String) -> Double? {
        var rest = Substring(text.lowercased().trimmingSpaces)
        var minutes = 0.0
        var parts = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." || $0 == "," }
            rest = rest.dropFirst(number.count).drop { $0 == " " }
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count).drop { $0 == " " }
            guard let quantity = Quantity("\(number) \(unit)"), quantity.lowerText == nil else { return nil }
            switch quantity.unit {
            case .minutes: minutes += quantity.upper
            case .hours: minutes += quantity.upper * 60
            case .days, .weeks: return nil
            }
            parts += 1
        }
        return parts > 1 ? minutes : nil
    }

    private init(upperText: String, upper: Double, unit: Unit) {
        self.upperText = upperText
        self.upper = upper
        self.unit = unit
    }

    init?(_ text: String) {
        guard let quantity = Self.plain(text) ?? Self.general(text) else { return nil }
        self = quantity
    }

    /// `<number>[-<number>] <unit>` in any case, with spaces around.
    static func general(_ text: String) -> Quantity? {
        let lower = text.lowercased().trimmingSpaces
        let number = lower.prefix(while: { $0.isNumber || $0 == "." || $0 == "," || $0 == "-" || $0 == "–" || $0 == " " })
        let unitText = Substring(String(lower.dropFirst(number.count)).trimmingSpaces)
        let bounds = number.split(whereSeparator: { $0 == "-" || $0 == "–" })
            .map { String($0.map { $0 == "," ? "." : $0 }).trimmingSpaces }
        guard (1...2).contains(bounds.count), let last = bounds.last, let value = Double(last), value >= 0,
            bounds.allSatisfy({ Double($0) != nil })
        else { return nil }
        guard let unit = Unit(unitText) else { return nil }
        var quantity = Quantity(upperText: last, upper: value, unit: unit)
        quantity.lowerText = bounds.count == 2 ? bounds.first : nil
        return quantity
    }

    /// The form nearly every duration has, read on bytes: digits (with a
    /// `.`), one space and a unit in lowercase (`90 min`, `1.5 h`). Any
    /// other text is nil here and read by the general rule, which gives
    /// the same for these.
    static func plain(_ text: String) -> Quantity? {
        let bytes = text.utf8
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let number = text[..<space]
        guard let first = number.utf8.first, let last = number.utf8.last, (0x30...0x39).contains(first), (0x30...0x39).contains(last),
            number.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") }), let value = Double(number)
        else { return nil }
        guard let unit = Unit(text[bytes.index(after: space)...]) else { return nil }
        return Quantity(upperText: String(number), upper: value, unit: unit)
    }
}
