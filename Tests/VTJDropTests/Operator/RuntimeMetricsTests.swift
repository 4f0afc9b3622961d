import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// The metrics the runtime reports at the events themselves (Appliance+Metrics), read back as
/// the Prometheus text `/metrics` serves, after real drops through the real sandbox.
@Suite(.serialized) struct RuntimeMetricsTests {
    @Test func aRunCountsClaimsPublicationsRefusalsQueriesWithholdingsCallsAndBytes() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let allProtected = Set(harness.registry.hetus(where: [.turvakielto], limit: 1000))
        let protected = Array(allProtected.sorted().prefix(1))
        let residents = Array(harness.registry.hetus(where: [.resident], limit: 100).filter { !allProtected.contains($0) }.prefix(3))
        try harness.drop("sivistys", "lista.txt", (residents + protected).joined(separator: "\n"))
        try harness.drop("kirjasto", "kaikki.txt", residents[0])
        try harness.drop("sivistys", "rikki.xml", "<pyynto toiminto=\"tuntematon\">")
        let summary = await harness.runner.runOnce()
        #expect(summary.published == 2 && summary.refused == 1, "\(summary)")

        let text = harness.appliance.metrics.exposition()
        #expect(text.contains("vtjdrop_drops_claimed_total{department=\"sivistys\"} 2"), "\(text)")
        #expect(text.contains("vtjdrop_drops_claimed_total{department=\"kirjasto\"} 1"))
        // The protected person's address is withheld: a partial result. The library's one resident is complete.
        #expect(text.contains("vtjdrop_drops_published_total{department=\"sivistys\",outcome=\"partial\"} 1"))
        #expect(text.contains("vtjdrop_drops_published_total{department=\"kirjasto\",outcome=\"complete\"} 1"))
        #expect(text.contains("vtjdrop_drops_refused_total{department=\"sivistys\",reason=\"tuntematon-toiminto\"} 1"))
        #expect(text.contains("vtjdrop_henkilotunnus_queried_total{department=\"sivistys\"} 4"))
        #expect(text.contains("vtjdrop_henkilotunnus_queried_total{department=\"kirjasto\"} 1"))
        #expect(text.contains("vtjdrop_persons_withheld_total{department=\"sivistys\",rule=\"turvakielto\"} 1"))
        #expect(text.contains("vtjdrop_interface_calls_total{operation=\"perustiedot\",status=\"200\"} 2"))
        #expect(text.contains("vtjdrop_interface_call_duration_seconds_count{operation=\"perustiedot\"} 2"))
        #expect(text.contains("vtjdrop_interface_last_success_timestamp_seconds"))
        // Every byte published into the outbox, results and receipts, counted once.
        let sivistysBytes = harness.outbox("sivistys").reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: harness.root + "/outbox/sivistys/" + name)[.size] as? Int) ?? 0)
        }
        #expect(text.contains("vtjdrop_result_bytes_written_total{department=\"sivistys\"} \(sivistysBytes)"), "\(sivistysBytes)")
        for hetu in residents + protected { #expect(!text.contains(hetu)) }
    }

    @Test func aFailedJournalOrAuditWriteIsCounted() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        // A transition for a request the journal never claimed is a write that fails.
        #expect(throws: StorageError.self) { try harness.appliance.database.journal.record(.read, for: "20260101T000000Z-nosuch", at: Date()) }
        #expect(throws: StorageError.self) { try harness.appliance.database.auditLog.recordOutcome(queryID: 987_654, at: Date(), .answered) }
        let text = harness.appliance.metrics.exposition()
        #expect(text.contains("vtjdrop_journal_write_failures_total 1"), "\(text)")
        #expect(text.contains("vtjdrop_audit_write_failures_total 1"))
    }

    /// The interface refuses the appliance while a drop is in hand: the gate's closing is logged once
    /// with why and the gauge says 0; SIGTERM's stop is logged, and the shutdown line counts the drop
    /// that waits. Before issue 17 it said "0 waiting for a retry" (the daemon's summary never
    /// counted waiting drops) and neither the gate nor the stop request was logged.
    @Test func gateChangesAndTheStopAreLoggedAndTheShutdownCountsTheWaitingDrop() async throws {
        let capture = LogCapture()
        let harness = try await PipelineHarness(logger: capture.logger())
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        #expect(await eventually(seconds: 60) { sandbox.counters.requests("kirjausavain") >= 1 }, "start-up check")
        sandbox.setCredentials(user: "kunta", password: "vaihdettu")
        try harness.drop("sivistys", "lista.txt", harness.registry.hetus(where: [.resident], limit: 2).joined(separator: "\n"))
        let held = await eventually(seconds: 60) { harness.outbox("sivistys").contains { $0.hasSuffix(".odottaa.txt") } }
        #expect(held, "the drop waits with a pending note: \(harness.outbox("sivistys"))")
        runner.requestStop()
        await daemon.value

        let lines = capture.all
        let closed = lines.filter { $0.contains("interface gate closed") }
        #expect(closed.count == 1, "one line per change: \(closed)")
        #expect(closed.first?.contains("reason=refusing-credentials") == true, "the reason names the refusal: \(closed)")
        #expect(lines.contains { $0.contains("stop requested (SIGTERM)") })
        let stopped = lines.first { $0.contains("vtjdrop stopped") }
        #expect(stopped?.contains("1 waiting for a retry") == true, "\(stopped ?? "no stop line")")
        let text = harness.appliance.metrics.exposition()
        #expect(text.contains("vtjdrop_gate_open 0"))
        #expect(text.contains("vtjdrop_drops_failed_total{department=\"sivistys\",failure=\"interface-refuses\"} 1"), "\(text)")
        #expect(text.contains("vtjdrop_interface_calls_total{operation=\"perustiedot\",status=\"401\"} 1"))
    }
}
