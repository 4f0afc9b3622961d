/// A zone written as a POSIX TZ string (`EET-2EEST,M3.5.0/3,M10.5.0/4`): the rule a TZif file's footer
/// carries for instants past its table, and the built-in rule when there is no file at all.
public struct POSIXZoneRule: UTCOffsetRule, Hashable {
    /// Seconds ahead of UTC outside summer time.
    public let standardOffset: Int
    /// Summer time, when the zone has any.
    public let daylight: Daylight?

    /// Summer time: its offset and the local moments it starts and ends each year.
    public struct Daylight: Hashable, Sendable {
        /// Seconds ahead of UTC during summer time.
        public let offset: Int
        /// When summer time starts, read on the standard-time clock.
        public let start: Change
        /// When summer time ends, read on the summer-time clock.
        public let end: Change
    }

    /// A yearly change: a day rule and a local time of day (which may exceed a day or be negative).
    public struct Change: Hashable, Sendable {
        /// Which day of a year.
        public let day: DayRule
        /// Seconds after that day's local midnight.
        public let seconds: Int
    }

    /// The POSIX ways of naming a day of the year.
    public enum DayRule: Hashable, Sendable {
        /// `Mm.w.d`: weekday `d` (0 Sunday) of week `w` (1–4, 5 the last) of month `m`.
        case monthWeekDay(month: Int, week: Int, weekday: Int)
        /// `Jn`: day 1–365, never counting 29 February.
        case julian(Int)
        /// `n`: day 0–365, counting 29 February.
        case zeroBased(Int)
    }

    /// The EU's rule for Finland (directive 2000/84/EC: last Sunday of March 01:00 UTC to last Sunday of
    /// October 01:00 UTC, EET/EEST): what Helsinki's tzdata footer says, used when the file is missing.
    public static let finland = POSIXZoneRule("EET-2EEST,M3.5.0/3,M10.5.0/4")!

    /// The zone `text` describes, or nil when it is not a POSIX TZ string this reader knows.
    public init?(_ text: String) {
        var scanner = TZStringScanner(Array(text.utf8))
        guard scanner.skipName(), let standard = scanner.offset() else { return nil }
        standardOffset = -standard
        if scanner.atEnd {
            daylight = nil
            return
        }
        guard scanner.skipName() else { return nil }
        var summer = standardOffset + 3600
        if !scanner.peek(","), !scanner.atEnd {
            guard let explicit = scanner.offset() else { return nil }
            summer = -explicit
        }
        // A summer-time name without rules means the US rules of 2007 (POSIX leaves them to the
        // implementation; glibc uses these).
        var start = Change(day: .monthWeekDay(month: 3, week: 2, weekday: 0), seconds: 7200)
        var end = Change(day: .monthWeekDay(month: 11, week: 1, weekday: 0), seconds: 7200)
        if scanner.take(",") {
            guard let first = scanner.change(), scanner.take(","), let second = scanner.change() else { return nil }
            start = first
            end = second
        }
        guard scanner.atEnd else { return nil }
        daylight = Daylight(offset: summer, start: start, end: end)
    }

    public func utcOffsetSeconds(at instant: Instant) -> Int {
        guard let daylight else { return standardOffset }
        let year = LocalDateTime(instant: instant, utcOffsetSeconds: standardOffset).date.year
        let start = Self.instant(of: daylight.start, year: year, offset: standardOffset)
        let end = Self.instant(of: daylight.end, year: year, offset: daylight.offset)
        let summer = start < end ? (instant >= start && instant < end) : !(instant >= end && instant < start)
        return summer ? daylight.offset : standardOffset
    }

    /// The instant of `change` in `year` on a clock `offset` seconds ahead of UTC.
    static func instant(of change: Change, year: Int, offset: Int) -> Instant {
        let midnight = LocalDateTime(date: date(of: change.day, year: year), secondsOfDay: 0)
        return midnight.instant(utcOffsetSeconds: offset).adding(seconds: Int64(change.seconds))
    }

    /// The date a day rule names in `year`.
    static func date(of rule: DayRule, year: Int) -> CivilDate {
        let january1 = CivilDate(year: year, month: 1, day: 1)!
        switch rule {
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilDate(year: year, month: month, day: 1)!
            // 1970-01-01 was a Thursday (weekday 4 with Sunday 0).
            let firstWeekday = ((first.daysSinceEpoch + 4) % 7 + 7) % 7
            var day = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let length = CivilDate.daysIn(month: month, year: year)
            while day > length { day -= 7 }
            return CivilDate(year: year, month: month, day: day)!
        case .julian(let n):
            let leapShift = CivilDate.isLeapYear(year) && n >= 60 ? 1 : 0
            return january1.adding(days: n - 1 + leapShift)
        case .zeroBased(let n):
            return january1.adding(days: n)
        }
    }
}
