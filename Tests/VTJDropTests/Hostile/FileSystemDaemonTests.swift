import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore
import VTJTestSupport

/// The running daemon (inotify, a scan interval far too long to explain an answer) meets a
/// FIFO, a link to /etc/passwd and a folder next to a good drop: it never blocks, quarantines
/// the three with error receipts, and serves the good drop.
@Suite struct FileSystemDaemonTests {
    @Test func daemonNeverBlocksOnHostileEntriesAndKeepsServing() async throws {
        let harness = try await PipelineHarness(settings: ["watch": "inotify", "scan_interval": "300"])
        defer { Task { await harness.close() } }
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        // The start-up pass is done before the entries arrive: only inotify then explains their answers.
        #expect(await eventually(seconds: 60) { await runner.loopTurns > 0 })
        let folder = harness.root + "/inbox/sivistys"
        #expect(mkfifo(folder + "/putki.txt", 0o666) == 0)
        #expect(symlink("/etc/passwd", folder + "/passwd.txt") == 0)
        try FileManager.default.createDirectory(atPath: folder + "/kansio.csv", withIntermediateDirectories: false)
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        try harness.drop("sivistys", "hyva.txt", hetus.joined(separator: "\n"))
        // Polled up to 60 s on a loaded machine; the 300 s scan interval leaves only inotify to explain it.
        let served = await eventually(seconds: 60) { harness.outbox("sivistys").count == 5 }
        runner.requestStop()
        await daemon.value
        #expect(served, "\(harness.outbox("sivistys"))")
        let files = harness.outbox("sivistys")
        #expect(files.filter { $0.hasPrefix("hyva.") }.count == 2)
        for stem in ["putki.", "passwd.", "kansio."] {
            #expect(files.filter { $0.hasPrefix(stem) && $0.hasSuffix(".kuitti.txt") }.count == 1, "\(stem) \(files)")
        }
        #expect(harness.inbox("sivistys").isEmpty && harness.quarantined().count == 3)
        #expect(!harness.everyOutputByte().contains("root:x:0:0"))
    }
}
