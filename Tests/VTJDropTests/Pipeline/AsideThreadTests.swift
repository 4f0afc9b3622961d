import Foundation
import Testing
@testable import VTJDrop

/// The aside thread's work runs on a thread the kernel knows by name, so an operator's `top -H` or
/// gdb shows a long parse as vtjdrop-read (a name given before `start()` never reached the kernel).
@Suite struct AsideThreadTests {
    @Test func workRunsOnAThreadTheKernelKnowsAsVtjdropRead() async throws {
        let name = try await AsideThread.run(among: OwnThreads()) {
            try String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(name == "vtjdrop-read")
    }

    @Test func theWorksErrorReachesTheCaller() async {
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await AsideThread.run(among: OwnThreads()) { () throws -> Int in throw Refused() } }
    }

    /// The result is in only once the read's thread has exited, its own cleanup included.
    @Test func theThreadIsJoinedWhenTheResultIsIn() async throws {
        let marker = ThreadEndMarker()
        let own = OwnThreads()
        #expect(try await AsideThread.run(among: own) { marker.mark(); return 7 } == 7)
        #expect(marker.endedCount == 1)
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await AsideThread.run(among: own) { () throws -> Int in marker.mark(); throw Refused() } }
        #expect(marker.endedCount == 2)
        #expect(own.counts == OwnThreads.Counts(started: 2, ended: 2, joined: 2))
    }

    /// A stop does not wait for the work; the thread it left running is joined by `joinAll` once it ends.
    @Test func aCancelledReadsThreadIsJoinedByJoinAll() async throws {
        let marker = ThreadEndMarker()
        let own = OwnThreads()
        let gate = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let read = Task {
            try await AsideThread.run(among: own) { () -> Int in
                marker.mark()
                entered.signal()
                gate.wait()
                return 1
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { entered.wait(); continuation.resume() }
        }
        read.cancel()
        await #expect(throws: CancellationError.self) { try await read.value }
        #expect(own.counts.joined == 0, "the cancelled read did not wait for the work")
        gate.signal()
        #expect(own.joinAll() == OwnThreads.Counts(started: 1, ended: 1, joined: 1))
        #expect(marker.endedCount == 1)
    }

    /// Quick reads, one after another: every thread is joined, once (the thread's handle and its result
    /// meet in either order, `StartedThread`; the order with the result first was not seen in 300 here).
    @Test func aQuickReadIsJoinedEvenWhenItsResultComesFirst() async throws {
        let own = OwnThreads()
        for round in 0..<300 { #expect(try await AsideThread.run(among: own) { round } == round) }
        #expect(own.counts == OwnThreads.Counts(started: 300, ended: 300, joined: 300))
    }
}
