import Foundation
import Synchronization
import VTJCore

/// The calendar time source the runtime injects (tests pass a ``ManualWallClock``).
package protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

extension WallClock {
    /// The current time as the core's ``Instant``.
    package func instant() -> Instant { Instant(now()) }
}

/// The system's real-time clock.
package struct SystemWallClock: WallClock {
    /// The system clock.
    package init() {}
    package func now() -> Date { Date() }
}

/// A clock that moves only when told to (retention, schedule and age tests).
package final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    /// A clock standing at `date`.
    package init(_ date: Date) { current = Mutex(date) }

    package func now() -> Date { current.withLock { $0 } }

    /// Moves the clock to `date`.
    package func set(_ date: Date) { current.withLock { $0 = date } }

    /// Moves the clock forward.
    package func advance(seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

extension Instant {
    /// The instant of a Foundation date, truncated to whole seconds.
    package init(_ date: Date) {
        self.init(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The Foundation date of this instant.
    package var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }
}
