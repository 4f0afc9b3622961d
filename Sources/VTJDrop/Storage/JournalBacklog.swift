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

    /// Writes that failed and wait, in order. Changed only while ``writing`` is held; held itself
    /// only for moments, so ``count`` and an empty ``replay(_:logger:)`` never wait for a write.
    private let pending = Mutex<[Pending]>([])
    /// Held for the duration of every journal write, so a request's writes keep their order.
    /// Before, ``pending``'s lock was held across the write: a 100,000-person publication held it
    /// for seconds and the daemon loop, asking ``count`` every turn, stopped with it (issue 15 goal 4).
    private let writing = Mutex<Void>(())
    private let lastComplaint = Mutex<ContinuousClock.Instant?>(nil)

    package init() {}

    /// Writes waiting to be written again.
    package var count: Int { pending.withLock { $0.count } }

    /// Writes now, or — when that fails or an earlier write of `key` still waits — keeps the write
    /// for ``replay(_:logger:)`` and logs why. Returns whether it was written now.
    @discardableResult
    func record(_ journal: Journal, key: String, what: String, logger: Logger,
                _ write: @escaping @Sendable (Journal) throws -> Void) -> Bool {
        writing.withLock { _ in
            let item = Pending(key: key, what: what, write: write)
            if pending.withLock({ queue in queue.contains { $0.key == key } }) {
                pending.withLock { $0.append(item) }
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
                let waiting = pending.withLock { queue in
                    queue.append(item)
                    return queue.count
                }
                logger.error("journal write failed; it is kept and written again when the database accepts writes", metadata: [
                    "request": "\(key)", "journal": "\(what)", "error": "\(error)", "waiting-writes": "\(waiting)"])
                return false
            }
        }
    }

    /// Writes now or throws, after first writing what still waits for `key` (in order): for steps
    /// that must be on record before the next action (a claim, "published" before archiving).
    func recordNow(_ journal: Journal, key: String, _ write: (Journal) throws -> Void) throws {
        try writing.withLock { _ in
            if pending.withLock({ queue in queue.contains { $0.key == key } }) {
                var queue = pending.withLock { $0 }
                defer { pending.withLock { [queue] in $0 = queue } }
                try Self.flush(key: key, in: &queue, journal: journal)
            }
            try write(journal)
        }
    }

    /// Writes what waits, oldest first; a request whose write fails again keeps the rest of its
    /// writes for later. Returns how many were written. Logs when the backlog clears, and at most
    /// once a minute while it cannot.
    @discardableResult
    package func replay(_ journal: Journal, logger: Logger) -> Int {
        // Checked without the write lock: the daemon loop calls this every turn, and must not wait
        // for another drop's long write (a large publication) when there is nothing to replay.
        guard pending.withLock({ !$0.isEmpty }) else { return 0 }
        let (written, left, failure) = writing.withLock { _ -> (Int, Int, String?) in
            let queue = pending.withLock { $0 }
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
            pending.withLock { $0 = remaining }
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
