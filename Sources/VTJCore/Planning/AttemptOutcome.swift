/// What one attempt at an interface call came to, as the transport saw it.
public enum AttemptOutcome: Hashable, Sendable {
    /// A 2xx whose body was read completely.
    case success
    /// A non-2xx status with the raw `Retry-After` header and the `virhe` body, when present.
    case httpStatus(Int, retryAfter: String? = nil, virhe: InterfaceErrorBody? = nil)
    /// The transfer itself failed (no complete response).
    case transport(TransportProblem, detail: String)
    /// A 2xx whose body is not well-formed or not this profile (usually a cut transfer).
    case unreadableBody(String)
    /// An X-Road security server answered for the service (`X-Road-Error`, or a SOAP fault).
    case gateway(XRoadFault)
    /// The service answered with a return code about the whole call (the SOAP wire's `Paluukoodi`).
    case service(ServiceReturnCode)
}

/// Kinds of transfer failure, as the HTTP adapter maps its library's error codes.
public enum TransportProblem: String, Hashable, Sendable {
    /// Could not connect (refused, unreachable, name not resolved).
    case connect
    /// The connect or total timeout ran out.
    case timeout
    /// The body ended before its announced end (partial transfer, connection dropped).
    case truncated
    /// TLS failed: certificate, key or CA bundle unusable, or the peer's certificate not trusted.
    case tls
    /// The request cannot be made as configured (bad URL, unsupported scheme).
    case configuration
    /// The body grew past the configured cap (`vtj.max_response_bytes`) and was cut off.
    case tooLarge
    /// Anything else on the wire (reset, send or receive error).
    case other

    /// Whether trying again can help; configuration and TLS trust problems need a person.
    public var isTransient: Bool {
        switch self {
        // An oversized body is kept queued: the upstream may misbehave for a while, and a cap the
        // operator raises helps the same drop; each attempt stops at the cap, so retrying costs little.
        case .connect, .timeout, .truncated, .tooLarge, .other: true
        case .tls, .configuration: false
        }
    }
}
