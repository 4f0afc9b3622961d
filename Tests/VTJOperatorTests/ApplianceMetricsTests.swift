import Foundation
import Testing
import VTJCore
@testable import VTJOperator

/// The catalogue as Prometheus text: names, labels, help lines, and labels that cannot carry personal data.
struct ApplianceMetricsTests {
    @Test func eventsAppearAsSeriesWithHelpAndTypeLines() {
        let metrics = ApplianceMetrics(departments: ["sivistys"])
        metrics.dropClaimed(department: "sivistys")
        metrics.dropPublished(department: "sivistys", outcome: .partial)
        metrics.personsWithheld(department: "sivistys", rule: .turvakielto, count: 2)
        metrics.interfaceCall(operation: "perustiedot", status: .http(503), latency: .milliseconds(300), at: Date(timeIntervalSince1970: 1000))
        metrics.interfaceCall(operation: "perustiedot", status: .noAnswer, latency: .seconds(10), at: Date(timeIntervalSince1970: 1001))
        metrics.interfaceCall(operation: "kirjausavain", status: .http(200), latency: .milliseconds(20), at: Date(timeIntervalSince1970: 1002))
        metrics.gate(open: false)
        let text = metrics.exposition()
        #expect(text.contains("# HELP vtjdrop_drops_claimed_total Drops claimed"))
        #expect(text.contains("# TYPE vtjdrop_drops_claimed_total counter"))
        #expect(text.contains("vtjdrop_drops_claimed_total{department=\"sivistys\"} 1"))
        #expect(text.contains("vtjdrop_drops_published_total{department=\"sivistys\",outcome=\"partial\"} 1"))
        #expect(text.contains("vtjdrop_persons_withheld_total{department=\"sivistys\",rule=\"turvakielto\"} 2"))
        #expect(text.contains("vtjdrop_interface_calls_total{operation=\"perustiedot\",status=\"503\"} 1"))
        #expect(text.contains("vtjdrop_interface_calls_total{operation=\"perustiedot\",status=\"no-answer\"} 1"))
        #expect(text.contains("vtjdrop_interface_call_duration_seconds_bucket{operation=\"perustiedot\",le=\"0.5\"} 1"))
        #expect(text.contains("vtjdrop_interface_call_duration_seconds_count{operation=\"perustiedot\"} 2"))
        #expect(text.contains("vtjdrop_interface_last_success_timestamp_seconds 1002"))
        #expect(text.contains("vtjdrop_gate_open 0"))
    }

    @Test func freeTextCannotBecomeALabel() {
        #expect(ApplianceMetrics.code("virheellinen-pyynto") == "virheellinen-pyynto")
        #expect(ApplianceMetrics.code("010594Y9032") == "other")
        #expect(ApplianceMetrics.code("lista 1.txt") == "other")
        let metrics = ApplianceMetrics()
        metrics.dropRefused(department: "sivistys", reason: "hetu 010594Y9032 rejected")
        #expect(!metrics.exposition().contains("010594Y9032"))
        #expect(metrics.exposition().contains("reason=\"other\""))
    }

    @Test func theSnapshotSetsTheStateGauges() {
        let metrics = ApplianceMetrics()
        let now = Date(timeIntervalSince1970: 2_000_000)
        var snapshot = HealthDecisionTests.snapshot(gate: Condition(code: "unreachable", since: now, detail: "x"))
        snapshot.departments = [DepartmentStatus(id: "sivistys", inInbox: 2, oldestInInboxAt: now.addingTimeInterval(-1200), inProgress: 1)]
        metrics.refresh(from: snapshot, now: now)
        let text = metrics.exposition()
        #expect(text.contains("vtjdrop_gate_open 0"))
        #expect(text.contains("vtjdrop_backlog_drops{department=\"sivistys\",stage=\"inbox\"} 2"))
        #expect(text.contains("vtjdrop_backlog_drops{department=\"sivistys\",stage=\"in-progress\"} 1"))
        #expect(text.contains("vtjdrop_backlog_oldest_age_seconds{department=\"sivistys\"} 1200"))
    }
}
