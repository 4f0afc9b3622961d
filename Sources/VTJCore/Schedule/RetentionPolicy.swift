/// How long inputs are kept after processing (data minimisation): archived and quarantined
/// separately; and how long published files stay in the outbox (``outbox``).
public struct RetentionPolicy: Hashable, Sendable {
    /// Days an archived (successfully processed) input is kept.
    public let archiveDays: Int
    /// Days a quarantined (refused or failed) input is kept.
    public let quarantineDays: Int
    /// Results, receipts and list files in the outbox (`retention.outbox_days`; 0 = kept forever).
    public let outbox: OutboxRetention

    /// A policy; negative day counts of inputs are treated as 0 (delete at the next sweep).
    public init(archiveDays: Int, quarantineDays: Int, outboxDays: Int = 30) {
        self.archiveDays = max(0, archiveDays)
        self.quarantineDays = max(0, quarantineDays)
        self.outbox = OutboxRetention(days: outboxDays)
    }

    /// Which kind of kept input an item is.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case archive
        case quarantine
    }

    /// Days items of `kind` are kept.
    public func days(for kind: Kind) -> Int {
        switch kind {
        case .archive: archiveDays
        case .quarantine: quarantineDays
        }
    }

    /// The first instant at which an item of `kind` stored at `storedAt` may be deleted.
    public func expiry(of kind: Kind, storedAt: Instant) -> Instant {
        storedAt.adding(days: days(for: kind))
    }

    /// Keep or delete one item, judged at `now`.
    public func decide(kind: Kind, storedAt: Instant, now: Instant) -> RetentionAction {
        let expiry = expiry(of: kind, storedAt: storedAt)
        return now >= expiry ? .delete : .keep(until: expiry)
    }

    /// The items due for deletion at `now`, in the order given.
    public func due<Item>(_ items: some Sequence<Item>, now: Instant,
                          kind: (Item) -> Kind, storedAt: (Item) -> Instant) -> [Item] {
        items.filter { decide(kind: kind($0), storedAt: storedAt($0), now: now) == .delete }
    }
}

/// A retention decision for one item.
public enum RetentionAction: Hashable, Sendable {
    /// Keep it; it expires at the instant given.
    case keep(until: Instant)
    /// Its retention has ended: delete the file and log the deletion.
    case delete
}
