/// Which of the interface's health notes the journal takes: every failure, and a success unless
/// one was written less than ``interval`` ago with no failure since.
///
/// The note is one more commit on every drop's path, which waits for SQLite's one writer; beside a
/// large drop's transactions that wait was 15–20 ms of a small drop's receipt (issue 15 goal 4).
/// What it feeds — `status`'s "last successful call", the health endpoints' "last answered" —
/// is at most ``interval`` behind, and the gate that stops claiming counts in memory anyway.
public struct HealthNotePace<Instant: InstantProtocol>: Hashable, Sendable where Instant.Duration == Duration {
    /// How long a written success stands for later ones.
    public var interval: Duration
    /// When the last success note was written, none since a failure.
    private var lastSuccess: Instant?

    public init(interval: Duration = .seconds(1)) { self.interval = interval }

    /// Whether the note of a call that `succeeded` at `now` is written; remembers it when so.
    public mutating func shouldWrite(succeeded: Bool, at now: Instant) -> Bool {
        guard succeeded else {
            lastSuccess = nil
            return true
        }
        // A clock that stepped back (an injected one) writes, as after a failure.
        if let last = lastSuccess, (.zero..<interval).contains(last.duration(to: now)) { return false }
        lastSuccess = now
        return true
    }
}
