import Foundation
import Testing
import VTJCore
import VTJDrop
import VTJTestSupport

/// `status --json --audit / --followed`: what the scripts check a run against, without reading SQLite.
extension OperatorCommandTests {
    @Test func statusJSONAddsTheAuditLogAndFollowedRegistersOnlyWhenAsked() async throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let state = try prepareState(in: folder)
        let database = try StateDatabase(stateFolder: state)
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        try database.followedRegister.storeLogKey(41, department: "sivistys", scope: .hetuList, at: at)
        try database.followedRegister.notePendingLogKey(42, dropID: "req-3", department: "sivistys", scope: .hetuList, at: at)

        let plain = try await VTJDropBinary.runDetached(["status", "--json", "--state", state, "--days", "4000"], environment: [:])
        let bare = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        #expect(bare["audit"] == nil && bare["followed"] == nil && bare["pending_log_keys"] == nil)
        for hetu in [asked, other] { #expect(!plain.stdout.contains(hetu), "no henkilötunnus without the flags") }

        let outcome = try await VTJDropBinary.runDetached(
            ["status", "--json", "--audit", "--followed", "--state", state, "--days", "4000"], environment: [:])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
                                    "\(outcome.stdout) \(outcome.stderr)")
        #expect(document["schema"] as? Int == 1)
        let audit = try #require(document["audit"] as? [String: Any])
        let queries = try #require(audit["queries"] as? [[String: Any]])
        #expect(queries.map { $0["request_id"] as? String } == ["req-1", "req-2"])
        #expect(queries.allSatisfy { Set($0["hetus"] as? [String] ?? []) == [asked, other] && $0["hetu_count"] as? Int == 2 })
        #expect(queries.map { $0["outcome"] as? String } == [nil, "vastattu"])
        let disclosures = try #require(audit["disclosures"] as? [[String: Any]])
        #expect(disclosures.count == 1)
        #expect(disclosures.first?["request_id"] as? String == "req-2" && disclosures.first?["person_count"] as? Int == 1)
        #expect(disclosures.first?["persons"] as? [String] == [asked])
        let followed = try #require(document["followed"] as? [[String: Any]])
        #expect(followed.count == 1)
        #expect(followed.first?["department"] as? String == "sivistys" && followed.first?["hetus"] as? [String] == [other])
        #expect(followed.first?["log_keys"] as? [String: Int] == ["hetulista": 41])
        #expect(document["pending_log_keys"] as? [String] == ["req-3"])

        let text = try await VTJDropBinary.runDetached(["status", "--audit", "--state", state], environment: [:])
        #expect(text.status != 0 && text.stderr.contains("go with --json"))
    }
}
