import Synchronization

/// What the sandbox has served: requests per operation, faults per kind, responses per status.
public struct SandboxCounters: Sendable, Hashable, Codable {
    /// `kirjausavain`, `perustiedot`, `muutokset`, `unknown`.
    public var requests: [String: Int] = [:]
    /// `latency`, `serverError`, `unavailable`, `rateLimited`, `truncated`, `unauthorized`.
    public var faults: [String: Int] = [:]
    /// By HTTP status code, as text (`"200"`, `"429"`…).
    public var statuses: [String: Int] = [:]
    /// The most SOAP queries the sandbox was answering at the same moment (what a client's
    /// `vtj.parallelism` must bound).
    public var soapInFlightPeak = 0

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

    private let inFlight = Mutex(0)

    /// Counts a SOAP query as being answered until `body` returns, keeping the peak.
    func answeringSOAP<T>(_ body: () async throws -> T) async rethrows -> T {
        let now = inFlight.withLock { count in
            count += 1
            return count
        }
        counters.withLock { $0.soapInFlightPeak = max($0.soapInFlightPeak, now) }
        defer { inFlight.withLock { $0 -= 1 } }
        return try await body()
    }
}
