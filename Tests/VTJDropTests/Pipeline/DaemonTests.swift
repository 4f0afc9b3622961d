import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// The daemon loop: drops noticed while it runs, with inotify and with polling only.
@Suite(.serialized) struct DaemonTests {
    @Test(arguments: ["inotify", "poll"])
    func dropWhileRunningIsServed(watch: String) async throws {
        // A scan interval far beyond the window: with inotify only the event can explain a result in time.
        let harness = try await PipelineHarness(settings: ["watch": watch, "scan_interval": watch == "poll" ? "0.3" : "300"])
        defer { Task { await harness.close() } }
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        try await Task.sleep(for: .milliseconds(300))
        let hetus = harness.registry.hetus(where: [.resident], limit: 3)
        try harness.drop("sivistys", "kesken.txt", hetus.joined(separator: "\n"))
        // Polled up to 60 s: the whole suite shares two cores with other work, and a drop's walk then
        // takes seconds; the 300 s scan interval still leaves only the event to explain the result.
        let served = await eventually(seconds: 60) { harness.outbox("sivistys").count == 2 }
        runner.requestStop()
        await daemon.value
        #expect(served, "no result within the deadline (watch: \(watch))")
        #expect(harness.outbox("sivistys").contains { $0.hasPrefix("kesken.") && $0.hasSuffix(".csv") })
    }

    @Test func partialWriteIsNotPickedUpBeforeItSettles() async throws {
        let harness = try await PipelineHarness(settings: ["settle_seconds": "1.5"], readiness: "settle")
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        let path = harness.root + "/inbox/sivistys/osittain.txt"
        #expect(FileManager.default.createFile(atPath: path, contents: Data((hetus[0] + "\n").utf8)))
        // First sight: the file is waiting, not claimed, however often we look.
        #expect(await harness.runner.runOnce(maximumWait: .zero).published == 0)
        #expect(await harness.runner.runOnce(maximumWait: .zero).published == 0)
        #expect(FileManager.default.fileExists(atPath: path))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((hetus[1] + "\n").utf8))
        try handle.close()
        // Unchanged for the settle period: claimed once, with both lines.
        #expect(await harness.runner.runOnce(maximumWait: .seconds(10)).published == 1)
        let csv = try harness.only("sivistys", suffix: ".csv")
        #expect(csv.contains(hetus[0]) && csv.contains(hetus[1]))
    }
}
