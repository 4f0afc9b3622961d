import Foundation
import GRDB
import VTJCore

extension AuditLog {
    /// Streams every query logged in `[from, until)`, oldest first, each with its hetus.
    ///
    /// Rows are read through a cursor, so a log of millions of queries is exported in constant memory.
    public func export(from: Date? = nil, until: Date? = nil, _ body: (AuditEntry) throws -> Void) throws(StorageError) {
        try StateDatabase.read(pool) { db in
            let queries = try Row.fetchCursor(db, sql: """
                SELECT * FROM audit_query WHERE (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) ORDER BY id
                """, arguments: [from, from, until, until])
            let hetus = try db.cachedStatement(sql: "SELECT hetu FROM audit_hetu WHERE query_id = ? ORDER BY hetu")
            while let row = try queries.next() {
                let id: Int64 = row["id"]
                try body(try Self.entry(row, hetus: try String.fetchAll(hetus, arguments: [id])))
            }
        }
    }
}
