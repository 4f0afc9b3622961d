/// A point in time as whole seconds since 1970-01-01T00:00:00Z; the core's only notion of "when".
///
/// The core never reads a clock: callers pass instants in, so every decision is reproducible in tests.
public struct Instant: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch (negative before it).
    public var secondsSinceEpoch: Int64

    /// The instant `secondsSinceEpoch` seconds after 1970-01-01T00:00:00Z.
    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// The instant `seconds` later (earlier when negative).
    public func adding(seconds: Int64) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    /// The instant `days` whole 24-hour periods later.
    public func adding(days: Int) -> Instant { adding(seconds: Int64(days) * 86_400) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String { LocalDateTime(instant: self, utcOffsetSeconds: 0).description + "Z" }
}
