import Foundation
import VTJCore

/// One request as the journal knows it.
public struct JournalEntry: Sendable, Hashable {
    /// Time-sortable request id (also in result file names and the audit log).
    public var dropID: String
    /// The department whose inbox the drop came from.
    public var department: String
    /// The file name as dropped (may be unusual; display it quoted).
    public var originalName: String
    /// Where the input is now (work folder, archive or quarantine).
    public var storedPath: String
    /// Current state.
    public var state: DropState
    /// The drop's operation (the request document's `toiminto`, `perustiedot` for a list), once
    /// read; stored in the journal's column `toiminto`.
    public var operation: String?
    /// `kayttotarkoitus` as requested (or the department's default), once read.
    public var purpose: String?
    /// The requester's `tunniste`, once read.
    public var reference: String?
    /// Transient failures so far.
    public var attempts: Int
    /// When a `failed-transient` request may be tried again.
    public var nextAttemptAt: Date?
    /// The last error, in words (no hetus, no credentials).
    public var error: String?
    /// Result and receipt file names published for the request.
    public var resultFiles: [String]
    /// When it was claimed.
    public var claimedAt: Date
    /// When its state last changed.
    public var updatedAt: Date
    /// When it was archived or quarantined.
    public var finishedAt: Date?
    /// When retention deleted its input.
    public var inputDeletedAt: Date?
    /// The claimed input as the claim left it (``InputStamp/encoded``), when recorded.
    public var inputStamp: String?
}

/// Fields recorded alongside a state change; nil leaves the stored value unchanged.
public struct JournalUpdate: Sendable, Hashable {
    /// The drop's operation (``JournalEntry/operation``).
    public var operation: String?
    public var purpose: String?
    public var reference: String?
    /// The input's new location (after archiving or quarantining).
    public var storedPath: String?
    /// Result file names to add (duplicates are ignored).
    public var resultFiles: [String]
    /// Error text (no hetus, no credentials).
    public var error: String?
    /// For `failed-transient`: when to try again.
    public var nextAttemptAt: Date?

    /// An update; every field optional.
    public init(operation: String? = nil, purpose: String? = nil, reference: String? = nil, storedPath: String? = nil,
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
public enum JournalTransition: Sendable, Hashable {
    /// The new state was stored.
    case recorded
    /// The request was already in that state (a replay after a crash): nothing changed.
    case alreadyRecorded
    /// The request had already finished (archived or quarantined): nothing changed.
    case alreadyFinished(DropState)
}
