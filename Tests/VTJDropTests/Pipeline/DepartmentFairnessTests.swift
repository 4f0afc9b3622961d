import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJTestSupport

/// A heavy drop in one department must not keep another department's drop unclaimed (issue 13:
/// a 150,000-attribute request kept a 3-hetu list in another department waiting 46 s, because the
/// daemon read and walked a batch before it scanned again).
@Suite(.serialized) struct DepartmentFairnessTests {
    @Test func aHeavyRequestInOneDepartmentDoesNotDelayAnothersDrop() async throws {
        let harness = try await PipelineHarness(settings: ["watch": "inotify", "scan_interval": "0.2"])
        defer { Task { await harness.close() } }
        let journal = harness.appliance.database.journal
        let hetu = harness.registry.hetus(where: [.resident], limit: 2)
        // A heavy request the bounds accept: 200,000 elements (1.4 MB), read to the end (seconds in a debug build).
        let heavy = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pyynto toiminto=\"perustiedot\" kayttotarkoitus=\"kirjasto\">\n<hetulista>\n"
            + String(repeating: "<hetu/>", count: 200_000) + "<hetu>\(hetu[0])</hetu>\n</hetulista>\n</pyynto>\n"
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        try harness.drop("kirjasto", "raskas.xml", heavy)
        #expect(await eventually(seconds: 20) { ((try? journal.recent(department: "kirjasto")) ?? []).count == 1 })
        try harness.drop("sivistys", "kevyt.txt", hetu[1])
        let light = await eventually(seconds: 60) { harness.outbox("sivistys").count == 2 }
        let heavyDoneFirst = harness.outbox("kirjasto").contains { $0.hasSuffix(".kuitti.txt") }
        let heavyDone = await eventually(seconds: 120) { harness.outbox("kirjasto").contains { $0.hasSuffix(".kuitti.txt") } }
        runner.requestStop()
        await daemon.value
        #expect(light && heavyDone)
        let heavyEntry = try #require(try journal.recent(department: "kirjasto").first)
        let lightEntry = try #require(try journal.recent(department: "sivistys").first)
        let heavyRead = try #require(try journal.history(heavyEntry.requestID).first { $0.state == .read || $0.state == .refused }?.at)
        print("DepartmentFairnessTests: heavy drop claimed \(heavyEntry.claimedAt), read \(heavyRead); light drop claimed \(lightEntry.claimedAt), finished \(lightEntry.finishedAt.map { "\($0)" } ?? "-")")
        // The light drop was claimed while the heavy one was still being read.
        #expect(lightEntry.claimedAt < heavyRead, "the light drop waited for the heavy one's parse")
        #expect(!heavyDoneFirst || lightEntry.finishedAt.map { $0 <= heavyRead } == true)
    }
}
