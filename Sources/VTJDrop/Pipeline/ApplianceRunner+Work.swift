import Foundation
import VTJCore

extension ApplianceRunner {
    /// Waiting drops whose next attempt is due (all of them when `force`), oldest first.
    ///
    /// Due times are kept here, on the monotonic clock, not read from the journal: a wall clock
    /// stepped back would put them off, and a drop whose failure could not be journaled (a full
    /// state disk) would never come back. Drops set aside unstarted have no due time: they are
    /// always due, or they would sit in the work folder until the next restart.
    func dueRetries(force: Bool = false) -> [ClaimedFile] {
        let now = appliance.monotonic.now
        return waiting.values.filter { file in force || (dueAt[file.id.value].map { $0 <= now } ?? true) }
            .sorted { $0.id < $1.id }
    }

    /// Work an earlier run left behind, as ``RecoveryPlan`` decides: published → archive; refused →
    /// quarantine; anything else → walk it again (returned); refused entries' receipts → intake.
    func recover() -> [ClaimedFile] {
        var again: [ClaimedFile] = []
        let recovered = WorkRecovery(appliance: appliance).run()
        intake.resume(recovered.refusals)
        for found in recovered.claimed {
            let file = found.file
            let log = appliance.logger(dropID: file.id.value, department: file.department)
            // Published or refused: finish the move (journaled done but the move had failed: the
            // journal keeps what it has). Anything else is walked again.
            switch found.action {
            case .archive, .quarantine, .retry, .hold:
                processor.executor.perform(found.action, file, log: log)
            case .walk:
                // A drop this process claimed keeps what it knows of its input (its claim stamp).
                if let known = waiting[file.id.value] {
                    again.append(known)
                    continue
                }
                appliance.logger.notice("resuming a drop left by an earlier run",
                                        metadata: ["request": "\(file.id.value)", "department": "\(file.department)"])
                again.append(file)
            }
        }
        return again
    }

    /// Sleeps until `deadline` or an inotify event worth a scan; returns every event that arrived.
    ///
    /// Writes to a file still being written only update what is known about it: they do not end
    /// the sleep, and are read at most every 50 ms (the kernel merges repeated writes meanwhile),
    /// so a large copy into the inbox cannot turn the loop thousands of times.
    func waitForWork(until deadline: ContinuousClock.Instant) async -> [InotifyWatcher.Event] {
        guard let hints else {
            // Throws only when cancelled (a stop): the loop then sees `shouldStop`.
            try? await appliance.monotonic.sleep(until: deadline, tolerance: nil)
            return []
        }
        var collected: [InotifyWatcher.Event] = []
        while true {
            let timeout = deadline - appliance.monotonic.now
            guard timeout > .zero else { return collected + hints.drain() }
            // The wait for an event lasts what is left by the monotonic clock, in real time (as
            // poll's timeout did): a test's manual clock then still sees the loop turn.
            let events = await hints.next { try await Task.sleep(for: timeout) }
            collected += events
            if events.isEmpty || events.contains(where: { !$0.isWriteInProgress }) { return collected }
            try? await Task.sleep(for: .milliseconds(50))  // cancelled: a stop, seen by the caller
        }
    }

    /// Now on the gate's time line: the monotonic time since the runner was made.
    var gateTime: Duration { appliance.monotonic.now - started }
}
