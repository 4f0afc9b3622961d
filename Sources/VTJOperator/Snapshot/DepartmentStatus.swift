import Foundation

/// One department's waiting work, recent drops and refusals.
public struct DepartmentStatus: Sendable, Hashable {
    /// The department's id (its inbox and outbox folder name).
    public var id: String
    /// Files waiting in its inbox (nil: the inbox could not be listed).
    public var inInbox: Int?
    /// When the oldest file in the inbox was last modified.
    public var oldestInInboxAt: Date?
    /// Claimed drops not yet archived or quarantined.
    public var inProgress: Int
    /// Of those, waiting for a retry.
    public var waitingForRetry: Int
    /// When the oldest unfinished drop was claimed.
    public var oldestClaimedAt: Date?
    /// Drops refused within the snapshot's failure window.
    public var refusedRecently: Int
    /// Inputs quarantined within the window.
    public var quarantinedRecently: Int
    /// Transient failures (attempts) within the window.
    public var transientRecently: Int
    /// The most recent drops, newest first (the page shows 50).
    public var recent: [DropStatus]
    /// The most recent refused drops with their reason, newest first.
    public var refusals: [DropStatus]

    public init(id: String, inInbox: Int? = nil, oldestInInboxAt: Date? = nil, inProgress: Int = 0,
                waitingForRetry: Int = 0, oldestClaimedAt: Date? = nil, refusedRecently: Int = 0,
                quarantinedRecently: Int = 0, transientRecently: Int = 0, recent: [DropStatus] = [],
                refusals: [DropStatus] = []) {
        self.id = id
        self.inInbox = inInbox
        self.oldestInInboxAt = oldestInInboxAt
        self.inProgress = inProgress
        self.waitingForRetry = waitingForRetry
        self.oldestClaimedAt = oldestClaimedAt
        self.refusedRecently = refusedRecently
        self.quarantinedRecently = quarantinedRecently
        self.transientRecently = transientRecently
        self.recent = recent
        self.refusals = refusals
    }

    /// Drops waiting anywhere: in the inbox and claimed but unfinished.
    public var backlog: Int { (inInbox ?? 0) + inProgress }

    /// When the oldest waiting drop arrived (inbox or claim, whichever is older).
    public var oldestWaitingSince: Date? {
        [oldestInInboxAt, oldestClaimedAt].compactMap { $0 }.min()
    }
}
