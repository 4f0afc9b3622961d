import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// A drop still being written is never taken as complete, in any readiness mode (issue 12,
/// finding 5; issue 13, first bullet). The writers here are real: a descriptor kept open on the
/// inbox file, written slowly, with pauses longer than the settle period.
@Suite(.serialized) struct GrowingInputTests {
    /// A writer writing the list in place, one line every `interval`, keeping its descriptor open
    /// (after the claim, its writes land in the claimed file: the descriptor follows the inode).
    final class SlowWriter: @unchecked Sendable {
        let descriptor: Int32
        init(path: String) throws {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXError(.EIO) }
        }
        func write(_ lines: [String]) {
            let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        }
        func close() { _ = Glibc.close(descriptor) }
    }

    static func rows(_ csv: String) -> Int { csv.split(separator: "\r\n").count - 1 }

    /// Claims what a cycle of its own (no inotify: it knows only the listing) finds settled: first
    /// sight, then the settle period (0.5 s) later by injected time.
    static func claimOnceSettled(_ harness: PipelineHarness) -> [ClaimedFile] {
        let intake = IntakeCycle(appliance: harness.appliance)
        let first = ContinuousClock.now
        guard intake.pass(now: first).claimed.isEmpty else { return [] }
        return intake.pass(now: first + .seconds(1)).claimed
    }

    /// Finding 5: under `readiness: rename`, 40 lines written in place over 4 s gave a result of
    /// one row and "valmis". inotify says the file is open for writing; it is taken when closed.
    @Test(arguments: ["inotify", "poll"])
    func aListWrittenInPlaceIsTakenWholeUnderRename(watch: String) async throws {
        let harness = try await PipelineHarness(settings: ["watch": watch, "scan_interval": "0.1"])
        defer { Task { await harness.close() } }
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        let hetus = harness.registry.hetus(where: [.resident], limit: 40)
        let writer = try SlowWriter(path: harness.root + "/inbox/sivistys/paikallaan.txt")
        for hetu in hetus {
            writer.write([hetu])
            // A slow producer (what the finding used: 40 lines over 4 s), not a wait for a condition.
            try await Task.sleep(for: .milliseconds(watch == "poll" ? 60 : 100))
        }
        writer.close()
        let served = await eventually(seconds: 60) { harness.outbox("sivistys").filter { $0.hasSuffix(".csv") }.count == 1 }
        runner.requestStop()
        await daemon.value
        #expect(served, "\(watch): \(harness.outbox("sivistys"))")
        #expect(Self.rows(try harness.only("sivistys", suffix: ".csv")) == 40, "\(watch): every line, not the first")
        let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
        #expect(receipt.contains("kelvolliset: 40"), "\(watch): \(receipt)")
        #expect(harness.outbox("sivistys").count == 2, "one result, one receipt: \(harness.outbox("sivistys"))")
    }

    /// Issue 13: in `settle` mode a writer wrote a header and 1,000 rows, paused longer than the
    /// settle period with its descriptor open, then wrote 2,000 more: the result had 1,000 rows.
    @Test func aWriterPausingLongerThanTheSettlePeriodIsWaitedFor() async throws {
        let harness = try await PipelineHarness(settings: ["scan_interval": "0.1"], readiness: "settle")
        defer { Task { await harness.close() } }
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        let hetus = harness.registry.hetus(where: [.resident], limit: 300)
        let writer = try SlowWriter(path: harness.root + "/inbox/sivistys/tauko.csv")
        writer.write(["hetu"] + (0..<1000).map { hetus[$0 % hetus.count] })
        try await Task.sleep(for: .milliseconds(1500))  // the writer's pause: three settle periods
        writer.write((0..<2000).map { hetus[($0 + 7) % hetus.count] })
        writer.close()
        let served = await eventually(seconds: 60) { harness.outbox("sivistys").filter { $0.hasSuffix(".kuitti.txt") }.count == 1 }
        runner.requestStop()
        await daemon.value
        #expect(served)
        let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
        #expect(receipt.contains("rivit: 3000"), "the whole file was read: \(receipt)")
        #expect(harness.outbox("sivistys").filter { $0.hasSuffix(".csv") }.count == 1)
    }

    /// `vtjdrop run --once` started while a writer holds the file open and pauses (the upload began
    /// before the run, so no event tells the writer is there): a pause eight settle periods long,
    /// longer than the drop takes to answer, is still waited for, because a file changed just
    /// before the watch began must stay unchanged longer (`WriteActivity.unwatched`). Before, the
    /// first part was published "valmis" and the rest went into the archived file.
    @Test func runOnceStartedMidUploadWaitsForTheWriter() async throws {
        let sandbox = SandboxServer(configuration: SandboxConfiguration(population: 400, seed: 7))
        try await sandbox.start()
        defer { Task { await sandbox.shutdown() } }
        let root = try TempFolder()
        defer { root.remove() }
        for folder in ["inbox/sivistys", "outbox", "state"] { try FileManager.default.createDirectory(atPath: root.path + "/" + folder, withIntermediateDirectories: true) }
        try root.write("vtjdrop.yaml", """
            inbox: ./inbox
            outbox: ./outbox
            state: ./state
            settle_seconds: 0.5
            vtj:
              url: \(sandbox.baseURL!)
            schedule: {changes_at: never}
            \(PipelineHarness.departmentsYAML.replacingOccurrences(of: "readiness: rename", with: "readiness: settle"))
            """)
        let hetus = sandbox.registry.hetus(where: [.resident], limit: 300)
        let writer = try SlowWriter(path: root.path + "/inbox/sivistys/kesken.csv")
        writer.write(["hetu"] + (0..<1000).map { hetus[$0 % hetus.count] })
        async let run = VTJDropBinary.runDetached(["run", "--once", "--config", root.path + "/vtjdrop.yaml"],
                                                  environment: ["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD": "salasana"])
        try await Task.sleep(for: .seconds(4))  // the writer's pause: eight settle periods
        writer.write((0..<2000).map { hetus[($0 + 7) % hetus.count] })
        writer.close()
        let outcome = try await run
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let outbox = try FileManager.default.contentsOfDirectory(atPath: root.path + "/outbox/sivistys")
        let receipt = try String(contentsOfFile: root.path + "/outbox/sivistys/" + #require(outbox.first { $0.hasSuffix(".kuitti.txt") }), encoding: .utf8)
        #expect(receipt.contains("rivit: 3000"), "the whole file was read: \(receipt)")
        #expect(receipt.contains("tulos: valmis"))
    }

    /// Without inotify's word (a share, an overflow, a file there before the start) a writer that
    /// pauses past the settle period is claimed; its later writes land in the claimed file. The
    /// change is seen, nothing is published from the partial read, and the file is read again,
    /// whole, once quiet. The clerk's pending note says so meanwhile.
    @Test func writesAfterTheClaimAreNeverPublishedHalf() async throws {
        let harness = try await PipelineHarness(settings: ["watch": "poll"], readiness: "settle")
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 20)
        let writer = try SlowWriter(path: harness.root + "/inbox/sivistys/jatkuu.txt")
        writer.write(Array(hetus[0..<10]))
        let claimed = Self.claimOnceSettled(harness)
        #expect(claimed.count == 1, "settled by the listing: claimed")

        writer.write(Array(hetus[10..<20]))  // the writer resumes: into the claimed file
        let early = await harness.runner.process(claimed)
        #expect(early.refused == 0, "\(early)")
        // The walk right after the write sees the change (unless the machine stalled past the quiet
        // period in between: then the file was quiet, and is answered whole at once).
        if early.published == 0 {
            let files = harness.outbox("sivistys")
            #expect(files.count == 1 && files.first?.hasSuffix(".odottaa.txt") == true, "only a pending note: \(files)")
            #expect(try files.first.map { try harness.read("sivistys", $0) }?.contains("tiedostoa kirjoitettiin vielä") == true)
        }
        writer.close()

        // Read again once unchanged for the quiet period (its change time says when).
        let published = await eventually(seconds: 60) {
            if harness.outbox("sivistys").contains(where: { $0.hasSuffix(".csv") }) { return true }
            return await harness.runner.process(claimed).published == 1
        }
        #expect(published)
        #expect(Self.rows(try harness.only("sivistys", suffix: ".csv")) == 20, "both halves")
        #expect(harness.outbox("sivistys").filter { $0.hasSuffix(".odottaa.txt") }.isEmpty)
    }

    /// The writer resumes while the interface is being asked: the result of the partial read is
    /// thrown away before it is published, and the whole file is answered afterwards.
    @Test func writesDuringTheQueryThrowTheResultAway() async throws {
        let harness = try await PipelineHarness(sandbox: SandboxConfiguration(population: 400, seed: 7, uncensored: true,
                                                                              faults: SandboxFaults(latencyMs: 2000)),
                                                settings: ["watch": "poll"], readiness: "settle")
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 12)
        let writer = try SlowWriter(path: harness.root + "/inbox/sivistys/kesken.txt")
        writer.write(Array(hetus[0..<6]))
        let claimed = Self.claimOnceSettled(harness)
        #expect(claimed.count == 1)
        let sandbox = try #require(harness.sandbox)
        let walk = Task { await harness.runner.process(claimed) }
        // The query has reached the sandbox, which answers 2 s later: the writer resumes meanwhile.
        #expect(await eventually(seconds: 60) { sandbox.counters.requests("perustiedot") >= 1 })
        writer.write(Array(hetus[6..<12]))
        writer.close()
        let during = await walk.value
        #expect(during.published == 0, "nothing published from the partial read: \(during)")
        #expect(harness.outbox("sivistys").allSatisfy { $0.hasSuffix(".odottaa.txt") }, "\(harness.outbox("sivistys"))")
        let published = await eventually(seconds: 60) { await harness.runner.process(claimed).published == 1 }
        #expect(published)
        #expect(Self.rows(try harness.only("sivistys", suffix: ".csv")) == 12)
        // The thrown-away walk asked the interface, but disclosed nothing: one disclosure, two queries.
        let id = claimed[0].id.value
        #expect(try harness.appliance.database.auditLog.queries(request: id).count == 2)
        #expect(try harness.appliance.database.auditLog.disclosure(request: id)?.personCount == 12)
    }
}
