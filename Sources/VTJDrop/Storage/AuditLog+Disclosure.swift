import Foundation
import GRDB
import VTJCore

/// One person as a published result disclosed them.
package struct DisclosedPerson: Sendable, Hashable {
    /// The henkilötunnus as delivered.
    package var hetu: String
    /// `loytyi`, `turvakielto` (delivered censored), `muutos` (a change delivery), or `ennen-v4`
    /// (reconstructed at the upgrade: asked in a published request, details not recorded then).
    package var status: String
    /// The groups delivered for the person after the disclosure rules; nil when not recorded.
    package var groups: [String]?

    package init(hetu: String, status: String, groups: [String]?) {
        self.hetu = hetu
        self.status = status
        self.groups = groups
    }
}

/// The persons of a disclosure, read out while the publication's transaction runs: a list in
/// memory, or a drop's rows spooled to a scratch file (``DisclosureSpool``).
package protocol DisclosedPersonSource {
    /// How many distinct persons ``forEachPerson(_:)`` names.
    var personCount: Int { get }
    /// Each person once (the last word on a henkilötunnus stands).
    func forEachPerson(_ body: (DisclosedPerson) throws -> Void) throws
}

extension Array: DisclosedPersonSource where Element == DisclosedPerson {
    package var personCount: Int { Set(map(\.hetu)).count }
    package func forEachPerson(_ body: (DisclosedPerson) throws -> Void) throws { try forEach(body) }
}

/// A result published to a department: who, for what, about whom, what, when.
@dynamicMemberLookup
package struct DisclosureRecord: Sendable, Hashable {
    /// Who received it, for what, from which drop, when; its `operation` is the drop's
    /// (`perustiedot`, `seuranta-lisaa`, `kunta-perustiedot`, `muutokset`, `kunta-muutokset`).
    package var header: AuditHeader
    /// The published result's file name.
    package var resultFile: String?
    package var persons: [DisclosedPerson]

    package init(at: Date, department: String, purpose: String, dropID: String, operation: String,
                resultFile: String?, persons: [DisclosedPerson]) {
        self.header = AuditHeader(at: at, department: department, purpose: purpose, dropID: dropID, operation: operation)
        self.resultFile = resultFile
        self.persons = persons
    }

    package subscript<T>(dynamicMember path: KeyPath<AuditHeader, T>) -> T { header[keyPath: path] }
}

/// A disclosure read back, with the persons asked for (one for a search by hetu, all for a request).
@dynamicMemberLookup
package struct DisclosureEntry: Sendable, Hashable {
    package var id: Int64
    package var header: AuditHeader
    package var resultFile: String?
    /// Persons the result disclosed.
    package var personCount: Int
    /// `julkaistu` (recorded at publication) or `ennen-v4` (reconstructed at the upgrade).
    package var provenance: String
    package var persons: [DisclosedPerson]

    package subscript<T>(dynamicMember path: KeyPath<AuditHeader, T>) -> T { header[keyPath: path] }
}

/// What became of one query to the interface (an attempt, never by itself a disclosure).
package enum AuditAttemptOutcome: String, Sendable, Hashable {
    /// The interface answered; whether anything reached a department is the disclosure log's to say.
    case answered = "vastattu"
    /// No usable answer (outage, timeout, cut body); the drop waited and asked again later.
    case failed = "epaonnistui"
    /// The interface refused the query or the appliance (400, 401, 403, 404).
    case refused = "torjuttu"
}

extension AuditLog {
    /// Records what became of query `queryID` (once; a replay changes nothing).
    ///
    /// Not synced on its own (the next synced commit carries it): lost on power failure, the query
    /// reads as one whose outcome was never recorded, which the log already allows for.
    package func recordOutcome(queryID: Int64, at date: Date, _ outcome: AuditAttemptOutcome,
                              detail: String? = nil) throws(StorageError) {
        try watched { () throws(StorageError) in try StateDatabase.write(pool, .deferred) { db in
            try db.execute(sql: "INSERT OR IGNORE INTO audit_query_outcome (query_id, at, outcome, detail) VALUES (?, ?, ?, ?)",
                           arguments: [queryID, date.stored, outcome.rawValue, detail.map(DropFileName.maskingHetus(in:))])
        } }
    }

    /// Appends a disclosure inside the caller's transaction (the journal's `published` commits with it).
    /// Its persons are `staged` ahead (the header takes their id: O(1) here), or else written now:
    /// `persons` (e.g. a drop's spool read back now) or the record's own.
    /// A request already recorded (a walk resumed after a crash) keeps its first record; staged
    /// persons of this attempt are then left to ``discardStagedDisclosures(dropID:)``.
    static func insert(_ record: DisclosureRecord, persons: (any DisclosedPersonSource)? = nil,
                       staged: StagedDisclosure? = nil, _ db: Database) throws {
        let id: Int64
        if let staged {
            id = staged.id
        } else {
            // Every header takes a staged id, so ids handed out for staging never meet one taken here.
            try db.execute(sql: "INSERT INTO audit_disclosure_staging (request_id, started_at) VALUES (?, ?)",
                           arguments: [record.dropID, record.at.stored])
            id = db.lastInsertedRowID
        }
        let persons = persons ?? record.persons
        try db.execute(sql: """
            INSERT OR IGNORE INTO audit_disclosure (id, at, department, purpose, request_id, operation, result_file, person_count, provenance)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'julkaistu')
            """, arguments: [id] + record.header.arguments + [record.resultFile, staged?.personCount ?? persons.personCount])
        let recorded = db.changesCount > 0
        if recorded || staged == nil {
            try db.execute(sql: "DELETE FROM audit_disclosure_staging WHERE id = ?", arguments: [id])
        }
        guard recorded, staged == nil else { return }
        var batch: [DisclosedPerson] = []
        try persons.forEachPerson { person in
            batch.append(person)
            if batch.count >= 4096 { _ = try insertPersons(batch, id: id, db); batch.removeAll(keepingCapacity: true) }
        }
        _ = try insertPersons(batch, id: id, db)
    }

    /// Disclosures that named `hetu`, newest first, each with that person's row only.
    package func disclosures(hetu: Henkilotunnus, since: Date? = nil) throws(StorageError) -> [DisclosureEntry] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT d.*, p.hetu AS p_hetu, p.status AS p_status, p.groups AS p_groups
                FROM audit_disclosed_person p JOIN audit_disclosure d ON d.id = p.disclosure_id
                WHERE p.hetu = ? AND (? IS NULL OR d.at >= ?)
                ORDER BY d.at DESC, d.id DESC
                """, arguments: [hetu.value, since?.stored, since?.stored]).map { row in
                Self.disclosure(row, persons: [Self.person(hetu: row["p_hetu"], status: row["p_status"], groups: row["p_groups"])])
            }
        }
    }

    /// The disclosure of one request, with every person, or nil when it disclosed nothing.
    package func disclosure(request dropID: String) throws(StorageError) -> DisclosureEntry? {
        try StateDatabase.read(pool) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM audit_disclosure WHERE request_id = ?", arguments: [dropID])
            else { return nil }
            return Self.disclosure(row, persons: try Self.persons(db, disclosure: row["id"]))
        }
    }

    /// Streams every disclosure in `[from, until)`, oldest first, each with its persons.
    package func exportDisclosures(from: Date? = nil, until: Date? = nil,
                                  _ body: (DisclosureEntry) throws -> Void) throws(StorageError) {
        try StateDatabase.read(pool) { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT * FROM audit_disclosure WHERE (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) ORDER BY id
                """, arguments: [from?.stored, from?.stored, until?.stored, until?.stored])
            while let row = try rows.next() {
                try body(Self.disclosure(row, persons: try Self.persons(db, disclosure: row["id"])))
            }
        }
    }

    /// Number of disclosures (published results) logged.
    package func disclosureCount() throws(StorageError) -> Int {
        try StateDatabase.read(pool) { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_disclosure") ?? 0 }
    }

    private static func persons(_ db: Database, disclosure id: Int64) throws -> [DisclosedPerson] {
        try Row.fetchAll(db, sql: "SELECT hetu, status, groups FROM audit_disclosed_person WHERE disclosure_id = ? ORDER BY hetu",
                         arguments: [id]).map { person(hetu: $0["hetu"], status: $0["status"], groups: $0["groups"]) }
    }

    private static func person(hetu: String, status: String, groups: String?) -> DisclosedPerson {
        DisclosedPerson(hetu: hetu, status: status, groups: groups.map { $0.split(separator: " ").map(String.init) })
    }

    private static func disclosure(_ row: Row, persons: [DisclosedPerson]) -> DisclosureEntry {
        DisclosureEntry(id: row["id"], header: AuditHeader(row: row), resultFile: row["result_file"],
                        personCount: row["person_count"], provenance: row["provenance"], persons: persons)
    }
}
