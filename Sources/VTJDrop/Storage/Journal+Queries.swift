import Foundation
import GRDB

/// A department's waiting work, for `status` and for deciding what to resume.
package struct DepartmentBacklog: Sendable, Hashable {
    package var department: String
    /// Requests not yet archived or quarantined.
    package var unfinished: Int
    /// Of those, waiting for a retry.
    package var waitingForRetry: Int
    /// When the oldest unfinished request was claimed.
    package var oldestClaimedAt: Date?
}

/// How many requests ended badly, per department.
package struct FailureCounts: Sendable, Hashable {
    package var department: String
    /// Whole drops refused (receipt only).
    package var refused: Int
    /// Inputs quarantined (refused or permanently failed).
    package var quarantined: Int
    /// Transient failures (attempts) recorded.
    package var transientAttempts: Int
}

extension Journal {
    /// Every request not yet archived or quarantined, oldest first: what to resume or rebuild at startup.
    package func unfinished() throws(StorageError) -> [JournalEntry] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM request WHERE state NOT IN ('archived', 'quarantined') ORDER BY request_id
                """).map(Self.entry)
        }
    }

    /// Unfinished work per department (departments without any are left out).
    package func backlog() throws(StorageError) -> [DepartmentBacklog] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT department, COUNT(*) AS unfinished,
                       SUM(state = 'failed-transient') AS retrying, MIN(claimed_at) AS oldest
                FROM request WHERE state NOT IN ('archived', 'quarantined')
                GROUP BY department ORDER BY department
                """).map { row in
                DepartmentBacklog(department: row["department"], unfinished: row["unfinished"],
                                  waitingForRetry: row["retrying"] ?? 0, oldestClaimedAt: row.optionalDate("oldest"))
            }
        }
    }

    /// Refusals, quarantines and transient failures per department since `since` (all time when nil).
    package func failureCounts(since: Date? = nil) throws(StorageError) -> [FailureCounts] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT r.department AS department,
                       SUM(e.state = 'refused') AS refused,
                       SUM(e.state = 'quarantined') AS quarantined,
                       SUM(e.state = 'failed-transient') AS transient
                FROM request_event e JOIN request r ON r.request_id = e.request_id
                WHERE e.state IN ('refused', 'quarantined', 'failed-transient') AND (? IS NULL OR e.at >= ?)
                GROUP BY r.department ORDER BY r.department
                """, arguments: [since?.stored, since?.stored]).map { row in
                FailureCounts(department: row["department"], refused: row["refused"] ?? 0,
                              quarantined: row["quarantined"] ?? 0, transientAttempts: row["transient"] ?? 0)
            }
        }
    }

    /// The most recent requests of a department (newest first), for `status`.
    package func recent(department: String, limit: Int = 20) throws(StorageError) -> [JournalEntry] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM request WHERE department = ? ORDER BY request_id DESC LIMIT ?",
                             arguments: [department, limit]).map(Self.entry)
        }
    }
}
