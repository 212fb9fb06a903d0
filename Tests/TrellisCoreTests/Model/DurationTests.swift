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
        #expect(Strings.english.duration(text) == shown)
    }

    /// The byte reading of the common form gives what the general rule
    /// gives, and leaves every other form to it.
    @Test func theCommonFormIsReadAsTheGeneralRuleReadsIt() {
        for text in ["90 min", "1.5 h", "2 hours", "3 days", "1 week", "0 min", "10 wks", "45 m", "007 h", "1.50 hr"] {
            let plain = Quantity.plain(text)
            #expect(plain != nil, "\(text)")
            #expect(plain == Quantity.general(text), "\(text)")
        }
        for text in ["1,5 h", "1-2 weeks", "90 Min", " 90 min", "90  min", "90 min ", ".5 h", "5. h", "1.2.3 h", "90 mn", "h", "90", "-5 h"] {
            #expect(Quantity.plain(text) == nil, "\(text)")
        }
    }

    @Test func effortIsShownAsWrittenAndUnreadableTextToo() {
        #expect(Strings.english.duration("90 min") == "90 min")
        #expect(Strings.english.duration("ninety minutes") == "ninety minutes")
        #expect(Duration("ninety minutes") == nil)
        #expect(Duration("2 h 1 week") == nil, "effort and a time window cannot be mixed")
        #expect(Duration("1 week 2 h") == nil)
    }

    @Test(arguments: [(600.0, "10 h"), (1110, "18 h 30 min"), (45, "45 min"), (0, "0 min"), (2400, "40 h"), (90, "1 h 30 min")])
    func effortSumsAreHoursAndMinutesNeverDays(minutes: Double, shown: String) {
        #expect(Effort(minutes: minutes).description == shown)
        #expect(Strings.english.effort(Effort(minutes: minutes)) == shown)
    }

    @Test(arguments: [
        ("6", "Week 6"), ("1-2", "Weeks 1–2"), ("1–2", "Weeks 1–2"), (" 3 - 4 ", "Weeks 3–4"),
        ("5-5", "Week 5"), ("Week 3", "Week 3"), ("weeks 1-2", "weeks 1-2"), ("3, 5", "Weeks 3, 5"),
    ])
    func phaseWeeksAreCalendarWeeks(weeks: String, shown: String) {
        #expect(Strings.english.weeks(weeks) == shown)
    }

    /// Time windows, sums and weeks in the reader's language, with its plural forms.
    @Test(arguments: [
        ("es", "1 week", "a lo largo de 1 semana"), ("es", "3 days", "a lo largo de 3 días"),
        ("es", "1-2 weeks", "a lo largo de 1–2 semanas"), ("fr", "1 week", "sur 1 semaine"),
        ("de", "2 weeks", "über 2 Wochen verteilt"), ("sl", "2 weeks", "časovni okvir: 2 tedna"),
        ("sl", "3 weeks", "časovni okvir: 3 tedni"), ("sl", "5 weeks", "časovni okvir: 5 tednov"),
        ("fi", "2 weeks", "aikaa 2 viikkoa"), ("fa", "2 weeks", "در طول 2 هفته"), ("es", "90 min", "90 min"),
    ])
    func timeWindowsAreInTheReadersLanguage(language: String, text: String, shown: String) {
        #expect(Strings.forLanguage(language).strings.duration(text) == shown)
    }

    @Test func sumsWeeksAndDatesAreInTheReadersLanguage() {
        let german = Strings.forLanguage("de").strings
        #expect(german.effort(Effort(minutes: 1110)) == "18 Std. 30 Min.")
        #expect(german.weeks("1-2") == "Wochen 1–2")
        #expect(german.weeks("6") == "Woche 6")
        #expect(german.weeks("Woche 6") == "Woche 6", "text that already names the weeks is kept")
        let spanish = Strings.forLanguage("es").strings
        #expect(spanish.date("2026-03-05") == "5 de marzo de 2026")
        #expect(Strings.english.date("2026-03-05") == "March 5, 2026")
        #expect(spanish.date("spring 2026") == "spring 2026", "text that is not a date stays as written")
        #expect(spanish.date("2026-02-30") == "2026-02-30", "an impossible date stays as written")
        #expect(Strings.forLanguage("fr").strings.labelled("Durée", "2 h") == "Durée\u{00A0}: 2 h")
    }
}
