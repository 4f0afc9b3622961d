import Testing
import VTJCore

/// When a refused inbox entry goes to quarantine: after the settle period of quiet (its change
/// time), hard links only after their longer patience, and never hours late after a clock jump.
struct RefusalPatienceTests {
    let patience = RefusalPatience(settle: .seconds(2), hardLinkPatience: .seconds(600))
    let second: Int64 = 1_000_000_000
    let t0: Int64 = 1_795_707_780 * 1_000_000_000

    @Test func waitsForTheSettlePeriodSinceTheLastChange() {
        #expect(patience.decide(changedNanoseconds: t0, firstSeenNanoseconds: t0, hardLinked: false, nowNanoseconds: t0 + second)
            == .wait(untilNanoseconds: t0 + 2 * second))
        #expect(patience.decide(changedNanoseconds: t0, firstSeenNanoseconds: t0, hardLinked: false, nowNanoseconds: t0 + 2 * second)
            == .quarantine)
        // A folder still being filled changes: the wait restarts from its latest change.
        #expect(patience.decide(changedNanoseconds: t0 + 3 * second, firstSeenNanoseconds: t0, hardLinked: false,
                                nowNanoseconds: t0 + 4 * second) == .wait(untilNanoseconds: t0 + 5 * second))
    }

    @Test func hardLinksWaitQuietlyForTheirOwnPatience() {
        #expect(patience.decide(changedNanoseconds: t0, firstSeenNanoseconds: t0, hardLinked: true, nowNanoseconds: t0 + 599 * second)
            == .waitQuietly(untilNanoseconds: t0 + 600 * second))
        #expect(patience.decide(changedNanoseconds: t0, firstSeenNanoseconds: t0, hardLinked: true, nowNanoseconds: t0 + 600 * second)
            == .quarantine)
    }

    @Test func aChangeTimeInTheFutureCountsFromFirstSight() {
        // The clock was set back an hour: the entry's ctime lies ahead of "now".
        let future = t0 + 3600 * second
        #expect(patience.decide(changedNanoseconds: future, firstSeenNanoseconds: t0, hardLinked: false, nowNanoseconds: t0 + second)
            == .wait(untilNanoseconds: t0 + 2 * second))
        #expect(patience.decide(changedNanoseconds: future, firstSeenNanoseconds: t0, hardLinked: false, nowNanoseconds: t0 + 2 * second)
            == .quarantine)
    }

    @Test func extremeValuesNeverOverflow() {
        let forever = RefusalPatience(settle: .seconds(Int64.max / 2), hardLinkPatience: .seconds(-5))
        #expect(forever.decide(changedNanoseconds: t0, firstSeenNanoseconds: t0, hardLinked: false, nowNanoseconds: t0)
            == .wait(untilNanoseconds: .max))
        #expect(forever.decide(changedNanoseconds: t0, firstSeenNanoseconds: t0, hardLinked: true, nowNanoseconds: t0) == .quarantine)
        #expect(patience.decide(changedNanoseconds: .min, firstSeenNanoseconds: t0, hardLinked: false, nowNanoseconds: t0) == .quarantine)
    }
}
