import Foundation
import Synchronization
import Testing
@testable import VTJDrop

/// The runtime's own threads are joined, not left to end beside `exit()`: a join returns only once
/// the thread's own cleanup has run (its end marker, ``ThreadEndMarker``).
@Suite struct OwnThreadsTests {
    @Test func joinReturnsOnlyAfterTheThreadsOwnCleanup() throws {
        let marker = ThreadEndMarker()
        let threads = OwnThreads()
        let handle = try #require(threads.start { marker.mark() })
        threads.join(handle)
        #expect(marker.endedCount == 1)
        #expect(threads.counts == OwnThreads.Counts(started: 1, ended: 1, joined: 1))
    }

    /// A thread nobody waits for (an interrupted read): joined by the next start once it has ended, and
    /// one still running by `joinAll`, which waits for it.
    @Test func releasedAndRunningThreadsAreJoinedByJoinAll() throws {
        let marker = ThreadEndMarker()
        let threads = OwnThreads()
        let gate = DispatchSemaphore(value: 0)
        let released = try #require(threads.start { marker.mark() })
        let running = try #require(threads.start {
            marker.mark()
            gate.wait()
        })
        threads.release(released)
        _ = running
        gate.signal()
        let counts = threads.joinAll()
        #expect(marker.endedCount == 2)
        #expect(counts == OwnThreads.Counts(started: 2, ended: 2, joined: 2))
        #expect(threads.joinAll() == counts, "nothing is left to join")
    }

    @Test func aReleasedThreadThatEndedIsJoinedByTheNextStart() throws {
        let marker = ThreadEndMarker()
        let threads = OwnThreads()
        let done = DispatchSemaphore(value: 0)
        let first = try #require(threads.start {
            marker.mark()
            done.signal()
        })
        done.wait()
        // Its body has returned: the end marker counts it as ended once the release or the next start joins it.
        while threads.counts.ended < 1 { sched_yield() }
        threads.release(first)
        #expect(threads.counts.joined == 1)
        #expect(marker.endedCount == 1)
        let second = try #require(threads.start {})
        threads.join(second)
        #expect(threads.counts == OwnThreads.Counts(started: 2, ended: 2, joined: 2))
    }
}
