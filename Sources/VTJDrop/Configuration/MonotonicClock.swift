import Synchronization

/// The time source for schedules inside one run — retry times, the interface gate's pauses — which
/// must not move when the wall clock is stepped (NTP, an operator, a VM resumed): a retry scheduled
/// by wall clock waited two hours after the clock was set back two hours. Tests pass a
/// ``ManualMonotonicClock``.
public protocol MonotonicClock: Sendable {
    /// The current instant (only differences between instants mean anything).
    func now() -> ContinuousClock.Instant
}

/// The system's monotonic clock (`CLOCK_MONOTONIC`-like; never stepped).
public struct SystemMonotonicClock: MonotonicClock {
    /// The system clock.
    public init() {}
    public func now() -> ContinuousClock.Instant { .now }
}

/// A monotonic clock that moves only when told to.
public final class ManualMonotonicClock: MonotonicClock {
    private let base = ContinuousClock.now
    private let offset = Mutex(Duration.zero)

    /// A clock standing at the moment it was made.
    public init() {}

    public func now() -> ContinuousClock.Instant { base + offset.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by duration: Duration) { offset.withLock { $0 += duration } }
}
