import Foundation
import Glibc
import Testing
import VTJCore
@testable import VTJDrop
import VTJTestSupport

/// What the runner takes from the watcher's sequence before a pass is everything the kernel had
/// queued: the events travel through a thread and a task, and a pass that took only what had
/// travelled so far did not know a file renamed in a moment before. With a manual monotonic clock
/// such a file then waited its settle period on a clock nobody advanced: the full suite hung
/// (StallRecoveryTests, HostileContentTests) although each test passed alone.
@Suite(.timeLimit(.minutes(5))) struct InotifyHintsTests {
    @Test func currentHoldsWhatTheKernelQueuedBeforeTheCall() async throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        let watcher = try InotifyWatcher()
        try watcher.watch(inbox)
        let hints = InotifyHints(watcher: watcher, tick: .seconds(10))
        defer { hints.stop() }
        // Twenty times, so that a take which merely raced the reading thread cannot pass by luck.
        for round in 0..<20 {
            let name = "lista\(round).txt"
            try DropTestFolder.write("010594Y9032\n", to: temp.path + "/" + name)
            #expect(rename(temp.path + "/" + name, inbox + "/" + name) == 0)
            let events = await hints.current()
            #expect(events.contains(.changed(folder: inbox, name: DropFileName(name), activity: .movedIn)), "round \(round): \(events)")
        }
    }

    @Test func stoppedHintsAnswerAtOnce() async throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let watcher = try InotifyWatcher()
        try watcher.watch(try temp.folder("inbox/a"))
        let hints = InotifyHints(watcher: watcher, tick: .seconds(10))
        hints.stop()
        #expect(await hints.current().isEmpty)
        #expect(await hints.next { try await Task.sleep(for: .seconds(3600)) }.isEmpty)
    }

    /// `run --once` with inotify and a clock that never moves: a list renamed in just before is
    /// known complete from the kernel's word and served at once; without that word it would wait
    /// its five-minute settle period.
    @Test func runOnceKnowsADropRenamedInJustBefore() async throws {
        let harness = try await PipelineHarness(settings: ["watch": "inotify", "settle_seconds": "300"],
                                                monotonic: ManualMonotonicClock())
        defer { Task { await harness.close() } }
        let runner = harness.runner
        _ = await runner.runOnce(maximumWait: .zero)
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        for round in 0..<3 {
            try harness.drop("sivistys", "heti\(round).txt", hetus.joined(separator: "\n"))
            let summary = await runner.runOnce(maximumWait: .zero)
            #expect(summary.published == 1, "round \(round): \(summary)")
        }
    }
}
