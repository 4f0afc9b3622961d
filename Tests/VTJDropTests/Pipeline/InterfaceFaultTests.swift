import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// The interface failing: transient faults wait safely and recover; bad credentials get a receipt.
@Suite(.serialized) struct InterfaceFaultTests {
    @Test func serverErrorsKeepTheDropClaimedUntilTheInterfaceRecovers() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.host.sandbox)
        sandbox.setFaults(SandboxFaults(errorRate: 1.0))
        let hetus = harness.registry.hetus(where: [.resident], limit: 3)
        try harness.drop("sivistys", "odottaa.txt", hetus.joined(separator: "\n"))
        let failed = await harness.runner.runOnce()
        #expect(failed.published == 0 && failed.refused == 0 && failed.retrying == 1)
        #expect(harness.outbox("sivistys").isEmpty, "nothing half-done is published")
        let unfinished = WorkRecovery(appliance: harness.appliance).unfinished()
        #expect(unfinished.count == 1)
        #expect(try harness.appliance.database.journal.entry(unfinished[0].id.value)?.state == .failedTransient)

        sandbox.setFaults(SandboxFaults())
        let recovered = await harness.runner.runOnce()
        #expect(recovered.published == 1)
        #expect(harness.outbox("sivistys").count == 2)
        #expect(try harness.only("sivistys", suffix: ".csv").split(separator: "\r\n").count == 4)
    }

    @Test func truncatedBodiesAndRateLimitsAreRetriedTransparently() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.host.sandbox)
        sandbox.setFaults(SandboxFaults(rateLimitNext: 1, retryAfterSeconds: 1, truncateNext: 1))
        let hetus = harness.registry.hetus(where: [.resident], limit: 5)
        try harness.drop("sivistys", "katkeava.txt", hetus.joined(separator: "\n"))
        #expect(await harness.runner.runOnce().published == 1)
        let rows = try harness.only("sivistys", suffix: ".csv").split(separator: "\r\n")
        #expect(rows.count == 6, "every person exactly once, nothing silently short")
    }

    @Test func badCredentialsGiveAnErrorReceiptAndCloseTheGate() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.host.sandbox)
        sandbox.setCredentials(user: "kunta", password: "vaihdettu")
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        try harness.drop("sivistys", "tunnus.txt", hetus.joined(separator: "\n"))
        _ = await harness.runner.runOnce()
        let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
        #expect(receipt.contains("tulos: hylatty"))
        #expect(!receipt.contains("salasana") && !receipt.contains("vaihdettu"), "credentials never in receipts")
        #expect(await !harness.runner.gate.isOpen, "claiming stops until the credentials work")
    }
}
