import Foundation
import Synchronization

/// Where one drop's time went, stage by stage, for one debug log line per drop (`drop timing`):
/// how a small drop waits while a large one runs (docs/performance.md, issue 15 goal 4).
///
/// Read on the real `ContinuousClock`: a measurement for the operator, never a decision.
final class DropTiming: Sendable {
    /// The timing of the walk running in this task, if it is measured.
    @TaskLocal static var current: DropTiming?

    private let state: Mutex<(last: ContinuousClock.Instant, stages: [(name: String, took: Duration)], receipt: Duration?)>
    private let started: ContinuousClock.Instant

    /// Starts measuring now; `before` is what passed before the appliance saw the drop (its wait in the inbox).
    init(before: [(name: String, took: Duration)] = []) {
        let now = ContinuousClock.now
        started = now - before.reduce(Duration.zero) { $0 + $1.took }
        state = Mutex((now, before, nil))
    }

    /// Ends the stage that ran since the previous mark, under `stage`.
    func mark(_ stage: String) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.stages.append((stage, now - state.last))
            state.last = now
        }
    }

    /// Ends `stage`, the one after which the department has its receipt.
    func markReceipt(_ stage: String) {
        mark(stage)
        let at = ContinuousClock.now - started
        state.withLock { $0.receipt = at }
    }

    /// Marks `stage` on the walk's timing, if it is measured.
    static func mark(_ stage: String) { current?.mark(stage) }

    /// `stage=milliseconds …`, then `receipt-ms=` (the inbox to the receipt) and `total-ms=`.
    var line: String {
        let total = ContinuousClock.now - started
        return state.withLock { state in
            (state.stages.map { "\($0.name)=\(Self.milliseconds($0.took))" }
                + (state.receipt.map { ["receipt-ms=\(Self.milliseconds($0))"] } ?? [])
                + ["total-ms=\(Self.milliseconds(total))"]).joined(separator: " ")
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        return String(format: "%.1f", Double(micros) / 1000)
    }
}
