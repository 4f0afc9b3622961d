import VTJCore

/// Directive 2000/84/EC written out by hand, so the core's DST handling is tested against a rule
/// that does not come from the code under test: summer time from the last Sunday of March 01:00 UTC
/// to the last Sunday of October 01:00 UTC.
struct EUSummerTimeRule: UTCOffsetRule {
    let standardOffset: Int

    func utcOffsetSeconds(at instant: Instant) -> Int {
        let year = LocalDateTime(instant: instant, utcOffsetSeconds: 0).date.year
        let start = Self.lastSunday(month: 3, year: year)
        let end = Self.lastSunday(month: 10, year: year)
        let startInstant = LocalDateTime(date: start, secondsOfDay: 3600).instant(utcOffsetSeconds: 0)
        let endInstant = LocalDateTime(date: end, secondsOfDay: 3600).instant(utcOffsetSeconds: 0)
        return instant >= startInstant && instant < endInstant ? standardOffset + 3600 : standardOffset
    }

    static func lastSunday(month: Int, year: Int) -> CivilDate {
        let last = CivilDate(year: year, month: month, day: 31)!
        // 1970-01-01 was a Thursday: weekday index 0 = Monday.
        let weekday = ((last.daysSinceEpoch % 7) + 7 + 3) % 7
        return last.adding(days: -((weekday + 1) % 7))
    }
}
