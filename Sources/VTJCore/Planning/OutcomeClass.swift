/// How the profile's error table (section 2.4) classifies an attempt.
public enum OutcomeClass: Hashable, Sendable {
    case success
    case transient(TransientReason)
    case permanent(PermanentReason)
}

/// Why an attempt failed in a way that another attempt may fix.
public enum TransientReason: Hashable, Sendable, CustomStringConvertible {
    /// 429, with the server's requested pause when it sent a usable `Retry-After`.
    case rateLimited(retryAfter: Duration?)
    /// 5xx (or 408): server or gateway trouble; a 503's usable `Retry-After` is kept.
    case serverError(status: Int, virhe: InterfaceErrorBody?, retryAfter: Duration? = nil)
    /// The transfer failed: connection refused, timeout, cut body, reset.
    case transport(TransportProblem, detail: String)
    /// A 2xx whose body is not well-formed or not the profile.
    case unreadableBody(String)
    /// A security server's fault that may pass (network, maintenance).
    case gateway(XRoadFault)
    /// The service's own internal error, told by a return code (`-1800` on the SOAP wire).
    case service(ServiceReturnCode)

    /// The pause the server asked for (429, or 503 with `Retry-After`), when it named one.
    public var requestedWait: Duration? {
        switch self {
        case .rateLimited(let wait), .serverError(_, _, let wait): wait
        case .transport, .unreadableBody, .gateway, .service: nil
        }
    }

    public var description: String {
        switch self {
        case .rateLimited(let wait):
            wait.map { "rate limited (429, Retry-After \($0.wholeSeconds) s)" } ?? "rate limited (429)"
        case .serverError(let status, let virhe, let wait):
            "server error \(status)" + (wait.map { ", Retry-After \($0.wholeSeconds) s" } ?? "") + (virhe.map { " (\($0))" } ?? "")
        case .transport(let problem, let detail):
            "transfer failed (\(problem.rawValue)): \(detail)"
        case .unreadableBody(let reason):
            "response body unreadable (truncated or not the profile): \(reason)"
        case .gateway(let fault):
            "\(fault)"
        case .service(let code):
            "\(code)"
        }
    }
}

/// Why an attempt failed in a way that retrying cannot fix.
public enum PermanentReason: Hashable, Sendable, CustomStringConvertible {
    /// 401 or 403: bad credentials or not licensed; stop claiming new work until the config changes.
    case unauthorized(status: Int, virhe: InterfaceErrorBody?)
    /// 400, 404 and other refusals: the message or path is wrong.
    case rejected(status: Int, virhe: InterfaceErrorBody?)
    /// The transfer cannot work as configured (TLS trust, certificate files, URL).
    case transport(TransportProblem, detail: String)
    /// A security server's fault that needs a person (client unknown, access denied, …).
    case gateway(XRoadFault)
    /// A return code about the whole call that needs a person (credentials, product, the request's form).
    case service(ServiceReturnCode)

    /// The HTTP status, when the server answered.
    public var status: Int? {
        switch self {
        case .unauthorized(let status, _), .rejected(let status, _): status
        case .transport, .gateway, .service: nil
        }
    }

    /// The server's `virhe`, when it sent one.
    public var virhe: InterfaceErrorBody? {
        switch self {
        case .unauthorized(_, let virhe), .rejected(_, let virhe): virhe
        case .transport, .gateway, .service: nil
        }
    }

    public var description: String {
        switch self {
        case .unauthorized(let status, let virhe):
            "refused with \(status)" + (virhe.map { " (\($0))" } ?? "")
        case .rejected(let status, let virhe):
            "rejected with \(status)" + (virhe.map { " (\($0))" } ?? "")
        case .transport(let problem, let detail):
            "transfer impossible as configured (\(problem.rawValue)): \(detail)"
        case .gateway(let fault):
            "\(fault)"
        case .service(let code):
            "\(code)"
        }
    }
}

extension Duration {
    /// Whole seconds, rounded down (for messages).
    public var wholeSeconds: Int64 { components.seconds }

    /// Whole milliseconds, rounded down (log figures, libcurl's millisecond options).
    public var wholeMilliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }

    /// Whole seconds, rounded up (a wait is never announced shorter than it is).
    public var wholeSecondsUp: Int64 { components.seconds + (components.attoseconds > 0 ? 1 : 0) }

    /// Seconds as a floating-point number (for Foundation dates at the runtime's edge).
    public var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
