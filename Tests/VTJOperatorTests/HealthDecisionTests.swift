import Foundation
import Testing
import VTJOperator

/// `/healthz` and `/readyz` as decisions over fixed times: the window, the gate, the folders, the phases.
struct HealthDecisionTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func snapshot(daemon: DaemonPhase = .running, gate: Condition? = nil, intakeClosed: Condition? = nil,
                         lastSuccess: Date? = nil, lastFailure: Date? = nil, failures: Int = 0) -> OperatorSnapshot {
        OperatorSnapshot(
            takenAt: now, daemon: daemon, versions: [Version("vtjdrop", "test")],
            interface: InterfaceStatus(endpoint: "https://vtj.example/api/v1", wire: "json", gate: gate,
                                       lastSuccessAt: lastSuccess, lastFailureAt: lastFailure,
                                       lastFailure: lastFailure.map { _ in "HTTP 503 for lista-010594Y9032.txt" },
                                       consecutiveFailures: failures),
            intakeClosed: intakeClosed, departments: [DepartmentStatus(id: "sivistys")], schedule: ScheduleStatus(times: []))
    }

    let decision = HealthDecision(interfaceWindow: .seconds(600))

    @Test func aQuietApplianceIsHealthyHoweverOldItsLastCall() {
        let verdict = decision.health(.success(Self.snapshot(lastSuccess: Self.now.addingTimeInterval(-86_400))), now: Self.now)
        #expect(verdict.isHealthy)
        #expect(verdict.httpStatus == 200)
    }

    @Test func failuresWithinTheWindowAreHealthyAndBeyondItAreNot() {
        let within = Self.snapshot(lastSuccess: Self.now.addingTimeInterval(-300), lastFailure: Self.now.addingTimeInterval(-10), failures: 2)
        #expect(decision.health(.success(within), now: Self.now).isHealthy)
        let beyond = Self.snapshot(lastSuccess: Self.now.addingTimeInterval(-900), lastFailure: Self.now.addingTimeInterval(-10), failures: 7)
        let verdict = decision.health(.success(beyond), now: Self.now)
        #expect(!verdict.isHealthy)
        #expect(verdict.httpStatus == 503)
        #expect(verdict.reason.contains("has not answered for 15 min"), "\(verdict.reason)")
        #expect(verdict.reason.contains("7 failed call(s)"))
        #expect(!verdict.reason.contains("010594Y9032"), "the reason is masked: \(verdict.reason)")
        #expect(!verdict.description.contains("\n"))
    }

    @Test func aClosedGateOrIntakeOrAStoppedDaemonIsNotReady() {
        let since = Self.now.addingTimeInterval(-120)
        let gate = Self.snapshot(gate: Condition(code: "unreachable", since: since, detail: "the interface cannot be reached"))
        let ready = decision.readiness(.success(gate), now: Self.now)
        #expect(!ready.isHealthy)
        #expect(ready.reason.hasPrefix("interface gate closed for 2 min"), "\(ready.reason)")
        #expect(!decision.health(.success(gate), now: Self.now).isHealthy)
        let folders = Self.snapshot(intakeClosed: Condition(code: "folder-root-missing", since: since, detail: "inbox is gone"))
        #expect(decision.readiness(.success(folders), now: Self.now).reason.contains("intake closed"))
        #expect(decision.readiness(.success(Self.snapshot(daemon: .stopped)), now: Self.now).reason == "vtjdrop is not running")
        #expect(!decision.readiness(.success(Self.snapshot(daemon: .stopping)), now: Self.now).isHealthy)
        #expect(decision.readiness(.success(Self.snapshot()), now: Self.now).isHealthy)
    }

    @Test func anUnreadableStateIsUnhealthy() {
        let verdict = decision.health(.failure(SnapshotUnavailable("database is locked")), now: Self.now)
        #expect(verdict.description == "unhealthy: the state cannot be read: database is locked")
    }
}
