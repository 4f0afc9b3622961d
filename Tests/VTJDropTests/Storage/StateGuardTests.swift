import Foundation
import GRDB
import Testing
@testable import VTJDrop
import VTJCore
import VTJTestSupport

/// The audit log must not vanish silently (issue 13): a database truncated to 0 bytes was replaced
/// by a new empty one at start, and database files unlinked while running went unnoticed.
@Suite(.serialized) struct StateGuardTests {
    /// A copy of a used state folder's database and mark (the harness keeps its own open and locked).
    static func usedStateCopy() async throws -> (harness: PipelineHarness, state: String) {
        let harness = try await PipelineHarness()
        try harness.drop("sivistys", "a.txt", harness.registry.hetus(where: [.resident], limit: 3).joined(separator: "\n"))
        #expect(await harness.runner.runOnce().published == 1)
        let state = harness.root + "/copy"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let source = try DatabaseQueue(path: harness.root + "/state/" + StateLayout.databaseFileName)
        try source.backup(to: DatabaseQueue(path: state + "/" + StateLayout.databaseFileName))
        try source.close()
        try FileManager.default.copyItem(atPath: harness.root + "/state/" + StateMarker.fileName, toPath: state + "/" + StateMarker.fileName)
        return (harness, state)
    }

    @Test(arguments: ["truncated to 0 bytes", "deleted", "an older copy put back"])
    func aDatabaseThatVanishedOrIsOlderIsRefusedAtStart(_ how: String) async throws {
        let (harness, state) = try await Self.usedStateCopy()
        defer { Task { await harness.close() } }
        let database = state + "/" + StateLayout.databaseFileName
        do {
            // In use: opening it raises its generation (and the mark's).
            let opened = try StateDatabase(stateFolder: state)
            #expect(try opened.journal.recent(department: "sivistys").count == 1)
        }
        switch how {
        case "truncated to 0 bytes": #expect(truncate(database, 0) == 0)
        case "deleted": for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
        default:
            // A backup taken earlier (before the last start) restored by mistake.
            let older = harness.root + "/older.sqlite"
            let live = try DatabaseQueue(path: harness.root + "/state/" + StateLayout.databaseFileName)
            try live.backup(to: DatabaseQueue(path: older))
            try live.close()
            for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
            #expect(rename(older, database) == 0)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? nil
        do {
            _ = try StateDatabase(stateFolder: state)
            Issue.record("\(how): the database was accepted")
        } catch {
            guard case .lost = error else { Issue.record("\(how): \(error)"); return }
            #expect("\(error)".contains(StateMarker.fileName) && "\(error)".contains("restore the state folder from backup"), "\(error)")
        }
        // Never replaced or written silently: whatever is there stays exactly as it was.
        #expect(((try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? nil) == size)
        // The operator put it back on purpose: removing the mark lets it start, and a new mark is written.
        #expect(unlink(state + "/" + StateMarker.fileName) == 0)
        _ = try StateDatabase(stateFolder: state)
        #expect(StateMarker.recordedGeneration(stateFolder: state) != nil)
    }

    @Test func aDatabaseDeletedWhileRunningStopsClaimingAndSaysSo() async throws {
        let capture = LogCapture()
        let harness = try await PipelineHarness(logger: capture.logger())
        defer { Task { await harness.close() } }
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        try harness.drop("sivistys", "a.txt", harness.registry.hetus(where: [.resident], limit: 2).joined(separator: "\n"))
        #expect(await eventually(seconds: 20) { harness.outbox("sivistys").count == 2 })
        let database = harness.root + "/state/" + StateLayout.databaseFileName
        for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
        let stopped = await eventually(seconds: 20) { daemon.isCancelled || capture.all.contains { $0.contains("stops claiming") } }
        #expect(stopped)
        await daemon.value  // the daemon returns by itself
        let reason = try #require(await runner.stoppedBecause)
        #expect(reason.contains("was deleted while vtjdrop ran"))
        // Nothing more is claimed: a new drop stays in the inbox.
        try harness.drop("sivistys", "b.txt", harness.registry.hetus(where: [.resident], limit: 1)[0])
        let again = await runner.runOnce()
        #expect(again.stateProblem != nil && again.published == 0)
        #expect(FileManager.default.fileExists(atPath: harness.root + "/inbox/sivistys/b.txt"))
    }
}
