/// A wall-clock date and time in some zone (the zone itself is not part of the value).
public struct LocalDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The local calendar date.
    public let date: CivilDate
    /// Seconds after local midnight, 0..<86400.
    public let secondsOfDay: Int

    /// A local date and time; `secondsOfDay` outside one day rolls over into the neighbouring dates.
    public init(date: CivilDate, secondsOfDay: Int) {
        let dayShift = secondsOfDay >= 0 ? secondsOfDay / 86_400 : -((-secondsOfDay + 86_399) / 86_400)
        self.date = dayShift == 0 ? date : date.adding(days: dayShift)
        self.secondsOfDay = secondsOfDay - dayShift * 86_400
    }

    /// A local date at a time of day.
    public init(date: CivilDate, time: LocalTime) { self.init(date: date, secondsOfDay: time.secondsOfDay) }

    /// The wall-clock reading at `instant` where the zone is `utcOffsetSeconds` ahead of UTC.
    public init(instant: Instant, utcOffsetSeconds: Int) {
        let local = instant.secondsSinceEpoch + Int64(utcOffsetSeconds)
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        self.date = CivilDate(daysSinceEpoch: Int(days))
        self.secondsOfDay = Int(local - days * 86_400)
    }

    /// The instant this wall-clock reading denotes under a fixed UTC offset.
    public func instant(utcOffsetSeconds: Int) -> Instant {
        Instant(secondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400 + Int64(secondsOfDay) - Int64(utcOffsetSeconds))
    }

    /// The time of day, truncated to the minute.
    public var hour: Int { secondsOfDay / 3600 }
    /// Minute of the hour.
    public var minute: Int { secondsOfDay / 60 % 60 }
    /// Second of the minute.
    public var second: Int { secondsOfDay % 60 }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.secondsOfDay) < (rhs.date, rhs.secondsOfDay)
    }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date)T\(two(hour)):\(two(minute)):\(two(second))"
    }
}
