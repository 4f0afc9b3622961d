import Foundation
import GRDB
import VTJCore

/// A result's disclosed persons written ahead of its publication, under the id its disclosure will
/// take (``AuditLog/stageDisclosure(dropID:at:persons:scratchFolder:chunkSize:committed:pace:)``).
package struct StagedDisclosure: Sendable, Hashable {
    /// The id the disclosure's header row takes at publication.
    package var id: Int64
    /// Distinct persons written.
    package var personCount: Int
}

extension AuditLog {
    /// Writes the persons of a result about to be published, ``stagingChunkSize`` per transaction,
    /// none synced on its own (the publication's synced commit makes them durable with it), so no
    /// transaction holds the database's one writer for long. They are no disclosure yet: that is the
    /// header row the publication writes in the journal's `published` transaction
    /// (``StateDatabase/recordPublication(dropID:at:update:disclosure:persons:staged:)``); until then
    /// no reader sees them, and a dead attempt's are discarded (``discardStagedDisclosures(dropID:)``).
    /// This drop's earlier attempts' rows go first. Nil when there is no person to disclose.
    ///
    /// The rows go in in henkilötunnus order, the order of `audit_disclosed_person`'s key: chunks of
    /// a result's rows in the order they were answered would each touch pages all over the table,
    /// and every chunk would write them to the log again (measured: a 100,000 result took 2.6–3.5 s
    /// so, against 1.0–1.4 s as one transaction). More than one chunk's rows are first sorted in
    /// bounded runs through a nameless scratch file in `scratchFolder` (``DisclosureSort``), or, for a
    /// henkilötunnus that does not fit its rows, by SQLite in a private temporary database attached to
    /// the writer (``sorted(_:chunkSize:pace:_:)``).
    ///
    /// - Parameter scratchFolder: where the sort's scratch file goes (the state's `tmp`); nil: the
    ///   database's folder's `tmp`.
    /// - Parameter pace: the persons the next transaction takes, given `chunkSize` (asked before each:
    ///   a bulk drop's shrink while a small drop is in flight, ``WorkPriority/rowsPerTransaction(_:smallDropsInFlight:)``).
    /// - Parameter committed: called after each transaction with the persons written so far (tests).
    package func stageDisclosure(dropID: String, at date: Date, persons: any DisclosedPersonSource,
                                 scratchFolder: String? = nil, chunkSize: Int = AuditLog.stagingChunkSize,
                                 committed: ((Int) throws -> Void)? = nil, pace: (Int) -> Int = { $0 }) throws(StorageError) -> StagedDisclosure? {
        // Rows an earlier attempt left are invisible without their header; failing to remove them
        // (a trigger an operator recreated without its WHEN) must not keep this result from its record.
        _ = try? discardStagedDisclosures(dropID: dropID)
        guard persons.personCount > 0 else { return nil }
        var id: Int64?
        var written = 0
        // One transaction: the attempt's row with its first persons (a small result costs one).
        // `body` answers nil when there was nothing left to write.
        func write(_ body: (Database, Int64) throws -> Int?) throws(StorageError) {
            let wrote = try watched { () throws(StorageError) in try StateDatabase.write(pool, .deferred) { db in
                if id == nil {
                    try db.execute(sql: "INSERT INTO audit_disclosure_staging (request_id, started_at) VALUES (?, ?)",
                                   arguments: [dropID, date.stored])
                    id = db.lastInsertedRowID
                }
                return try body(db, id!)
            } }
            guard let wrote else { return }
            written += wrote
            do { try committed?(written) } catch { throw .database("\(error)") }
        }
        if persons.personCount <= chunkSize {
            var all: [DisclosedPerson] = []
            try Self.reading { try persons.forEachPerson { all.append($0) } }
            all.sort { $0.hetu < $1.hetu }
            try write { db, id in try Self.insertPersons(all, id: id, db) }
        } else if let sort = try DisclosureSort(persons, folder: scratchFolder ?? defaultScratchFolder) {
            // One insert per person, in the order of the table's key: nothing is written twice.
            while !sort.isFinished {
                try write { db, id in
                    // A hundred to an INSERT: GRDB's bookkeeping once per statement, not per person.
                    var insert = try BatchedInsert(db, prefix: Self.insertPersonsPrefix, width: 4)
                    let disclosure = id.databaseValue
                    let statuses = sort.statuses.map(\.databaseValue)
                    let groups = sort.groupTexts.map(\.databaseValue)
                    let given = try sort.next(max(pace(chunkSize), 1)) { hetu, pair in
                        try insert.add(hetu.databaseValue, disclosure, statuses[pair], groups[pair])
                    }
                    try insert.finish()
                    let inserted = insert.changes
                    return given == 0 ? nil : inserted
                }
            }
        } else {
            try sorted(persons, chunkSize: chunkSize, pace: pace) { (schema: String) throws(StorageError) in
                // Keyset pagination over the sorted rows: each chunk continues after the last hetu moved.
                var after = ""
                while true {
                    var last: String?
                    try write { db, id in
                        last = try String.fetchOne(db, sql: """
                            SELECT MAX(hetu) FROM (SELECT hetu FROM \(schema).person WHERE hetu > ? ORDER BY hetu LIMIT ?)
                            """, arguments: [after, max(pace(chunkSize), 1)])
                        guard let last else { return nil }
                        try db.execute(sql: """
                            INSERT OR IGNORE INTO main.audit_disclosed_person (hetu, disclosure_id, status, groups)
                            SELECT hetu, ?, status, groups FROM \(schema).person WHERE hetu > ? AND hetu <= ? ORDER BY hetu
                            """, arguments: [id, after, last])
                        return db.changesCount
                    }
                    guard let last else { break }
                    after = last
                }
            }
        }
        guard let id else { return nil }
        return StagedDisclosure(id: id, personCount: written)
    }

    /// The state database's folder's `tmp` (where ``StateDatabase/keepTemporaryFiles(in:)`` puts
    /// SQLite's own), or the folder itself when it has none.
    private var defaultScratchFolder: String {
        let folder = (pool.path as NSString).deletingLastPathComponent
        let temporary = folder + "/" + StateLayout.temporaryFolderName
        return FileManager.default.fileExists(atPath: temporary) ? temporary : folder
    }

    /// Runs `body` with `persons` in a private temporary database attached to the writer connection
    /// (SQLite's own: in its cache, spilled to an unnamed file, gone when detached or when the
    /// process dies), table `<schema>.person` keyed by hetu. Filled ``chunkSize`` rows per
    /// transaction, which touch only that database: the state database's writer stays free.
    private func sorted(_ persons: any DisclosedPersonSource, chunkSize: Int, pace: (Int) -> Int,
                        _ body: (String) throws(StorageError) -> Void) throws(StorageError) {
        let schema = "staging_\(UInt64.random(in: 1...UInt64.max))"
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE '' AS \(schema)")
                // An attached database has SQLite's default cache (2 MiB), not the connection's: the
                // same 1 MiB as the state database's (issue 15's memory bound); beyond it the sort
                // spills to <state>/tmp (StateDatabase.keepTemporaryFiles).
                try db.execute(sql: "PRAGMA \(schema).cache_size = \(StateDatabase.cacheKibibytes)")
                try db.execute(sql: """
                    CREATE TABLE \(schema).person (hetu TEXT PRIMARY KEY NOT NULL, status TEXT NOT NULL, groups TEXT) WITHOUT ROWID
                    """)
            }
        } catch { throw StateDatabase.map(error, path: pool.path) }
        defer { try? pool.writeWithoutTransaction { db in try db.execute(sql: "DETACH DATABASE \(schema)") } }
        var chunk: [DisclosedPerson] = []
        chunk.reserveCapacity(chunkSize)
        func fill() throws(StorageError) {
            do {
                try pool.writeWithoutTransaction { db in
                    try db.inTransaction(.deferred) {
                        let statement = try db.cachedStatement(sql: """
                            INSERT OR IGNORE INTO \(schema).person (hetu, status, groups) VALUES (?, ?, ?)
                            """)
                        for person in chunk {
                            try statement.execute(arguments: [person.hetu, person.status, person.groups?.joined(separator: " ")])
                        }
                        return .commit
                    }
                }
            } catch { throw StateDatabase.map(error, path: pool.path) }
            chunk.removeAll(keepingCapacity: true)
        }
        try Self.reading {
            try persons.forEachPerson { person in
                chunk.append(person)
                if chunk.count >= pace(chunkSize) { try fill() }
            }
        }
        if !chunk.isEmpty { try fill() }
        try body(schema)
    }

    /// Runs a read of persons, its errors as ``StorageError``.
    private static func reading(_ body: () throws -> Void) throws(StorageError) {
        do {
            try body()
        } catch let error as StorageError {
            throw error
        } catch {
            throw .database("\(error)")
        }
    }

    private static let insertPersonsPrefix = "INSERT OR IGNORE INTO audit_disclosed_person (hetu, disclosure_id, status, groups) VALUES "

    /// Persons per transaction of ``stageDisclosure(dropID:at:persons:scratchFolder:chunkSize:committed:pace:)``: a few
    /// milliseconds of the writer.
    package static let stagingChunkSize = 2000

    /// Discards the staged persons of attempts that were never published — of `dropID`, or of every
    /// drop (recovery, before any walk runs) — a few thousand rows per transaction; returns how many.
    /// Published persons cannot be deleted (the table's trigger); these were never a disclosure.
    @discardableResult
    package func discardStagedDisclosures(dropID: String? = nil) throws(StorageError) -> Int {
        let attempts = try StateDatabase.read(pool) { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM audit_disclosure_staging WHERE (? IS NULL OR request_id = ?)
                    AND id NOT IN (SELECT id FROM audit_disclosure)
                """,
                               arguments: [dropID, dropID])
        }
        var discarded = 0
        for id in attempts {
            while true {
                let gone = try watched { () throws(StorageError) in try StateDatabase.write(pool, .deferred) { db in
                    try db.execute(sql: """
                        DELETE FROM audit_disclosed_person WHERE disclosure_id = ? AND hetu IN (
                            SELECT hetu FROM audit_disclosed_person WHERE disclosure_id = ? LIMIT ?)
                        """, arguments: [id, id, Self.stagingChunkSize])
                    let gone = db.changesCount
                    // The attempt's row last, so a crash midway leaves it to name what is left.
                    if gone == 0 {
                        try db.execute(sql: """
                            DELETE FROM audit_disclosure_staging WHERE id = ?
                                AND NOT EXISTS (SELECT 1 FROM audit_disclosure WHERE id = ?)
                            """, arguments: [id, id])
                    }
                    return gone
                } }
                discarded += gone
                if gone == 0 { break }
            }
        }
        return discarded
    }

    /// Writes persons under disclosure `id` (a person already there keeps their first row).
    static func insertPersons(_ persons: some Sequence<DisclosedPerson>, id: Int64, _ db: Database) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO audit_disclosed_person (hetu, disclosure_id, status, groups) VALUES (?, ?, ?, ?)
            """)
        var inserted = 0
        for person in persons {
            try statement.execute(arguments: [person.hetu, id, person.status, person.groups?.joined(separator: " ")])
            inserted += db.changesCount
        }
        return inserted
    }
}
