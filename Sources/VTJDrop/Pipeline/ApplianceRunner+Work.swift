import Foundation
import VTJCore

extension ApplianceRunner {
    /// Waiting drops whose next attempt is due (all of them when `force`).
    ///
    /// Drops set aside unstarted when the gate closed have no journal entry (or only their claim):
    /// they are always due, or they would sit in the work folder until the next restart.
    func dueRetries(force: Bool = false) -> [ClaimedFile] {
        let now = appliance.clock.now()
        let journal = appliance.database.journal
        let due = Set(((try? journal.dueForRetry(at: force ? .distantFuture : now)) ?? []).map(\.requestID))
        return waiting.values.filter { file in
            if due.contains(file.id.value) { return true }
            guard let entry = (try? journal.entry(file.id.value)) ?? nil else { return true }
            return entry.state == .claimed
        }.sorted { $0.id < $1.id }
    }

    /// Work an earlier run left behind: published → archive; anything else → walk it again.
    func recover() -> [ClaimedFile] {
        var again: [ClaimedFile] = []
        for file in WorkRecovery(appliance: appliance).unfinished() {
            let entry = (try? appliance.database.journal.entry(file.id.value)) ?? nil
            switch entry?.state {
            case .published?:
                PendingNote(appliance: appliance, claimed: file).remove()
                let archived = try? appliance.mover.archive(workFolder: file.folder, id: file.id)
                _ = try? appliance.database.journal.record(.archived, for: file.id.value, at: appliance.clock.now(),
                                                           update: JournalUpdate(storedPath: archived))
            case .refused?:
                PendingNote(appliance: appliance, claimed: file).remove()
                let moved = try? appliance.mover.quarantine(workFolder: file.folder, id: file.id)
                _ = try? appliance.database.journal.record(.quarantined, for: file.id.value, at: appliance.clock.now(),
                                                           update: JournalUpdate(storedPath: moved))
            default:
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
        guard let watcher else {
            try? await Task.sleep(until: deadline, clock: .continuous)
            return []
        }
        var collected: [InotifyWatcher.Event] = []
        while true {
            let timeout = deadline - .now
            guard timeout > .zero else { return collected + watcher.drain() }
            let events = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: watcher.wait(timeout: timeout)) }
            }
            collected += events
            if events.isEmpty || events.contains(where: { !$0.isWriteInProgress }) { return collected }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    func seconds(_ instant: ContinuousClock.Instant) -> Double {
        let elapsed = instant - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
