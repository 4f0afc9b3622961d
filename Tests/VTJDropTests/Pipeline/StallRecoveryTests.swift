import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// Faults that used to stall a drop until the appliance was restarted (issue 13): each must be
/// logged, retried, and heal by itself.
@Suite(.serialized) struct StallRecoveryTests {
    /// The state disk fills while a drop is querying: the response cannot be spooled and the
    /// journal cannot be written. Before: the journal stayed `querying` with no next attempt,
    /// nothing was logged, and no receipt came after space returned.
    @Test func stateDiskFullWhileQueryingIsLoggedRetriedAndHeals() async throws {
        let monotonic = ManualMonotonicClock()
        let capture = LogCapture()
        guard let harness = try await Self.smallDiskHarness(capture, monotonic, case: "state-disk-full") else { return }
        defer { Self.close(harness) }

        let hetus = harness.registry.hetus(where: [.resident], limit: 30)
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        try await Self.holdAnswersOnceServing(harness)
        try harness.drop("sivistys", "lista.txt", hetus.joined(separator: "\n"))
        let journal = harness.appliance.database.journal
        func state() -> DropState? { ((try? journal.unfinished()) ?? []).first?.state }
        #expect(await eventually(seconds: 20) { state() == .querying }, "the drop never started querying")
        // The sandbox holds its answer 10 s (far longer than filling takes, however loaded the
        // machine): fill the state file system before it arrives; the retry is answered at once.
        let filler = try FileSystemTrap.fill(harness.root)
        try #require(harness.sandbox).updateFaults { $0.latencyMs = 0 }
        let logged = await eventually(seconds: 30) {
            capture.all.contains { $0.contains("journal write failed") } && capture.all.contains { $0.contains("drop will be retried") }
        }
        #expect(logged, "a failed journal write must be logged: \(capture.all.filter { $0.hasPrefix("error") || $0.hasPrefix("warning") })")
        #expect(harness.outbox("sivistys").isEmpty)
        #expect(harness.appliance.journalBacklog.count > 0, "the failed write waits to be written again")

        // Space returns; the retry is due 30 s later on the monotonic clock.
        try FileManager.default.removeItem(atPath: filler)
        monotonic.advance(by: .seconds(31))
        // The clock keeps moving while we wait: the runner sets a retry's due time when the walk
        // returns, which under load can be after the log line we waited for and after the advance above.
        let served = await eventually(seconds: 30) { monotonic.advance(by: .seconds(5)); return harness.outbox("sivistys").count == 2 }
        runner.requestStop()
        await daemon.value
        #expect(served, "the drop was not published once space returned")
        let csv = try harness.only("sivistys", suffix: ".csv")
        #expect(hetus.allSatisfy { csv.contains($0) })
        #expect(harness.appliance.journalBacklog.count == 0, "the journal caught up")
        let entry = try #require(try journal.recent(department: "sivistys").first)
        #expect(entry.state == .archived)
        #expect(try journal.history(entry.dropID).map(\.state).contains(.failedTransient), "the failure is on record, late but in order")
    }

    /// The journal cannot be written (the state disk is full): intake closes — a second drop stays
    /// in the inbox — the log says so once, and the operator's snapshot (what `/healthz`, `/readyz`,
    /// the page and `status` show) says intake is closed for the journal, from the daemon's memory
    /// because the database cannot store it. Space returns: intake reopens and both drops are served.
    /// Before, the daemon went on claiming drops whose steps it could not record.
    @Test func aJournalThatCannotBeWrittenClosesIntakeAndSaysSo() async throws {
        let monotonic = ManualMonotonicClock()
        let capture = LogCapture()
        guard let harness = try await Self.smallDiskHarness(capture, monotonic, case: "journal-unwritable") else { return }
        defer { Self.close(harness) }
        let hetus = harness.registry.hetus(where: [.resident], limit: 4)
        // Written now, named so intake skips it (`*.tmp`), and renamed in once the disk is full.
        try harness.drop("kirjasto", "toka.txt.tmp", hetus[2..<4].joined(separator: "\n"))
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        try await Self.holdAnswersOnceServing(harness)
        try harness.drop("sivistys", "eka.txt", hetus[0..<2].joined(separator: "\n"))
        let journal = harness.appliance.database.journal
        #expect(await eventually(seconds: 60) { ((try? journal.unfinished()) ?? []).first?.state == .querying })
        let filler = try FileSystemTrap.fill(harness.root)
        try #require(harness.sandbox).updateFaults { $0.latencyMs = 0 }
        let inbox = harness.root + "/inbox/kirjasto"
        #expect(rename(inbox + "/toka.txt.tmp", inbox + "/toka.txt") == 0)
        let closed = await eventually(seconds: 60) { await runner.journalProblem != nil }
        #expect(closed, "a journal that cannot be written closes intake: \(capture.all.filter { $0.hasPrefix("error") })")
        let turns = await runner.loopTurns
        #expect(await eventually(seconds: 60) { await runner.loopTurns >= turns + 3 })
        #expect(harness.inbox("kirjasto") == ["toka.txt"], "nothing new is claimed while the journal cannot be written")
        #expect(capture.all.filter { $0.contains("intake closed: the journal cannot be written") }.count == 1, "said once")
        let source = StateSnapshotSource(database: harness.appliance.database, configuration: harness.appliance.configuration,
                                         live: { harness.appliance.liveConditions })
        let snapshot = try source.read(now: Date())
        #expect(snapshot.intakeClosed?.code == "journal-unwritable", "\(String(describing: snapshot.intakeClosed))")
        #expect(!snapshot.isServing)

        try FileManager.default.removeItem(atPath: filler)
        monotonic.advance(by: .seconds(31))
        let served = await eventually(seconds: 60) {
            monotonic.advance(by: .seconds(5))  // as in the first test: a due time set after the advance is reached too
            return ["sivistys", "kirjasto"].allSatisfy { department in
                harness.outbox(department).count == 2 && harness.outbox(department).contains { $0.hasSuffix(".kuitti.txt") }
            }
        }
        runner.requestStop()
        await daemon.value
        #expect(served, "both drops are served once the journal can be written: \(harness.outbox("sivistys")) \(harness.outbox("kirjasto"))")
        #expect(capture.all.contains { $0.contains("the journal accepts writes again; intake reopens") })
        #expect(try source.read(now: Date()).intakeClosed == nil)
    }

    /// The state disk fills while a query is out: its outcome cannot be recorded. Before, the
    /// outcome write was `try?` and nothing said the audit log lacks it; now the log says so and
    /// what it means (the query stays recorded, its outcome reads as unknown), and the drop is
    /// still served once space returns, its second query with an outcome.
    @Test func aQueryOutcomeTheAuditLogCannotTakeIsLogged() async throws {
        let monotonic = ManualMonotonicClock()
        let capture = LogCapture()
        guard let harness = try await Self.smallDiskHarness(capture, monotonic, case: "audit-outcome") else { return }
        defer { Self.close(harness) }
        let hetus = harness.registry.hetus(where: [.resident], limit: 3)
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        try await Self.holdAnswersOnceServing(harness)
        let sandbox = try #require(harness.sandbox)
        try harness.drop("kirjasto", "lista.txt", hetus.joined(separator: "\n"))
        // The message reached the interface, so its query is in the audit log (written before it left).
        #expect(await eventually(seconds: 30) { sandbox.counters.requests("perustiedot") >= 1 }, "the query never left")
        let filler = try FileSystemTrap.fill(harness.root)
        sandbox.updateFaults { $0.latencyMs = 0 }
        let logged = await eventually(seconds: 30) {
            capture.all.contains { $0.contains("cannot record a query's outcome in the audit log") }
        }
        #expect(logged, "a lost audit outcome must be logged: \(capture.all.filter { $0.hasPrefix("error") })")
        let line = capture.all.first { $0.contains("cannot record a query's outcome") } ?? ""
        #expect(line.contains("kirjasto") && !hetus.contains { line.contains($0) }, "says whose query, masks henkilötunnus: \(line)")

        try FileManager.default.removeItem(atPath: filler)
        monotonic.advance(by: .seconds(31))
        // The clock keeps moving while we wait: the runner sets a retry's due time when the walk
        // returns, which under load can be after the log line we waited for and after the advance above.
        let served = await eventually(seconds: 30) { monotonic.advance(by: .seconds(5)); return harness.outbox("kirjasto").count == 2 }
        runner.requestStop()
        await daemon.value
        #expect(served, "the drop was not published once space returned")
        let id = try #require(try harness.appliance.database.journal.recent(department: "kirjasto").first).dropID
        let queries = try harness.appliance.database.auditLog.queries(request: id).filter { $0.operation == "perustiedot" }
        #expect(queries.count >= 2 && queries.first?.outcome == nil, "the first query kept, its outcome unknown: \(queries.map(\.outcome))")
        #expect(queries.last?.outcome == .answered)
    }

    /// Once the daemon's start-up check was answered, the sandbox holds every answer 10 s — far
    /// longer than filling a disk takes, however loaded the machine — so a test can act while a
    /// drop is querying (it was 1.5 s from the start, and the full suite sometimes lost that race).
    static func holdAnswersOnceServing(_ harness: PipelineHarness) async throws {
        let sandbox = try #require(harness.sandbox)
        #expect(await eventually(seconds: 60) { sandbox.counters.requests("kirjausavain") >= 1 }, "start-up check")
        #expect(await eventually(seconds: 60) { await harness.runner.loopTurns > 0 }, "the loop runs")
        sandbox.updateFaults { $0.latencyMs = 10_000 }
    }

    /// Someone cleans `outbox/<dept>/.vtjdrop-tmp` away: before, every retry failed until a restart.
    @Test func deletedStagingFoldersAreMadeAgain() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        try FileManager.default.removeItem(atPath: harness.root + "/outbox/sivistys/.vtjdrop-tmp")
        try FileManager.default.removeItem(atPath: harness.root + "/state/claims/kirjasto/work")
        try harness.drop("sivistys", "a.txt", harness.registry.hetus(where: [.resident], limit: 2).joined(separator: "\n"))
        try harness.drop("kirjasto", "b.txt", harness.registry.hetus(where: [.resident], limit: 2).joined(separator: "\n"))
        let summary = await harness.runner.runOnce()
        #expect(summary.published == 2 && summary.retrying == 0, "\(summary)")
        #expect(FileManager.default.fileExists(atPath: harness.root + "/outbox/sivistys/.vtjdrop-tmp"))
    }

    /// The wall clock is set back two hours while a drop waits for its retry: before, the retry was
    /// due by the journal's wall-clock time, two hours away.
    @Test func aWallClockSteppedBackDoesNotDelayARetry() async throws {
        let wall = ManualWallClock(Date())
        let monotonic = ManualMonotonicClock()
        let harness = try await PipelineHarness(clock: wall, monotonic: monotonic)
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        let runner = harness.runner
        // The start-up check answers first (and is not repeated within a minute); then the drop's
        // own messages fail.
        _ = await runner.runOnce(maximumWait: .zero)
        sandbox.updateFaults { $0.errorNext = 10 }
        try harness.drop("sivistys", "a.txt", harness.registry.hetus(where: [.resident], limit: 3).joined(separator: "\n"))
        let first = await runner.runOnce()
        #expect(first.retrying == 1, "\(first)")
        sandbox.updateFaults { $0.errorNext = 0 }
        wall.advance(seconds: -2 * 3600)
        #expect(await runner.dueRetries().isEmpty, "not due before its back-off")
        monotonic.advance(by: .seconds(31))
        let due = await runner.dueRetries()
        #expect(due.count == 1, "due 30 s later whatever the wall clock says")
        let second = await runner.process(due)
        #expect(second.published == 1, "\(second)")
    }

    /// A daemon whose state and outbox live on a 6 MiB tmpfs, so a test can fill the disk for real;
    /// nil (and a printed line) where no tmpfs can be mounted (not root, or a container without rights).
    static func smallDiskHarness(_ capture: LogCapture, _ monotonic: ManualMonotonicClock, case name: String) async throws -> PipelineHarness? {
        let harness = try await PipelineHarness(
            sandbox: SandboxConfiguration(population: 400, seed: 7, uncensored: false),
            logger: capture.logger(), monotonic: monotonic,
            beforeStart: { root in _ = FileSystemTrap.mountTmpfs(root, kilobytes: 6144) })
        guard FileSystemTrap.isMountPoint(harness.root) else {
            print("StallRecoveryTests: no tmpfs could be mounted here; the \(name) case did not run")
            await harness.close()
            return nil
        }
        return harness
    }

    /// Closes the daemon, then unmounts its tmpfs.
    static func close(_ harness: PipelineHarness) {
        Task { await harness.close(); FileSystemTrap.unmount(harness.root) }
    }
}
