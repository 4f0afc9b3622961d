import Synchronization

/// The runtime's one clock for waiting and for everything scheduled inside one run — retry times,
/// the interface gate's pauses, the next scan, settle periods — which must not move when the wall
/// clock is stepped (NTP, an operator, a VM resumed): a retry scheduled by wall clock waited two
/// hours after the clock was set back two hours.
///
/// A `Clock<Duration>` on `ContinuousClock`'s instants, so its readings and sleeps are the
/// runtime's only monotonic time. Tests pass a ``ManualMonotonicClock`` and drive it. Names,
/// receipts and audit rows take their time from the other source, ``WallClock``.
package protocol MonotonicClock: Clock, Sendable where Instant == ContinuousClock.Instant, Duration == Swift.Duration {}

extension MonotonicClock {
    /// The `Duration` since `origin` (the core's decisions take monotonic time in this form).
    package func elapsed(since origin: ContinuousClock.Instant) -> Swift.Duration { now - origin }
}

/// The system's monotonic clock (`CLOCK_MONOTONIC`-like; never stepped).
package struct SystemMonotonicClock: MonotonicClock {
    /// The system clock.
    package init() {}
    package var now: ContinuousClock.Instant { .now }
    package var minimumResolution: Swift.Duration { ContinuousClock().minimumResolution }
    package func sleep(until deadline: ContinuousClock.Instant, tolerance: Swift.Duration?) async throws {
        try await ContinuousClock().sleep(until: deadline, tolerance: tolerance)
    }
}

/// A monotonic clock that moves only when told to; a sleep on it ends once the clock is advanced
/// to its deadline (or its task is cancelled), never by itself.
package final class ManualMonotonicClock: MonotonicClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var offset = Swift.Duration.zero
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
    }

    private let base = ContinuousClock.now
    private let state = Mutex(State())

    /// A clock standing at the moment it was made.
    package init() {}

    package var now: ContinuousClock.Instant { base + state.withLock { $0.offset } }
    package var minimumResolution: Swift.Duration { .nanoseconds(1) }

    /// Sleepers waiting on the clock (tests wait for a sleeper before advancing).
    package var sleeping: Int { state.withLock { $0.sleepers.count } }

    package func sleep(until deadline: ContinuousClock.Instant, tolerance: Swift.Duration?) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resume: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if base + state.offset >= deadline { return .success(()) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let resume { continuation.resume(with: resume) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward and wakes every sleeper whose deadline it reached.
    package func advance(by duration: Swift.Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.offset += duration
            let now = base + state.offset
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}
