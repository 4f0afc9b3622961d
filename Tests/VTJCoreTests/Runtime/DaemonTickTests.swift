import Testing
import VTJCore

/// The daemon's turn as a value: gate, scan, probe, schedule and retention on a fake monotonic time.
@Suite struct DaemonTickTests {
    let tick = DaemonTick(scanInterval: .seconds(10))

    @Test func anOpenGateScansWhenDueTakesRetriesAndServes() {
        let early = tick.decide(.init(now: .seconds(5), gate: InterfaceGate(), nextScan: .seconds(10), lastRetention: .zero))
        #expect(!early.scan && early.takeDueRetries && early.serve && early.probe == nil && !early.retention)
        #expect(tick.wake(now: .seconds(5), nextScan: early.nextScan) == .seconds(6), "never asleep longer than a second")
        let due = tick.decide(.init(now: .seconds(10), gate: InterfaceGate(), nextScan: .seconds(10), lastRetention: .zero))
        #expect(due.scan)
        let hinted = tick.decide(.init(now: .seconds(2), gate: InterfaceGate(), nextScan: .seconds(10), scanSoon: true, lastRetention: .zero))
        #expect(hinted.scan, "the interface answered again: scan at once")
    }

    @Test func afterAScanTheNextComesAtTheIntervalAtOnceWhenItClaimedOrWhenAFileMaySettle() {
        #expect(tick.nextScan(now: .seconds(20), claimed: 0, nextCheck: nil) == .seconds(30))
        #expect(tick.nextScan(now: .seconds(20), claimed: 2, nextCheck: nil) == .seconds(20))
        #expect(tick.nextScan(now: .seconds(20), claimed: 0, nextCheck: .seconds(23)) == .seconds(23))
    }

    /// A closed gate sleeps until its pause ends — never a turn per scan time already past (that spun
    /// a core while closed) — then sends one probe: a waiting drop, or the cheap call while the
    /// interface refuses the appliance or no drop waits.
    @Test func aClosedGateSleepsThenProbesOnce() {
        var gate = InterfaceGate(threshold: 1, backoff: Backoff(first: .seconds(30), maximum: .seconds(60)))
        gate.recordFailure(now: .seconds(100), stopsNewWork: false)
        let closed = tick.decide(.init(now: .seconds(110), gate: gate, nextScan: .seconds(101), hasWaitingDrop: true, lastRetention: .zero))
        #expect(!closed.scan && !closed.takeDueRetries && !closed.serve && closed.probe == nil)
        #expect(closed.nextScan == .seconds(130))
        let probing = tick.decide(.init(now: .seconds(130), gate: gate, nextScan: .seconds(130), hasWaitingDrop: true, lastRetention: .zero))
        #expect(probing.probe == .drop && !probing.scan && !probing.serve)
        #expect(probing.nextScan == .milliseconds(130_250), "looks again shortly for the probe's answer")
        let inFlight = tick.decide(.init(now: .seconds(131), gate: gate, nextScan: .seconds(130), probeInFlight: true,
                                         hasWaitingDrop: true, lastRetention: .zero))
        #expect(inFlight.probe == nil, "one probe at a time")
        #expect(tick.decide(.init(now: .seconds(130), gate: gate, nextScan: .zero, lastRetention: .zero)).probe == .cheapCall)
        gate.recordFailure(now: .seconds(131), stopsNewWork: true)
        gate.probeSoon(now: .seconds(132))
        #expect(tick.decide(.init(now: .seconds(132), gate: gate, nextScan: .zero, hasWaitingDrop: true, lastRetention: .zero)).probe == .cheapCall,
                "a refusing interface is probed with the cheap call")
    }

    @Test func closedIntakeDoesNothingButWaitsAScanInterval() {
        let decision = tick.decide(.init(now: .seconds(50), gate: InterfaceGate(), intakeClosed: true, nextScan: .zero, scanSoon: true,
                                         hasWaitingDrop: true, lastRetention: .seconds(49)))
        #expect(decision.intakeClosed && !decision.scan && !decision.takeDueRetries && !decision.serve && decision.probe == nil)
        #expect(decision.nextScan == .seconds(60))
    }

    @Test func retentionRunsAtStartThenHourly() {
        #expect(tick.decide(.init(now: .seconds(1), gate: InterfaceGate(), nextScan: .zero)).retention)
        #expect(!tick.decide(.init(now: .seconds(3599), gate: InterfaceGate(), nextScan: .zero, lastRetention: .zero)).retention)
        #expect(tick.decide(.init(now: .seconds(3600), gate: InterfaceGate(), nextScan: .zero, lastRetention: .zero)).retention)
    }
}
