import Foundation
import GRDB
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// What can never work is refused at start; what one department cannot do fails that department
/// only; `run --once` exits non-zero when work could not be done (issue 13).
@Suite(.serialized) struct StartupTests {
    /// Before: one department's unusable outbox stopped the whole appliance at start.
    @Test(arguments: ["a file where the folder should be", "read-only mount"])
    func oneDepartmentsBrokenOutboxFailsThatDepartmentOnly(_ how: String) async throws {
        let monotonic = ManualMonotonicClock()
        let capture = LogCapture()
        let harness = try await PipelineHarness(logger: capture.logger(), monotonic: monotonic, beforeStart: { root in
            let outbox = root + "/outbox/kirjasto"
            if how == "read-only mount" {
                try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
                _ = FileSystemTrap.mountReadOnly(outbox)
            } else {
                try FileManager.default.createDirectory(atPath: root + "/outbox", withIntermediateDirectories: true)
                try Data("ei kansio".utf8).write(to: URL(fileURLWithPath: outbox))
            }
        })
        let outbox = harness.root + "/outbox/kirjasto"
        let mounted = FileSystemTrap.isMountPoint(outbox)
        defer { Task { if mounted { FileSystemTrap.unmount(outbox) }; await harness.close() } }
        if how == "read-only mount", !mounted { return }  // no mount rights here: the file variant covers it

        #expect(harness.appliance.departmentHealth.failed.keys.sorted() == ["kirjasto"])
        #expect(capture.all.contains { $0.contains("department is not served until its folders work") && $0.contains("kirjasto") })
        let hetus = harness.registry.hetus(where: [.resident], limit: 2).joined(separator: "\n")
        try harness.drop("sivistys", "a.txt", hetus)
        try harness.drop("kirjasto", "b.txt", hetus)
        let first = await harness.runner.runOnce(maximumWait: .zero)
        #expect(first.published == 1 && first.departmentsNotServed == 1, "\(first)")
        #expect(harness.outbox("sivistys").count == 2)
        #expect(FileManager.default.fileExists(atPath: harness.root + "/inbox/kirjasto/b.txt"), "its drop waits untouched")

        // Fixed; the department is tried again a minute later and served.
        if mounted { #expect(FileSystemTrap.unmount(outbox)) } else { try FileManager.default.removeItem(atPath: outbox) }
        monotonic.advance(by: .seconds(61))
        let second = await harness.runner.runOnce(maximumWait: .zero)
        #expect(second.published == 1 && second.departmentsNotServed == 0, "\(second)")
        #expect(harness.outbox("kirjasto").count == 2)
    }

    /// Before: accepted, and then nothing was ever claimed (a claim is a rename), `--once` exit 0.
    @Test func anInboxOnAnotherFileSystemThanTheStateIsRefusedAtStart() async throws {
        let elsewhere = "/dev/shm/vtjdrop-inbox-" + UUID().uuidString
        var shm = stat(), tmp = stat()
        guard stat("/dev/shm", &shm) == 0, stat(NSTemporaryDirectory(), &tmp) == 0, shm.st_dev != tmp.st_dev else {
            print("StartupTests: no second file system at /dev/shm to put the inbox on; the case did not run")
            return
        }
        try FileManager.default.createDirectory(atPath: elsewhere + "/sivistys", withIntermediateDirectories: true)
        defer { TempFolderSweeper.removeTree(elsewhere) }
        do {
            let harness = try await PipelineHarness(settings: ["inbox": elsewhere])
            await harness.close()
            Issue.record("an inbox on another file system than the state was accepted")
        } catch {
            #expect("\(error)".contains("different file systems"), "\(error)")
            #expect("\(error)".contains(elsewhere + "/sivistys"))
        }
    }

    /// Before: a drop retried for ever against damaged pages and `run --once` exited 0.
    @Test func damagedDatabasePagesMakeRunOnceExitNonZero() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        try harness.drop("sivistys", "a.txt", harness.registry.hetus(where: [.resident], limit: 2).joined(separator: "\n"))
        #expect(await harness.runner.runOnce().published == 1)
        // A copy of the used state folder, for a separate `vtjdrop run --once` (the harness holds the lock).
        let copy = harness.root + "/copy"
        for folder in ["inbox/sivistys", "inbox/kirjasto", "inbox/vesihuolto", "outbox"] {
            try FileManager.default.createDirectory(atPath: copy + "/" + folder, withIntermediateDirectories: true)
        }
        let source = try DatabaseQueue(path: harness.root + "/state/" + StateLayout.databaseFileName)
        try FileManager.default.createDirectory(atPath: copy + "/state", withIntermediateDirectories: true)
        try source.backup(to: DatabaseQueue(path: copy + "/state/" + StateLayout.databaseFileName))
        try source.close()
        let database = copy + "/state/" + StateLayout.databaseFileName
        // Damage the journal table's pages (not the schema page, so the database still opens).
        let queue = try DatabaseQueue(path: database)
        let pageSize = try await queue.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096 }
        let root = try await queue.read { db in
            try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'request'") ?? 0
        }
        try queue.close()
        #expect(root > 1)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: database))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: pageSize))
        try handle.close()

        try Data(harness.registry.hetus(where: [.resident], limit: 1)[0].utf8).write(to: URL(fileURLWithPath: copy + "/inbox/sivistys/b.txt"))
        let sandbox = try #require(harness.sandbox?.baseURL)
        let yaml = try String(contentsOfFile: harness.root + "/vtjdrop.yaml", encoding: .utf8)
            .replacingOccurrences(of: harness.root + "/inbox", with: copy + "/inbox")
            .replacingOccurrences(of: harness.root + "/outbox", with: copy + "/outbox")
            .replacingOccurrences(of: harness.root + "/state", with: copy + "/state")
            .replacingOccurrences(of: "sandbox: true", with: "url: " + sandbox)
        try yaml.write(toFile: copy + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
        let outcome = try await VTJDropBinary.runDetached(["run", "--once", "--config", copy + "/vtjdrop.yaml"],
                                            environment: ["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD": "salasana",
                                                          "PATH": "/usr/bin:/bin"])
        #expect(outcome.status == 1, "exit \(outcome.status): \(outcome.stderr.suffix(800))")
        #expect(outcome.stderr.contains("damaged") && outcome.stderr.contains("restore the state folder from backup"),
                "\(outcome.stderr.suffix(800))")
    }
}
