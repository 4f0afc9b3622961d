import Foundation
import Synchronization
import Testing
import VTJCore
@testable import VTJClient

/// The worker pool's sharing policy as a value, stepped by hand: no threads, no waiting.
@Suite("CurlWorkerQueue policy")
struct CurlWorkerQueueTests {
    typealias Queue = CurlWorkerQueue<String>

    /// Queues `name` for `owner` and hands out what may start; returns the names started, in order.
    @discardableResult
    static func submit(_ queue: inout Queue, _ name: String, owner: Int, _ priority: WorkPriority, cap: Int = 4) -> [String] {
        queue.waiting.append(.init(owner: owner, priority: priority, job: name))
        return queue.dispatch(cap: cap).compactMap { queue.handed[$0]?.job }
    }

    /// The worker running `name` finishes it (at the job's priority); returns the names started.
    @discardableResult
    static func finish(_ queue: inout Queue, _ name: String, cap: Int = 4) -> [String] {
        let worker = queue.handed.firstIndex { $0?.job == name }!
        let entry = queue.handed[worker]!
        queue.handed[worker] = nil
        return queue.finished(owner: entry.owner, priority: entry.priority, worker: worker, level: entry.priority, cap: cap)
            .compactMap { queue.handed[$0]?.job }
    }

    @Test("while a small drop's message runs, a bulk drop starts no new message beyond the one it keeps going")
    func bulkHeldBackWhileASmallMessageRuns() {
        var queue = Queue(workers: 5)
        for index in 0..<4 { Self.submit(&queue, "big\(index)", owner: 1, .bulk) }
        Self.submit(&queue, "big4", owner: 1, .bulk)
        Self.submit(&queue, "big5", owner: 1, .bulk)
        #expect(queue.runningByPriority[.bulk] == 4, "a drop alone keeps its full parallelism")
        #expect(Self.submit(&queue, "small", owner: 2, .normal) == ["small"], "the spare worker takes it at once")
        #expect(queue.holdsBackBulk)
        #expect(Self.finish(&queue, "big0").isEmpty, "big4 waits: the small message is running")
        #expect(Self.finish(&queue, "big1").isEmpty)
        #expect(Self.finish(&queue, "big2").isEmpty)
        #expect(Self.finish(&queue, "big3") == ["big4"], "the last bulk message ended: one starts, so the drop goes on")
        #expect(Self.finish(&queue, "small") == ["big5"], "the small message is done: the bulk drop fills up again")
        #expect(!queue.holdsBackBulk)
    }

    @Test("a small drop's waiting message holds back bulk messages and starts first")
    func waitingSmallMessageGoesFirst() {
        var queue = Queue(workers: 2)
        #expect(Self.submit(&queue, "big0", owner: 1, .bulk, cap: 2) == ["big0"])
        #expect(Self.submit(&queue, "big1", owner: 1, .bulk, cap: 2) == ["big1"])
        Self.submit(&queue, "big2", owner: 1, .bulk, cap: 2)
        Self.submit(&queue, "other0", owner: 3, .bulk, cap: 2)
        #expect(Self.submit(&queue, "small", owner: 2, .normal, cap: 2).isEmpty, "no worker free")
        #expect(Self.finish(&queue, "big0", cap: 2) == ["small"], "before the older bulk jobs and the other bulk owner")
        #expect(Self.finish(&queue, "big1", cap: 2) == ["big2"], "no bulk message runs: one may start")
        #expect(Self.finish(&queue, "small", cap: 2) == ["other0"], "the small message is done: bulk messages fill the workers again")
    }

    @Test("without small drops the old rules hold: the cap per owner, the fewest-running owner, the oldest job")
    func bulkAloneAsBefore() {
        var queue = Queue(workers: 4)
        for index in 0..<5 { Self.submit(&queue, "a\(index)", owner: 1, .bulk, cap: 3) }
        #expect(queue.runningByPriority[.bulk] == 3)
        #expect(Self.submit(&queue, "b0", owner: 2, .bulk, cap: 3) == ["b0"])
        Self.submit(&queue, "b1", owner: 2, .bulk, cap: 3)
        #expect(Self.finish(&queue, "a0", cap: 3) == ["b1"], "owner 2 runs fewer than owner 1")
        #expect(Self.finish(&queue, "b0", cap: 3) == ["a3"])
    }

    /// The worker running `name` has its answer and goes on parsing; returns the names started.
    @discardableResult
    static func answered(_ queue: inout Queue, _ name: String, cap: Int = 4) -> [String] {
        let worker = queue.handed.firstIndex { $0?.job == name }!
        return queue.transferEnded(worker: worker, cap: cap).compactMap { queue.handed[$0]?.job }
    }

    @Test("while a small drop is in flight, a bulk job starts only when no bulk transfer is under way")
    func oneBulkTransferBesideASmallDrop() {
        var queue = Queue(workers: 5)
        for index in 0..<6 { Self.submit(&queue, "big\(index)", owner: 1, .bulk) }
        #expect(queue.bulkTransfers == 4, "alone, the bulk drop has its full parallelism at the upstream")
        queue.besideSmallDrops = true  // a small drop is claimed; its message is not queued yet
        #expect(queue.holdsBulkForTheUpstream)
        #expect(Self.answered(&queue, "big0").isEmpty, "three bulk answers are still being built")
        #expect(Self.finish(&queue, "big0").isEmpty, "a parse ending frees a worker, not the upstream")
        #expect(Self.answered(&queue, "big1").isEmpty)
        #expect(Self.answered(&queue, "big2").isEmpty)
        #expect(queue.bulkTransfers == 1)
        #expect(Self.answered(&queue, "big3") == ["big4"], "none left under way: the bulk drop sends its next")
        #expect(Self.finish(&queue, "big1").isEmpty, "big5 waits for big4's answer")
        #expect(Self.submit(&queue, "small", owner: 2, .normal) == ["small"], "the small message goes at once")
        #expect(queue.bulkTransfers == 1, "beside at most one bulk answer being built")
        queue.besideSmallDrops = false
        #expect(Self.finish(&queue, "small") == ["big5"], "no small drop left: the bulk drop fills up again")
        #expect(!queue.holdsBulkForTheUpstream)
    }

    @Test("without a small drop in flight an answer arriving changes nothing: the workers stay the bulk drop's")
    func answersAloneHoldNothing() {
        var queue = Queue(workers: 5)
        for index in 0..<5 { Self.submit(&queue, "big\(index)", owner: 1, .bulk) }
        #expect(Self.answered(&queue, "big0").isEmpty, "the cap per owner: four jobs, parsing or not")
        #expect(queue.bulkTransfers == 3)
        #expect(Self.finish(&queue, "big0") == ["big4"])
        #expect(Self.answered(&queue, "big4").isEmpty, "nothing waits")
        #expect(queue.bulkTransfers == 3)
        #expect(Self.answered(&queue, "big4").isEmpty, "an answer reported twice is counted once")
        #expect(queue.bulkTransfers == 3)
    }

    @Test("a job goes to an idle worker already at its priority, so a lowered thread need not be raised")
    func workerAtTheJobsPriorityFirst() {
        var queue = Queue(workers: 3)
        queue.levels = [.bulk, .normal, .bulk]
        Self.submit(&queue, "small", owner: 2, .normal)
        #expect(queue.handed[1]?.job == "small")
        Self.submit(&queue, "big", owner: 1, .bulk)
        #expect(queue.handed[0]?.job == "big" || queue.handed[2]?.job == "big")
        Self.submit(&queue, "small2", owner: 4, .normal)
        #expect(queue.handed.compactMap { $0?.job }.count == 3, "no normal worker left: a lowered one takes it rather than wait")
    }
}

/// The system calls behind it: a bulk drop's thread is lowered while a small drop is in flight,
/// by its thread id from another thread, and raised again after; other threads are not touched.
@Suite("BulkThreads", .serialized)
struct BulkThreadsTests {
    @Test("a thread working for a bulk drop runs at nice 10 only while a small drop is in flight")
    func lowersBulkThreadsBesideASmallDrop() async {
        let registry = BulkThreads()
        let before = ThreadPriority.threadNiceness
        let entered = DispatchSemaphore(value: 0)
        let proceed = DispatchSemaphore(value: 0)
        let seen = Mutex<[Int32]>([])
        let thread = Thread {
            registry.run {
                seen.withLock { $0.append(ThreadPriority.threadNiceness) }
                entered.signal()
                proceed.wait()
                seen.withLock { $0.append(ThreadPriority.threadNiceness) }
                entered.signal()
                proceed.wait()
                seen.withLock { $0.append(ThreadPriority.threadNiceness) }
            }
            seen.withLock { $0.append(ThreadPriority.threadNiceness) }
            entered.signal()
        }
        thread.start()
        entered.wait()
        #expect(registry.enteredThreads == 1)
        await registry.small {
            proceed.signal()
            entered.wait()
            #expect(ThreadPriority.threadNiceness == before, "the small drop's own thread is not lowered")
        }
        proceed.signal()
        entered.wait()
        #expect(seen.withLock { $0 } == [0, WorkPriority.bulk.niceness, 0, 0],
                "normal alone, lowered beside the small drop, normal after it and after leaving")
        #expect(registry.enteredThreads == 0)
    }

    @Test("the upstream is held while a small drop is in flight and for the linger after the last one ends")
    func upstreamHeldBesideAndJustAfterASmallDrop() async {
        let registry = BulkThreads()
        #expect(!registry.holdsUpstream(), "no small drop yet")
        let inside = await registry.small {
            #expect(registry.holdsUpstream(now: .now + .seconds(60)), "in flight: however long it takes")
            return ContinuousClock.now
        }
        let after = ContinuousClock.now  // the drop ended between `inside` and `after`
        #expect(registry.holdsUpstream(now: inside + WorkPriority.upstreamLinger - .milliseconds(1)), "the next of a run may be on its way")
        #expect(!registry.holdsUpstream(now: after + WorkPriority.upstreamLinger))
    }
}
