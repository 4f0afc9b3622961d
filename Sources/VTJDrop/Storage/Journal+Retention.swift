import Foundation
import GRDB
import VTJCore

/// A kept input (archived or quarantined) whose retention may end.
package struct RetentionCandidate: Sendable, Hashable {
    package var dropID: String
    package var department: String
    /// Archive or quarantine: which retention period applies.
    package var kind: RetentionPolicy.Kind
    /// Where the input is kept.
    package var path: String
    /// When it was archived or quarantined (retention counts from here).
    package var storedAt: Date
}

/// One deletion made by retention (data minimisation), kept as evidence.
package struct RetentionDeletion: Sendable, Hashable {
    package var deletedAt: Date
    package var kind: RetentionPolicy.Kind
    package var path: String
    package var dropID: String?
    package var department: String?
}

extension Journal {
    /// Kept inputs not yet deleted, optionally only those stored before `storedBefore`, oldest first.
    package func retentionCandidates(storedBefore: Date? = nil) throws(StorageError) -> [RetentionCandidate] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT request_id, department, state, stored_path, finished_at FROM request
                WHERE finished_at IS NOT NULL AND input_deleted_at IS NULL AND (? IS NULL OR finished_at < ?)
                ORDER BY finished_at
                """, arguments: [storedBefore?.stored, storedBefore?.stored]).map { row in
                RetentionCandidate(
                    dropID: row["request_id"], department: row["department"],
                    kind: row["state"] == DropState.archived.rawValue ? .archive : .quarantine,
                    path: row["stored_path"], storedAt: row.date("finished_at"))
            }
        }
    }

    /// The kept inputs whose retention has ended at `now` under `policy` (the decision is VTJCore's).
    package func dueForDeletion(policy: RetentionPolicy, now: Date) throws(StorageError) -> [RetentionCandidate] {
        let oldestPeriod = min(policy.archiveDays, policy.quarantineDays)
        let cutoff = now.addingTimeInterval(-Double(oldestPeriod) * 86_400 + 1)
        return policy.due(try retentionCandidates(storedBefore: cutoff), now: Instant(now),
                          kind: \.kind, storedAt: { Instant($0.storedAt) })
    }

    /// Logs a deletion and marks the request's input as deleted; call it after the file is gone.
    package func recordRetentionDeletion(_ candidate: RetentionCandidate, at date: Date) throws(StorageError) {
        try StateDatabase.write(pool) { db in
            try db.execute(sql: "INSERT INTO retention_deletion (deleted_at, kind, path, request_id, department) VALUES (?, ?, ?, ?, ?)",
                           arguments: [date.stored, candidate.kind.rawValue, candidate.path, candidate.dropID, candidate.department])
            try db.execute(sql: "UPDATE request SET input_deleted_at = ? WHERE request_id = ? AND input_deleted_at IS NULL",
                           arguments: [date.stored, candidate.dropID])
        }
    }

    /// Deletions logged since `since` (all when nil), oldest first.
    package func retentionDeletions(since: Date? = nil) throws(StorageError) -> [RetentionDeletion] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM retention_deletion WHERE (? IS NULL OR deleted_at >= ?) ORDER BY id",
                             arguments: [since?.stored, since?.stored]).map { row in
                RetentionDeletion(deletedAt: row.date("deleted_at"), kind: RetentionPolicy.Kind(rawValue: row["kind"]) ?? .archive,
                                  path: row["path"], dropID: row["request_id"], department: row["department"])
            }
        }
    }
}
