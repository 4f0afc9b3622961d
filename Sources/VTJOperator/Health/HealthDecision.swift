import Foundation
import VTJCore

/// `/healthz` and `/readyz` as a pure decision: a snapshot (or why none could be read) and "now" in,
/// a verdict out. Nothing here reads a clock or the database, so every rule is tested with fixed times.
///
/// - readiness: would a drop dropped now be claimed? The daemon runs, the gate is open, the folder
///   roots are there. A vanished inbox folder (``OperatorSnapshot/unwatched``) does not fail it:
///   every other department's drops are claimed, so the reason carries a warning instead
///   (docs/operations.md, "Readiness and a vanished inbox folder").
/// - health: ready, and the interface answered within ``interfaceWindow``. A quiet appliance makes
///   no calls, so an old last success counts against it only once a call has failed since: a night
///   without drops is healthy, an interface failing for longer than the window is not.
public struct HealthDecision: Sendable, Hashable {
    /// How long the interface may go without answering while calls to it fail (`status.interface_window`).
    public var interfaceWindow: Duration

    /// A decision with the configured window (default 15 minutes).
    public init(interfaceWindow: Duration = .seconds(15 * 60)) {
        self.interfaceWindow = interfaceWindow
    }

    /// `/readyz`.
    public func readiness(_ result: Result<OperatorSnapshot, SnapshotUnavailable>, now: Date) -> HealthVerdict {
        let snapshot: OperatorSnapshot
        switch result {
        case .failure(let problem): return .unhealthy(problem.description)
        case .success(let value): snapshot = value
        }
        switch snapshot.daemon {
        case .stopped: return .unhealthy("vtjdrop is not running")
        case .starting: return .unhealthy("vtjdrop is starting: the interface has not been checked yet")
        case .stopping: return .unhealthy("vtjdrop is stopping: finishing the drops in hand, claiming nothing new")
        case .running: break
        }
        if let closed = snapshot.intakeClosed {
            return .unhealthy("intake closed for \(Elapsed(from: closed.since, to: now)): \(closed.detail)")
        }
        if let gate = snapshot.interface.gate {
            return .unhealthy("interface gate closed for \(Elapsed(from: gate.since, to: now)): \(gate.detail)")
        }
        if let unwatched = snapshot.unwatched {
            return .healthy("ready: drops are claimed; warning: \(unwatched.detail) (since \(Elapsed(from: unwatched.since, to: now)))")
        }
        return .healthy("ready: drops are claimed")
    }

    /// `/healthz`.
    public func health(_ snapshot: Result<OperatorSnapshot, SnapshotUnavailable>, now: Date) -> HealthVerdict {
        let ready = readiness(snapshot, now: now)
        guard ready.isHealthy, case .success(let snapshot) = snapshot else { return ready }
        let interface = snapshot.interface
        guard let failedAt = interface.lastFailureAt, interface.lastSuccessAt.map({ $0 < failedAt }) ?? true else {
            return .healthy(interface.lastSuccessAt.map { "serving; the interface last answered \(Elapsed(from: $0, to: now)) ago" }
                            ?? "serving; no interface call yet")
        }
        let silentSince = interface.lastSuccessAt
        if let silentSince, now.timeIntervalSince(silentSince) <= Self.seconds(interfaceWindow) {
            return .healthy("serving; the interface answered \(Elapsed(from: silentSince, to: now)) ago "
                            + "(\(interface.consecutiveFailures) failed call(s) since)")
        }
        let silence = silentSince.map { "has not answered for \(Elapsed(from: $0, to: now))" } ?? "has never answered"
        return .unhealthy("the interface \(silence) (window \(Elapsed(interfaceWindow))); "
                          + "\(interface.consecutiveFailures) failed call(s) in a row"
                          + (interface.lastFailure.map { ", the last: \($0)" } ?? ""))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Why no snapshot could be read (the state database is unreadable, say).
public struct SnapshotUnavailable: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in one line.
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { "the state cannot be read: \(reason)" }
}
