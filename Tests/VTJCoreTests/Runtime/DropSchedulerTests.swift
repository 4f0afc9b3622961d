import Testing
import VTJCore

/// How the daemon shares the appliance between departments, as a value.
@Suite struct DropSchedulerTests {
    let scheduler = DropScheduler(workers: 2, smallBeyondWorkers: 2)
    func large(_ department: String) -> DropScheduler.Drop { .init(department: department, isSmall: false) }
    func small(_ department: String) -> DropScheduler.Drop { .init(department: department, isSmall: true) }

    @Test func freeWorkersTakeTheOldestDropOfADepartmentWithNothingInFlightFirst() {
        let queued = [large("a"), large("a"), large("b")]
        #expect(scheduler.start(queued: queued, inFlight: []) == [0, 2], "a's second drop waits while b has none running")
        #expect(scheduler.start(queued: queued, inFlight: [large("b")]) == [0])
        #expect(scheduler.start(queued: [large("a"), large("a")], inFlight: []) == [0, 1],
                "one department alone still uses every worker")
    }

    /// Two departments' large drops hold both workers: a third department's short list starts anyway.
    @Test func aSmallDropOfAnIdleDepartmentStartsWhenEveryWorkerIsBusy() {
        let busy = [large("a"), large("b")]
        #expect(scheduler.start(queued: [large("c"), small("d")], inFlight: busy) == [1], "the large one waits for a worker")
        #expect(scheduler.start(queued: [small("a")], inFlight: busy) == [0],
                "small, it need not wait for its department's large drop (or a short list finishing its publication)")
        #expect(scheduler.start(queued: [small("c"), small("c"), small("d")], inFlight: busy) == [0, 2],
                "beyond the workers, a department with nothing in flight first")
        #expect(scheduler.start(queued: [large("c"), small("c"), small("c")], inFlight: busy) == [1, 2])
    }

    @Test func smallDropsBeyondTheWorkersAreBounded() {
        let busy = [large("a"), large("b"), small("c"), small("d")]
        #expect(scheduler.start(queued: [small("e")], inFlight: busy).isEmpty)
        #expect(DropScheduler(workers: 2, smallBeyondWorkers: 0).start(queued: [small("c")], inFlight: [large("a"), large("b")]).isEmpty)
        #expect(scheduler.start(queued: [small("e")], inFlight: [large("a"), large("b"), small("c")]) == [0])
    }
}
