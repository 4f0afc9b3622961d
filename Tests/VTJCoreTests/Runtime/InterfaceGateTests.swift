import Testing
import VTJCore

@Suite struct InterfaceGateTests {
    @Test func staysOpenBelowTheThreshold() {
        var gate = InterfaceGate(threshold: 3)
        gate.recordFailure(now: .seconds(0), stopsNewWork: false)
        gate.recordFailure(now: .seconds(1), stopsNewWork: false)
        #expect(gate.decide(now: .seconds(2)) == .claim)
        gate.recordSuccess()
        gate.recordFailure(now: .seconds(3), stopsNewWork: false)
        gate.recordFailure(now: .seconds(4), stopsNewWork: false)
        #expect(gate.decide(now: .seconds(5)) == .claim)
    }

    @Test func closesAfterThresholdThenProbesWithGrowingPauses() {
        var gate = InterfaceGate(threshold: 3, backoff: Backoff(first: .seconds(30), maximum: .seconds(100)))
        for t in 0..<3 { gate.recordFailure(now: .seconds(t), stopsNewWork: false) }
        #expect(gate.decide(now: .seconds(10)) == .wait(until: .seconds(32)))
        #expect(gate.decide(now: .seconds(32)) == .probe)
        gate.recordFailure(now: .seconds(32), stopsNewWork: false)  // probe failed
        #expect(gate.decide(now: .seconds(33)) == .wait(until: .seconds(92)))
        gate.recordFailure(now: .seconds(92), stopsNewWork: false)
        #expect(gate.decide(now: .seconds(93)) == .wait(until: .seconds(192)))  // capped at 100 s
        gate.recordSuccess()
        #expect(gate.decide(now: .seconds(94)) == .claim)
        #expect(gate.isOpen)
    }

    @Test func badCredentialsCloseAtOnce() {
        var gate = InterfaceGate(threshold: 5, backoff: Backoff(first: .seconds(60), maximum: .seconds(600)))
        gate.recordFailure(now: .seconds(100), stopsNewWork: true)
        #expect(!gate.isOpen)
        #expect(gate.decide(now: .seconds(159)) == .wait(until: .seconds(160)))
        #expect(gate.decide(now: .seconds(160)) == .probe)
    }

    // Found by scripts/fault-test (unauthorized): two drops refused with 401 at the same moment
    // doubled the pause, so the interface was probed 60 s after the credentials were fixed, not 30 s.
    @Test func failuresOfWorkInFlightDoNotLengthenThePause() {
        var gate = InterfaceGate(threshold: 3, backoff: Backoff(first: .seconds(30), maximum: .seconds(600)))
        gate.recordFailure(now: .seconds(100), stopsNewWork: true)
        gate.recordFailure(now: .milliseconds(100_200), stopsNewWork: true)
        for t in 0..<5 { gate.recordFailure(now: .seconds(101 + t), stopsNewWork: false) }
        #expect(gate.decide(now: .seconds(110)) == .wait(until: .seconds(130)))
        #expect(gate.decide(now: .seconds(130)) == .probe)
        gate.recordFailure(now: .seconds(130), stopsNewWork: false)  // the probe failed: now the pause grows
        #expect(gate.decide(now: .seconds(131)) == .wait(until: .seconds(190)))
    }

    @Test func aRefusalAsksForACheapProbeUntilACallSucceeds() {
        var gate = InterfaceGate(threshold: 3, backoff: Backoff(first: .seconds(30), maximum: .seconds(600)))
        for t in 0..<3 { gate.recordFailure(now: .seconds(t), stopsNewWork: false) }
        #expect(!gate.isOpen)
        #expect(!gate.stoppedByRefusal)
        gate.recordFailure(now: .seconds(5), stopsNewWork: true)
        #expect(gate.stoppedByRefusal)
        gate.recordFailure(now: .seconds(40), stopsNewWork: false)  // a failed cheap probe keeps it so
        #expect(gate.stoppedByRefusal)
        gate.recordSuccess()
        #expect(!gate.stoppedByRefusal)
        #expect(gate.decide(now: .seconds(41)) == .claim)
    }

    /// The start-up check: one failed probe closes the gate at once (no drop need fail first), and
    /// an edited password file brings the next probe forward.
    @Test func aFailedProbeClosesAtOnceAndCanBeBroughtForward() {
        var gate = InterfaceGate(threshold: 3, backoff: Backoff(first: .seconds(30), maximum: .seconds(600)))
        gate.recordProbeFailure(now: .seconds(0), stopsNewWork: true)
        #expect(!gate.isOpen && gate.stoppedByRefusal)
        #expect(gate.decide(now: .seconds(1)) == .wait(until: .seconds(30)))
        gate.probeSoon(now: .seconds(5))
        #expect(gate.decide(now: .seconds(5)) == .probe)
        gate.recordProbeFailure(now: .seconds(5), stopsNewWork: true)
        #expect(gate.decide(now: .seconds(6)) == .wait(until: .seconds(65)), "the pause grows with each failed probe")
        gate.recordSuccess()
        #expect(gate.decide(now: .seconds(7)) == .claim)
        gate.probeSoon(now: .seconds(8))
        #expect(gate.isOpen, "an open gate stays open")
    }
}

@Suite struct BackoffTests {
    @Test func doublesFromTheFirstWaitUpToTheMaximum() {
        let backoff = Backoff(first: .seconds(30), maximum: .seconds(100))
        #expect((0...5).map { backoff.delay(afterFailures: $0) }
                == [.seconds(30), .seconds(30), .seconds(60), .seconds(100), .seconds(100), .seconds(100)])
    }

    /// The drop's rule as `DropProcessor.wait` applied it inline before (30 s · 2ⁿ, at most 30 min,
    /// n the attempts already journaled), and the gate's pauses (30 s doubling, at most 10 min).
    @Test func theDropAndGateRulesKeepTheirFigures() {
        #expect((1...8).map { Backoff.drop.delay(afterFailures: $0) }
                == [30, 60, 120, 240, 480, 960, 1800, 1800].map { Duration.seconds($0) })
        #expect((1...6).map { Backoff.gate.delay(afterFailures: $0) }
                == [30, 60, 120, 240, 480, 600].map { Duration.seconds($0) })
        #expect(Backoff.drop.delay(afterFailures: 1_000) == .seconds(1800), "no overflow however long it fails")
    }
}
