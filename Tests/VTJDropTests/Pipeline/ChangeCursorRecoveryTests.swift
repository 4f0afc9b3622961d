import Foundation
import Testing
@testable import VTJDrop
import VTJCore

/// A change delivery's cursor and its published result must agree across a crash: every change
/// delivered exactly once. The delivery notes its final log key before publishing; recovery commits
/// it when the journal (or the kept result) says the delivery went out.
@Suite(.serialized) struct ChangeCursorRecoveryTests {
    /// A followed register of two customers, a delivery that moved the cursor to now, and then a
    /// first move of customer 0. Returns the customers and the key right after that move.
    func prepare(_ harness: PipelineHarness) async throws -> (customers: [String], afterFirstMove: Int64) {
        let customers = harness.registry.hetus(where: [.adult, .resident], excluding: [.turvakielto], limit: 2)
        try harness.drop("vesihuolto", "seuranta.xml", harness.request("seuranta-lisaa", hetus: customers))
        _ = await harness.runner.runOnce()
        _ = harness.registry.advance(days: 1)
        try harness.drop("vesihuolto", "alku.xml", harness.request("muutokset"))
        #expect(await harness.runner.runOnce().published == 1)
        let register = harness.appliance.database.followedRegister
        #expect(try register.logKey(department: "vesihuolto", scope: .hetuList) == harness.registry.latestKey,
                "a completed delivery moves the cursor to the interface's latest key")
        #expect(!harness.registry.apply(.moveWithin, hetu: customers[0]).isEmpty)
        return (customers, harness.registry.latestKey)
    }

    /// The first attempt of `muutokset.xml`: claimed, its key noted, its result published; then killed.
    func firstAttemptKilledAfterPublishing(_ harness: PipelineHarness, key: Int64, journal state: DropState) throws -> DropID {
        let appliance = harness.appliance
        try harness.drop("vesihuolto", "muutokset.xml", harness.request("muutokset"))
        let id = DropIDGenerator.next()
        let outcome = try appliance.claimer("vesihuolto").claim(
            DropFileName(raw: Array("muutokset.xml".utf8)), department: "vesihuolto", from: appliance.inboxFolder("vesihuolto"), id: id)
        guard case .claimed(let claimed) = outcome else { throw HarnessError("not claimed: \(outcome)") }
        try appliance.database.journal.recordClaim(dropID: id.value, department: "vesihuolto", originalName: "muutokset.xml",
                                                   storedPath: claimed.path, at: Date())
        try appliance.database.followedRegister.notePendingLogKey(key, dropID: id.value, department: "vesihuolto",
                                                                  scope: .hetuList, at: Date())
        try appliance.database.journal.record(.resultsWritten, for: id.value, at: Date())
        try appliance.publisher("vesihuolto").publish("muutokset." + id.value + ".TESTIAINEISTO.csv", bytes: Array("first attempt\r\n".utf8))
        if state == .published {
            try appliance.publisher("vesihuolto").publish("muutokset." + id.value + ".kuitti.txt", bytes: Array("kuitti-versio: 1\n".utf8))
            try appliance.database.journal.record(.published, for: id.value, at: Date())
        }
        return id
    }

    /// The next delivery after recovery: it must hold customer 1's move and not repeat customer 0's.
    func expectNextDeliveryIsExactlyTheRest(_ harness: PipelineHarness, customers: [String]) async throws {
        try harness.drop("vesihuolto", "seuraava.xml", harness.request("muutokset"))
        #expect(await harness.runner.runOnce().published == 1)
        let next = try harness.only("vesihuolto", suffix: ".csv", prefix: "seuraava.")
        #expect(next.contains(customers[1]), "the change after the published one was lost")
        #expect(!next.contains(customers[0]), "the published change was delivered twice")
    }

    @Test func killedAfterTheJournalSaidPublishedTheNextStartStoresTheCursor() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let (customers, afterFirstMove) = try await prepare(harness)
        let id = try firstAttemptKilledAfterPublishing(harness, key: afterFirstMove, journal: .published)
        #expect(!harness.registry.apply(.moveWithin, hetu: customers[1]).isEmpty)

        #expect(await harness.runner.runOnce().published == 0, "a published delivery is archived, not run again")
        let register = harness.appliance.database.followedRegister
        #expect(try register.logKey(department: "vesihuolto", scope: .hetuList) == afterFirstMove)
        #expect(try register.pendingLogKeyRequests().isEmpty)
        #expect(try harness.appliance.database.journal.entry(id.value)?.state == .archived)
        try await expectNextDeliveryIsExactlyTheRest(harness, customers: customers)
    }

    @Test func resumedAfterItsResultWasPublishedTheCursorMovesToTheKeptResultsKey() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let (customers, afterFirstMove) = try await prepare(harness)
        _ = try firstAttemptKilledAfterPublishing(harness, key: afterFirstMove, journal: .resultsWritten)
        #expect(!harness.registry.apply(.moveWithin, hetu: customers[1]).isEmpty)

        #expect(await harness.runner.runOnce().published == 1)
        #expect(try harness.only("vesihuolto", suffix: ".csv", prefix: "muutokset.") == "first attempt\r\n", "the kept result stands")
        let register = harness.appliance.database.followedRegister
        #expect(try register.logKey(department: "vesihuolto", scope: .hetuList) == afterFirstMove,
                "not the re-run's key: that would skip customer 1's move")
        #expect(try harness.only("vesihuolto", suffix: ".kuitti.txt", prefix: "muutokset.").contains("seuraava muutoshaku jatkuu sen muutosten jälkeen"))
        try await expectNextDeliveryIsExactlyTheRest(harness, customers: customers)
    }

    @Test func aNoteOfADeliveryThatNeverWentOutIsDroppedAndTheCursorStays() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let (_, afterFirstMove) = try await prepare(harness)
        let register = harness.appliance.database.followedRegister
        let before = try register.logKey(department: "vesihuolto", scope: .hetuList)
        try register.notePendingLogKey(afterFirstMove, dropID: "20260101T000000Z-unknown", department: "vesihuolto",
                                       scope: .hetuList, at: Date())
        _ = await harness.runner.runOnce()
        #expect(try register.pendingLogKeyRequests().isEmpty)
        #expect(try register.logKey(department: "vesihuolto", scope: .hetuList) == before)
    }
}
