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

    @Test("a pooled thread changes its nice value only when the next job's drop differs in priority")
    func changeOnlyBetweenPriorities() {
        #expect(WorkPriority.normal.change(to: .normal) == .keep)
        #expect(WorkPriority.bulk.change(to: .bulk) == .keep)
        #expect(WorkPriority.normal.change(to: .bulk) == .set(niceness: WorkPriority.bulk.niceness))
        #expect(WorkPriority.bulk.change(to: .normal) == .set(niceness: 0), "reset when a small drop's job follows a bulk one")
    }
}
