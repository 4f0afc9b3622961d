/// Counters since the client was made (for tests, benchmarks and the status command).
public struct ClientStatistics: Sendable, Hashable {
    /// Requests the operations needed (a retried request counts once).
    public var requests = 0
    /// HTTP attempts made, retries included.
    public var attempts = 0
    /// Attempts that were retries.
    public var retries = 0
    /// New TCP connections libcurl opened (lower than ``attempts`` when connections are reused).
    public var newConnections = 0
    /// Response body bytes received.
    public var bodyBytes: Int64 = 0
    /// Responses that did not echo `X-Request-Id`.
    public var missingEchoes = 0

    public init() {}
}
