import Foundation
import Testing

@testable import TrellisCore

/// Calendar time and effort are kept apart: minutes and hours are effort,
/// days and weeks a time window, never converted to hours.
@Suite struct DurationTests {
    @Test(arguments: [
        ("90 min", 90.0), ("2 h", 120), ("1.5 h", 90), ("1,5 h", 90), ("45 minutes", 45),
        ("2 h 30 min", 150), ("1 hour 15 minutes", 75), ("1-2 h", 120), ("2H", 120),
    ])
    func minutesAndHoursAreEffort(text: String, minutes: Double) throws {
        let duration = try #require(Duration(text))
        #expect(duration.effort == Effort(minutes: minutes))
        #expect(duration.window == nil)
    }

    @Test(arguments: [
        ("1 week", "over 1 week"), ("3 days", "over 3 days"), ("2 weeks", "over 2 weeks"),
        ("1-2 weeks", "over 1–2 weeks"), ("1 wk", "over 1 week"), ("1 day", "over 1 day"),
    ])
    func daysAndWeeksAreATimeWindowNeverHours(text: String, shown: String) throws {
        let duration = try #require(Duration(text))
        #expect(duration.effort == nil, "a time window must never be converted to hours")
        #expect(duration.window != nil)
        #expect(Duration.display(text) == shown)
    }

    @Test func effortIsShownAsWrittenAndUnreadableTextToo() {
        #expect(Duration.display("90 min") == "90 min")
        #expect(Duration.display("ninety minutes") == "ninety minutes")
        #expect(Duration("ninety minutes") == nil)
        #expect(Duration("2 h 1 week") == nil, "effort and a time window cannot be mixed")
        #expect(Duration("1 week 2 h") == nil)
    }

    @Test(arguments: [(600.0, "10 h"), (1110, "18 h 30 min"), (45, "45 min"), (0, "0 min"), (2400, "40 h"), (90, "1 h 30 min")])
    func effortSumsAreHoursAndMinutesNeverDays(minutes: Double, shown: String) {
        #expect(Effort(minutes: minutes).description == shown)
    }

    @Test(arguments: [
        ("6", "Week 6"), ("1-2", "Weeks 1–2"), ("1–2", "Weeks 1–2"), (" 3 - 4 ", "Weeks 3–4"),
        ("5-5", "Week 5"), ("Week 3", "Week 3"), ("weeks 1-2", "weeks 1-2"), ("3, 5", "Weeks 3, 5"),
    ])
    func phaseWeeksAreCalendarWeeks(weeks: String, shown: String) {
        #expect(PhaseWeeks.label(weeks) == shown)
    }
}
