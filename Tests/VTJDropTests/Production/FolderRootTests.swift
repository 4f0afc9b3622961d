import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// Issue 12, finding 4: a missing inbox root was created (`mkdir -p`) and the daemon reported
/// healthy, so with an unmounted share clerks' files went where nobody watched. Roots must exist
/// at start; one that disappears while running closes intake and is never recreated.
@Suite(.serialized) struct FolderRootTests {
    @Test(arguments: ["inbox", "outbox", "state"])
    func aMissingRootRefusesToStartAndIsNotCreated(_ missing: String) async throws {
        let root = try TempFolder()
        defer { root.remove() }
        for folder in ["inbox", "outbox", "state"] where folder != missing {
            try FileManager.default.createDirectory(atPath: root.path + "/" + folder, withIntermediateDirectories: true)
        }
        try root.write("vtjdrop.yaml", """
            inbox: ./inbox
            outbox: ./outbox
            state: ./state
            vtj: {sandbox: true}
            \(PipelineHarness.departmentsYAML)
            """)
        let run = try await VTJDropBinary.runDetached(["run", "--once", "--config", root.path + "/vtjdrop.yaml"], environment: [:])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("the \(missing) folder \(root.path)/\(missing) does not exist"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/" + missing), "vtjdrop never creates a root")
    }

    @Test func aRootThatDisappearsWhileRunningClosesIntakeUntilItIsBack() async throws {
        let capture = LogCapture()
        let harness = try await PipelineHarness(settings: ["scan_interval": "0.1"], logger: capture.logger())
        defer { Task { await harness.close() } }
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        let hetus = harness.registry.hetus(where: [.resident], limit: 4)
        try harness.drop("sivistys", "ensin.txt", hetus[0..<2].joined(separator: "\n"))
        #expect(await eventually(seconds: 60) { harness.outbox("sivistys").count == 2 }, "served while the roots are there")

        // The share is unmounted: the root vanishes (moved aside here), clerks keep dropping into it.
        let inbox = harness.root + "/inbox", aside = harness.root + "/inbox-pois"
        #expect(rename(inbox, aside) == 0)
        let noticed = await eventually(seconds: 60) { ((try? harness.appliance.database.conditions()) ?? []).contains { $0.kind == .folders } }
        #expect(noticed, "intake closed")
        let turns = await runner.loopTurns
        #expect(await eventually(seconds: 60) { await runner.loopTurns >= turns + 5 }, "a few more turns, each checking the roots")
        #expect(!FileManager.default.fileExists(atPath: inbox), "the root is never silently recreated")
        let conditions = try harness.appliance.database.conditions()
        #expect(conditions.map(\.kind) == [.folders] && conditions.first?.detail.contains("the inbox folder \(inbox) has disappeared") == true,
                "\(conditions)")
        let status = try await VTJDropBinary.runDetached(["status", "--state", harness.root + "/state"])
        #expect(status.stdout.contains("NOT SERVING — folders since"), "\(status.stdout)")
        try Data(hetus[2..<4].joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: aside + "/sivistys/toinen.txt"))

        // Mounted again: intake reopens by itself and serves what waited.
        #expect(rename(aside, inbox) == 0)
        let served = await eventually(seconds: 60) { harness.outbox("sivistys").filter { $0.hasSuffix(".csv") }.count == 2 }
        runner.requestStop()
        await daemon.value
        #expect(served, "the drop made while the root was away is served once it is back: \(harness.outbox("sivistys"))")
        #expect(try harness.appliance.database.conditions().isEmpty)
        #expect(capture.all.filter { $0.contains("intake closed") }.count == 1, "one error per change, not per scan")
        #expect(capture.all.filter { $0.contains("the folder roots are back") }.count == 1)
    }

    /// The newcomer path (no configuration at all) still makes ./inbox, ./outbox and ./state.
    @Test func withoutAnyConfigurationTheRootsAreMadeInTheWorkingFolder() async throws {
        let root = try TempFolder()
        defer { root.remove() }
        let run = try await VTJDropBinary.runDetached(["run", "--once"], environment: [:], currentDirectory: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        for folder in ["inbox/sivistys", "outbox/kirjasto", "state/vtjdrop.sqlite"] {
            #expect(FileManager.default.fileExists(atPath: root.path + "/" + folder), "\(folder)")
        }
    }
}
