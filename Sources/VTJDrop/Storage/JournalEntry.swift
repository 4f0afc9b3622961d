import Foundation
import VTJCore

/// One request as the journal knows it.
package struct JournalEntry: Sendable, Hashable {
    /// The drop's time-sortable id, its request id outward (also in result file names and the audit log).
    package var dropID: String
    /// The department whose inbox the drop came from.
    package var department: String
    /// The file name as dropped (may be unusual; display it quoted).
    package var originalName: String
    /// Where the input is now (work folder, archive or quarantine).
    package var storedPath: String
    /// Current state.
    package var state: DropState
    /// The drop's operation (the request document's `toiminto`, `perustiedot` for a list), once
    /// read; stored in the journal's column `toiminto`.
    package var operation: String?
    /// `kayttotarkoitus` as requested (or the department's default), once read.
    package var purpose: String?
    /// The requester's `tunniste`, once read.
    package var reference: String?
    /// Transient failures so far.
    package var attempts: Int
    /// When a `failed-transient` request may be tried again.
    package var nextAttemptAt: Date?
    /// The last error, in words (no hetus, no credentials).
    package var error: String?
    /// Result and receipt file names published for the request.
    package var resultFiles: [String]
    /// When it was claimed.
    package var claimedAt: Date
    /// When its state last changed.
    package var updatedAt: Date
    /// When it was archived or quarantined.
    package var finishedAt: Date?
    /// When retention deleted its input.
    package var inputDeletedAt: Date?
    /// The claimed input as the claim left it (``InputStamp/encoded``), when recorded.
    package var inputStamp: String?
}

/// Fields recorded alongside a state change; nil leaves the stored value unchanged.
package struct JournalUpdate: Sendable, Hashable {
    /// The drop's operation (``JournalEntry/operation``).
    package var operation: String?
    package var purpose: String?
    package var reference: String?
    /// The input's new location (after archiving or quarantining).
    package var storedPath: String?
    /// Result file names to add (duplicates are ignored).
    package var resultFiles: [String]
    /// Error text (no hetus, no credentials).
    package var error: String?
    /// For `failed-transient`: when to try again.
    package var nextAttemptAt: Date?

    /// An update; every field optional.
    package init(operation: String? = nil, purpose: String? = nil, reference: String? = nil, storedPath: String? = nil,
                resultFiles: [String] = [], error: String? = nil, nextAttemptAt: Date? = nil) {
        self.operation = operation
        self.purpose = purpose
        self.reference = reference
        self.storedPath = storedPath
        self.resultFiles = resultFiles
        self.error = error
        self.nextAttemptAt = nextAttemptAt
    }
}

/// What recording a state did.
package enum JournalTransition: Sendable, Hashable {
    /// The new state was stored.
    case recorded
    /// The request was already in that state (a replay after a crash): nothing changed.
    case alreadyRecorded
    /// The request had already finished (archived or quarantined): nothing changed.
    case alreadyFinished(DropState)
}
