/// Decides whether new drops may be claimed while the interface keeps failing.
///
/// A circuit breaker: after `threshold` consecutive transient failures, or one failure that
/// stops new work (bad credentials, no licence), claiming stops — drops wait safely in the
/// inbox — and one probe is allowed at a time, with a growing pause (``Backoff/gate``), until a
/// call succeeds. Pure: time is passed in as a monotonic reading, the `Duration` elapsed since
/// any fixed origin the caller keeps (the runtime's injected monotonic clock).
public struct InterfaceGate: Hashable, Sendable {
    /// What the runtime may do now.
    public enum Action: Hashable, Sendable {
        /// Claim and process new drops.
        case claim
        /// Do not claim; retry one waiting drop (or probe) now, as the probe.
        case probe
        /// Do not claim; look again at `until`.
        case wait(until: Duration)
    }

    public let threshold: Int
    /// The pauses between probes while closed.
    public let backoff: Backoff
    public private(set) var consecutiveFailures = 0
    public private(set) var closedUntil: Duration?
    /// Whether a refusal (bad credentials, no licence) closed the gate: the probe is then a cheap
    /// call, never a waiting drop, which would only collect an error receipt of its own.
    public private(set) var stoppedByRefusal = false
    /// How often the gate closed since it was last open (the next pause grows with it).
    private var closings = 0

    public init(threshold: Int = 3, backoff: Backoff = .gate) {
        self.threshold = max(1, threshold)
        self.backoff = backoff
    }

    /// Whether the gate is open.
    public var isOpen: Bool { closedUntil == nil }

    /// What to do at `now`.
    public func decide(now: Duration) -> Action {
        guard let until = closedUntil else { return .claim }
        return now >= until ? .probe : .wait(until: until)
    }

    /// A call (or a drop's walk) reached the interface and got an answer.
    public mutating func recordSuccess() {
        consecutiveFailures = 0
        closedUntil = nil
        stoppedByRefusal = false
        closings = 0
    }

    /// A probe (a cheap call made only to learn whether the interface serves the appliance)
    /// failed at `now`: the gate closes whatever the count, for the next pause. At start-up this
    /// keeps drops untouched in the inbox instead of letting three of them fail first.
    public mutating func recordProbeFailure(now: Duration, stopsNewWork: Bool) {
        consecutiveFailures = max(consecutiveFailures + 1, threshold)
        if stopsNewWork { stoppedByRefusal = true }
        close(now: now)
    }

    /// Something that may have removed the cause changed (the operator edited the password
    /// file): a closed gate probes at once instead of at the end of its pause.
    public mutating func probeSoon(now: Duration) {
        if let until = closedUntil, until > now { closedUntil = now }
    }

    /// A transient failure (or one that stops new work) at `now`.
    ///
    /// While the gate is closed, only a failed probe (at or after `closedUntil`) closes it for a
    /// longer pause: failures of work that was already in flight when it closed report the same
    /// outage again and must not double the pause (the interface would be probed far too late).
    public mutating func recordFailure(now: Duration, stopsNewWork: Bool) {
        consecutiveFailures += 1
        if stopsNewWork { stoppedByRefusal = true }
        if let until = closedUntil, now < until { return }
        guard stopsNewWork || consecutiveFailures >= threshold || closedUntil != nil else { return }
        close(now: now)
    }

    private mutating func close(now: Duration) {
        closings += 1
        closedUntil = now + backoff.delay(afterFailures: closings)
    }
}
