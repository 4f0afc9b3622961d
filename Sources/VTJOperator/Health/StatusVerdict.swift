import Foundation

/// `vtjdrop status`'s exit code as a pure decision: 0 healthy, 1 degraded (the gate or intake is
/// closed, an inbox folder is not watched, or a drop has waited longer than ``maximumAge``), 2 not
/// running or the state unreadable.
/// Monitoring scripts (Nagios-style checks, issue 14's scripts) read the code and the reasons.
public struct StatusVerdict: Sendable, Hashable {
    /// What the code means.
    public enum Level: String, Sendable, Hashable, Codable {
        case healthy
        case degraded
        case notRunning = "not-running"
        case unreadable
    }

    public var level: Level
    /// One line per finding, henkilötunnus masked; empty when healthy.
    public var reasons: [String]

    /// 0, 1 or 2.
    public var exitCode: Int32 {
        switch level {
        case .healthy: 0
        case .degraded: 1
        case .notRunning, .unreadable: 2
        }
    }

    /// The verdict for `snapshot` at `now`: a drop waiting longer than `maximumAge` (inbox or claimed) degrades.
    public init(_ snapshot: OperatorSnapshot, now: Date, maximumAge: Duration) {
        var reasons: [String] = []
        if snapshot.daemon == .stopped {
            level = .notRunning
            reasons.append("vtjdrop is not running (no process holds the state folder's lock)")
        } else {
            level = .healthy
        }
        if let gate = snapshot.interface.gate {
            reasons.append("interface gate closed for \(Elapsed(from: gate.since, to: now)): \(gate.detail)")
        }
        if let closed = snapshot.intakeClosed {
            reasons.append("intake closed for \(Elapsed(from: closed.since, to: now)): \(closed.detail)")
        }
        if let unwatched = snapshot.unwatched {
            // Degraded, not down: the other departments are served; this one's drops wait.
            reasons.append("inbox folder not watched for \(Elapsed(from: unwatched.since, to: now)): \(unwatched.detail)")
        }
        let limit = HealthDecision.seconds(maximumAge)
        for department in snapshot.departments {
            guard let since = department.oldestWaitingSince, now.timeIntervalSince(since) > limit else { continue }
            reasons.append("department \(department.id): a drop has waited \(Elapsed(from: since, to: now)) (more than \(Elapsed(maximumAge)))")
        }
        if level == .healthy, !reasons.isEmpty { level = .degraded }
        self.reasons = reasons.map { HealthVerdict(isHealthy: false, reason: $0).reason }
    }

    /// The state could not be read at all.
    public init(unreadable problem: SnapshotUnavailable) {
        level = .unreadable
        reasons = [HealthVerdict(isHealthy: false, reason: problem.description).reason]
    }
}
