/// One turn of the daemon's loop, decided as a value: whether to scan the inbox, take due retries,
/// send the probe, serve the change schedule and run retention, and when to look again. Pure:
/// monotonic time comes in as the `Duration` since the runner's origin (as for ``InterfaceGate``);
/// the runner performs what it says and sleeps on its injected clock.
public struct DaemonTick: Hashable, Sendable {
    /// What the probe of a closed gate is.
    public enum Probe: Hashable, Sendable {
        /// A waiting drop (its walk tells whether the interface answers again).
        case drop
        /// The cheap call: no drop waits, or the interface refuses the appliance (a drop would only wait again).
        case cheapCall
    }

    /// The facts of this turn.
    public struct Facts: Hashable, Sendable {
        public var now: Duration
        public var gate: InterfaceGate
        /// Intake is closed (a folder root is missing, the journal cannot be written).
        public var intakeClosed: Bool
        /// When the inbox is due to be scanned.
        public var nextScan: Duration
        /// The interface answered again (or a hint came): scan at once.
        public var scanSoon: Bool
        /// A probe is out already.
        public var probeInFlight: Bool
        /// A claimed drop waits for a retry.
        public var hasWaitingDrop: Bool
        /// When retention last ran (nil: not yet in this run).
        public var lastRetention: Duration?

        public init(now: Duration, gate: InterfaceGate, intakeClosed: Bool = false, nextScan: Duration, scanSoon: Bool = false,
                    probeInFlight: Bool = false, hasWaitingDrop: Bool = false, lastRetention: Duration? = nil) {
            self.now = now
            self.gate = gate
            self.intakeClosed = intakeClosed
            self.nextScan = nextScan
            self.scanSoon = scanSoon
            self.probeInFlight = probeInFlight
            self.hasWaitingDrop = hasWaitingDrop
            self.lastRetention = lastRetention
        }
    }

    /// How often the inbox is scanned when nothing hints sooner.
    public var scanInterval: Duration
    /// How often retention runs.
    public var retentionInterval: Duration = .seconds(3600)
    /// The longest sleep of one turn (inotify hints and stop requests are looked at in between).
    public var longestSleep: Duration = .seconds(1)
    /// How soon a turn looks again while a probe's answer is awaited (never a busy loop).
    public var probeRecheck: Duration = .milliseconds(250)

    public init(scanInterval: Duration) { self.scanInterval = scanInterval }

    /// What this turn does.
    public struct Decision: Hashable, Sendable {
        /// Scan the inbox and claim what is ready.
        public var scan = false
        /// Enqueue the waiting drops whose retry is due.
        public var takeDueRetries = false
        /// Send this probe.
        public var probe: Probe?
        /// Serve the change schedule and start queued drops (the gate is open).
        public var serve = false
        /// Run retention now.
        public var retention = false
        /// Intake is closed this turn: nothing is claimed, retried, probed or started.
        public var intakeClosed = false
        /// When the inbox is next due to be scanned (before this turn's scan moves it).
        public var nextScan: Duration
    }

    /// The decision for one turn.
    public func decide(_ facts: Facts) -> Decision {
        var decision = Decision(nextScan: facts.scanSoon ? facts.now : facts.nextScan)
        decision.retention = facts.lastRetention.map { facts.now - $0 >= retentionInterval } ?? true
        if facts.intakeClosed {
            decision.intakeClosed = true
            // Nothing is claimed, retried or published until intake is back.
            decision.nextScan = facts.now + scanInterval
            return decision
        }
        switch facts.gate.decide(now: facts.now) {
        case .claim:
            decision.scan = facts.now >= decision.nextScan
            decision.takeDueRetries = true
        case .probe:
            if !facts.probeInFlight {
                decision.probe = !facts.gate.stoppedByRefusal && facts.hasWaitingDrop ? .drop : .cheapCall
            }
            // The probe's answer arrives on its own; look again shortly.
            decision.nextScan = max(decision.nextScan, facts.now + probeRecheck)
        case .wait(let until):
            // Nothing may be claimed or retried before the pause ends: sleep until then, never loop
            // on a scan time already past (that spun a core while closed).
            decision.nextScan = max(decision.nextScan, until)
        }
        decision.serve = facts.gate.isOpen
        return decision
    }

    /// When the inbox is due again after a scan that claimed `claimed` drops and found a waiting
    /// file that may be ready at `nextCheck` (claimed drops: scan again at once, more may follow).
    public func nextScan(now: Duration, claimed: Int, nextCheck: Duration?) -> Duration {
        if claimed > 0 { return now }
        return min(now + scanInterval, nextCheck ?? now + .seconds(3600))
    }

    /// When this turn sleeps until.
    public func wake(now: Duration, nextScan: Duration) -> Duration { min(nextScan, now + longestSleep) }
}
