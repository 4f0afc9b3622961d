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
}
