import Testing
import VTJCore

/// Which interface health notes reach the journal: every failure, one success per interval.
@Suite("HealthNotePace")
struct HealthNotePaceTests {
    let t0 = ContinuousClock.now

    /// Feeds `calls` (succeeded, milliseconds after t0) in order; answers which were written.
    func written(_ calls: [(Bool, Int)]) -> [Bool] {
        var pace = HealthNotePace<ContinuousClock.Instant>(interval: .seconds(1))
        return calls.map { pace.shouldWrite(succeeded: $0.0, at: t0 + .milliseconds($0.1)) }
    }

    @Test("a success within the interval of the last one written is not written again")
    func successesThinned() {
        // The fourth is a second after the first written, not after the last skipped.
        #expect(written([(true, 0), (true, 400), (true, 999), (true, 1000), (true, 1500)]) == [true, false, false, true, false])
    }

    @Test("every failure is written, and the first success after one")
    func failuresAlwaysAndTheSuccessAfter() {
        // status must not show a failure as the latest once the interface answered again.
        #expect(written([(true, 0), (false, 10), (false, 20), (true, 30), (true, 40)]) == [true, true, true, true, false])
    }
}
