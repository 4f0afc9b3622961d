import Foundation
import Logging
import Synchronization
import VTJCore

/// When the daemon last showed it works (a turn of its loop, an interface call): systemd's
/// watchdog is fed only while it does.
package final class LoopHeartbeat: Sendable {
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    init() {}

    /// The loop turned now.
    func beat() { last.withLock { $0 = .now } }

    /// When the loop last turned (nil: it has not started).
    package var lastBeat: ContinuousClock.Instant? { last.withLock { $0 } }
}

extension ApplianceRunner {
    /// Logs and reports a change of the gate (opened, or closed with why): one line per change.
    func noteGate() {
        let open = gate.isOpen
        guard open != gateWasOpen else { return }
        gateWasOpen = open
        appliance.metrics.gate(open: open)
        if open {
            appliance.logger.notice("interface gate opened: claiming resumes")
        } else {
            appliance.logger.warning("interface gate closed: nothing new is claimed until a probe succeeds", metadata: [
                // The condition's code only: its whole text is logged once by noteCondition.
                "reason": "\(condition.isAnswering ? "transient-failures" : condition.code)",
                "failures-in-a-row": "\(gate.consecutiveFailures)",
            ])
        }
    }

    /// The shutdown's line: what was done and what is left claimed for the next start.
    func logStopped(_ summary: Summary) {
        appliance.logger.notice("vtjdrop stopped", metadata: [
            "summary": "\(summary)",
            "left-claimed": "\((Array(waiting.keys) + queued.map(\.id.value)).sorted().joined(separator: ","))",
        ])
    }
}
