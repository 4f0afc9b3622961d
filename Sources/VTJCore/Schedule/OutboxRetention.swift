/// How long what vtjdrop published in a department's outbox (results, receipts and their list
/// files) stays there (`retention.outbox_days`): results carry personal data, and with the
/// recommended permissions the department cannot delete them itself.
///
/// Only files vtjdrop published are ever judged: the journal records every file a request
/// published, and a name must also carry the request's id (``isOwnFile(_:dropID:)``). Anything
/// else a clerk put in the outbox is never touched.
public struct OutboxRetention: Hashable, Sendable {
    /// Days a published file is kept; nil = kept until removed by hand (`outbox_days: 0`).
    public let days: Int?

    /// `days` ≤ 0 keeps files forever: removing a result before anyone fetched it is never wanted.
    public init(days: Int) { self.days = days > 0 ? days : nil }

    /// What to do with one published file.
    public enum Decision: Hashable, Sendable {
        /// Keep it; it expires at the instant given.
        case keep(until: Instant)
        /// Retention is off: keep it until someone removes it.
        case keepForever
        /// Its retention has ended: remove it and audit the removal (`ageDays` whole days old).
        case remove(ageDays: Int)
    }

    /// Keep or remove a file published at `publishedAt`, judged at `now`.
    public func decide(publishedAt: Instant, now: Instant) -> Decision {
        guard let days else { return .keepForever }
        let expiry = publishedAt.adding(days: days)
        guard now >= expiry else { return .keep(until: expiry) }
        return .remove(ageDays: Int((now.secondsSinceEpoch - publishedAt.secondsSinceEpoch) / 86_400))
    }

    /// Whether `name` has the shape of a file vtjdrop publishes for `dropID`:
    /// `<stem>.<request-id>.<suffix>` (results, receipts, list files, pending notes).
    public static func isOwnFile(_ name: String, dropID: String) -> Bool {
        guard !dropID.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { return false }
        guard let range = name.firstRange(of: "." + dropID + ".") else { return false }
        return range.upperBound < name.endIndex
    }
}
