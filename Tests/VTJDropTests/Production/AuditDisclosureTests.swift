import Foundation
import GRDB
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// Issue 12, finding 6: the audit log answers a citizen's "who looked at my data", so it must list
/// real disclosures only, with what was disclosed. Queries that failed, were refused or were
/// thrown away are attempts, never disclosures. Real daemon walks, real sandbox, real SQLite.
@Suite(.serialized) struct AuditDisclosureTests {
    /// A request retried after an outage made three queries (two failed, one answered) and is one
    /// disclosure; the protected person's row lists only what the rules let through.
    @Test func aRetriedRequestIsOneDisclosureWithTheGroupsDelivered() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        #expect(await harness.runner.runOnce().interface == nil)
        let protected = try #require(harness.registry.hetus(where: [.turvakielto, .adult], limit: 1).first)
        let open = try #require(harness.registry.hetus(where: [.adult, .resident], excluding: [.turvakielto], limit: 1).first)
        let absent = "010594Y9032"
        try harness.drop("kirjasto", "asiakkaat.txt", [protected, open, absent].joined(separator: "\n"))
        sandbox.setFaults(SandboxFaults(errorRate: 1.0))
        #expect(await harness.runner.runOnce().retrying == 1)
        let second = await harness.runner.process(await harness.runner.dueRetries(force: true))
        #expect(second.published == 0)
        sandbox.setFaults(SandboxFaults())
        #expect(await harness.runner.runOnce().published == 1)

        let audit = harness.appliance.database.auditLog
        let disclosures = try audit.disclosures(hetu: try Henkilotunnus(protected))
        #expect(disclosures.count == 1, "one disclosure, however many attempts")
        let id = try #require(disclosures.first?.dropID)
        let queries = try audit.queries(request: id)
        #expect(queries.map(\.outcome) == [.failed, .failed, .answered], "\(queries.map(\.outcome))")
        #expect(queries.allSatisfy { $0.outcome != .failed || $0.outcomeDetail?.contains("500") == true })

        let disclosure = try #require(try audit.disclosure(request: id))
        #expect(disclosure.operation == "perustiedot" && disclosure.purpose == "kirjasto" && disclosure.department == "kirjasto")
        #expect(disclosure.resultFile?.hasSuffix(".TESTIAINEISTO.xml") == true, "\(disclosure.resultFile ?? "-")")
        #expect(Set(disclosure.persons.map(\.hetu)) == [protected, open], "a person not found is not disclosed")
        let byHetu = Dictionary(uniqueKeysWithValues: disclosure.persons.map { ($0.hetu, $0) })
        #expect(byHetu[protected]?.status == "turvakielto")
        #expect(byHetu[open]?.status == "loytyi")
        let censored = Set(byHetu[protected]?.groups ?? [])
        #expect(!censored.contains("VAKINAINEN_KOTIMAINEN_OSOITE") && !censored.contains("KOTIMAINEN_POSTIOSOITE"),
                "an address withheld by turvakielto is not listed as disclosed: \(censored)")
        let delivered = Set(byHetu[open]?.groups ?? [])
        #expect(delivered.contains("VAKINAINEN_KOTIMAINEN_OSOITE"), "\(delivered)")

        // The operator's view: `audit --hetu` and the export, as the binary prints them.
        let state = harness.root + "/state"
        let shown = try await VTJDropBinary.runDetached(["audit", "--state", state, "--hetu", protected])
        #expect(shown.stdout.contains("Disclosures of \(protected) (results published to a department): 1"), "\(shown.stdout)")
        #expect(shown.stdout.contains("(attempts; a query is not a disclosure): 3"), "\(shown.stdout)")
        let absentShown = try await VTJDropBinary.runDetached(["audit", "--state", state, "--hetu", absent])
        #expect(absentShown.stdout.contains("Disclosures of \(absent) (results published to a department): 0"))
        let export = try await VTJDropBinary.runDetached(["audit", "--state", state, "--export"])
        let rows = export.stdout.split(whereSeparator: \.isNewline).filter { $0.contains(";\(id);") }
        #expect(rows.count == 2, "\(export.stdout)")
        #expect(rows.contains { $0.contains(";\(open);loytyi;") && $0.contains("VAKINAINEN_KOTIMAINEN_OSOITE") })
    }

    /// A drop that met refused credentials made a query the interface refused: an attempt, never a disclosure.
    @Test func aRefusedQueryIsAnAttemptOnly() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        #expect(await harness.runner.runOnce().interface == nil)
        sandbox.setCredentials(user: "kunta", password: "vaihdettu")
        let hetus = harness.registry.hetus(where: [.resident], limit: 10)
        try harness.drop("sivistys", "kymmenen.txt", hetus.joined(separator: "\n"))
        _ = await harness.runner.runOnce()
        let audit = harness.appliance.database.auditLog
        let person = try Henkilotunnus(hetus[0])
        #expect(try audit.disclosures(hetu: person).isEmpty)
        let queries = try audit.queries(hetu: person)
        #expect(queries.count == 1 && queries.first?.outcome == .refused, "\(queries)")
        #expect(try audit.disclosureCount() == 0)
    }

    /// The migration from the schema on main (v1–v3): old queries stay in the query log; old
    /// published basic-data requests become disclosures marked `ennen-v4` (what was delivered was
    /// not recorded then); requests never published do not; the new tables are append-only too.
    @Test func anExistingDatabaseIsMigrated() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.path + "/vtjdrop.sqlite"
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        do {
            // The schema exactly as main's migrations left it, with rows as main wrote them.
            let old = try DatabaseQueue(path: path)
            try StateDatabase.migrator.migrate(old, upTo: "v3-pending-log-key")
            try old.write { db in
                for (id, state) in [("published-1", "archived"), ("failed-1", "failed-transient"), ("refused-1", "quarantined")] {
                    try db.execute(sql: """
                        INSERT INTO request (request_id, department, original_name, stored_path, state, toiminto, purpose, claimed_at, updated_at, finished_at)
                        VALUES (?, 'kirjasto', 'x.txt', '/x', ?, 'perustiedot', 'kirjasto', ?, ?, ?)
                        """, arguments: [id, state, t0, t0, t0])
                    for attempt in 0..<2 {
                        try db.execute(sql: """
                            INSERT INTO audit_query (at, department, purpose, request_id, operation, scope, hetu_count, detail)
                            VALUES (?, 'kirjasto', 'kirjasto', ?, 'perustiedot', 'hetulista', 2, NULL)
                            """, arguments: [t0.addingTimeInterval(Double(attempt)), id])
                        let query = db.lastInsertedRowID
                        for hetu in ["010594Y9032", "020594X903P"] {
                            try db.execute(sql: "INSERT INTO audit_hetu (hetu, query_id) VALUES (?, ?)", arguments: [hetu, query])
                        }
                    }
                }
            }
        }
        let database = try StateDatabase(stateFolder: folder.path)
        let audit = database.auditLog
        #expect(try audit.count() == 6, "every old query is still in the query log")
        let disclosures = try audit.disclosures(hetu: try Henkilotunnus("010594Y9032"))
        #expect(disclosures.map(\.dropID) == ["published-1"], "only the published request is a disclosure")
        #expect(disclosures.first?.provenance == "ennen-v4" && disclosures.first?.persons.first?.groups == nil)
        #expect(try audit.disclosure(request: "published-1")?.personCount == 2, "retries count each person once")
        #expect(try audit.queries(request: "failed-1").allSatisfy { $0.outcome == nil }, "old outcomes are unknown, not invented")

        let raw = try DatabaseQueue(path: database.path)
        for sql in ["UPDATE audit_disclosure SET department = 'x'", "DELETE FROM audit_disclosure",
                    "UPDATE audit_disclosed_person SET groups = 'X'", "DELETE FROM audit_disclosed_person",
                    "INSERT INTO audit_query_outcome (query_id, at, outcome) VALUES (1, 0, 'vastattu')",
                    "UPDATE audit_query_outcome SET outcome = 'x'", "DELETE FROM audit_query_outcome",
                    "UPDATE audit_query SET department = 'x'", "DELETE FROM audit_hetu"] {
            if sql.hasPrefix("INSERT") { try raw.write { try $0.execute(sql: sql) }; continue }
            #expect(throws: DatabaseError.self, "\(sql)") { try raw.write { try $0.execute(sql: sql) } }
        }
    }
}
