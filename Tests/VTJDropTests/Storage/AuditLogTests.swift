import Foundation
import GRDB
import Testing
import VTJCore
import VTJDrop
import VTJTestSupport

@Suite struct AuditLogTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func hetu(_ text: String) throws -> Henkilotunnus { try Henkilotunnus(text) }

    @Test func answersWhoAskedAboutAPersonWhenAndWhy() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let audit = try StateDatabase(stateFolder: folder.path).auditLog
        let a = try hetu("010594Y9032"), b = try hetu("010516B903X"), c = try hetu("020275-9862")
        try audit.record(.init(at: t0, department: "kirjasto", purpose: "kirjasto", dropID: "r1",
                               operation: "perustiedot", scope: .hetuList, hetus: [a, b, a]))
        try audit.record(.init(at: t0.addingTimeInterval(3600), department: "sivistys", purpose: "perusopetus", dropID: "r2",
                               operation: "perustiedot", scope: .hetuList, hetus: [b, c]))
        try audit.record(.init(at: t0.addingTimeInterval(7200), department: "sivistys", purpose: "perusopetus", dropID: "r2",
                               operation: "muutokset", scope: .hetuList, hetus: [b], detail: "log key 5446623423"))

        let aboutB = try audit.queries(hetu: b)
        #expect(aboutB.map(\.dropID) == ["r2", "r2", "r1"], "newest first")
        #expect(aboutB.map(\.department) == ["sivistys", "sivistys", "kirjasto"])
        #expect(aboutB.last?.purpose == "kirjasto")
        #expect(aboutB.last?.hetuCount == 2, "duplicates are stored once")
        #expect(try audit.queries(hetu: b, since: t0.addingTimeInterval(1)).count == 2)
        #expect(try audit.queries(hetu: a).map(\.dropID) == ["r1"])
        // The century sign is identity: 020275-9862 and 020275Y9862 are different people.
        #expect(try audit.queries(hetu: try hetu("020275Y9862")).isEmpty)

        let r2 = try audit.queries(request: "r2")
        #expect(r2.map(\.operation) == ["perustiedot", "muutokset"])
        #expect(r2.first?.hetus == [b.value, c.value].sorted())
        #expect(r2.last?.detail == "log key 5446623423")
        #expect(try audit.count() == 3)
    }

    /// The insert takes the list's own sorted distinct codes (``HetuSequence/distinct``, not sorted
    /// again): a list in reverse order with repeats is recorded as its distinct codes in order, in
    /// chunks across transactions.
    @Test func aListIsRecordedAsItsSortedDistinctCodes() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let audit = try StateDatabase(stateFolder: folder.path).auditLog
        let codes = TestHetu.distinct(2_500)
        let list = HetuSequence(Array(codes.reversed()) + codes.prefix(300))
        var committed: [Int] = []
        try audit.record(.init(at: t0, department: "kirjasto", purpose: "kirjasto", dropID: "own",
                               operation: "perustiedot", scope: .hetuList, hetus: list), chunkSize: 700,
                         committed: { committed.append($0) })
        #expect(committed == [700, 1_400, 2_100, 2_500])
        let own = try #require(try audit.queries(request: "own").first)
        #expect(own.hetuCount == 2_500)
        #expect(own.hetus == codes.map(\.value).sorted())
    }

    @Test func theAuditTablesRefuseUpdateAndDelete() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path)
        try database.auditLog.record(.init(at: t0, department: "kirjasto", purpose: "kirjasto", dropID: "r1",
                                           operation: "perustiedot", scope: .hetuList, hetus: [try hetu("010594Y9032")]))
        // A separate connection, as anyone with file access would use.
        let raw = try DatabaseQueue(path: database.path)
        for sql in ["UPDATE audit_query SET department = 'x'", "DELETE FROM audit_query",
                    "UPDATE audit_hetu SET hetu = '020594X903P'", "DELETE FROM audit_hetu"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try raw.write { try $0.execute(sql: sql) } }
        }
        do {
            try raw.write { try $0.execute(sql: "DELETE FROM audit_hetu") }
        } catch let error as DatabaseError {
            #expect(error.message == "the audit log is append-only")
        }
        #expect(try database.auditLog.queries(request: "r1").first?.hetus == ["010594Y9032"])
    }

    @Test func municipalQueriesAreLoggedWithTheirDeliveredPersons() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let audit = try StateDatabase(stateFolder: folder.path).auditLog
        try audit.record(.init(at: t0, department: "vesihuolto", purpose: "vesihuolto", dropID: "k1",
                               operation: "perustiedot", scope: .municipalities, hetus: []))
        try audit.record(.init(at: t0, department: "vesihuolto", purpose: "vesihuolto", dropID: "k1",
                               operation: "perustiedot", scope: .municipalities, hetus: [try hetu("030594W903B")], detail: "page 1"))
        let found = try audit.queries(hetu: try hetu("030594W903B"))
        #expect(found.map(\.scope) == [.municipalities])
        #expect(try audit.queries(request: "k1").map(\.hetuCount) == [0, 1])
    }
}
