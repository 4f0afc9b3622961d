import Testing
import VTJCore

@Suite struct InterfaceGateTests {
    @Test func staysOpenBelowTheThreshold() {
        var gate = InterfaceGate(threshold: 3)
        gate.recordFailure(now: 0, stopsNewWork: false)
        gate.recordFailure(now: 1, stopsNewWork: false)
        #expect(gate.decide(now: 2) == .claim)
        gate.recordSuccess()
        gate.recordFailure(now: 3, stopsNewWork: false)
        gate.recordFailure(now: 4, stopsNewWork: false)
        #expect(gate.decide(now: 5) == .claim)
    }

    @Test func closesAfterThresholdThenProbesWithGrowingPauses() {
        var gate = InterfaceGate(threshold: 3, firstPause: 30, maximumPause: 100)
        for t in 0..<3 { gate.recordFailure(now: Double(t), stopsNewWork: false) }
        #expect(gate.decide(now: 10) == .wait(until: 32))
        #expect(gate.decide(now: 32) == .probe)
        gate.recordFailure(now: 32, stopsNewWork: false)  // probe failed
        #expect(gate.decide(now: 33) == .wait(until: 92))
        gate.recordFailure(now: 92, stopsNewWork: false)
        #expect(gate.decide(now: 93) == .wait(until: 192))  // capped at 100 s
        gate.recordSuccess()
        #expect(gate.decide(now: 94) == .claim)
        #expect(gate.isOpen)
    }

    @Test func badCredentialsCloseAtOnce() {
        var gate = InterfaceGate(threshold: 5, firstPause: 60)
        gate.recordFailure(now: 100, stopsNewWork: true)
        #expect(!gate.isOpen)
        #expect(gate.decide(now: 159) == .wait(until: 160))
        #expect(gate.decide(now: 160) == .probe)
    }

    // Found by scripts/fault-test (unauthorized): two drops refused with 401 at the same moment
    // doubled the pause, so the interface was probed 60 s after the credentials were fixed, not 30 s.
    @Test func failuresOfWorkInFlightDoNotLengthenThePause() {
        var gate = InterfaceGate(threshold: 3, firstPause: 30, maximumPause: 600)
        gate.recordFailure(now: 100, stopsNewWork: true)
        gate.recordFailure(now: 100.2, stopsNewWork: true)
        for t in 0..<5 { gate.recordFailure(now: 101 + Double(t), stopsNewWork: false) }
        #expect(gate.decide(now: 110) == .wait(until: 130))
        #expect(gate.decide(now: 130) == .probe)
        gate.recordFailure(now: 130, stopsNewWork: false)  // the probe failed: now the pause grows
        #expect(gate.decide(now: 131) == .wait(until: 190))
    }

    @Test func aRefusalAsksForACheapProbeUntilACallSucceeds() {
        var gate = InterfaceGate(threshold: 3, firstPause: 30)
        for t in 0..<3 { gate.recordFailure(now: Double(t), stopsNewWork: false) }
        #expect(!gate.isOpen)
        #expect(!gate.stoppedByRefusal)
        gate.recordFailure(now: 5, stopsNewWork: true)
        #expect(gate.stoppedByRefusal)
        gate.recordFailure(now: 40, stopsNewWork: false)  // a failed cheap probe keeps it so
        #expect(gate.stoppedByRefusal)
        gate.recordSuccess()
        #expect(!gate.stoppedByRefusal)
        #expect(gate.decide(now: 41) == .claim)
    }

    /// The start-up check: one failed probe closes the gate at once (no drop need fail first), and
    /// an edited password file brings the next probe forward.
    @Test func aFailedProbeClosesAtOnceAndCanBeBroughtForward() {
        var gate = InterfaceGate(threshold: 3, firstPause: 30, maximumPause: 600)
        gate.recordProbeFailure(now: 0, stopsNewWork: true)
        #expect(!gate.isOpen && gate.stoppedByRefusal)
        #expect(gate.decide(now: 1) == .wait(until: 30))
        gate.probeSoon(now: 5)
        #expect(gate.decide(now: 5) == .probe)
        gate.recordProbeFailure(now: 5, stopsNewWork: true)
        #expect(gate.decide(now: 6) == .wait(until: 65), "the pause grows with each failed probe")
        gate.recordSuccess()
        #expect(gate.decide(now: 7) == .claim)
        gate.probeSoon(now: 8)
        #expect(gate.isOpen, "an open gate stays open")
    }
}
