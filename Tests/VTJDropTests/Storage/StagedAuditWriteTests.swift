import Foundation
import GRDB
import Testing
import VTJCore
@testable import VTJDrop
import VTJTestSupport

/// The audit log's long writes in short transactions (issue 15's latency goal): a large list's
/// query and a large result's disclosure never hold the database's one writer for long, and what a
/// crash between two of their transactions leaves is the truth — against a real state database.
@Suite struct StagedAuditWriteTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func query(_ request: String, _ hetus: [Henkilotunnus]) -> AuditRecord {
        AuditRecord(at: t0, department: "kirjasto", purpose: "kirjasto", dropID: request, operation: "perustiedot",
                    scope: .hetuList, hetus: hetus)
    }

    func disclosure(_ request: String) -> DisclosureRecord {
        DisclosureRecord(at: t0, department: "kirjasto", purpose: "kirjasto", dropID: request, operation: "perustiedot",
                         resultFile: "lista.\(request).csv", persons: [])
    }

    func journaled(_ database: StateDatabase, _ request: String) throws {
        try database.journal.recordClaim(dropID: request, department: "kirjasto", originalName: "lista.txt",
                                         storedPath: "/state/claims/kirjasto/work/\(request)", at: t0)
        for state: DropState in [.read, .querying, .resultsWritten] { try database.journal.record(state, for: request, at: t0) }
    }

    /// Rows as a second connection (another process: `vtjdrop audit`) sees them committed.
    func rows(_ database: StateDatabase, _ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try DatabaseQueue(path: database.path).read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? -1 }
    }

    @Test func aLongListsQueryIsCommittedChunkByChunkAndOtherWritesGetInBetween() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        let hetus = TestHetu.distinct(2500).shuffled()
        var seen: [Int] = []
        let id = try database.auditLog.record(query("req-1", hetus + hetus.prefix(10)), chunkSize: 1000) { written in
            seen.append(try self.rows(database, "SELECT COUNT(*) FROM audit_hetu WHERE query_id = (SELECT MAX(id) FROM audit_query)"))
            #expect(seen.last == written, "each chunk is committed when its transaction ends")
            // Another department's step takes the writer between two chunks (it would wait for the whole list before).
            try database.journal.recordClaim(dropID: "small-\(written)", department: "nuoriso", originalName: "x.txt",
                                             storedPath: "/x", at: t0)
        }
        #expect(seen == [1000, 2000, 2500])
        let entry = try #require(try database.auditLog.queries(request: "req-1").first)
        #expect(entry.id == id && entry.hetuCount == 2500 && entry.hetus == hetus.map(\.value).sorted())
        #expect(try database.journal.entry("small-1000") != nil && database.journal.entry("small-2000") != nil)
    }

    /// Codes go 100 to an INSERT and the rest one by one: chunks that are not whole hundreds lose
    /// and repeat none.
    @Test func codesInChunksOfAnySizeAreEachWrittenOnce() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        let hetus = TestHetu.distinct(1234).shuffled()
        var paces = [317, 99, 100, 1, 1000].makeIterator()
        var seen: [Int] = []
        try database.auditLog.record(query("req-7", hetus + hetus.suffix(40)), chunkSize: 1000,
                                     committed: { seen.append($0) }, pace: { _ in paces.next() ?? 1000 })
        #expect(seen == [317, 416, 516, 517, 1234])
        let entry = try #require(try database.auditLog.queries(request: "req-7").first)
        #expect(entry.hetuCount == 1234 && entry.hetus == hetus.map(\.value).sorted())
    }

    @Test func theWritersPaceIsAskedBeforeEachTransaction() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        try journaled(database, "req-6")
        // A small drop arrives after the first chunk: the bulk drop's next transactions shrink, and
        // grow again when it has gone (WorkPriority.rowsPerTransaction, as the walk asks it).
        var smallDrops = 0
        let pace = { (rows: Int) in WorkPriority.bulk.rowsPerTransaction(rows, smallDropsInFlight: smallDrops) }
        var steps: [Int] = []
        let hetus = TestHetu.distinct(2600)
        try database.auditLog.record(query("req-6", hetus), chunkSize: 1000, committed: { written in
            steps.append(written)
            smallDrops = written < 1400 ? 1 : 0
        }, pace: pace)
        let y = WorkPriority.yieldingRows
        #expect(steps == [1000, 1000 + y, 1000 + 2 * y, 2000 + 2 * y, 2600])
        #expect(try database.auditLog.queries(request: "req-6").first?.hetus == hetus.map(\.value).sorted())

        smallDrops = 1
        let persons = hetus.enumerated().map { DisclosureSpoolTests.person($0.offset, hetu: $0.element.value) }
        var staged: [Int] = []
        let result = try #require(try database.auditLog.stageDisclosure(dropID: "req-6", at: t0, persons: persons, chunkSize: 2000,
                                                                        committed: { staged.append($0) }, pace: pace))
        #expect(staged == Array(stride(from: y, to: 2600, by: y)) + [2600], "each move a yielding chunk")
        #expect(result.personCount == 2600)
    }

    @Test func aCrashBetweenChunksLeavesTheHeaderWithTheCodesWrittenAndNoOutcome() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        struct Killed: Error {}
        #expect(throws: StorageError.self) {
            try database.auditLog.record(query("req-2", TestHetu.distinct(2500)), chunkSize: 1000) { written in
                if written == 1000 { throw Killed() }
            }
        }
        // A new process over the same files, as after kill -9.
        let reopened = try StateDatabase(stateFolder: folder.path + "/state")
        let entry = try #require(try reopened.auditLog.queries(request: "req-2").first)
        #expect(entry.hetus.count == 1000 && entry.hetuCount == 2500 && entry.outcome == nil,
                "the query reads as one the run stopped in: its outcome was never recorded")
    }

    @Test func stagedPersonsAreNoDisclosureUntilThePublicationWritesTheHeader() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        try journaled(database, "req-3")
        let persons = TestHetu.distinct(5000).shuffled().enumerated().map { DisclosureSpoolTests.person($0.offset, hetu: $0.element.value) }
        var steps: [Int] = []
        let staged = try #require(try database.auditLog.stageDisclosure(dropID: "req-3", at: t0, persons: persons, chunkSize: 2000) { written in
            steps.append(written)
            let count = try self.rows(database, "SELECT COUNT(*) FROM audit_disclosed_person")
            #expect(count == written, "each chunk is committed when its transaction ends")
        })
        #expect(steps == [2000, 4000, 5000] && staged.personCount == 5000)
        #expect(try database.auditLog.disclosure(request: "req-3") == nil)
        #expect(try database.auditLog.disclosures(hetu: try Henkilotunnus(persons[0].hetu)).isEmpty, "a search by hetu sees no staged row")

        try database.recordPublication(dropID: "req-3", at: t0, update: JournalUpdate(resultFiles: ["lista.req-3.csv"]),
                                       disclosure: disclosure("req-3"), staged: staged)
        #expect(try database.journal.entry("req-3")?.state == .published)
        let logged = try #require(try database.auditLog.disclosure(request: "req-3"))
        #expect(logged.personCount == 5000 && logged.persons == persons.sorted { $0.hetu < $1.hetu })
        #expect(try database.auditLog.disclosures(hetu: try Henkilotunnus(persons[0].hetu)).map(\.dropID) == ["req-3"])
        #expect(try rows(database, "SELECT COUNT(*) FROM audit_disclosure_staging") == 0, "the attempt's row went with the publication")
        let raw = try DatabaseQueue(path: database.path)
        #expect(throws: DatabaseError.self, "published persons are append-only") {
            try raw.write { try $0.execute(sql: "DELETE FROM audit_disclosed_person") }
        }
        #expect(throws: DatabaseError.self, "a header takes an id handed out for staging") {
            try raw.write { try $0.execute(sql: "INSERT INTO audit_disclosure (at, department, purpose, request_id, operation, person_count, provenance) VALUES (0, 'x', 'x', 'x', 'x', 1, 'julkaistu')") }
        }
    }

    @Test func aKilledAttemptsStagedPersonsAreNeverCountedAndRecoveryDiscardsThem() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        try journaled(database, "req-4")
        try journaled(database, "req-5")
        let hetus = TestHetu.distinct(3000)
        let persons = hetus.enumerated().map { DisclosureSpoolTests.person($0.offset, hetu: $0.element.value) }
        // req-5 published first, so its rows stay whatever recovery does.
        let published = try #require(try database.auditLog.stageDisclosure(dropID: "req-5", at: t0, persons: Array(persons.prefix(100))))
        try database.recordPublication(dropID: "req-5", at: t0, update: JournalUpdate(), disclosure: disclosure("req-5"), staged: published)
        struct Killed: Error {}
        #expect(throws: StorageError.self) {
            try database.auditLog.stageDisclosure(dropID: "req-4", at: t0, persons: persons, chunkSize: 1000) { if $0 == 2000 { throw Killed() } }
        }
        let reopened = try StateDatabase(stateFolder: folder.path + "/state")
        #expect(try reopened.auditLog.disclosure(request: "req-4") == nil)
        #expect(try reopened.auditLog.disclosures(hetu: hetus[500]).isEmpty, "req-4 staged it, published nothing")
        #expect(try reopened.auditLog.disclosures(hetu: hetus[50]).map(\.dropID) == ["req-5"])
        #expect(try reopened.auditLog.disclosureCount() == 1)

        #expect(try reopened.auditLog.discardStagedDisclosures() == 2000)
        #expect(try rows(reopened, "SELECT COUNT(*) FROM audit_disclosed_person") == 100, "only the published persons stay")
        #expect(try rows(reopened, "SELECT COUNT(*) FROM audit_disclosure_staging") == 0)

        // The walk resumed: it stages again and publishes; an earlier attempt of its own goes first.
        _ = try reopened.auditLog.stageDisclosure(dropID: "req-4", at: t0, persons: Array(persons.prefix(700)))
        let again = try #require(try reopened.auditLog.stageDisclosure(dropID: "req-4", at: t0, persons: persons))
        #expect(try rows(reopened, "SELECT COUNT(*) FROM audit_disclosed_person") == 3100)
        try reopened.recordPublication(dropID: "req-4", at: t0, update: JournalUpdate(), disclosure: disclosure("req-4"), staged: again)
        #expect(try reopened.auditLog.disclosure(request: "req-4")?.personCount == 3000)
        #expect(try reopened.auditLog.disclosure(request: "req-5")?.persons.count == 100)
    }

    @Test func aStepRecoveryWouldRedoIsCommittedUnsyncedAndTheWriterStaysFull() throws {
        #expect(CommitDurability.journaling(.read) == .deferred && CommitDurability.journaling(.resultsWritten) == .deferred)
        #expect(CommitDurability.journaling(.claimed) == .deferred, "the audit query's synced commit carries the claim")
        #expect(CommitDurability.journaling(.published) == .synced && CommitDurability.journaling(.failedTransient) == .synced)
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        try journaled(database, "req-6")
        let level = try StateDatabase.write(database.pool, .deferred) { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(level == 1, "NORMAL inside a deferred commit")
        #expect(try database.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2, "FULL again after it")
        #expect(throws: StorageError.self) {
            try StateDatabase.write(database.pool, .deferred) { db in try db.execute(sql: "INSERT INTO nowhere VALUES (1)") }
        }
        #expect(try database.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2, "FULL again after a failed one")
        #expect(try database.journal.entry("req-6")?.state == .resultsWritten)
    }

    /// A state database from before staging (v5, disclosures with their persons written in the
    /// publication's transaction) reads the same after the upgrade, its published persons stay
    /// append-only, and a new disclosure takes an id after the old ones.
    @Test func aDatabaseFromBeforeStagingIsMigratedAndKeepsItsDisclosures() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.path + "/vtjdrop.sqlite"
        let hetus = TestHetu.distinct(3)
        do {
            let old = try DatabaseQueue(path: path)
            try StateDatabase.migrator.migrate(old, upTo: "v5-outbox-retention")
            try old.write { db in
                for request in ["old-1", "old-2"] {
                    try db.execute(sql: """
                        INSERT INTO audit_disclosure (at, department, purpose, request_id, operation, result_file, person_count, provenance)
                        VALUES (?, 'kirjasto', 'kirjasto', ?, 'perustiedot', ?, 3, 'julkaistu')
                        """, arguments: [t0, request, "lista.\(request).csv"])
                    let id = db.lastInsertedRowID
                    for hetu in hetus {
                        try db.execute(sql: "INSERT INTO audit_disclosed_person (hetu, disclosure_id, status, groups) VALUES (?, ?, 'loytyi', 'HENKILON_NIMI')",
                                       arguments: [hetu.value, id])
                    }
                }
            }
        }
        let database = try StateDatabase(stateFolder: folder.path)
        #expect(try database.auditLog.disclosures(hetu: hetus[1]).map(\.dropID).sorted() == ["old-1", "old-2"])
        #expect(try database.auditLog.disclosure(request: "old-2")?.persons.map(\.groups) == Array(repeating: ["HENKILON_NIMI"], count: 3))
        let raw = try DatabaseQueue(path: database.path)
        for sql in ["DELETE FROM audit_disclosed_person", "UPDATE audit_disclosed_person SET status = 'x'"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try raw.write { try $0.execute(sql: sql) } }
        }
        try journaled(database, "new-1")
        let staged = try #require(try database.auditLog.stageDisclosure(dropID: "new-1", at: t0, persons: [
            DisclosedPerson(hetu: hetus[0].value, status: "loytyi", groups: ["HENKILON_NIMI"])]))
        try database.recordPublication(dropID: "new-1", at: t0, update: JournalUpdate(), disclosure: disclosure("new-1"), staged: staged)
        let ids = try database.auditLog.disclosures(hetu: hetus[0]).map(\.id)
        #expect(ids.count == 3 && Set(ids).count == 3 && staged.id > 2, "the new disclosure's id follows the old ones")
    }
}
