import Foundation

/// One drop as the journal knows it, for the page's tables.
public struct DropStatus: Sendable, Hashable {
    /// The drop's id, shown as its request id (time-sortable; also in the result's file name and the audit log).
    public var dropID: String
    /// The file name in its display form (escaped onto one line); masked by whoever shows it.
    public var fileName: String
    /// The journal's state name (`claimed`, `published`, `failed-transient`, …).
    public var state: String
    /// Where the drop stands, for grouping and colour.
    public var phase: DropPhase
    /// `toiminto`, once read (a contract operation name, never personal data).
    public var operation: String?
    /// When it was claimed.
    public var claimedAt: Date
    /// When its state last changed.
    public var updatedAt: Date
    /// When it was archived or quarantined.
    public var finishedAt: Date?
    /// Transient failures so far.
    public var attempts: Int
    /// When a waiting drop is tried again.
    public var nextAttemptAt: Date?
    /// The last error or the refusal's reason, as recorded (masked by whoever shows it).
    public var error: String?

    public init(dropID: String, fileName: String, state: String, phase: DropPhase, operation: String? = nil,
                claimedAt: Date, updatedAt: Date, finishedAt: Date? = nil, attempts: Int = 0,
                nextAttemptAt: Date? = nil, error: String? = nil) {
        self.dropID = dropID
        self.fileName = fileName
        self.state = state
        self.phase = phase
        self.operation = operation
        self.claimedAt = claimedAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.error = error
    }
}

/// Where a drop stands, in the operator's terms.
public enum DropPhase: String, Sendable, Hashable, CaseIterable {
    /// Claimed and being read, queried or written.
    case inProgress = "in-progress"
    /// Waiting for a retry (interface down, outbox full, input still being written).
    case waiting
    /// Result and receipt published (and the input archived).
    case published
    /// Refused: a receipt says why, the input is in quarantine.
    case refused
    /// Quarantined without a refusal (a permanent failure).
    case failed
}
