import Foundation
import Testing
import VTJCore
@testable import VTJDrop
import VTJOperator
import VTJTestSupport

/// The daemon with real inotify when a department's inbox folder vanishes and comes back: one log
/// line each way, `status` shows it meanwhile, and the folder is watched again (a scan interval far
/// beyond the test leaves only the event to explain a prompt result).
@Suite struct VanishedInboxTests {
    @Test func aVanishedInboxIsReportedShownAndWatchedAgain() async throws {
        let capture = LogCapture()
        let harness = try await PipelineHarness(settings: ["watch": "inotify", "scan_interval": "300"], logger: capture.logger())
        defer { Task { await harness.close() } }
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        let inbox = harness.root + "/inbox/sivistys"
        try FileManager.default.removeItem(atPath: inbox)
        let reported = await eventually(seconds: 60) {
            capture.all.contains { $0.contains("the watched inbox folder vanished") }
                && ((try? harness.appliance.database.conditions()) ?? []).contains { $0.kind == .watch }
        }
        #expect(reported, "no log line or status condition for the vanished folder")
        #expect(capture.all.filter { $0.contains("the watched inbox folder vanished") }.count == 1, "said once")
        let detail = ((try? harness.appliance.database.conditions()) ?? []).first { $0.kind == .watch }?.detail ?? ""
        #expect(detail.contains(inbox))
        // What the operator sees meanwhile, from the same snapshot `status`, the page and `/readyz` read.
        let source = StateSnapshotSource(database: harness.appliance.database, configuration: harness.appliance.configuration,
                                         live: { harness.appliance.liveConditions })
        let snapshot = try source.read(now: Date())
        #expect(snapshot.unwatched?.code == "inbox-folder-vanished" && snapshot.intakeClosed == nil)
        let verdict = StatusVerdict(snapshot, now: Date(), maximumAge: .seconds(900))
        #expect(verdict.exitCode == 1 && verdict.reasons.contains { $0.contains("inbox folder not watched") }, "\(verdict.reasons)")
        #expect(HealthDecision().readiness(.success(snapshot), now: Date()).reason.contains("warning: inbox folder vanished"))

        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: false)
        let back = await eventually(seconds: 60) {
            capture.all.contains { $0.contains("the inbox folder is back and watched again") }
                && !((try? harness.appliance.database.conditions()) ?? []).contains { $0.kind == .watch }
        }
        #expect(back, "the folder's return was not noticed")
        #expect(try source.read(now: Date()).unwatched == nil)
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        try harness.drop("sivistys", "palannut.txt", hetus.joined(separator: "\n"))
        let served = await eventually(seconds: 60) { harness.outbox("sivistys").contains { $0.hasPrefix("palannut.") && $0.hasSuffix(".csv") } }
        runner.requestStop()
        await daemon.value
        #expect(served, "a drop into the returned folder was not served without a scan")
    }
}
