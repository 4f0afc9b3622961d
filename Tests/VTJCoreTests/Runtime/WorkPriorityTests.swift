import Testing
import VTJCore

/// Which drops run below normal priority, and what a pooled thread does between owners' jobs.
@Suite("WorkPriority")
struct WorkPriorityTests {
    @Test("only a small drop runs at normal priority; any other is bulk, below it")
    func smallIsNormalTheRestBulk() {
        #expect(WorkPriority(DropScheduler.Drop(department: "a", isSmall: true)) == .normal)
        #expect(WorkPriority(DropScheduler.Drop(department: "a", isSmall: false)) == .bulk)
        #expect(WorkPriority.normal < .bulk)
        #expect(WorkPriority.normal.niceness == 0)
        #expect(WorkPriority.bulk.niceness > 0, "lowering needs no privilege; a negative value would")
    }

    @Test("a bulk drop's threads are lowered only while a small drop is in flight; a small drop's never")
    func loweredOnlyBesideASmallDrop() {
        #expect(WorkPriority.bulk.effective(smallDropsInFlight: 0) == .normal, "a large drop alone runs as before")
        #expect(WorkPriority.bulk.effective(smallDropsInFlight: 1) == .bulk)
        #expect(WorkPriority.bulk.effective(smallDropsInFlight: 3) == .bulk)
        #expect(WorkPriority.normal.effective(smallDropsInFlight: 2) == .normal)
    }

    @Test("bulk drops keep to one message at the upstream while a small drop is in flight and shortly after, not otherwise")
    func upstreamHeldBesideSmallDrops() {
        let linger = WorkPriority.upstreamLinger
        #expect(!WorkPriority.holdsUpstream(smallDropsInFlight: 0, sinceLastSmallDrop: nil), "no small drop yet: the bulk drop has the upstream")
        #expect(WorkPriority.holdsUpstream(smallDropsInFlight: 1, sinceLastSmallDrop: nil))
        #expect(WorkPriority.holdsUpstream(smallDropsInFlight: 2, sinceLastSmallDrop: .seconds(60)))
        #expect(WorkPriority.holdsUpstream(smallDropsInFlight: 0, sinceLastSmallDrop: .zero), "the next of a run is likely on its way")
        #expect(WorkPriority.holdsUpstream(smallDropsInFlight: 0, sinceLastSmallDrop: linger - .milliseconds(1)))
        #expect(!WorkPriority.holdsUpstream(smallDropsInFlight: 0, sinceLastSmallDrop: linger))
        #expect(!WorkPriority.holdsUpstream(smallDropsInFlight: 0, sinceLastSmallDrop: .seconds(5)))
        #expect(linger < .seconds(1), "a large drop beside an occasional small one keeps nearly all its time at full parallelism")
    }

    @Test("a bulk drop's writer transactions shrink only while a small drop is in flight")
    func shorterTransactionsBesideASmallDrop() {
        #expect(WorkPriority.bulk.rowsPerTransaction(2000, smallDropsInFlight: 0) == 2000, "alone: as large as before")
        #expect(WorkPriority.bulk.rowsPerTransaction(2000, smallDropsInFlight: 1) == WorkPriority.yieldingRows)
        #expect(WorkPriority.bulk.rowsPerTransaction(50, smallDropsInFlight: 1) == 50, "never larger than asked")
        #expect(WorkPriority.normal.rowsPerTransaction(2000, smallDropsInFlight: 2) == 2000, "a small drop's own are not cut")
        #expect(WorkPriority.bulk.rowsPerTransaction(0, smallDropsInFlight: 0) == 1)
    }
}
