import Foundation
import GRDB
import VTJCore

/// A request whose published files are still in the outbox, as the journal recorded them.
package struct OutboxCandidate: Sendable, Hashable {
    package var dropID: String
    package var department: String
    /// The outbox paths the request published (result, receipt, list file).
    package var files: [String]
    /// When they were published (retention counts from here, never from a file's own times).
    package var publishedAt: Date
}

/// One published file removed from an outbox when its retention ended, as the audit log keeps it.
package struct OutboxRemoval: Sendable, Hashable {
    package var at: Date
    package var department: String
    package var dropID: String
    /// The file's name with any henkilötunnus masked, as in logs.
    package var file: String
    package var publishedAt: Date
    package var ageDays: Int
}

extension Journal {
    /// Requests that published files, not yet swept, published before `before`, oldest first.
    package func outboxCandidates(publishedBefore before: Date) throws(StorageError) -> [OutboxCandidate] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT request_id, department, result_files, COALESCE(finished_at, updated_at) AS published_at FROM request
                WHERE outbox_removed_at IS NULL AND result_files NOT IN ('', '[]')
                    AND state IN ('published', 'archived', 'refused', 'quarantined')
                    AND COALESCE(finished_at, updated_at) < ?
                ORDER BY published_at
                """, arguments: [before.stored]).map { row in
                OutboxCandidate(dropID: row["request_id"], department: row["department"],
                                files: Self.files(row["result_files"]), publishedAt: row.date("published_at"))
            }
        }
    }

    /// The requests whose published files are due at `now` (the decision is VTJCore's).
    package func outboxDue(_ retention: OutboxRetention, now: Date) throws(StorageError) -> [(OutboxCandidate, ageDays: Int)] {
        guard let days = retention.days else { return [] }
        return try outboxCandidates(publishedBefore: now.addingTimeInterval(-Double(days) * 86_400 + 1)).compactMap { candidate in
            if case .remove(let age) = retention.decide(publishedAt: Instant(candidate.publishedAt), now: Instant(now)) {
                return (candidate, age)
            }
            return nil
        }
    }

    /// Audits the files removed for one request and marks its outbox dealt with, in one transaction;
    /// call it after the files are gone.
    package func recordOutboxRemoval(_ candidate: OutboxCandidate, removed names: [String], ageDays: Int,
                                    at date: Date) throws(StorageError) {
        try StateDatabase.write(pool) { db in
            for name in names {
                try db.execute(sql: """
                    INSERT INTO audit_outbox_removal (at, department, request_id, file, published_at, age_days)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [date.stored, candidate.department, candidate.dropID, DropFileName.maskingHetus(in: name),
                                     candidate.publishedAt.stored, ageDays])
            }
            try db.execute(sql: "UPDATE request SET outbox_removed_at = ? WHERE request_id = ? AND outbox_removed_at IS NULL",
                           arguments: [date.stored, candidate.dropID])
        }
    }
}

extension AuditLog {
    /// Files removed from outboxes by retention since `since` (all when nil), of one drop when
    /// `dropID` is given, oldest first.
    package func outboxRemovals(since: Date? = nil, dropID: String? = nil) throws(StorageError) -> [OutboxRemoval] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM audit_outbox_removal WHERE (? IS NULL OR at >= ?) AND (? IS NULL OR request_id = ?) ORDER BY id
                """, arguments: [since?.stored, since?.stored, dropID, dropID]).map { row in
                OutboxRemoval(at: row.date("at"), department: row["department"], dropID: row["request_id"], file: row["file"],
                              publishedAt: row.date("published_at"), ageDays: row["age_days"])
            }
        }
    }
}
