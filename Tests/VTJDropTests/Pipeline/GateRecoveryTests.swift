import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// The daemon with the interface gate closed: found by `scripts/fault-test` (issue 6), each a regression test.
@Suite(.serialized) struct GateRecoveryTests {
    /// Bad credentials while four drops are claimed in one pass (two run at once, two are set aside);
    /// the credentials are fixed after the first probe.
    ///
    /// Before the fixes: the set-aside drops had no journal entry and were never retried (they sat in
    /// the work folder until a restart); the probe after a 401 was a waiting drop, which collected an
    /// error receipt of its own; and the daemon loop spun on a past scan time while the gate was closed.
    @Test func setAsideDropsAreServedAfterTheProbeWithoutSpinning() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.host.sandbox)
        let runner = harness.runner
        await runner.replaceGate(InterfaceGate(threshold: 3, firstPause: 0.6, maximumPause: 1.2))
        sandbox.setCredentials(user: "kunta", password: "vaihdettu")
        let hetus = harness.registry.hetus(where: [.resident], limit: 8)
        for index in 0..<4 {
            try harness.drop("sivistys", "lista-\(index).txt", hetus[index * 2..<index * 2 + 2].joined(separator: "\n"))
        }
        let daemon = Task { await runner.runDaemon() }
        // Generous bounds: the whole suite runs in parallel on two shared cores (polled, not slept).
        let closed = await DaemonTests.eventually(seconds: 30) { harness.outbox("sivistys").count >= 2 }
        #expect(closed, "the drops in flight got no receipt")
        let turnsAtClose = await runner.loopTurns
        // The first probe (at 0.6 s) still meets the bad password; restore before the second (at 1.8 s).
        try await Task.sleep(for: .milliseconds(1000))
        let turnsWhileClosed = await runner.loopTurns - turnsAtClose
        sandbox.setCredentials(user: "kunta", password: "salasana")
        let served = await DaemonTests.eventually(seconds: 30) {
            harness.outbox("sivistys").filter { $0.hasSuffix(".csv") }.count == 2
        }
        runner.requestStop()
        await daemon.value

        #expect(served, "the drops set aside were not served once the interface answered")
        let receipts = harness.outbox("sivistys").filter { $0.hasSuffix(".kuitti.txt") }
        #expect(receipts.count == 4, "one receipt per drop")
        let refused = try receipts.filter { try harness.read("sivistys", $0).contains("tulos: hylatty") }
        #expect(refused.count == 2, "only the drops that met the 401 are refused; a probe is never a drop after a 401")
        // The file is not at fault: the receipt says the interface refused the appliance, not "invalid request".
        for name in refused {
            let text = try harness.read("sivistys", name)
            #expect(text.contains("syykoodi: rajapinta-hylkasi"))
            #expect(!text.contains("virheellinen") && !text.contains("salasana") && !text.contains("vaihdettu"))
        }
        // A sleeping loop turns a few times a second (scan interval, hints); a spinning one thousands of times.
        #expect(turnsWhileClosed < 100, "the daemon loop turned \(turnsWhileClosed) times in 1 s with the gate closed")
        #expect(WorkRecovery(appliance: harness.appliance).unfinished().isEmpty, "nothing left in the work folder")
    }
}

extension ApplianceRunner {
    /// A gate with short pauses, so a test sees probes within a second.
    func replaceGate(_ replacement: InterfaceGate) { gate = replacement }
}
