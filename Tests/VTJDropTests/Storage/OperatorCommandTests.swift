import Foundation
import Testing
import VTJCore
import VTJDrop
import VTJTestSupport

/// `vtjdrop audit` and `vtjdrop status` run as the real binary against a real state database.
@Suite struct OperatorCommandTests {
    let asked = "010594Y9032"
    let other = "020594X903P"

    func prepareState(in folder: TempFolder) throws -> String {
        let state = folder.path + "/state"
        let database = try StateDatabase(stateFolder: state)
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
        try database.journal.recordClaim(dropID: "req-1", department: "kirjasto", originalName: "\(other) lista.txt",
                                         storedPath: state + "/work/req-1", at: t0)
        try database.journal.record(.querying, for: "req-1", at: t0, update: .init(operation: "perustiedot", purpose: "kirjasto"))
        try database.auditLog.record(.init(at: t0, department: "kirjasto", purpose: "kirjasto", dropID: "req-1",
                                           operation: "perustiedot", scope: .hetuList,
                                           hetus: [try Henkilotunnus(asked), try Henkilotunnus(other)]))
        // req-2 was published: its query was answered and its result disclosed the asked person only.
        try database.journal.recordClaim(dropID: "req-2", department: "kirjasto", originalName: "lista2.txt",
                                         storedPath: state + "/work/req-2", at: t0)
        try database.journal.record(.querying, for: "req-2", at: t0, update: .init(operation: "perustiedot", purpose: "kirjasto"))
        let query = try database.auditLog.record(.init(at: t0, department: "kirjasto", purpose: "kirjasto", dropID: "req-2",
                                                       operation: "perustiedot", scope: .hetuList,
                                                       hetus: [try Henkilotunnus(asked), try Henkilotunnus(other)]))
        try database.auditLog.recordOutcome(queryID: query, at: t0, .answered)
        try database.recordPublication(dropID: "req-2", at: t0, update: .init(resultFiles: ["lista2.req-2.csv"]),
                                       disclosure: DisclosureRecord(at: t0, department: "kirjasto", purpose: "kirjasto",
                                                                    dropID: "req-2", operation: "perustiedot", resultFile: "lista2.req-2.csv",
                                                                    persons: [DisclosedPerson(hetu: asked, status: "turvakielto",
                                                                                              groups: ["HENKILON_NIMI", "KOTIKUNTA"])]))
        try database.journal.record(.archived, for: "req-2", at: t0)
        try database.journal.recordInterfaceCall(succeeded: true, at: t0)
        try database.followedRegister.add([try Henkilotunnus(other)], department: "sivistys", purpose: "perusopetus",
                                          on: CivilDate(year: 2026, month: 9, day: 21)!)
        return state
    }

    @Test func auditByHetuShowsWhoWhenWhyAndMasksEveryOtherHetu() async throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let state = try prepareState(in: folder)
        let byHetu = try await VTJDropBinary.runDetached(["audit", "--state", state, "--hetu", asked.lowercased()], environment: [:])
        #expect(byHetu.status == 0, "\(byHetu.stderr)")
        // One disclosure (the published req-2, with the groups it delivered), two queries (attempts).
        #expect(byHetu.stdout.contains("Disclosures of \(asked) (results published to a department): 1"), "\(byHetu.stdout)")
        #expect(byHetu.stdout.contains("req-2") && byHetu.stdout.contains("turvakielto  HENKILON_NIMI KOTIKUNTA"), "\(byHetu.stdout)")
        #expect(byHetu.stdout.contains("Queries to the interface naming \(asked) (attempts; a query is not a disclosure): 2"))
        #expect(byHetu.stdout.contains("kirjasto") && byHetu.stdout.contains("req-1") && byHetu.stdout.contains("perustiedot"))
        #expect(byHetu.stdout.contains("vastattu"), "the answered query says so")
        #expect(byHetu.stdout.contains("2026-09-21 17:13:20 +03:00"), "time in Finnish local time with its offset: \(byHetu.stdout)")
        #expect(!byHetu.stdout.contains(other))

        let since = try await VTJDropBinary.runDetached(["audit", "--state", state, "--hetu", asked, "--since", "2026-09-22"], environment: [:])
        #expect(since.stdout.contains("Disclosures of \(asked) since 2026-09-22 (results published to a department): 0"))
        #expect(since.stdout.contains("naming \(asked) since 2026-09-22 (attempts; a query is not a disclosure): 0"))

        let byRequest = try await VTJDropBinary.runDetached(["audit", "--state", state, "--request", "req-1"], environment: [:])
        #expect(byRequest.status == 0, "\(byRequest.stderr)")
        #expect(byRequest.stdout.contains("querying"))
        #expect(byRequest.stdout.contains("020594X***P lista.txt"), "hetus in file names are masked")
        #expect(byRequest.stdout.contains("010594Y***2"))
        #expect(byRequest.stdout.contains("Disclosed: nothing"), "req-1 never published: \(byRequest.stdout)")
        #expect(!byRequest.stdout.contains(asked) && !byRequest.stdout.contains(other))
        let published = try await VTJDropBinary.runDetached(["audit", "--state", state, "--request", "req-2"], environment: [:])
        #expect(published.stdout.contains("Disclosed: 1 persons in lista2.req-2.csv"), "\(published.stdout)")
        #expect(published.stdout.contains("1 × HENKILON_NIMI KOTIKUNTA"))
    }

    @Test func auditExportIsOneCSVRowPerPersonPerQueryInANewOwnerOnlyFile() async throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let state = try prepareState(in: folder)
        let toStdout = try await VTJDropBinary.runDetached(["audit", "--state", state, "--export"], environment: [:])
        #expect(toStdout.status == 0, "\(toStdout.stderr)")
        let lines = toStdout.stdout.split(whereSeparator: \.isNewline).map(String.init)
        // The disclosures: only what reached a department, with the groups delivered.
        #expect(lines.first?.hasSuffix(AuditExport.disclosureColumns.joined(separator: ";")) == true, "\(lines)")
        #expect(lines.count == 2, "header + one row per disclosed person: \(lines)")
        #expect(lines.last == "2026-09-21T17:13:20+03:00;2026-09-21T14:13:20Z;kirjasto;kirjasto;req-2;perustiedot;\(asked);turvakielto;HENKILON_NIMI KOTIKUNTA;lista2.req-2.csv;julkaistu",
                "\(lines)")
        #expect(toStdout.stderr.contains("exported 1 disclosures"))

        let attempts = try await VTJDropBinary.runDetached(["audit", "--state", state, "--export", "--attempts"], environment: [:])
        let queryLines = attempts.stdout.split(whereSeparator: \.isNewline).map(String.init)
        #expect(queryLines.first?.hasSuffix(AuditExport.columns.joined(separator: ";")) == true, "\(queryLines)")
        #expect(queryLines.count == 5, "header + one row per hetu per query: \(queryLines)")
        #expect(queryLines.dropFirst().allSatisfy { $0.hasPrefix("2026-09-21T17:13:20+03:00;2026-09-21T14:13:20Z;kirjasto;kirjasto;req-") })
        #expect(queryLines.contains { $0.contains(";req-1;") && $0.contains(";\(asked);2;;ei-kirjattu;") })
        #expect(queryLines.contains { $0.contains(";req-2;") && $0.contains(";\(other);2;;vastattu;") })
        #expect(attempts.stderr.contains("exported 2 queries"))

        let empty = try await VTJDropBinary.runDetached(["audit", "--state", state, "--export", "--since", "2026-09-22"], environment: [:])
        #expect(empty.stdout.split(whereSeparator: \.isNewline).count == 1, "only the header: \(empty.stdout)")
        let before = try await VTJDropBinary.runDetached(["audit", "--state", state, "--export", "--until", "2026-09-21"], environment: [:])
        #expect(before.stdout.split(whereSeparator: \.isNewline).count == 1, "--until is exclusive: \(before.stdout)")

        let file = folder.path + "/export.csv"
        let written = try await VTJDropBinary.runDetached(["audit", "--state", state, "--export", "--output", file], environment: [:])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(asked))
        let mode = (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) ?? -1
        #expect(mode == 0o600)
        let again = try await VTJDropBinary.runDetached(["audit", "--state", state, "--export", "--output", file], environment: [:])
        #expect(again.status != 0 && again.stderr.contains("give a new file name"), "an export never overwrites: \(again.stderr)")
        let wrong = try await VTJDropBinary.runDetached(["audit", "--state", state, "--output", file], environment: [:])
        #expect(wrong.status != 0 && wrong.stderr.contains("--export"))
    }

    @Test func sandboxFaultSharesAreCheckedBeforeServing() async throws {
        for flag in ["--error-rate", "--rate-limit", "--unavailable-rate", "--truncate-rate"] {
            let result = try await VTJDropBinary.runDetached(["sandbox", flag, "1.5"], environment: [:])
            #expect(result.status != 0 && result.stderr.contains("\(flag) must be between 0 and 1"), "\(flag): \(result.stderr)")
        }
    }

    @Test func statusSummarisesWithoutHetusOrCredentials() async throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let state = try prepareState(in: folder)
        let status = try await VTJDropBinary.runDetached(["status", "--state", state],
                                           environment: ["VTJDROP_VTJ_PASSWORD": "pw-never-shown"])
        // No daemon holds this state folder: exit 2, for monitoring (issue 17).
        #expect(status.status == 2, "\(status.stderr)")
        let text = status.stdout
        #expect(text.contains("verdict: NOT-RUNNING (exit 2)"), "\(text)")
        #expect(text.contains("last successful call 2026-09-21 17:13:20 +03:00"), "\(text)")
        #expect(text.contains("audit log: 1 disclosures (published results), 2 queries to the interface"))
        #expect(text.contains("daemon: not running"))
        let kirjasto = try #require(text.split(separator: "\n").first { $0.hasPrefix("kirjasto") })
        #expect(kirjasto.split(separator: " ", omittingEmptySubsequences: true)[3] == "1", "one request in progress: \(kirjasto)")
        let sivistys = try #require(text.split(separator: "\n").first { $0.hasPrefix("sivistys") })
        #expect(sivistys.contains(" 1 "), "one followed person")
        for secret in [asked, other, "pw-never-shown"] { #expect(!text.contains(secret)) }
    }

    @Test func aMissingStateFolderIsAClearErrorNotANewDatabase() async throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let outcome = try await VTJDropBinary.runDetached(["status", "--state", folder.path + "/none"], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("no state database at"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none"))
    }
}
