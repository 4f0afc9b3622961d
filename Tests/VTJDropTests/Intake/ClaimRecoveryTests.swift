import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore

/// What a restart finds in the claim folders, through the path the runtime takes
/// (`WorkRecovery` listing, `RecoveryPlan` deciding), on a real appliance's state folder.
@Suite struct ClaimRecoveryTests {
    /// After a crash the work folder alone says which department a claimed drop belongs to, and
    /// its name (not UTF-8, with a newline) comes back byte for byte.
    @Test func claimedWorkIsFoundAgainWithItsDepartment() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let inbox = harness.root + "/inbox/kirjasto"
        let odd: [UInt8] = Array("lainaajat ".utf8) + [0xE4] + Array("\n.csv".utf8)
        try DropTestFolder.write(Array("hetu\n010594Y9032\n".utf8), named: odd, in: inbox)
        try DropTestFolder.write("", to: inbox + "/" + String(decoding: odd, as: UTF8.self) + ".done")
        let id = DropID(secondsSinceEpoch: 1_795_707_780, random: 3)
        let outcome = try harness.appliance.claimer("kirjasto").claim(DropFileName(raw: odd), department: "kirjasto", from: inbox, id: id)
        guard case .claimed(let claimed) = outcome else { Issue.record("\(outcome)"); return }

        let found = WorkRecovery(appliance: harness.appliance).run().claimed
        #expect(found.map(\.action) == [.walk], "never journaled: walked from the start")
        let again = try #require(found.first?.file)
        #expect(again.id == claimed.id && again.department == "kirjasto" && again.path == claimed.path)
        #expect(again.originalName.raw == odd && again.markerPath == claimed.markerPath && again.size == claimed.size)
    }

    /// A claim killed between its note and the rename is removed (the drop is still in the inbox);
    /// a folder with contents but no note goes to quarantine for the operator; strangers are left.
    @Test func aClaimThatNeverGotItsFileIsRemovedAndStrangersAreLeft() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let work = harness.root + "/state/claims/sivistys/work/"
        let early = DropID(secondsSinceEpoch: 1_795_707_780, random: 1)
        try FileManager.default.createDirectory(atPath: work + early.value, withIntermediateDirectories: true)
        try DropTestFolder.write("department=sivistys\nname=x.txt\ninput=x.txt\n", to: work + early.value + "/.claim")
        try FileManager.default.createDirectory(atPath: work + "jotain-muuta", withIntermediateDirectories: true)
        let late = DropID(secondsSinceEpoch: 1_795_707_781, random: 1)
        try FileManager.default.createDirectory(atPath: work + late.value, withIntermediateDirectories: true)
        try DropTestFolder.write("?", to: work + late.value + "/mika-lie.txt")

        #expect(WorkRecovery(appliance: harness.appliance).run().claimed.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: work + early.value))
        #expect(!FileManager.default.fileExists(atPath: work + late.value))
        #expect(FileManager.default.fileExists(atPath: harness.root + "/state/quarantine/" + late.value + "/mika-lie.txt"))
        #expect(FileManager.default.fileExists(atPath: work + "jotain-muuta"), "not a request id: left alone")
    }

    /// Half-written outbox files of an earlier run are removed at start by the plan's
    /// `clearStaging`, and only there.
    @Test func staleStagingFilesAreClearedByRecovery() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let staging = harness.appliance.publisher("sivistys").temporaryFolder
        try DropTestFolder.write("kesken", to: staging + "/.x.csv.1")
        _ = harness.appliance.prepareFolders(of: "sivistys")
        #expect(FileManager.default.fileExists(atPath: staging + "/.x.csv.1"), "a department's folders being made ready clear nothing")
        _ = WorkRecovery(appliance: harness.appliance).run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: staging).isEmpty)
    }
}
