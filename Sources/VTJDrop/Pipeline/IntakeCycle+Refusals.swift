import Foundation
import Logging
import VTJCore

/// Inbox entries that are never read — symbolic links, FIFOs, sockets, devices, folders, files
/// over the size limit, hard links that never resolve — are not left lying in the inbox: once
/// unchanged for the settle period, the entry itself is renamed into
/// `<state>/quarantine/<request-id>/` (rename(2) moves a link, never its target; nothing is
/// opened) and the department gets an error receipt saying it was never read and why.
extension IntakeCycle {
    /// A receipt about a quarantined entry still to be published (the outbox was full or read-only).
    /// Rebuilt from the journal after a restart: the entry is journaled `refused` until it is out.
    struct PendingReceipt {
        let department: String
        let dropID: String
        /// The entry's name in its escaped display form.
        let originalName: String
        let reason: String
        /// The reason for the department (after a restart, only that the entry was never opened).
        var message = Message(.quarantinedUnknown)
        /// Where the entry lies in quarantine.
        let stored: String
    }

    func handleRefused(_ entry: InboxEntry, _ refusal: InboxListing.Refusal, department: String, folder: String,
                       now: Instant, wallNow: Int64, log: Logger, into result: inout Pass) {
        let key = department + "/" + entry.name.display
        let first = firstSeen[key] ?? wallNow
        firstSeen[key] = first
        let hardLinked = if case .hardLinked = refusal { true } else { false }
        switch patience.decide(changedNanoseconds: entry.changedNanoseconds, firstSeenNanoseconds: first,
                               hardLinked: hardLinked, nowNanoseconds: wallNow) {
        case .wait(let until):
            // `run --once` waits for it too, so a link dropped just now is answered in this run.
            result.waiting += 1
            let next = now.advanced(by: .nanoseconds(until - wallNow))
            result.nextCheck = min(result.nextCheck ?? next, next)
        case .waitQuietly:
            break
        case .quarantine:
            let id = DropIDGenerator.next()
            let moved: String
            do {
                moved = try appliance.mover.quarantineEntry(entry.name, department: department, reason: IntakeCycle.reason(refusal),
                                                            from: folder, id: id)
            } catch {
                reportOnce("quarantine:\(key)", log) {
                    $0.error("inbox entry is never read and cannot be moved to quarantine; it stays in the inbox",
                             metadata: ["file": "\(entry.name.logged)", "reason": "\(refusal)", "error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
                }
                return
            }
            firstSeen[key] = nil
            finishRefusal(id: id, name: entry.name, refusal: refusal, stored: moved, department: department, log: log)
        }
    }

    /// The claim moved something that is not a regular file into a work folder (it was swapped in
    /// between the check and the rename): the whole work folder goes to quarantine unopened.
    func quarantineWork(_ path: String, id: DropID, name: DropFileName, refusal: InboxListing.Refusal,
                        department: String, log: Logger) {
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        let moved: String
        do {
            moved = try appliance.mover.quarantine(workFolder: folder, id: id)
        } catch {
            // Left in the work folder: the next start resumes it, and the reader refuses it unopened.
            log.error("a swapped-in entry could not be moved to quarantine",
                      metadata: ["request": "\(id.value)", "file": "\(name.logged)", "error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
            return
        }
        finishRefusal(id: id, name: name, refusal: refusal, stored: moved, department: department, log: log)
    }

    /// Journals the quarantined entry and publishes its error receipt (or keeps it for the next pass).
    func finishRefusal(id: DropID, name: DropFileName, refusal: InboxListing.Refusal, stored: String, department: String, log: Logger) {
        finishRefusal(id: id, name: name, reason: IntakeCycle.reason(refusal), message: refusal.message, stored: stored,
                      department: department, log: log)
    }

    /// Journals the quarantined entry and publishes its error receipt (or keeps it for the next pass).
    func finishRefusal(id: DropID, name: DropFileName, reason: String, message: Message = Message(.quarantinedUnknown),
                       stored: String, department: String, log: Logger) {
        let at = appliance.clock.now()
        appliance.journalBacklog.record(appliance.database.journal, key: id.value, what: "claimed", logger: log) { journal in
            try journal.recordClaim(dropID: id.value, department: department, originalName: name.display, storedPath: stored, at: at)
        }
        if appliance.journal(.refused, for: id.value, update: JournalUpdate(error: reason), log: log) {
            // Journaled: the quarantine note (written before the rename, for a crash in between) has served.
            let note = appliance.mover.quarantineFolder + "/" + id.value + "/" + ClaimRecord.fileName
            if stored.hasPrefix(appliance.mover.quarantineFolder + "/" + id.value + "/") { _ = unlink(note) }
        }
        log.warning("inbox entry was never read; moved to quarantine", metadata: [
            "request": "\(id.value)", "file": "\(name.logged)", "reason": "\(reason)"])
        deliver(PendingReceipt(department: department, dropID: id.value, originalName: name.display,
                               reason: reason, message: message, stored: stored))
    }

    /// Publishes the receipt and journals the request finished; on failure keeps it for the next pass.
    private func deliver(_ pending: PendingReceipt) {
        let log = appliance.logger.with(department: pending.department)
        let receipt = appliance.receiptBuilder.unreadEntry(dropID: pending.dropID, department: pending.department,
                                                           file: pending.originalName, reason: pending.message)
        let paths: [String]
        do {
            paths = try appliance.receipts.deliver(receipt: receipt, for: DropFileName(displayed: pending.originalName))
        } catch {
            reportOnce("receipt:\(pending.dropID)", log) {
                $0.error("cannot publish the receipt of a quarantined entry; trying again on the next scan",
                         metadata: ["request": "\(pending.dropID)", "error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
            }
            pendingReceipts.append(pending)
            return
        }
        appliance.journal(.quarantined, for: pending.dropID,
                          update: JournalUpdate(storedPath: pending.stored, resultFiles: paths), log: log)
    }

    /// Retries receipts that could not be published.
    func publishPendingReceipts() {
        let waiting = pendingReceipts
        pendingReceipts = []
        for pending in waiting { deliver(pending) }
    }

    /// Takes the refused entries an earlier run did not finish answering (``RecoveryPlan``'s word,
    /// listed by ``WorkRecovery``): their receipts go out with the next pass, retried like any other.
    func resume(_ refusals: [WorkRecovery.RefusedEntry]) {
        for refusal in refusals {
            switch refusal {
            case .receipt(let pending):
                guard !pendingReceipts.contains(where: { $0.dropID == pending.dropID }) else { continue }
                pendingReceipts.append(pending)
            case .unjournaled(let id, let name, let reason, let message, let stored, let department):
                appliance.logger.notice("answering an inbox entry an earlier run quarantined but did not record",
                                        metadata: ["request": "\(id.value)"])
                finishRefusal(id: id, name: name, reason: reason, message: message, stored: stored, department: department,
                              log: appliance.logger.with(department: department))
            }
        }
    }

    /// Forgets first sights of entries no longer refused in a department's folder.
    func forgetRefused(department: String, except names: Set<String>) {
        let prefix = department + "/"
        for key in firstSeen.keys where key.hasPrefix(prefix) && !names.contains(String(key.dropFirst(prefix.count))) {
            firstSeen[key] = nil
        }
    }

    static func reason(_ refusal: InboxListing.Refusal) -> String {
        "\(refusal); it was never opened and has been moved to the appliance's quarantine"
    }

    static func nanoseconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970 * 1e9
        return value >= Double(Int64.max) ? Int64.max : Int64(value)
    }
}

extension IntakeCycle.PendingReceipt {
    /// The receipt of an entry an earlier run journaled `refused` (in quarantine) but did not answer.
    init(recovering entry: JournalEntry) {
        let reason = entry.error ?? "it was never opened"
        self.init(department: entry.department, dropID: entry.dropID, originalName: entry.originalName, reason: reason,
                  message: InboxListing.Refusal(described: reason)?.message ?? Message(.quarantinedUnknown),
                  stored: entry.storedPath)
    }
}
