import Foundation
import GRDB
import VTJCore

/// The log key a change delivery will move the cursor to, noted before its result is published.
///
/// Publishing (a rename in the outbox) and storing the cursor (SQLite) cannot be one transaction.
/// Noting the key first makes the pair recoverable: once the result is out, the noted key is the
/// one its changes end at, whether this process or the next one commits it.
extension FollowedRegister {
    /// Notes (or replaces) the key a request's delivery ends at; call before publishing it.
    package func notePendingLogKey(_ key: Int64, dropID: String, department: String, scope: Restriction.Scope,
                                  at date: Date) throws(StorageError) {
        try StateDatabase.write(pool) { db in
            try db.execute(sql: """
                INSERT INTO change_log_key_pending (request_id, department, scope, log_key, noted_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (request_id) DO UPDATE SET department = excluded.department, scope = excluded.scope,
                    log_key = excluded.log_key, noted_at = excluded.noted_at
                """, arguments: [dropID, department, scope.cursorKey, key, date.stored])
        }
    }

    /// The key noted for a request, or nil.
    package func pendingLogKey(dropID: String) throws(StorageError) -> Int64? {
        try StateDatabase.read(pool) { db in
            try Int64.fetchOne(db, sql: "SELECT log_key FROM change_log_key_pending WHERE request_id = ?", arguments: [dropID])
        }
    }

    /// Moves the cursor to the request's noted key and forgets the note, in one transaction.
    /// Returns the key, or nil when none was noted.
    @discardableResult
    package func commitPendingLogKey(dropID: String, at date: Date) throws(StorageError) -> Int64? {
        try StateDatabase.write(pool) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM change_log_key_pending WHERE request_id = ?",
                                             arguments: [dropID]) else { return nil }
            let key: Int64 = row["log_key"]
            try Self.storeLogKey(key, department: row["department"], scope: row["scope"], at: date, in: db)
            try db.execute(sql: "DELETE FROM change_log_key_pending WHERE request_id = ?", arguments: [dropID])
            return key
        }
    }

    /// Forgets a request's note without moving the cursor (its delivery was never published).
    package func discardPendingLogKey(dropID: String) throws(StorageError) {
        try StateDatabase.write(pool) { db in
            try db.execute(sql: "DELETE FROM change_log_key_pending WHERE request_id = ?", arguments: [dropID])
        }
    }

    /// Requests with a noted key, for recovery at start.
    package func pendingLogKeyRequests() throws(StorageError) -> [String] {
        try StateDatabase.read(pool) { db in
            try String.fetchAll(db, sql: "SELECT request_id FROM change_log_key_pending ORDER BY request_id")
        }
    }
}
