import Foundation
import Synchronization
import Testing
@testable import VTJDrop

/// A walk's blocking work holds its own thread, never one of the cooperative pool's.
@Suite struct DropThreadTests {
    /// Four walks block at once until all four have arrived: on the cooperative pool (two threads
    /// on a two-core machine) the third and fourth could not start while the first two blocked.
    @Test func walksThatBlockAtOnceAllProceed() async {
        let barrier = Barrier(parties: 4)
        let walks = await withTaskGroup(of: (thread: String?, arrived: Bool).self) { group in
            for _ in 0..<4 {
                let thread = DropThread()
                group.addTask(executorPreference: thread) {
                    defer { thread.close() }
                    let name = Self.threadName()
                    return (name, barrier.arriveAndWait())
                }
            }
            return await group.reduce(into: [(thread: String?, arrived: Bool)]()) { $0.append($1) }
        }
        #expect(walks.map(\.arrived) == [true, true, true, true], "the walks blocked each other: \(walks)")
        // Not asserted: which thread each ran on. In a busy test process one of the four has been
        // seen starting on a cooperative thread ("…root.default-qos"): the preference is the
        // runtime's to honour, not a guarantee (docs/performance.md).
        #expect(walks.contains { $0.thread == "vtjdrop-drop" }, "no walk ran on a DropThread: \(walks)")
    }

    /// The calling thread's name (a synchronous look: `Thread.current` is not for async code).
    static func threadName() -> String? { Thread.current.name }

    /// Work that reaches a closed thread still runs (on the global executor).
    @Test func workAfterCloseStillRuns() async {
        let thread = DropThread()
        thread.close()
        let value = await Task(executorPreference: thread) { 42 }.value
        #expect(value == 42)
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
