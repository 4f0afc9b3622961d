import Foundation
import GRDB
import Testing
import VTJCore
@testable import VTJDrop
import VTJTestSupport

/// A result's disclosure log rows kept in a nameless scratch file until publication (issue 15's
/// memory bound), against real files and a real state database.
@Suite struct DisclosureSpoolTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func person(_ index: Int, hetu: String) -> DisclosedPerson {
        switch index % 4 {
        case 0: DisclosedPerson(hetu: hetu, status: "loytyi", groups: ["HENKILON_NIMI", "KOTIKUNTA"])
        case 1: DisclosedPerson(hetu: hetu, status: "turvakielto", groups: ["HENKILON_NIMI"])
        case 2: DisclosedPerson(hetu: hetu, status: "loytyi", groups: [])
        default: DisclosedPerson(hetu: hetu, status: "muutos", groups: nil)
        }
    }

    @Test func rowsComeBackInOrderWithTheLastWordOnAPersonInItsPlace() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let spool = try DisclosureSpool(folder: folder.path)
        // More rows than one 64 KiB write and read window, and a hetu text no list would hold.
        var expected = TestHetu.distinct(9000).enumerated().map { Self.person($0.offset, hetu: $0.element.value) }
        expected.append(DisclosedPerson(hetu: String(repeating: "ä", count: 300), status: "loytyi", groups: ["X"]))
        for person in expected { try spool.append(person) }
        for row in [0, 4321, expected.count - 1] {
            let replacement = DisclosedPerson(hetu: expected[row].hetu, status: "turvakielto", groups: [])
            spool.replace(row: row, with: replacement)
            expected[row] = replacement
        }
        var read: [DisclosedPerson] = []
        try spool.forEachPerson { read.append($0) }
        #expect(read == expected)
        #expect(spool.personCount == expected.count)
        // Read twice (a publication written again after its transaction failed) gives the same.
        var again: [DisclosedPerson] = []
        try spool.forEachPerson { again.append($0) }
        #expect(again == expected)
    }

    @Test func theScratchFileHasNoNameSoACrashLeavesNothingBehind() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let spool = try DisclosureSpool(folder: folder.path)
        for (index, hetu) in TestHetu.distinct(2000).enumerated() { try spool.append(Self.person(index, hetu: hetu.value)) }
        try spool.forEachPerson { _ in }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty,
                "the rows live in a file without a name, gone with the process")
    }

    @Test func aFolderThatCannotHoldTheFileIsAStorageErrorNamingIt() {
        #expect(throws: StorageError.self) { try DisclosureSpool(folder: "/nonexistent-vtjdrop-folder") }
        let message = "\(StorageError.scratch(operation: "write", folder: "/state/tmp", errno: 28))"
        #expect(message.contains("/state/tmp") && message.contains("check space"))
    }

    /// Journals `req` up to results-written, as a walk does before publishing.
    func journaled(_ database: StateDatabase, _ request: String) throws {
        try database.journal.recordClaim(dropID: request, department: "kirjasto", originalName: "lista.txt",
                                         storedPath: "/state/claims/kirjasto/work/\(request)", at: t0)
        for state: DropState in [.read, .querying, .resultsWritten] { try database.journal.record(state, for: request, at: t0) }
    }

    func record(_ request: String) -> DisclosureRecord {
        DisclosureRecord(at: t0, department: "kirjasto", purpose: "kirjasto", dropID: request, operation: "perustiedot",
                         resultFile: "lista.\(request).csv", persons: [])
    }

    @Test func thePublicationRecordsTheSpooledPersonsWithPublished() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        try journaled(database, "req-1")
        let spool = try DisclosureSpool(folder: folder.path)
        let hetus = TestHetu.distinct(3000).shuffled()
        for (index, hetu) in hetus.enumerated() { try spool.append(Self.person(index, hetu: hetu.value)) }
        spool.replace(row: 7, with: DisclosedPerson(hetu: hetus[7].value, status: "turvakielto", groups: []))

        try database.recordPublication(dropID: "req-1", at: t0, update: JournalUpdate(resultFiles: ["lista.req-1.csv"]),
                                       disclosure: record("req-1"), persons: spool)
        #expect(try database.journal.entry("req-1")?.state == .published)
        let logged = try #require(try database.auditLog.disclosure(request: "req-1"))
        #expect(logged.personCount == 3000)
        #expect(logged.persons.count == 3000)
        #expect(logged.persons.map(\.hetu) == hetus.map(\.value).sorted())
        let seventh = try #require(logged.persons.first { $0.hetu == hetus[7].value })
        #expect(seventh.status == "turvakielto" && seventh.groups == [], "the withdrawn copy's row is replaced, not added")
        let tenth = try #require(logged.persons.first { $0.hetu == hetus[10].value })
        #expect(tenth == Self.person(10, hetu: hetus[10].value), "an empty group list reads back empty")
        let eleventh = try #require(logged.persons.first { $0.hetu == hetus[11].value })
        #expect(eleventh == Self.person(11, hetu: hetus[11].value), "no group list reads back as none")
    }

    /// A spool that cannot be read back midway (its disk failed): the journal's `published` and
    /// the disclosure are one transaction, so neither is recorded, and the walk can publish again.
    struct FailingHalfway: DisclosedPersonSource {
        let spool: DisclosureSpool
        let after: Int
        var personCount: Int { spool.personCount }
        func forEachPerson(_ body: (DisclosedPerson) throws -> Void) throws {
            var seen = 0
            try spool.forEachPerson { person in
                guard seen < after else { throw StorageError.scratch(operation: "read back", folder: "/state/tmp", errno: 5) }
                seen += 1
                try body(person)
            }
        }
    }

    @Test func aFailureReadingTheSpoolRecordsNeitherTheDisclosureNorPublished() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        try journaled(database, "req-2")
        let spool = try DisclosureSpool(folder: folder.path)
        for (index, hetu) in TestHetu.distinct(1500).enumerated() { try spool.append(Self.person(index, hetu: hetu.value)) }

        #expect(throws: StorageError.self) {
            try database.recordPublication(dropID: "req-2", at: t0, update: JournalUpdate(resultFiles: ["lista.req-2.csv"]),
                                           disclosure: record("req-2"), persons: FailingHalfway(spool: spool, after: 1000))
        }
        #expect(try database.journal.entry("req-2")?.state == .resultsWritten, "not published")
        #expect(try database.auditLog.disclosure(request: "req-2") == nil, "nothing disclosed on record")
        let rows = try DatabaseQueue(path: folder.path + "/state/" + StateLayout.databaseFileName).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_disclosed_person") ?? -1
        }
        #expect(rows == 0, "no person row of the rolled-back disclosure")

        // The walk resumed: the same spool, read whole this time.
        try database.recordPublication(dropID: "req-2", at: t0, update: JournalUpdate(resultFiles: ["lista.req-2.csv"]),
                                       disclosure: record("req-2"), persons: spool)
        #expect(try database.journal.entry("req-2")?.state == .published)
        #expect(try database.auditLog.disclosure(request: "req-2")?.personCount == 1500)
    }
}
