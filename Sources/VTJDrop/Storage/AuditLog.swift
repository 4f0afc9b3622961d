import Foundation
import GRDB
import VTJCore

/// One query about to be sent to the interface, as the audit log records it.
@dynamicMemberLookup
package struct AuditRecord: Sendable, Hashable {
    /// Who asked, for what, in which drop, when; its `operation` is the interface's
    /// (`perustiedot`, `muutokset`, `kirjausavain`).
    package var header: AuditHeader
    /// Whether the message named hetus (`hetus` are the ones asked about) or the municipalities
    /// (`hetus` are the persons delivered, recorded after each page).
    package var scope: Restriction.Scope
    /// Kept as the list holds them (8-byte keys): a drop's record is the list itself, not a copy.
    package var hetus: HetuSequence
    /// Free text such as a page number or log key; never a hetu or credential.
    package var detail: String?

    /// A record of one query.
    package init(at: Date, department: String, purpose: String, dropID: String, operation: String,
                scope: Restriction.Scope, hetus: [Henkilotunnus], detail: String? = nil) {
        self.init(at: at, department: department, purpose: purpose, dropID: dropID, operation: operation,
                  scope: scope, hetus: HetuSequence(hetus), detail: detail)
    }

    /// A record of one query about a drop's list.
    package init(at: Date, department: String, purpose: String, dropID: String, operation: String,
                scope: Restriction.Scope, hetus: HetuSequence, detail: String? = nil) {
        self.header = AuditHeader(at: at, department: department, purpose: purpose, dropID: dropID, operation: operation)
        self.scope = scope
        self.hetus = hetus
        self.detail = detail
    }

    package subscript<T>(dynamicMember path: KeyPath<AuditHeader, T>) -> T { header[keyPath: path] }
}

/// One query read back from the audit log.
@dynamicMemberLookup
package struct AuditEntry: Sendable, Hashable {
    package var id: Int64
    package var header: AuditHeader
    package var scope: Restriction.Scope
    /// Number of hetus the query named (or delivered, for kuntarajaus).
    package var hetuCount: Int
    /// The hetus, when asked for (``AuditLog/queries(request:)``); empty otherwise.
    package var hetus: [String]
    package var detail: String?
    /// What became of the query; nil when it was never recorded (the run stopped mid-query, or
    /// the query is older than the outcome log).
    package var outcome: AuditAttemptOutcome?
    /// The failure in words, for failed and refused queries (no hetu, no credential).
    package var outcomeDetail: String?

    package subscript<T>(dynamicMember path: KeyPath<AuditHeader, T>) -> T { header[keyPath: path] }
}

/// The append-only audit log: every query to the interface (an attempt: who asked about whom, when
/// and why, and what became of it) and, apart from those, every disclosure — a result actually
/// published to a department, person by person, with the groups delivered (AuditLog+Disclosure).
///
/// SQLite triggers abort any UPDATE or DELETE of audit rows, so not even a bug in this program can
/// rewrite history. Nothing here deletes old entries: the log's retention is the controller's
/// decision, carried out by hand (see docs/operations.md).
package struct AuditLog: Sendable {
    let pool: DatabasePool
    var failures: WriteFailureSignal?

    /// Appends one query with its hetus (duplicates stored once); returns its id.
    ///
    /// Call it before the message is sent, so a crash right after sending still leaves the trace.
    /// A long list is written in transactions of ``chunkSize`` codes, in order, so it never holds the
    /// database's one writer for longer than one of them (another department's drop commits in
    /// between); only the last is synced, and it makes the others durable with it. Every code is on
    /// record before the call returns, that is before any message of the query leaves. A crash
    /// between two chunks leaves a header with part of its codes, no outcome and no message sent.
    ///
    /// - Parameter pace: the codes the next transaction takes, given ``chunkSize`` (asked before each:
    ///   a bulk drop's shrink while a small drop is in flight, ``WorkPriority/rowsPerTransaction(_:smallDropsInFlight:)``).
    /// - Parameter alongside: written in the first transaction, before the header: the journal's
    ///   steps that lead to this query (`read`, `querying`), so a small drop's go to disk with its
    ///   query in the one synced commit instead of each waiting for the writer on its own.
    /// - Parameter committed: called after each transaction with the codes on record so far (tests).
    @discardableResult
    package func record(_ record: AuditRecord, chunkSize: Int = AuditLog.chunkSize,
                        committed: ((Int) throws -> Void)? = nil, pace: (Int) -> Int = { $0 },
                        alongside: ((Database) throws -> Void)? = nil) throws(StorageError) -> Int64 {
        // The list's own distinct codes, sorted (held by the list, not sorted again), each text made
        // again as it is inserted: no copy of the list's strings (issue 15's memory bound). Ordered,
        // so each chunk fills a few neighbouring pages of audit_hetu's (hetu, query_id) tree
        // instead of pages all over it.
        let unique = record.hetus.distinct
        var id: Int64?
        var start = 0
        repeat {
            let chunk = start..<min(start + max(pace(max(chunkSize, 1)), 1), unique.count)
            let last = chunk.upperBound >= unique.count
            try watched { () throws(StorageError) in try StateDatabase.write(pool, last ? .synced : .deferred) { db in
                if id == nil {
                    try alongside?(db)
                    try db.execute(sql: """
                        INSERT INTO audit_query (at, department, purpose, request_id, operation, scope, hetu_count, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: record.header.arguments + [record.scope.rawValue, unique.count, record.detail])
                    id = db.lastInsertedRowID
                }
                try Self.insertCodes(unique, chunk, query: id!, db)
            } }
            do { try committed?(chunk.upperBound) } catch { throw .database("\(error)") }
            start = chunk.upperBound
        } while start < unique.count
        return id!
    }

    /// Writes the codes of `range` under query `id`, a hundred to an INSERT (``BatchedInsert``).
    private static func insertCodes(_ codes: HenkilotunnusKeys, _ range: Range<Int>, query id: Int64,
                                    _ db: Database) throws {
        var insert = try BatchedInsert(db, prefix: "INSERT OR IGNORE INTO audit_hetu (hetu, query_id) VALUES ", width: 2)
        let query = id.databaseValue
        try codes.forEachText(in: range) { hetu in try insert.add(hetu.databaseValue, query) }
        try insert.finish()
    }

    /// Codes per transaction of ``record(_:chunkSize:committed:pace:alongside:)``: a message's worth, a few
    /// milliseconds of the writer.
    package static let chunkSize = 1000

    /// A write whose failure the operator's metrics hear of.
    func watched<T>(_ write: () throws(StorageError) -> T) throws(StorageError) -> T {
        guard let failures else { return try write() }
        return try failures.watch(.audit, write)
    }

    /// Queries that named `hetu` (exactly as validated), newest first, optionally only since `since`.
    package func queries(hetu: Henkilotunnus, since: Date? = nil) throws(StorageError) -> [AuditEntry] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT q.*, o.outcome AS outcome, o.detail AS outcome_detail
                FROM audit_hetu h JOIN audit_query q ON q.id = h.query_id
                LEFT JOIN audit_query_outcome o ON o.query_id = q.id
                WHERE h.hetu = ? AND (? IS NULL OR q.at >= ?)
                ORDER BY q.at DESC, q.id DESC
                """, arguments: [hetu.value, since?.stored, since?.stored]).map { try Self.entry($0, hetus: []) }
        }
    }

    /// Every query made for one request, oldest first, each with its hetus.
    package func queries(request dropID: String) throws(StorageError) -> [AuditEntry] {
        try StateDatabase.read(pool) { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT q.*, o.outcome AS outcome, o.detail AS outcome_detail FROM audit_query q
                LEFT JOIN audit_query_outcome o ON o.query_id = q.id WHERE q.request_id = ? ORDER BY q.id
                """, arguments: [dropID])
            return try rows.map { row in
                let id: Int64 = row["id"]
                let hetus = try String.fetchAll(db, sql: "SELECT hetu FROM audit_hetu WHERE query_id = ? ORDER BY hetu",
                                                arguments: [id])
                return try Self.entry(row, hetus: hetus)
            }
        }
    }

    /// Number of queries logged.
    package func count() throws(StorageError) -> Int {
        try StateDatabase.read(pool) { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_query") ?? 0 }
    }

    static func entry(_ row: Row, hetus: [String]) throws -> AuditEntry {
        guard let scope = Restriction.Scope(rawValue: row["scope"]) else { throw StorageError.corrupt("audit_query.scope") }
        let outcome: String? = row.hasColumn("outcome") ? row["outcome"] : nil
        return AuditEntry(id: row["id"], header: AuditHeader(row: row), scope: scope,
                          hetuCount: row["hetu_count"], hetus: hetus, detail: row["detail"],
                          outcome: outcome.flatMap(AuditAttemptOutcome.init(rawValue:)),
                          outcomeDetail: row.hasColumn("outcome_detail") ? row["outcome_detail"] : nil)
    }
}
