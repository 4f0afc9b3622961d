/// One HTTP attempt at the interface as the operator's metrics see it: which operation, what
/// came back and how long it took. No henkilötunnus, no body, no credentials.
public struct CallRecord: Sendable, Hashable {
    /// The operation (`perustiedot`, `muutokset`, `kirjausavain`, …).
    public var operation: VTJOperation
    /// The HTTP status; nil when no answer came (connection, TLS, timeout).
    public var status: Int?
    /// From sending the request to the end of the body (parsing included on success).
    public var duration: Duration
    /// Whether the client will try this call again (a retry follows).
    public var willRetry: Bool
    /// Henkilötunnus the message carried (`perustiedot` by hetu; 0 for other calls).
    public var hetus: Int

    public init(operation: VTJOperation, status: Int?, duration: Duration, willRetry: Bool, hetus: Int = 0) {
        self.operation = operation
        self.status = status
        self.duration = duration
        self.willRetry = willRetry
        self.hetus = hetus
    }

    /// Whether the interface answered (2xx).
    public var succeeded: Bool { status.map { (200...299).contains($0) } ?? false }
}

/// Told of every attempt the client makes (the runtime feeds its metrics from it). Called on the
/// caller's task right after the attempt: keep it cheap and never block.
public typealias CallObserver = @Sendable (CallRecord) -> Void
