import Foundation
import Logging
import Synchronization
import VTJCore

extension Appliance {
    /// Journals a state change. A failed write is logged and kept for later (``JournalBacklog``),
    /// never dropped silently; returns whether it was written now.
    @discardableResult
    func journal(_ state: DropState, for dropID: String, update: JournalUpdate = JournalUpdate(),
                 log: Logger? = nil) -> Bool {
        let at = clock.now()
        return journalBacklog.record(database.journal, key: dropID, what: state.rawValue, logger: log ?? logger) { journal in
            do { try journal.record(state, for: dropID, at: at, update: update) } catch { throw self.noteDamage(error) }
        }
    }

    /// Journals a state change that must be on record before the next step (or throws).
    func journalNow(_ state: DropState, for dropID: String, update: JournalUpdate = JournalUpdate()) throws {
        let at = clock.now()
        try journalBacklog.recordNow(database.journal, key: dropID) { journal in
            do { try journal.record(state, for: dropID, at: at, update: update) } catch { throw self.noteDamage(error) }
        }
    }

    /// Journals a claim, which every later change of the request needs (or throws).
    @discardableResult
    func journalClaimNow(dropID: String, department: String, originalName: String, storedPath: String,
                         inputStamp: String? = nil) throws -> Bool {
        let at = clock.now()
        var isNew = false
        try journalBacklog.recordNow(database.journal, key: dropID) { journal in
            do {
                isNew = try journal.recordClaim(dropID: dropID, department: department, originalName: originalName,
                                                storedPath: storedPath, at: at, inputStamp: inputStamp)
            } catch { throw self.noteDamage(error) }
        }
        return isNew
    }

    /// Notes the outcome of an interface call for `status` (kept for later when it cannot be written):
    /// every failure, a success at most once a second (``HealthNotePace``: one commit fewer per drop).
    func journalInterfaceCall(succeeded: Bool, failure: String? = nil, log: Logger? = nil) {
        let instant = monotonic.now
        guard healthNotes.withLock({ $0.shouldWrite(succeeded: succeeded, at: instant) }) else { return }
        let at = clock.now()
        journalBacklog.record(database.journal, key: "interface-health", what: succeeded ? "interface ok" : "interface failure",
                              logger: log ?? logger) { journal in
            try journal.recordInterfaceCall(succeeded: succeeded, at: at, failure: failure)
        }
    }

    /// A damaged database cannot be written around: the appliance stops claiming and says why.
    /// Returns the error, for rethrowing.
    func noteDamage(_ error: any Error) -> any Error {
        if let storage = error as? StorageError, case .damaged = storage { stateAlarm.raise(storage) }
        return error
    }
}

/// The state folder can no longer be trusted — its database was deleted, replaced or damaged —
/// so nothing more may be claimed or disclosed until an operator restores it.
package final class StateAlarm: Sendable {
    private let problem = Mutex<StorageError?>(nil)

    package init() {}

    /// The first problem raised, if any.
    package var raised: StorageError? { problem.withLock { $0 } }

    /// Raises the alarm (the first problem is kept).
    package func raise(_ error: StorageError) { problem.withLock { if $0 == nil { $0 = error } } }
}
