import Foundation
import Logging
import VTJCore

/// The one place a claimed drop's lifecycle actions (``DropLifecycle/Action``) are performed —
/// at the end of a walk and in recovery alike: moves out of the work folder with their journal
/// records, retries with their pending notes, holds. Every failure is logged here (journal writes
/// that fail are kept by ``JournalBacklog``, never dropped), and the operator's metrics hear of
/// each outcome from here.
struct DropExecutor: Sendable {
    let appliance: Appliance

    /// Performs `action` on `claimed`. `.walk` is the caller's (it needs a walker); `.retry` and
    /// `.hold` need a `reason` (without one, a hold says only that the interface is closed).
    func perform(_ action: DropLifecycle.Action, _ claimed: ClaimedFile, reason: WaitReason? = nil, attempts: Int = 0,
                 log: Logger) {
        switch action {
        case .walk: break
        case .archive: _ = archive(claimed, log: log)
        case .quarantine: _ = quarantine(claimed, log: log)
        case .retry(let after): _ = retry(claimed, reason ?? .interfaceClosed, after: after, log: log)
        case .hold: hold(claimed, reason ?? .interfaceClosed)
        }
    }

    /// Published: the pending note goes, the input moves to the archive, then `archived` is
    /// journaled. Returns where the input went (nil: the move failed and the next start finishes it).
    @discardableResult
    func archive(_ claimed: ClaimedFile, log: Logger) -> String? {
        PendingNote(appliance: appliance, claimed: claimed).remove()
        guard let archived = move(claimed, log: log, { try appliance.mover.archive(workFolder: $0.folder, id: $0.id) }) else { return nil }
        appliance.journal(.archived, for: claimed.id.value, update: JournalUpdate(storedPath: archived), log: log)
        return archived
    }

    /// Refused (its receipt is out) or unanswerable (`unanswerable` says why; no receipt): the
    /// pending note goes, the input moves to quarantine, then `quarantined` is journaled.
    @discardableResult
    func quarantine(_ claimed: ClaimedFile, unanswerable: String? = nil, log: Logger) -> String? {
        PendingNote(appliance: appliance, claimed: claimed).remove()
        if unanswerable != nil { appliance.reportFailedForGood(department: claimed.department) }
        guard let moved = move(claimed, log: log, { try appliance.mover.quarantine(workFolder: $0.folder, id: $0.id) }) else { return nil }
        appliance.journal(.quarantined, for: claimed.id.value, update: JournalUpdate(storedPath: moved, error: unanswerable), log: log)
        return moved
    }

    /// Waits claimed for another walk `after` this long: journaled `failed-transient` with the
    /// wall-clock time of the next attempt, and a pending note saying why.
    func retry(_ claimed: ClaimedFile, _ reason: WaitReason, after: Duration, log: Logger) -> DropOutcome {
        let retryAt = appliance.clock.now().addingTimeInterval(after.secondsValue)
        log.warning("drop will be retried", metadata: [
            "reason": "\(DropFileName.maskingHetus(in: reason.description))", "retry-in-s": "\(after.wholeSecondsUp)",
        ])
        appliance.journal(.failedTransient, for: claimed.id.value,
                          update: JournalUpdate(error: reason.description, nextAttemptAt: retryAt), log: log)
        PendingNote(appliance: appliance, claimed: claimed).write(reason, retryAt: retryAt)
        appliance.reportWaiting(department: claimed.department, reason: reason)
        return .waiting(retryAt: retryAt, after: after, reason: reason)
    }

    /// Set aside unstarted (the interface or intake is closed): a pending note without a time.
    func hold(_ claimed: ClaimedFile, _ reason: WaitReason) {
        PendingNote(appliance: appliance, claimed: claimed).write(reason, retryAt: nil)
    }

    /// Moves the work folder to the archive or quarantine; a failure is logged (the next start
    /// finds the folder still claimed and finishes the move from the journal).
    private func move(_ claimed: ClaimedFile, log: Logger, _ move: (ClaimedFile) throws -> String) -> String? {
        do {
            return try move(claimed)
        } catch {
            log.error("cannot move the finished drop's input out of the work folder; the next start does it",
                      metadata: ["error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
            return nil
        }
    }
}
