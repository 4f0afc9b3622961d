import Foundation
import Testing

/// SIGTERM: the daemon stops claiming, finishes what it has and exits cleanly.
@Suite(.serialized) struct ShutdownTests {
    @Test func sigtermEndsTheDaemonCleanlyAndLeavesNoWorkHalfDone() async throws {
        let root = NSTemporaryDirectory() + "vtjdrop-term-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["inbox/sivistys", "outbox", "state"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try """
            inbox: \(root)/inbox
            outbox: \(root)/outbox
            state: \(root)/state
            scan_interval: 0.2
            vtj:
              sandbox: true
            schedule:
              changes_at: never
            \(PipelineHarness.departmentsYAML)
            """.write(toFile: root + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = VTJDropBinary.url
        process.arguments = ["run", "--config", root + "/vtjdrop.yaml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The built-in sandbox (vtj.sandbox: true) serves a dropped list while the daemon runs.
        try "010594Y9032\n".write(toFile: root + "/inbox/sivistys/.a.part", atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(atPath: root + "/inbox/sivistys/.a.part", toPath: root + "/inbox/sivistys/a.txt")
        let served = await DaemonTests.eventually(seconds: 30) {
            ((try? FileManager.default.contentsOfDirectory(atPath: root + "/outbox/sivistys")) ?? []).contains { $0.hasSuffix(".kuitti.txt") }
        }
        #expect(served)
        process.terminate()  // SIGTERM
        let exited = await DaemonTests.eventually(seconds: 20) { !process.isRunning }
        #expect(exited, "the daemon did not stop on SIGTERM")
        if exited { #expect(process.terminationStatus == 0) } else { kill(process.processIdentifier, SIGKILL) }
        let work = (try? FileManager.default.contentsOfDirectory(atPath: root + "/state/claims/sivistys/work")) ?? []
        #expect(work.isEmpty)
    }
}
