import Foundation
import GRDB
import VTJCore

extension AuditLog {
    /// Streams every query (attempt) logged in `[from, until)`, oldest first, each with its hetus.
    ///
    /// Rows are read through a cursor, so a log of millions of queries is exported in constant memory.
    package func export(from: Date? = nil, until: Date? = nil, _ body: (AuditEntry) throws -> Void) throws(StorageError) {
        try StateDatabase.read(pool) { db in
            let queries = try Row.fetchCursor(db, sql: """
                SELECT q.*, o.outcome AS outcome, o.detail AS outcome_detail FROM audit_query q
                LEFT JOIN audit_query_outcome o ON o.query_id = q.id
                WHERE (? IS NULL OR q.at >= ?) AND (? IS NULL OR q.at < ?) ORDER BY q.id
                """, arguments: [from?.stored, from?.stored, until?.stored, until?.stored])
            let hetus = try db.cachedStatement(sql: "SELECT hetu FROM audit_hetu WHERE query_id = ? ORDER BY hetu")
            while let row = try queries.next() {
                let id: Int64 = row["id"]
                try body(try Self.entry(row, hetus: try String.fetchAll(hetus, arguments: [id])))
            }
        }
    }
}
