import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// The interface failing: transient faults wait safely and recover.
@Suite(.serialized) struct InterfaceFaultTests {
    /// The interface breaks down after the start-up check: the claimed drop waits (with a pending
    /// note in its outbox) and is published once it recovers.
    @Test func serverErrorsKeepTheDropClaimedUntilTheInterfaceRecovers() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        #expect(await harness.runner.runOnce().interface == nil, "the start-up check passes")
        sandbox.setFaults(SandboxFaults(errorRate: 1.0))
        let hetus = harness.registry.hetus(where: [.resident], limit: 3)
        try harness.drop("sivistys", "odottaa.txt", hetus.joined(separator: "\n"))
        let failed = await harness.runner.runOnce()
        #expect(failed.published == 0 && failed.refused == 0 && failed.retrying == 1, "\(failed)")
        let waitingFiles = harness.outbox("sivistys")
        #expect(waitingFiles.count == 1 && waitingFiles[0].hasSuffix(".odottaa.txt"), "only the pending note: \(waitingFiles)")
        let unfinished = WorkRecovery(appliance: harness.appliance).unfinished()
        #expect(unfinished.count == 1)
        if let first = unfinished.first {
            #expect(try harness.appliance.database.journal.entry(first.id.value)?.state == .failedTransient)
        }

        sandbox.setFaults(SandboxFaults())
        let recovered = await harness.runner.runOnce()
        #expect(recovered.published == 1)
        #expect(harness.outbox("sivistys").count == 2, "result and receipt; the note is gone: \(harness.outbox("sivistys"))")
        #expect(try harness.only("sivistys", suffix: ".csv").split(separator: "\r\n").count == 4)
    }

    /// The interface is down when `run --once` starts: nothing is claimed (the drop waits untouched
    /// in the inbox) and the run says why, rather than claiming work it cannot do.
    @Test func anInterfaceDownAtStartClaimsNothing() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        sandbox.setFaults(SandboxFaults(errorRate: 1.0))
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        try harness.drop("sivistys", "alussa.txt", hetus.joined(separator: "\n"))
        let summary = await harness.runner.runOnce()
        guard case .unreachable? = summary.interface else {
            Issue.record("the run must say the interface could not be reached: \(summary)")
            return
        }
        #expect(harness.inbox("sivistys") == ["alussa.txt"])
        #expect(harness.outbox("sivistys").isEmpty)
        sandbox.setFaults(SandboxFaults())
        #expect(await harness.runner.runOnce().published == 1)
    }

    @Test func truncatedBodiesAndRateLimitsAreRetriedTransparently() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        sandbox.setFaults(SandboxFaults(rateLimitNext: 1, retryAfterSeconds: 1, truncateNext: 1))
        let hetus = harness.registry.hetus(where: [.resident], limit: 5)
        try harness.drop("sivistys", "katkeava.txt", hetus.joined(separator: "\n"))
        #expect(await harness.runner.runOnce().published == 1)
        let rows = try harness.only("sivistys", suffix: ".csv").split(separator: "\r\n")
        #expect(rows.count == 6, "every person exactly once, nothing silently short")
    }
}
