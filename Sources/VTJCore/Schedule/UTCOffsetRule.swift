/// How far a zone's wall clock is ahead of UTC at a given instant (seconds, e.g. 7200 or 10800 in Finland).
///
/// The core knows no time-zone database: the runtime passes a rule backed by one
/// (`Europe/Helsinki` from the system's tzdata), tests pass fixed or hand-written rules.
public protocol UTCOffsetRule: Sendable {
    /// The UTC offset in force at `instant`.
    func utcOffsetSeconds(at instant: Instant) -> Int
}

/// A zone without daylight saving time.
public struct FixedUTCOffset: UTCOffsetRule, Hashable {
    /// Seconds ahead of UTC.
    public let seconds: Int

    /// A fixed offset of `seconds` ahead of UTC.
    public init(seconds: Int) { self.seconds = seconds }

    public func utcOffsetSeconds(at instant: Instant) -> Int { seconds }
}

extension UTCOffsetRule {
    /// The wall-clock reading at `instant`.
    public func localDateTime(at instant: Instant) -> LocalDateTime {
        LocalDateTime(instant: instant, utcOffsetSeconds: utcOffsetSeconds(at: instant))
    }

    /// The local date at `instant` ("today" in that zone).
    public func localDate(at instant: Instant) -> CivilDate { localDateTime(at: instant).date }

    /// The instant a wall-clock reading denotes, resolved the way schedulers expect around DST changes.
    ///
    /// - A reading that occurs twice (autumn, clocks go back) resolves to its earlier occurrence, so a
    ///   daily job runs once.
    /// - A reading that does not exist (spring, clocks jump forward) is shifted later by the gap's
    ///   length (03:30 on the spring-forward day in Finland becomes 04:30 summer time), so the job
    ///   still runs that day.
    /// Assumes at most one offset change within a day either side, true of every civil zone.
    public func instant(for local: LocalDateTime) -> Instant {
        let naive = local.instant(utcOffsetSeconds: 0)
        let before = utcOffsetSeconds(at: naive.adding(seconds: -86_400))
        let after = utcOffsetSeconds(at: naive.adding(seconds: 86_400))
        var valid: [Instant] = []
        for offset in Set([before, after]) {
            let candidate = local.instant(utcOffsetSeconds: offset)
            if utcOffsetSeconds(at: candidate) == offset { valid.append(candidate) }
        }
        if let earliest = valid.min() { return earliest }
        // In a gap: read the wall clock with the offset in force before the jump.
        return local.instant(utcOffsetSeconds: before)
    }
}
