/// A wall-clock reading together with its UTC offset: how times are shown to people.
///
/// Operators and clerks read Finnish time (Europe/Helsinki); the offset is always written out so
/// that a time around the daylight-saving change, or one read on a machine set to UTC, is never
/// ambiguous. File names keep a sortable UTC stamp instead (see ``DropID``).
public struct ZonedDateTime: Hashable, Sendable, CustomStringConvertible {
    /// The local reading.
    public let local: LocalDateTime
    /// Seconds the zone is ahead of UTC at that moment.
    public let utcOffsetSeconds: Int

    public init(local: LocalDateTime, utcOffsetSeconds: Int) {
        self.local = local
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// `+02:00`, `+03:00`, `-05:30`, `+00:00`.
    public var offset: String {
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let minutes = abs(utcOffsetSeconds) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }

    /// ISO 8601 with the offset: `2026-11-26T10:15:03+02:00` (receipts, machine-read lines).
    public var description: String { local.description + offset }

    /// For tables and notes: `2026-11-26 10:15:03 +02:00`.
    public var readable: String { local.description.replacing("T", with: " ") + " " + offset }
}

extension UTCOffsetRule {
    /// The reading at `instant`, with its offset.
    public func zoned(at instant: Instant) -> ZonedDateTime {
        let offset = utcOffsetSeconds(at: instant)
        return ZonedDateTime(local: LocalDateTime(instant: instant, utcOffsetSeconds: offset), utcOffsetSeconds: offset)
    }
}
