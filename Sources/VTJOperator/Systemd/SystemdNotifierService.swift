import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Tells systemd about the daemon as a ServiceLifecycle service: `READY=1` once the daemon's loop
/// has turned (the interface was checked and drops are served or held), a `STATUS=` line with the
/// gate and the backlog and `WATCHDOG=1` every ``interval``, `STOPPING=1` on graceful shutdown
/// (SIGTERM). List it last in the group: it is then shut down first, so systemd hears of the stop
/// before the drain begins.
///
/// `WATCHDOG=1` is sent only while the daemon's loop turns (``heartbeat`` within the watchdog
/// interval) and the state can be read: a loop stuck on a hung call or a state database that
/// cannot be read lets systemd restart the daemon.
public struct SystemdNotifierService: Service {
    public let notifier: SystemdNotifier
    let source: any OperatorSnapshotSource
    let logger: Logger
    let now: @Sendable () -> Date
    /// When the daemon's loop last turned (nil: not yet); nil closure: no loop to wait for.
    let heartbeat: (@Sendable () -> ContinuousClock.Instant?)?
    /// Between status lines and watchdog pings: half the watchdog interval, at most 30 s.
    public let interval: Duration

    public init(notifier: SystemdNotifier, source: any OperatorSnapshotSource, logger: Logger,
                heartbeat: (@Sendable () -> ContinuousClock.Instant?)? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.notifier = notifier
        self.heartbeat = heartbeat
        self.source = source
        self.logger = logger
        self.now = now
        interval = min(notifier.watchdogInterval.map { $0 / 2 } ?? .seconds(30), .seconds(30))
    }

    public func run() async {
        let failing = Mutex(false)
        // Ready means serving: the loop runs only after the start-up check of the interface.
        if let heartbeat {
            while heartbeat() == nil, !Task.isCancelled, !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        let first = await line()
        notify(failing) { () throws(SystemdNotifierError) in try notifier.ready(status: first.text) }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                let status = await line()
                notify(failing) { () throws(SystemdNotifierError) in try notifier.status(status.text) }
                if status.readable, let limit = notifier.watchdogInterval, loopTurns(within: limit) {
                    notify(failing) { () throws(SystemdNotifierError) in try notifier.watchdog() }
                }
            }
        }
        notify(failing) { () throws(SystemdNotifierError) in
            try notifier.stopping(status: "stopping: finishing the drops in hand, claiming nothing new")
        }
    }

    /// Whether the daemon's loop turned within `limit` (always, without a heartbeat to watch).
    private func loopTurns(within limit: Duration) -> Bool {
        guard let heartbeat else { return true }
        guard let beat = heartbeat() else { return false }
        return ContinuousClock.now - beat < limit
    }

    /// Sends; a failure is logged once per run of failures, not once per ping.
    private func notify(_ failing: borrowing Mutex<Bool>, _ body: () throws(SystemdNotifierError) -> Bool) {
        do {
            _ = try body()
            failing.withLock { $0 = false }
        } catch {
            if !failing.withLock({ let was = $0; $0 = true; return was }) { logger.warning("\(error)") }
        }
    }

    /// The status line now, and whether the state could be read for it.
    private func line() async -> (text: String, readable: Bool) {
        let at = now()
        do {
            return (Self.statusLine(try await source.snapshot(now: at), now: at), true)
        } catch {
            return ("state unreadable: \(error.reason)", false)
        }
    }

    /// `serving; backlog 3 (oldest 2 min); gate open` or `NOT SERVING: gate closed (unreachable); backlog …`.
    static func statusLine(_ snapshot: OperatorSnapshot, now: Date) -> String {
        let backlog = snapshot.departments.reduce(0) { $0 + $1.backlog }
        let oldest = snapshot.departments.compactMap(\.oldestWaitingSince).min()
        let waiting = "backlog \(backlog)" + (oldest.map { " (oldest \(Elapsed(from: $0, to: now)))" } ?? "")
        var parts: [String] = []
        if let closed = snapshot.intakeClosed { parts.append("intake closed (\(closed.code))") }
        if let unwatched = snapshot.unwatched { parts.append("inbox folder not watched (\(unwatched.code))") }
        parts.append(snapshot.interface.gate.map { "gate closed (\($0.code))" } ?? "gate open")
        parts.append(waiting)
        return (snapshot.isServing ? "serving; " : "NOT SERVING: ") + parts.joined(separator: "; ")
    }
}
