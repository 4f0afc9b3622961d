import Foundation
import Synchronization
import VTJCore

/// The calendar time source the runtime injects (tests pass a ``ManualWallClock``).
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

extension WallClock {
    /// The current time as the core's ``Instant``.
    public func instant() -> Instant { Instant(now()) }
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    /// The system clock.
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to (retention, schedule and age tests).
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    /// A clock standing at `date`.
    public init(_ date: Date) { current = Mutex(date) }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock to `date`.
    public func set(_ date: Date) { current.withLock { $0 = date } }

    /// Moves the clock forward.
    public func advance(seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

extension Instant {
    /// The instant of a Foundation date, truncated to whole seconds.
    public init(_ date: Date) {
        self.init(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The Foundation date of this instant.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }
}
