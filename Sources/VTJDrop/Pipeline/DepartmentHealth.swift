import Synchronization

/// Departments whose folders could not be made ready (a read-only or missing outbox): they are not
/// scanned or claimed from — their drops wait in the inbox — while every other department is
/// served, and they are tried again every minute until they work. Before, one department's
/// read-only outbox stopped the whole appliance at start.
package final class DepartmentHealth: Sendable {
    private struct Failure {
        var problem: String
        var retryAt: ContinuousClock.Instant
    }

    private let failures = Mutex<[String: Failure]>([:])
    /// How long a failed department waits before its folders are tried again.
    static let retryInterval: Duration = .seconds(60)

    package init() {}

    /// Departments not served now, with why.
    package var failed: [String: String] { failures.withLock { $0.mapValues(\.problem) } }

    /// Marks `department` as not served until a later try works.
    func fail(_ department: String, problem: String, now: ContinuousClock.Instant) {
        failures.withLock { $0[department] = Failure(problem: problem, retryAt: now + Self.retryInterval) }
    }

    /// Whether `department` is served; when not and a new try is due, `retry` runs (nil = fixed).
    /// Returns the state after any retry, and whether it changed.
    func check(_ department: String, now: ContinuousClock.Instant, retry: () -> String?) -> (served: Bool, changed: Bool) {
        failures.withLock { failures in
            guard let failure = failures[department] else { return (true, false) }
            guard now >= failure.retryAt else { return (false, false) }
            if let problem = retry() {
                failures[department] = Failure(problem: problem, retryAt: now + Self.retryInterval)
                return (false, false)
            }
            failures[department] = nil
            return (true, true)
        }
    }
}
