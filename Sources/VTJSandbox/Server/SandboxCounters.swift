import Synchronization

/// What the sandbox has served: requests per operation, faults per kind, responses per status.
public struct SandboxCounters: Sendable, Hashable, Codable {
    /// `kirjausavain`, `perustiedot`, `muutokset`, `unknown`.
    public var requests: [String: Int] = [:]
    /// `latency`, `serverError`, `unavailable`, `rateLimited`, `truncated`, `unauthorized`.
    public var faults: [String: Int] = [:]
    /// By HTTP status code, as text (`"200"`, `"429"`…).
    public var statuses: [String: Int] = [:]

    /// All counters zero.
    public init() {}

    /// Requests of one operation.
    public func requests(_ operation: String) -> Int { requests[operation] ?? 0 }
    /// Faults of one kind.
    public func faults(_ kind: String) -> Int { faults[kind] ?? 0 }
    /// Responses with one status.
    public func responses(_ status: Int) -> Int { statuses[String(status)] ?? 0 }
}

/// The counters behind a lock.
final class CounterStore: Sendable {
    private let counters = Mutex(SandboxCounters())

    var snapshot: SandboxCounters { counters.withLock { $0 } }

    func reset() { counters.withLock { $0 = SandboxCounters() } }

    func request(_ operation: String) { counters.withLock { $0.requests[operation, default: 0] += 1 } }
    func fault(_ kind: String) { counters.withLock { $0.faults[kind, default: 0] += 1 } }
    func status(_ code: Int) { counters.withLock { $0.statuses[String(code), default: 0] += 1 } }
}
