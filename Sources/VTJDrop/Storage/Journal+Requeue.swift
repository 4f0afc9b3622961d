import Foundation
import GRDB
import VTJCore

extension Journal {
    /// The history event of an operator's re-queue (`vtjdrop retry`); the request's state is unchanged.
    package static let requeuedEvent = "requeued"

    /// Adds a `requeued` event to the request's history (the drop's state stays what it was).
    package func recordRequeue(_ dropID: String, at date: Date, detail: String) throws(StorageError) {
        try StateDatabase.write(pool) { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request_event WHERE request_id = ? AND state = ?",
                                         arguments: [dropID, Self.requeuedEvent]) ?? 0
            try db.execute(sql: "INSERT INTO request_event (request_id, state, attempt, at, detail) VALUES (?, ?, ?, ?, ?)",
                           arguments: [dropID, Self.requeuedEvent, count, date.stored, detail])
        }
    }

    /// When and by whom the request was re-queued, oldest first.
    package func requeues(_ dropID: String) throws(StorageError) -> [(at: Date, detail: String)] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: "SELECT at, detail FROM request_event WHERE request_id = ? AND state = ? ORDER BY id",
                             arguments: [dropID, Self.requeuedEvent]).map { ($0.date("at"), $0["detail"] ?? "") }
        }
    }

    /// Where the department's latest archived inputs are (archived since `since`, input not yet
    /// deleted), newest first, at most `limit`: what a repeat is looked for among.
    package func archivedInputs(department: String, since: Date, limit: Int) throws(StorageError) -> [(dropID: String, folder: String, at: Date)] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT request_id, stored_path, finished_at FROM request
                WHERE department = ? AND state = 'archived' AND finished_at >= ? AND input_deleted_at IS NULL
                ORDER BY finished_at DESC LIMIT ?
                """, arguments: [department, since.stored, limit]).map { ($0["request_id"], $0["stored_path"], $0.date("finished_at")) }
        }
    }

    /// The department's requests in `state` claimed since `since`, oldest first.
    package func entries(department: String, state: DropState, claimedSince since: Date) throws(StorageError) -> [JournalEntry] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM request WHERE department = ? AND state = ? AND claimed_at >= ? ORDER BY request_id",
                             arguments: [department, state.rawValue, since.stored]).map { try Self.entry($0) }
        }
    }
}
