import Foundation
import GRDB

extension Journal {
    /// Every request whose state changed at or after `since`, oldest claim first: `status --json
    /// --journal`, which the crash and fault scripts read instead of the database itself.
    package func entries(updatedSince since: Date) throws(StorageError) -> [JournalEntry] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM request WHERE updated_at >= ? ORDER BY request_id",
                             arguments: [since.stored]).map(Self.entry)
        }
    }
}
