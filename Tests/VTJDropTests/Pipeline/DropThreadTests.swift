import Foundation
import Synchronization
import Testing
@testable import VTJDrop

/// A walk's blocking work holds its own thread, never one of the cooperative pool's.
@Suite struct DropThreadTests {
    /// Four walks block at once until all four have arrived: on the cooperative pool (two threads
    /// on a two-core machine) the third and fourth could not start while the first two blocked.
    @Test func walksThatBlockAtOnceAllProceed() async throws {
        let barrier = Barrier(parties: 4)
        let own = OwnThreads()
        var threads: [DropThread] = []
        for _ in 0..<4 { threads.append(try #require(DropThread.start(among: own))) }
        let walks = await withTaskGroup(of: (thread: String?, arrived: Bool).self) { group in
            for thread in threads {
                group.addTask(executorPreference: thread) {
                    let name = Self.threadName()
                    return (name, barrier.arriveAndWait())
                }
            }
            return await group.reduce(into: [(thread: String?, arrived: Bool)]()) { $0.append($1) }
        }
        for thread in threads { await thread.finish() }
        #expect(walks.map(\.arrived) == [true, true, true, true], "the walks blocked each other: \(walks)")
        // Not asserted: which thread each ran on. In a busy test process one of the four has been
        // seen starting on a cooperative thread ("…root.default-qos"): the preference is the
        // runtime's to honour, not a guarantee (docs/performance.md).
        #expect(walks.contains { $0.thread == "vtjdrop-drop" }, "no walk ran on a DropThread: \(walks)")
        #expect(own.counts == OwnThreads.Counts(started: 4, ended: 4, joined: 4))
    }

    /// The calling thread's name as the kernel knows it (a synchronous look).
    static func threadName() -> String? {
        (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Work that reaches a finished thread still runs (on the global executor).
    @Test func workAfterFinishStillRuns() async throws {
        let thread = try #require(DropThread.start(among: OwnThreads()))
        await thread.finish()
        let value = await Task(executorPreference: thread) { 42 }.value
        #expect(value == 42)
    }

    /// `finish()` returns only once the walk's thread has exited, its own cleanup included (before,
    /// the thread was detached and could still be ending when `exit()` ran the libraries' cleanup).
    @Test func finishJoinsTheThreadAfterItsOwnCleanup() async throws {
        let marker = ThreadEndMarker()
        let own = OwnThreads()
        let thread = try #require(DropThread.start(among: own))
        let name = await Task(executorPreference: thread) { () -> String? in
            marker.mark()
            return Self.threadName()
        }.value
        #expect(name == "vtjdrop-drop")
        await thread.finish()
        #expect(marker.endedCount == 1)
        #expect(own.counts == OwnThreads.Counts(started: 1, ended: 1, joined: 1))
    }
}

/// Blocks each caller until `parties` have arrived; false if they do not within a minute (a bound so
/// that a regression fails instead of hanging; nothing is timed).
private final class Barrier: Sendable {
    private let arrived = Mutex(0)
    private let open = DispatchSemaphore(value: 0)
    private let parties: Int

    init(parties: Int) { self.parties = parties }

    func arriveAndWait() -> Bool {
        let count = arrived.withLock { count in
            count += 1
            return count
        }
        if count == parties {
            for _ in 1..<parties { open.signal() }
            return true
        }
        return open.wait(timeout: .now() + 60) == .success
    }
}
