import Foundation
import Testing
import VTJCore
import VTJDrop

/// `vtjdrop audit` and `vtjdrop status` run as the real binary against a real state database.
@Suite struct OperatorCommandTests {
    let asked = "010594Y9032"
    let other = "020594X903P"

    func prepareState(in folder: StorageTestFolder) throws -> String {
        let state = folder.path + "/state"
        let database = try StateDatabase(stateFolder: state)
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
        try database.journal.recordClaim(requestID: "req-1", department: "kirjasto", originalName: "\(other) lista.txt",
                                         storedPath: state + "/work/req-1", at: t0)
        try database.journal.record(.querying, for: "req-1", at: t0, update: .init(toiminto: "perustiedot", purpose: "kirjasto"))
        try database.auditLog.record(.init(at: t0, department: "kirjasto", purpose: "kirjasto", requestID: "req-1",
                                           operation: "perustiedot", scope: .hetulista,
                                           hetus: [try Henkilotunnus(asked), try Henkilotunnus(other)]))
        try database.journal.recordInterfaceCall(succeeded: true, at: t0)
        try database.followedRegister.add([try Henkilotunnus(other)], department: "sivistys", purpose: "perusopetus",
                                          on: CivilDate(year: 2026, month: 9, day: 21)!)
        return state
    }

    @Test func auditByHetuShowsWhoWhenWhyAndMasksEveryOtherHetu() throws {
        let folder = try StorageTestFolder()
        defer { folder.remove() }
        let state = try prepareState(in: folder)
        let byHetu = try VTJDropBinary.run(["audit", "--state", state, "--hetu", asked.lowercased()], environment: [:])
        #expect(byHetu.status == 0, "\(byHetu.stderr)")
        #expect(byHetu.stdout.contains("Queries naming \(asked): 1"))
        #expect(byHetu.stdout.contains("kirjasto") && byHetu.stdout.contains("req-1") && byHetu.stdout.contains("perustiedot"))
        #expect(byHetu.stdout.contains("2026-09-21"), "time in Finnish local time")
        #expect(!byHetu.stdout.contains(other))

        let since = try VTJDropBinary.run(["audit", "--state", state, "--hetu", asked, "--since", "2026-09-22"], environment: [:])
        #expect(since.stdout.contains("Queries naming \(asked) since 2026-09-22: 0"))

        let byRequest = try VTJDropBinary.run(["audit", "--state", state, "--request", "req-1"], environment: [:])
        #expect(byRequest.status == 0, "\(byRequest.stderr)")
        #expect(byRequest.stdout.contains("querying"))
        #expect(byRequest.stdout.contains("020594X***P lista.txt"), "hetus in file names are masked")
        #expect(byRequest.stdout.contains("010594Y***2"))
        #expect(!byRequest.stdout.contains(asked) && !byRequest.stdout.contains(other))
    }

    @Test func auditExportIsOneCSVRowPerPersonPerQueryInANewOwnerOnlyFile() throws {
        let folder = try StorageTestFolder()
        defer { folder.remove() }
        let state = try prepareState(in: folder)
        let toStdout = try VTJDropBinary.run(["audit", "--state", state, "--export"], environment: [:])
        #expect(toStdout.status == 0, "\(toStdout.stderr)")
        let lines = toStdout.stdout.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first?.hasSuffix(AuditExport.columns.joined(separator: ";")) == true, "\(lines)")
        #expect(lines.count == 3, "header + one row per hetu: \(lines)")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("2026-09-21T") && $0.contains(";kirjasto;kirjasto;req-1;perustiedot;") })
        #expect(lines.contains { $0.contains(";\(asked);2;") } && lines.contains { $0.contains(";\(other);2;") })
        #expect(toStdout.stderr.contains("exported 1 queries"))

        let empty = try VTJDropBinary.run(["audit", "--state", state, "--export", "--since", "2026-09-22"], environment: [:])
        #expect(empty.stdout.split(whereSeparator: \.isNewline).count == 1, "only the header: \(empty.stdout)")
        let before = try VTJDropBinary.run(["audit", "--state", state, "--export", "--until", "2026-09-21"], environment: [:])
        #expect(before.stdout.split(whereSeparator: \.isNewline).count == 1, "--until is exclusive: \(before.stdout)")

        let file = folder.path + "/export.csv"
        let written = try VTJDropBinary.run(["audit", "--state", state, "--export", "--output", file], environment: [:])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(asked))
        let mode = (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) ?? -1
        #expect(mode == 0o600)
        let again = try VTJDropBinary.run(["audit", "--state", state, "--export", "--output", file], environment: [:])
        #expect(again.status != 0 && again.stderr.contains("give a new file name"), "an export never overwrites: \(again.stderr)")
        let wrong = try VTJDropBinary.run(["audit", "--state", state, "--output", file], environment: [:])
        #expect(wrong.status != 0 && wrong.stderr.contains("--export"))
    }

    @Test func sandboxFaultSharesAreCheckedBeforeServing() throws {
        for flag in ["--error-rate", "--rate-limit", "--unavailable-rate", "--truncate-rate"] {
            let result = try VTJDropBinary.run(["sandbox", flag, "1.5"], environment: [:])
            #expect(result.status != 0 && result.stderr.contains("\(flag) must be between 0 and 1"), "\(flag): \(result.stderr)")
        }
    }

    @Test func statusSummarisesWithoutHetusOrCredentials() throws {
        let folder = try StorageTestFolder()
        defer { folder.remove() }
        let state = try prepareState(in: folder)
        let status = try VTJDropBinary.run(["status", "--state", state],
                                           environment: ["VTJDROP_VTJ_PASSWORD": "pw-never-shown"])
        #expect(status.status == 0, "\(status.stderr)")
        let text = status.stdout
        #expect(text.contains("last successful call 2026-09-21"))
        #expect(text.contains("audit log: 1 queries recorded"))
        let kirjasto = try #require(text.split(separator: "\n").first { $0.hasPrefix("kirjasto") })
        #expect(kirjasto.split(separator: " ", omittingEmptySubsequences: true)[3] == "1", "one request in progress")
        let sivistys = try #require(text.split(separator: "\n").first { $0.hasPrefix("sivistys") })
        #expect(sivistys.contains(" 1 "), "one followed person")
        for secret in [asked, other, "pw-never-shown"] { #expect(!text.contains(secret)) }
    }

    @Test func aMissingStateFolderIsAClearErrorNotANewDatabase() throws {
        let folder = try StorageTestFolder()
        defer { folder.remove() }
        let outcome = try VTJDropBinary.run(["status", "--state", folder.path + "/none"], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("no state database at"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none"))
    }
}
