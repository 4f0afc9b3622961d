import Foundation
import Testing
@testable import VTJDrop
import VTJCore

/// Restart after a `kill -9` in the narrow windows between a file-system move and its journal record.
@Suite(.serialized) struct WorkRecoveryTests {
    /// Found while writing scripts/crash-test (a window its random kills rarely hit): killed after
    /// the work folder was moved to the archive (or quarantine) but before the journal said so,
    /// the request stayed "published" ("refused") for ever: backlog in `status`, and its input
    /// never reached retention.
    @Test(arguments: [RequestState.published, .refused])
    func aMoveTheJournalMissedIsRecordedOnRestart(_ reached: RequestState) async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let appliance = harness.appliance
        try harness.drop("sivistys", "lista.txt", "010594Y9032\n")
        let id = RequestIDGenerator.next()
        let outcome = try appliance.claimer("sivistys").claim(
            DropFileName(raw: Array("lista.txt".utf8)), department: "sivistys", from: appliance.inboxFolder("sivistys"), id: id)
        guard case .claimed(let claimed) = outcome else { Issue.record("not claimed: \(outcome)"); return }
        let journal = appliance.database.journal
        try journal.recordClaim(requestID: id.value, department: "sivistys", originalName: "lista.txt",
                                storedPath: claimed.path, at: Date())
        try journal.record(reached, for: id.value, at: Date())
        let moved = reached == .published
            ? try appliance.mover.archive(workFolder: claimed.folder, id: id)
            : try appliance.mover.quarantine(workFolder: claimed.folder, id: id)
        // …and the process died here. The next run must finish the record, not redo the drop.

        let summary = await harness.runner.runOnce()
        #expect(summary.published == 0 && summary.refused == 0)
        let entry = try #require(try journal.entry(id.value))
        #expect(entry.state == (reached == .published ? .archived : .quarantined))
        #expect(entry.storedPath == moved)
        #expect(entry.finishedAt != nil)
        #expect(try journal.unfinished().isEmpty)
        #expect(harness.outbox("sivistys").isEmpty)
    }

    /// A request whose work folder is still claimed is left for the normal resume, whatever its state.
    @Test func aRequestStillInItsWorkFolderIsResumedNotMarkedFinished() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let appliance = harness.appliance
        try harness.drop("sivistys", "lista.txt", "010594Y9032\n")
        let id = RequestIDGenerator.next()
        let outcome = try appliance.claimer("sivistys").claim(
            DropFileName(raw: Array("lista.txt".utf8)), department: "sivistys", from: appliance.inboxFolder("sivistys"), id: id)
        guard case .claimed(let claimed) = outcome else { Issue.record("not claimed: \(outcome)"); return }
        try appliance.database.journal.recordClaim(requestID: id.value, department: "sivistys", originalName: "lista.txt",
                                                   storedPath: claimed.path, at: Date())
        try appliance.database.journal.record(.querying, for: id.value, at: Date())

        let summary = await harness.runner.runOnce()
        #expect(summary.published == 1)
        #expect(try appliance.database.journal.entry(id.value)?.state == .archived)
        #expect(harness.outbox("sivistys").count == 2)
    }

    /// Found while writing scripts/crash-test: killed while the claim note was being written
    /// (created, empty or cut short; the drop not yet renamed in), the work folder was moved to
    /// quarantine as "claimed work without its claim note": a stray quarantine entry and an
    /// error for the operator about a drop that was in fact still waiting in the inbox.
    @Test(arguments: ["", "department=sivis"])
    func aClaimNoteCutShortIsRemovedAndTheDropIsClaimedAgain(_ note: String) async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        try harness.drop("sivistys", "lista.txt", "010594Y9032\n")
        let id = RequestIDGenerator.next()
        let work = harness.root + "/state/claims/sivistys/work/" + id.value
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try note.write(toFile: work + "/.claim", atomically: false, encoding: .utf8)

        let summary = await harness.runner.runOnce()
        #expect(summary.published == 1)
        #expect(!FileManager.default.fileExists(atPath: work))
        let quarantine = (try? FileManager.default.contentsOfDirectory(atPath: harness.root + "/state/quarantine")) ?? []
        #expect(quarantine.isEmpty, "\(quarantine)")
        #expect(harness.outbox("sivistys").count == 2)
    }
}
