import Foundation
import GRDB
import VTJCore

/// Which change stream a log key belongs to: the followed hetus, or the whole municipality.
extension Restriction.Scope {
    /// The word a change cursor is stored under (`change_log_key.scope`, `change_log_key_pending.scope`):
    /// `hetu` or `kunta`, as databases made before the scope had one type hold them.
    var cursorKey: String { self == .hetuList ? "hetu" : "kunta" }
}

extension FollowedRegister {
    /// The last log key whose changes were delivered, or nil before the first fetch.
    package func logKey(department: String, scope: Restriction.Scope) throws(StorageError) -> Int64? {
        try StateDatabase.read(pool) { db in
            try Int64.fetchOne(db, sql: "SELECT log_key FROM change_log_key WHERE department = ? AND scope = ?",
                               arguments: [department, scope.cursorKey])
        }
    }

    /// Stores a log key; call only after the delivery carrying its changes is published.
    package func storeLogKey(_ key: Int64, department: String, scope: Restriction.Scope, at date: Date) throws(StorageError) {
        try StateDatabase.write(pool) { db in try Self.storeLogKey(key, department: department, scope: scope.cursorKey, at: date, in: db) }
    }

    static func storeLogKey(_ key: Int64, department: String, scope: String, at date: Date, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO change_log_key (department, scope, log_key, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (department, scope) DO UPDATE SET log_key = excluded.log_key, updated_at = excluded.updated_at
            """, arguments: [department, scope, key, date.stored])
    }
}
