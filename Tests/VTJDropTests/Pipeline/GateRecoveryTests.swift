import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// The daemon with the interface gate closed: found by `scripts/fault-test` (issue 6), each a regression test.
@Suite(.serialized) struct GateRecoveryTests {
    /// The credentials stop working while the daemon serves: the drops that meet the 401 (and any
    /// set aside unstarted when the gate closed) wait claimed with a pending note, none is refused,
    /// the rest stay untouched in the inbox, and the daemon sleeps rather than spins while closed.
    /// Restored credentials serve all four.
    ///
    /// Before issue 6's fixes set-aside drops were never retried and the loop spun while closed;
    /// before issue 12's, the drops that met the 401 got error receipts and had to be dropped again.
    @Test func dropsMeetingRefusedCredentialsWaitAndAreServedWithoutSpinning() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        let runner = harness.runner
        await runner.replaceGate(InterfaceGate(threshold: 3, backoff: Backoff(first: .milliseconds(600), maximum: .milliseconds(1200))))
        let daemon = Task { await runner.runDaemon() }
        #expect(await eventually(seconds: 60) { sandbox.counters.requests("kirjausavain") >= 1 }, "start-up check")
        try await Task.sleep(for: .milliseconds(200))
        sandbox.setCredentials(user: "kunta", password: "vaihdettu")
        let hetus = harness.registry.hetus(where: [.resident], limit: 8)
        for index in 0..<4 {
            try harness.drop("sivistys", "lista-\(index).txt", hetus[index * 2..<index * 2 + 2].joined(separator: "\n"))
        }
        let closed = await eventually(seconds: 60) { await !runner.gate.isOpen }
        #expect(closed, "the 401 closed the gate")
        let turnsAtClose = await runner.loopTurns
        try await Task.sleep(for: .milliseconds(1000))
        let turnsWhileClosed = await runner.loopTurns - turnsAtClose
        let whileClosed = harness.outbox("sivistys")
        #expect(!whileClosed.isEmpty && whileClosed.allSatisfy { $0.hasSuffix(".odottaa.txt") },
                "claimed drops have pending notes and nothing else: \(whileClosed)")
        #expect(whileClosed.count + harness.inbox("sivistys").count == 4, "every drop is either waiting claimed or untouched in the inbox")
        sandbox.setCredentials(user: "kunta", password: "salasana")
        let served = await eventually(seconds: 60) {
            harness.outbox("sivistys").filter { $0.hasSuffix(".csv") }.count == 4
        }
        runner.requestStop()
        await daemon.value

        #expect(served, "every drop was served once the interface answered: \(harness.outbox("sivistys"))")
        let receipts = harness.outbox("sivistys").filter { $0.hasSuffix(".kuitti.txt") }
        #expect(receipts.count == 4, "one receipt per drop")
        for name in receipts { #expect(try harness.read("sivistys", name).contains("tulos: valmis"), "no drop is refused for the operator's problem") }
        #expect(harness.outbox("sivistys").filter { $0.hasSuffix(".odottaa.txt") }.isEmpty, "the notes are gone")
        // A sleeping loop turns a few times a second (scan interval, hints); a spinning one thousands of times.
        #expect(turnsWhileClosed < 100, "the daemon loop turned \(turnsWhileClosed) times in 1 s with the gate closed")
        #expect(WorkRecovery(appliance: harness.appliance).unfinished().isEmpty, "nothing left in the work folder")
    }
}

extension ApplianceRunner {
    /// A gate with short pauses, so a test sees probes within a second.
    func replaceGate(_ replacement: InterfaceGate) { gate = replacement }
}
