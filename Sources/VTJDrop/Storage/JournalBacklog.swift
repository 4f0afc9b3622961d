import Foundation
import Logging
import Synchronization

/// Journal writes that failed — a full disk, a locked or damaged database — kept in order to be
/// written again. A failed write is logged and retried, never dropped: before, a drop whose
/// `failed-transient` could not be written stayed `querying` with no next attempt, silently.
///
/// Writes of one request keep their order: while one of its writes waits here, later ones queue
/// behind it, so a late replay never moves a request back to an earlier state.
package final class JournalBacklog: Sendable {
    private struct Pending: Sendable {
        /// The request id (or a name for writes that are not a request's).
        let key: String
        /// What the write was, for the log.
        let what: String
        let write: @Sendable (Journal) throws -> Void
    }

    private let pending = Mutex<[Pending]>([])
    private let lastComplaint = Mutex<ContinuousClock.Instant?>(nil)

    package init() {}

    /// Writes waiting to be written again.
    package var count: Int { pending.withLock { $0.count } }

    /// Writes now, or — when that fails or an earlier write of `key` still waits — keeps the write
    /// for ``replay(_:logger:)`` and logs why. Returns whether it was written now.
    @discardableResult
    func record(_ journal: Journal, key: String, what: String, logger: Logger,
                _ write: @escaping @Sendable (Journal) throws -> Void) -> Bool {
        pending.withLock { queue in
            if queue.contains(where: { $0.key == key }) {
                queue.append(Pending(key: key, what: what, write: write))
                return false
            }
            do {
                try write(journal)
                return true
            } catch let error as StorageError where error.isIllegalTransition {
                // A bug, not an outage: written again it would be refused again, and block the request's later writes.
                logger.error("journal write refused as an illegal transition; it is not kept", metadata: [
                    "request": "\(key)", "journal": "\(what)", "error": "\(error)"])
                return false
            } catch {
                logger.error("journal write failed; it is kept and written again when the database accepts writes", metadata: [
                    "request": "\(key)", "journal": "\(what)", "error": "\(error)", "waiting-writes": "\(queue.count + 1)"])
                queue.append(Pending(key: key, what: what, write: write))
                return false
            }
        }
    }

    /// Writes now or throws, after first writing what still waits for `key` (in order): for steps
    /// that must be on record before the next action (a claim, "published" before archiving).
    func recordNow(_ journal: Journal, key: String, _ write: (Journal) throws -> Void) throws {
        try pending.withLock { queue in
            try Self.flush(key: key, in: &queue, journal: journal)
            try write(journal)
        }
    }

    /// Writes what waits, oldest first; a request whose write fails again keeps the rest of its
    /// writes for later. Returns how many were written. Logs when the backlog clears, and at most
    /// once a minute while it cannot.
    @discardableResult
    package func replay(_ journal: Journal, logger: Logger) -> Int {
        let (written, left, failure) = pending.withLock { queue -> (Int, Int, String?) in
            guard !queue.isEmpty else { return (0, 0, nil) }
            var written = 0
            var blocked: Set<String> = []
            var remaining: [Pending] = []
            var failure: String?
            for item in queue {
                if blocked.contains(item.key) {
                    remaining.append(item)
                    continue
                }
                do {
                    try item.write(journal)
                    written += 1
                } catch StorageError.unknownRequest {
                    // A state change of a request whose claim was never recorded: the claim's own
                    // retry records the request afresh; this change has nothing to attach to.
                    written += 1
                } catch let error as StorageError where error.isIllegalTransition {
                    // Refused, not failed: kept, it would block the request's later writes for ever.
                    logger.error("journal write refused as an illegal transition; it is not kept", metadata: [
                        "request": "\(item.key)", "journal": "\(item.what)", "error": "\(error)"])
                } catch {
                    blocked.insert(item.key)
                    remaining.append(item)
                    failure = "\(error)"
                }
            }
            queue = remaining
            return (written, remaining.count, failure)
        }
        if let failure {
            let now = ContinuousClock.now
            let complain = lastComplaint.withLock { last -> Bool in
                if let last, now - last < .seconds(60) { return false }
                last = now
                return true
            }
            if complain {
                logger.error("journal writes still fail; they are kept and tried again", metadata: [
                    "waiting-writes": "\(left)", "error": "\(failure)"])
            }
        } else if written > 0 {
            logger.notice("the journal caught up with the writes that had failed", metadata: ["written": "\(written)"])
        }
        return written
    }

    private static func flush(key: String, in queue: inout [Pending], journal: Journal) throws {
        guard queue.contains(where: { $0.key == key }) else { return }
        var remaining: [Pending] = []
        var failed: (any Error)?
        for item in queue {
            guard item.key == key, failed == nil else {
                remaining.append(item)
                continue
            }
            do {
                try item.write(journal)
            } catch StorageError.unknownRequest {
                continue
            } catch {
                failed = error
                remaining.append(item)
            }
        }
        queue = remaining
        if let failed { throw failed }
    }
}
