import Foundation
import GRDB
import VTJCore

/// A result's disclosed persons written ahead of its publication, under the id its disclosure will
/// take (``AuditLog/stageDisclosure(dropID:at:persons:chunkSize:committed:)``).
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
    /// - Parameter committed: called after each transaction with the persons written so far (tests).
    package func stageDisclosure(dropID: String, at date: Date, persons: any DisclosedPersonSource,
                                 chunkSize: Int = AuditLog.stagingChunkSize,
                                 committed: ((Int) throws -> Void)? = nil) throws(StorageError) -> StagedDisclosure? {
        try discardStagedDisclosures(dropID: dropID)
        guard persons.personCount > 0 else { return nil }
        var id: Int64?
        var written = 0
        var chunk: [DisclosedPerson] = []
        chunk.reserveCapacity(chunkSize)
        func flush() throws(StorageError) {
            // Ordered within the chunk: neighbouring pages of the (hetu, disclosure_id) tree, not random ones.
            chunk.sort { $0.hetu < $1.hetu }
            written += try watched { () throws(StorageError) in try StateDatabase.write(pool, .deferred) { db in
                // The attempt's row with its first persons: a small result costs one transaction.
                if id == nil {
                    try db.execute(sql: "INSERT INTO audit_disclosure_staging (request_id, started_at) VALUES (?, ?)",
                                   arguments: [dropID, date])
                    id = db.lastInsertedRowID
                }
                return try Self.insertPersons(chunk, id: id!, db)
            } }
            chunk.removeAll(keepingCapacity: true)
            do { try committed?(written) } catch { throw .database("\(error)") }
        }
        do {
            try persons.forEachPerson { person in
                chunk.append(person)
                if chunk.count >= chunkSize { try flush() }
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw .database("\(error)")
        }
        if !chunk.isEmpty { try flush() }
        guard let id else { return nil }
        return StagedDisclosure(id: id, personCount: written)
    }

    /// Persons per transaction of ``stageDisclosure(dropID:at:persons:chunkSize:committed:)``: a few
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
