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
    @Test(arguments: [DropState.published, .refused])
    func aMoveTheJournalMissedIsRecordedOnRestart(_ reached: DropState) async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let appliance = harness.appliance
        try harness.drop("sivistys", "lista.txt", "010594Y9032\n")
        let id = DropIDGenerator.next()
        let outcome = try appliance.claimer("sivistys").claim(
            DropFileName(raw: Array("lista.txt".utf8)), department: "sivistys", from: appliance.inboxFolder("sivistys"), id: id)
        guard case .claimed(let claimed) = outcome else { Issue.record("not claimed: \(outcome)"); return }
        let journal = appliance.database.journal
        try journal.recordClaim(dropID: id.value, department: "sivistys", originalName: "lista.txt",
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
        let id = DropIDGenerator.next()
        let outcome = try appliance.claimer("sivistys").claim(
            DropFileName(raw: Array("lista.txt".utf8)), department: "sivistys", from: appliance.inboxFolder("sivistys"), id: id)
        guard case .claimed(let claimed) = outcome else { Issue.record("not claimed: \(outcome)"); return }
        try appliance.database.journal.recordClaim(dropID: id.value, department: "sivistys", originalName: "lista.txt",
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
        let id = DropIDGenerator.next()
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

    /// Found while writing scripts/crash-test: a change delivery killed after its result was
    /// published (before the journal and the cursor caught up) was re-run on restart; the earlier
    /// file was kept but the cursor moved to the re-run's key, so changes that arrived between the
    /// two attempts were in neither delivery: lost. Now the cursor stays and they come next time.
    @Test func aChangeDeliveryResumedAfterItsResultWasPublishedLosesNoChange() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let appliance = harness.appliance
        let customers = harness.registry.hetus(where: [.adult, .resident], excluding: [.turvakielto], limit: 2)
        try harness.drop("vesihuolto", "seuranta.xml", harness.request("seuranta-lisaa", hetus: customers))
        _ = await harness.runner.runOnce()
        let register = appliance.database.followedRegister
        let startKey = try #require(try register.logKey(department: "vesihuolto", scope: .hetuList))

        _ = harness.registry.advance(days: 1)
        _ = harness.registry.apply(.moveWithin, hetu: customers[0])
        // The first attempt: claimed, its result (with the first move) published, then killed.
        try harness.drop("vesihuolto", "muutokset.xml", harness.request("muutokset"))
        let id = DropIDGenerator.next()
        let outcome = try appliance.claimer("vesihuolto").claim(
            DropFileName(raw: Array("muutokset.xml".utf8)), department: "vesihuolto", from: appliance.inboxFolder("vesihuolto"), id: id)
        guard case .claimed(let claimed) = outcome else { Issue.record("not claimed: \(outcome)"); return }
        try appliance.database.journal.recordClaim(dropID: id.value, department: "vesihuolto", originalName: "muutokset.xml",
                                                   storedPath: claimed.path, at: Date())
        try appliance.database.journal.record(.resultsWritten, for: id.value, at: Date())
        try appliance.publisher("vesihuolto").publish("muutokset." + id.value + ".TESTIAINEISTO.csv", bytes: Array("first attempt\r\n".utf8))
        // A change arrives before the restart.
        _ = harness.registry.apply(.moveWithin, hetu: customers[1])

        #expect(await harness.runner.runOnce().published == 1)
        #expect(try harness.only("vesihuolto", suffix: ".csv", prefix: "muutokset.") == "first attempt\r\n")
        #expect(try register.logKey(department: "vesihuolto", scope: .hetuList) == startKey)
        #expect(try harness.only("vesihuolto", suffix: ".kuitti.txt", prefix: "muutokset.").contains("Tulos julkaistiin jo ennen keskeytystä; sen muutokset toimitetaan uudelleen"))

        try harness.drop("vesihuolto", "seuraava.xml", harness.request("muutokset"))
        #expect(await harness.runner.runOnce().published == 1)
        let next = try harness.only("vesihuolto", suffix: ".csv", prefix: "seuraava.")
        #expect(next.contains(customers[1]), "the change that came between the two attempts was lost")
        #expect(try register.logKey(department: "vesihuolto", scope: .hetuList)! > startKey)
    }
}
