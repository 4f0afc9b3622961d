import Foundation
import Metrics
import Prometheus
import VTJCore

/// Every metric the appliance exposes on `/metrics`, each behind a typed function: the runtime
/// calls these and never names a metric itself.
///
/// Emitted through swift-metrics into a Prometheus registry of its own (no process-wide
/// bootstrap, so tests and the daemon never share one). Labels are departments (configured ids),
/// operations, outcomes, refusal codes and disclosure rules: never a henkilötunnus, a file name
/// or an error text, which would leak personal data and grow the series without bound.
public final class ApplianceMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    /// A fresh catalogue; the departments' series start at zero so dashboards see them before the first drop.
    public init(departments: [String] = []) {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[MetricName.interfaceCallSeconds] = MetricName.interfaceCallBuckets
        self.factory = factory
        for department in departments {
            counter(MetricName.dropsClaimed, ["department": department]).increment(by: 0)
            for outcome in PublicationOutcome.allCases {
                counter(MetricName.dropsPublished, ["department": department, "outcome": outcome.rawValue]).increment(by: 0)
            }
            for failure in DropFailure.allCases {
                counter(MetricName.dropsFailed, ["department": department, "failure": failure.rawValue]).increment(by: 0)
            }
            counter(MetricName.resultBytes, ["department": department]).increment(by: 0)
        }
        counter(MetricName.journalWriteFailures, [:]).increment(by: 0)
        counter(MetricName.auditWriteFailures, [:]).increment(by: 0)
    }

    // MARK: - Drops

    /// A drop was claimed from the department's inbox.
    public func dropClaimed(department: String) {
        counter(MetricName.dropsClaimed, ["department": department]).increment()
    }

    /// A drop's result (or receipt) was published.
    public func dropPublished(department: String, outcome: PublicationOutcome) {
        counter(MetricName.dropsPublished, ["department": department, "outcome": outcome.rawValue]).increment()
    }

    /// A drop was refused; `reason` is the receipt's `syykoodi` (`virheellinen-pyynto`, …).
    public func dropRefused(department: String, reason: String) {
        counter(MetricName.dropsRefused, ["department": department, "reason": Self.code(reason)]).increment()
    }

    /// An attempt at a drop failed (it waits for a retry), or the drop failed for good.
    public func dropFailed(department: String, failure: DropFailure) {
        counter(MetricName.dropsFailed, ["department": department, "failure": failure.rawValue]).increment()
    }

    /// `count` henkilötunnus were sent to the interface for the department (in any message).
    public func henkilotunnusQueried(department: String, count: Int) {
        guard count > 0 else { return }
        counter(MetricName.henkilotunnusQueried, ["department": department]).increment(by: count)
    }

    /// `count` persons had data withheld under `rule` in a published result.
    public func personsWithheld(department: String, rule: WithholdingRule, count: Int) {
        guard count > 0 else { return }
        counter(MetricName.personsWithheld, ["department": department, "rule": rule.rawValue]).increment(by: count)
    }

    /// `bytes` of results and receipts were published into the department's outbox.
    public func resultBytesWritten(department: String, bytes: Int) {
        guard bytes > 0 else { return }
        counter(MetricName.resultBytes, ["department": department]).increment(by: bytes)
    }

    // MARK: - Interface

    /// One HTTP call to the interface ended (`operation` is the wire's name: `perustiedot`, `muutokset`, `kirjausavain`).
    public func interfaceCall(operation: String, status: InterfaceCallStatus, latency: Duration, at date: Date) {
        let operation = Self.code(operation)
        counter(MetricName.interfaceCalls, ["operation": operation, "status": status.label]).increment()
        Metrics.Timer(label: MetricName.interfaceCallSeconds, dimensions: [("operation", operation)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(latency))
        if status.isSuccess { interfaceAnswered(at: date) }
    }

    /// The client retried a call (after a transient failure).
    public func retry(operation: String) {
        counter(MetricName.interfaceRetries, ["operation": Self.code(operation)]).increment()
    }

    /// When the interface last answered a call successfully.
    public func interfaceAnswered(at date: Date) {
        gauge(MetricName.interfaceLastSuccess, [:]).record(date.timeIntervalSince1970)
    }

    /// The interface gate opened (1) or closed (0).
    public func gate(open: Bool) {
        gauge(MetricName.gateOpen, [:]).record(open ? 1 : 0)
    }

    // MARK: - Backlog and the state

    /// The department's waiting drops (inbox and claimed), and how long the oldest has waited (0 when none).
    public func backlog(department: String, inInbox: Int, inProgress: Int, oldestAge: Duration?) {
        gauge(MetricName.backlog, ["department": department, "stage": "inbox"]).record(inInbox)
        gauge(MetricName.backlog, ["department": department, "stage": "in-progress"]).record(inProgress)
        gauge(MetricName.backlogOldestAge, ["department": department])
            .record(oldestAge.map { max(0, Double($0.components.seconds)) } ?? 0)
    }

    /// A journal write failed (the drop's progress may not be recorded).
    public func journalWriteFailed() { counter(MetricName.journalWriteFailures, [:]).increment() }

    /// An audit log write failed.
    public func auditWriteFailed() { counter(MetricName.auditWriteFailures, [:]).increment() }

    // MARK: - Handles

    private func counter(_ name: String, _ labels: KeyValuePairs<String, String>) -> Metrics.Counter {
        Metrics.Counter(label: name, dimensions: labels.map { ($0.key, $0.value) }, factory: factory)
    }

    private func gauge(_ name: String, _ labels: KeyValuePairs<String, String>) -> Metrics.Gauge {
        Metrics.Gauge(label: name, dimensions: labels.map { ($0.key, $0.value) }, factory: factory)
    }

    /// A label value from a code: lower-case letters, digits and dashes, at most 40 (anything else is `other`),
    /// so a caller's mistake cannot put free text, a file name or a henkilötunnus into a label.
    static func code(_ text: String) -> String {
        let valid = !text.isEmpty && text.count <= 40
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        return valid ? text : "other"
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds) * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
