import Foundation
import GRDB
import VTJCore

/// The durable record of every request's progress; what the runtime resumes from after a crash.
///
/// Every write is idempotent: re-recording a claim or a state that is already stored changes
/// nothing, so a replay after `kill -9` never duplicates a request or an event.
package struct Journal: Sendable {
    let pool: DatabasePool
    var failures: WriteFailureSignal?

    /// Records a claim; returns false when the request id was already journaled (a replay).
    @discardableResult
    package func recordClaim(dropID: String, department: String, originalName: String, storedPath: String,
                            at date: Date, inputStamp: String? = nil) throws(StorageError) -> Bool {
        // Not synced on its own (CommitDurability): the audit query's commit before the message carries it.
        try watched { () throws(StorageError) in try StateDatabase.write(pool, .journaling(.claimed)) { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO request (request_id, department, original_name, stored_path, state, claimed_at, updated_at, input_stamp)
                VALUES (?, ?, ?, ?, 'claimed', ?, ?, ?)
                """, arguments: [dropID, department, originalName, storedPath, date.stored, date.stored, inputStamp])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "INSERT OR IGNORE INTO request_event (request_id, state, attempt, at) VALUES (?, 'claimed', 0, ?)",
                           arguments: [dropID, date.stored])
            return true
        } }
    }

    /// Moves a request to `state`, storing the fields in `update`.
    ///
    /// Same state again → ``JournalTransition/alreadyRecorded``; after archived/quarantined →
    /// ``JournalTransition/alreadyFinished(_:)``. `failed-transient` counts an attempt each time.
    /// Any other move ``DropLifecycle/isLegal(from:to:)`` forbids throws
    /// ``StorageError/illegalTransition(dropID:from:to:)`` and changes nothing.
    @discardableResult
    package func record(_ state: DropState, for dropID: String, at date: Date,
                       update: JournalUpdate = JournalUpdate()) throws(StorageError) -> JournalTransition {
        try watched { () throws(StorageError) in
            // A step recovery would redo anyway is not synced on its own (CommitDurability).
            try StateDatabase.write(pool, .journaling(state)) { db in
                try Self.transition(db, to: state, for: dropID, at: date, update: update)
            }
        }
    }

    /// A write whose failure the operator's metrics hear of.
    private func watched<T>(_ write: () throws(StorageError) -> T) throws(StorageError) -> T {
        guard let failures else { return try write() }
        return try failures.watch(.journal, write)
    }

    /// `steps`, in order, as one write inside another's transaction: a query's audit record takes
    /// the journal's `read` and `querying` with it (``AuditLog/record(_:chunkSize:committed:pace:alongside:)``).
    package static func transitions(_ steps: [(DropState, JournalUpdate)], for dropID: String,
                                    at date: Date) -> @Sendable (Database) throws -> Void {
        { db in
            for (state, update) in steps { _ = try transition(db, to: state, for: dropID, at: date, update: update) }
        }
    }

    /// ``record(_:for:at:update:)`` inside a caller's transaction (publication and its disclosure
    /// rows commit together).
    static func transition(_ db: Database, to state: DropState, for dropID: String, at date: Date,
                           update: JournalUpdate) throws -> JournalTransition {
        guard let row = try Row.fetchOne(db, sql: "SELECT state, attempts, result_files FROM request WHERE request_id = ?",
                                         arguments: [dropID])
        else { throw StorageError.unknownRequest(dropID) }
        let current = DropState(rawValue: row["state"]) ?? .claimed
        if current.isFinished { return .alreadyFinished(current) }
        if current == state, state != .failedTransient { return .alreadyRecorded }
        guard DropLifecycle.isLegal(from: current, to: state) else {
            throw StorageError.illegalTransition(dropID: dropID, from: current, to: state)
        }

        var attempts: Int = row["attempts"]
        if state == .failedTransient { attempts += 1 }
        let files = Self.merge(Self.files(row["result_files"]), update.resultFiles)
        try db.execute(sql: """
            UPDATE request SET state = ?, attempts = ?, updated_at = ?,
                finished_at = CASE WHEN ? THEN ? ELSE finished_at END,
                toiminto = COALESCE(?, toiminto), purpose = COALESCE(?, purpose),
                reference = COALESCE(?, reference), stored_path = COALESCE(?, stored_path),
                error = COALESCE(?, error), result_files = ?,
                next_attempt_at = ?
            WHERE request_id = ?
            """, arguments: [
                state.rawValue, attempts, date.stored, state.isFinished, date.stored,
                update.operation, update.purpose, update.reference, update.storedPath,
                update.error, Self.encode(files),
                state == .failedTransient ? update.nextAttemptAt?.stored : nil, dropID,
            ])
        try db.execute(sql: "INSERT OR IGNORE INTO request_event (request_id, state, attempt, at, detail) VALUES (?, ?, ?, ?, ?)",
                       arguments: [dropID, state.rawValue, attempts, date.stored, update.error])
        return .recorded
    }

    /// One request, or nil.
    package func entry(_ dropID: String) throws(StorageError) -> JournalEntry? {
        try StateDatabase.read(pool) { db in
            try Row.fetchOne(db, sql: "SELECT * FROM request WHERE request_id = ?", arguments: [dropID]).map(Self.entry)
        }
    }

    /// The states a request went through, oldest first (for `audit --request`).
    package func history(_ dropID: String) throws(StorageError) -> [(state: DropState, attempt: Int, at: Date, detail: String?)] {
        try StateDatabase.read(pool) { db in
            // Operator events (`vtjdrop retry`) are not states: Journal+Requeue reads them.
            try Row.fetchAll(db, sql: "SELECT state, attempt, at, detail FROM request_event WHERE request_id = ? AND state != ? ORDER BY id",
                             arguments: [dropID, Self.requeuedEvent]).map { row in
                guard let state = DropState(rawValue: row["state"]) else {
                    throw StorageError.corrupt("request_event.state of \(dropID)")
                }
                return (state, row["attempt"], row.date("at"), row["detail"])
            }
        }
    }

    static func entry(_ row: Row) throws -> JournalEntry {
        let id: String = row["request_id"]
        guard let state = DropState(rawValue: row["state"]) else { throw StorageError.corrupt("request.state of \(id)") }
        return JournalEntry(
            dropID: id, department: row["department"], originalName: row["original_name"],
            storedPath: row["stored_path"], state: state, operation: row["toiminto"], purpose: row["purpose"],
            reference: row["reference"], attempts: row["attempts"], nextAttemptAt: row.optionalDate("next_attempt_at"),
            error: row["error"], resultFiles: files(row["result_files"]), claimedAt: row.date("claimed_at"),
            updatedAt: row.date("updated_at"), finishedAt: row.optionalDate("finished_at"),
            inputDeletedAt: row.optionalDate("input_deleted_at"),
            inputStamp: row.hasColumn("input_stamp") ? row["input_stamp"] : nil)
    }

    /// File names are stored as a JSON array (any character a file name may hold survives).
    /// Text this module did not write as JSON (rows older than the column's format) reads as no files.
    static func files(_ text: String?) -> [String] {
        guard let text, !text.isEmpty, let names = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            return []
        }
        return names
    }

    static func encode(_ files: [String]) -> String {
        // Encoding an array of strings cannot fail; `try?` only satisfies the signature.
        guard !files.isEmpty, let data = try? JSONEncoder().encode(files) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    static func merge(_ existing: [String], _ added: [String]) -> [String] {
        var result = existing
        for name in added where !result.contains(name) { result.append(name) }
        return result
    }
}
