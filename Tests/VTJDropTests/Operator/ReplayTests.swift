import Foundation
import Testing
@testable import VTJDrop

/// Replay (`vtjdrop retry`) and repeats (`duplicates.window`), with real drops, the real binary and SQLite.
@Suite(.serialized) struct ReplayTests {
    @Test func aRepeatedDropIsAnsweredAndItsReceiptNamesTheEarlierRequest() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 3).joined(separator: "\n")
        try harness.drop("sivistys", "syksy.txt", hetus)
        _ = await harness.runner.runOnce()
        let first = try #require(try harness.appliance.database.journal.recent(department: "sivistys").first?.dropID)
        try harness.drop("sivistys", "syksy-uudelleen.txt", hetus)
        try harness.drop("sivistys", "eri.txt", hetus + "\n")
        let summary = await harness.runner.runOnce()
        #expect(summary.published == 2, "a repeat is still answered: \(summary)")
        let repeated = try harness.only("sivistys", suffix: ".kuitti.txt", prefix: "syksy-uudelleen")
        #expect(repeated.contains("huomautus: Toisto: sama tiedosto kuin pyyntö \(first), julkaistu "), "\(repeated)")
        #expect(try harness.only("sivistys", suffix: ".csv", prefix: "syksy-uudelleen").isEmpty == false)
        #expect(!(try harness.only("sivistys", suffix: ".kuitti.txt", prefix: "eri")).contains("Toisto:"), "other bytes are no repeat")
        #expect(!(try harness.only("sivistys", suffix: ".kuitti.txt", prefix: "syksy.")).contains("Toisto:"))
    }

    @Test func aZeroWindowTurnsRepeatDetectionOff() async throws {
        let harness = try await PipelineHarness(settings: ["duplicates": "{window: 0}"])
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 2).joined(separator: "\n")
        try harness.drop("sivistys", "a.txt", hetus)
        _ = await harness.runner.runOnce()
        try harness.drop("sivistys", "b.txt", hetus)
        _ = await harness.runner.runOnce()
        #expect(!(try harness.only("sivistys", suffix: ".kuitti.txt", prefix: "b.")).contains("Toisto:"))
    }

    /// A refused drop is re-queued by id (audited in its history), a batch by department and age,
    /// and a published one is refused with what to do instead.
    @Test func retryRequeuesQuarantinedDropsAndRefusesPublishedOnes() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let config = harness.root + "/vtjdrop.yaml"
        // The department's profile does not allow this purpose: refused, its input quarantined.
        try harness.drop("sivistys", "vaara.xml", harness.request("perustiedot", purpose: "vesihuolto", hetus: harness.registry.hetus(where: [.resident], limit: 1)))
        try harness.drop("sivistys", "hyva.txt", harness.registry.hetus(where: [.resident], limit: 1)[0])
        _ = await harness.runner.runOnce()
        let journal = harness.appliance.database.journal
        let entries = try journal.recent(department: "sivistys")
        let refused = try #require(entries.first { $0.originalName == "vaara.xml" })
        let published = try #require(entries.first { $0.originalName == "hyva.txt" })
        #expect(refused.state == .quarantined && published.state == .archived)

        let retried = try await VTJDropBinary.runDetached(["retry", refused.dropID, "--config", config])
        #expect(retried.status == 0, "\(retried.stdout) \(retried.stderr)")
        #expect(retried.stdout.contains("re-queued \(refused.dropID)"))
        #expect(harness.inbox("sivistys") == ["vaara.xml"], "the input is back under its own name")
        #expect(try journal.requeues(refused.dropID).first?.detail.contains("into \(harness.root)/inbox/sivistys/vaara.xml") == true)
        #expect(try journal.history(refused.dropID).last?.state == .quarantined, "the history's states are unchanged")
        let again = try await VTJDropBinary.runDetached(["retry", refused.dropID, "--config", config])
        #expect(again.status == 1 && again.stderr.contains("exists already"), "\(again.stderr)")
        _ = await harness.runner.runOnce()
        #expect(harness.inbox("sivistys").isEmpty, "claimed as a new drop")
        #expect(try journal.recent(department: "sivistys").filter { $0.originalName == "vaara.xml" }.count == 2)

        let refusal = try await VTJDropBinary.runDetached(["retry", published.dropID, "--config", config])
        #expect(refusal.status == 1)
        #expect(refusal.stderr.contains("it was published"), "\(refusal.stderr)")
        #expect(refusal.stderr.contains("drop the file again"))
        let unknown = try await VTJDropBinary.runDetached(["retry", "20200101T000000Z-0000000000", "--config", config])
        #expect(unknown.status == 1 && unknown.stderr.contains("no such request"))

        // After an outage: every quarantined drop of the department since an hour ago.
        let batch = try await VTJDropBinary.runDetached(["retry", "--department", "sivistys", "--since", "1h", "--config", config])
        #expect(batch.status == 0, "\(batch.stdout) \(batch.stderr)")
        // The first refusal was re-queued already: only the second run's refusal is taken.
        #expect(batch.stdout.contains("1 quarantined drop(s) of sivistys since 1h not re-queued before"), "\(batch.stdout)")
        #expect(harness.inbox("sivistys") == ["vaara.xml"])
        let twice = try await VTJDropBinary.runDetached(["retry", "--department", "sivistys", "--since", "1h", "--config", config])
        #expect(twice.stdout.contains("0 quarantined drop(s)"), "a second batch queues nothing again: \(twice.stdout)")
    }
}
