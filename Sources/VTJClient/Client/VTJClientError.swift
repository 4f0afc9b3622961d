import VTJCore

/// Why an interface operation failed; ``isTransient`` says whether the work may be retried later.
public enum VTJClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The client configuration cannot work (base URL, files, temporary directory).
    case configuration(String)
    /// The caller asked for something the profile forbids (caught before sending).
    case invalidRequest(String)
    /// 401 or 403: bad credentials or not licensed.
    case refused(VTJOperation, status: Int, virhe: InterfaceErrorBody?, messageID: String)
    /// 400, 404 or another refusal: the message or path is wrong.
    case rejected(VTJOperation, status: Int, virhe: InterfaceErrorBody?, messageID: String)
    /// TLS or URL problems that retrying cannot fix.
    case transportMisconfigured(VTJOperation, problem: TransportProblem, detail: String, messageID: String)
    /// An X-Road security server refused the call in a way a person must fix (client unknown,
    /// access denied, service unknown, client certificate not accepted, protocol broken).
    case gatewayRefused(VTJOperation, fault: XRoadFault, messageID: String)
    /// The interface answered with a return code about the whole call that retrying cannot fix (the
    /// SOAP wire's `Paluukoodi`: credentials, product, billing, the request's form).
    case serviceRefused(VTJOperation, code: ServiceReturnCode, messageID: String)
    /// Every attempt failed transiently (5xx, 429, cut bodies, connection trouble).
    case unavailable(VTJOperation, attempts: Int, last: TransientReason, messageID: String)
    /// The server asked to wait longer than the retry policy allows.
    case rateLimited(VTJOperation, retryAfter: Duration, messageID: String)
    /// A well-formed response that breaks the paging rules (no key, a key that does not advance).
    case unexpectedResponse(VTJOperation, detail: String, messageID: String)
    /// The task was cancelled.
    case cancelled

    /// Whether the same work may succeed later and should stay queued.
    public var isTransient: Bool {
        switch self {
        case .unavailable, .rateLimited, .cancelled: true
        case .configuration, .invalidRequest, .refused, .rejected, .transportMisconfigured, .gatewayRefused, .unexpectedResponse,
            .serviceRefused: false
        }
    }

    /// Whether retrying the same request cannot help.
    public var isPermanent: Bool { !isTransient }

    /// Whether no new work should be started until the configuration changes (401/403, or a
    /// security server that refuses the client, the service or the certificate).
    public var stopsNewWork: Bool {
        switch self {
        case .refused, .gatewayRefused: true
        case .serviceRefused(_, let code, _): code.stopsNewWork
        default: false
        }
    }

    /// The HTTP status of the final answer, when there was one.
    public var status: Int? {
        switch self {
        case .refused(_, let status, _, _), .rejected(_, let status, _, _): status
        case .unavailable(_, _, .serverError(let status, _, _), _): status
        case .unavailable(_, _, .rateLimited, _), .rateLimited: 429
        case .gatewayRefused(_, let fault, _), .unavailable(_, _, .gateway(let fault), _): fault.status
        default: nil
        }
    }

    /// The server's `virhe` text, when it sent one.
    public var serverMessage: String? {
        switch self {
        case .refused(_, _, let virhe, _), .rejected(_, _, let virhe, _): virhe?.description
        case .unavailable(_, _, .serverError(_, let virhe, _), _): virhe?.description
        case .gatewayRefused(_, let fault, _): fault.description
        case .serviceRefused(_, let code, _), .unavailable(_, _, .service(let code), _): code.description
        default: nil
        }
    }

    /// The `X-Request-Id` of the last attempt (for the interface's support).
    public var messageID: String? {
        switch self {
        case .refused(_, _, _, let id), .rejected(_, _, _, let id), .transportMisconfigured(_, _, _, let id), .gatewayRefused(_, _, let id),
            .unavailable(_, _, _, let id), .rateLimited(_, _, let id), .unexpectedResponse(_, _, let id), .serviceRefused(_, _, let id):
            id
        case .configuration, .invalidRequest, .cancelled: nil
        }
    }

    public var description: String {
        switch self {
        case .configuration(let reason):
            "VTJ client configuration: \(reason)"
        case .invalidRequest(let reason):
            "invalid VTJ request: \(reason); fix the caller, nothing was sent"
        case .refused(let operation, let status, let virhe, let id):
            "VTJ refused \(operation) with \(status)\(Self.quote(virhe)) (request \(id)); "
                + "check the user name, password and licence in the configuration, then restart"
        case .rejected(let operation, let status, let virhe, let id):
            "VTJ rejected \(operation) with \(status)\(Self.quote(virhe)) (request \(id)); "
                + (status == 404 ? "check the base URL" : "report this with the request id")
        case .transportMisconfigured(let operation, let problem, let detail, let id):
            "cannot reach VTJ for \(operation) (\(problem.rawValue): \(detail), request \(id)); "
                + "check the base URL, client certificate, key and CA bundle"
        case .gatewayRefused(let operation, let fault, let id):
            "the X-Road security server refused \(operation) (\(fault.type), request \(id)): \(fault.advice); then restart"
        case .serviceRefused(let operation, let code, let id):
            "VTJ refused \(operation) with \(code) (request \(id))"
        case .unavailable(let operation, let attempts, let last, let id):
            "VTJ unavailable for \(operation) after \(attempts) attempts (last: \(last), request \(id)); "
                + "the work stays queued, check the network and the interface's status"
        case .rateLimited(let operation, let wait, let id):
            "VTJ asked to wait \(wait.wholeSeconds) s before more \(operation) calls (request \(id)); "
                + "the work stays queued, retry later or lower the parallelism"
        case .unexpectedResponse(let operation, let detail, let id):
            "VTJ answered \(operation) against the profile: \(detail) (request \(id)); report this with the request id"
        case .cancelled:
            "VTJ call cancelled"
        }
    }

    private static func quote(_ virhe: InterfaceErrorBody?) -> String {
        virhe.map { ": \($0)" } ?? ""
    }

    /// The error for a request the retry machine gave up on.
    init(_ failure: RetryFailure, operation: VTJOperation, messageID: String) {
        switch failure {
        case .permanent(.unauthorized(let status, let virhe)):
            self = .refused(operation, status: status, virhe: virhe, messageID: messageID)
        case .permanent(.rejected(let status, let virhe)):
            self = .rejected(operation, status: status, virhe: virhe, messageID: messageID)
        case .permanent(.transport(let problem, let detail)):
            self = .transportMisconfigured(operation, problem: problem, detail: detail, messageID: messageID)
        case .permanent(.gateway(let fault)):
            self = .gatewayRefused(operation, fault: fault, messageID: messageID)
        case .permanent(.service(let code)):
            self = .serviceRefused(operation, code: code, messageID: messageID)
        case .exhausted(let attempts, let last):
            self = .unavailable(operation, attempts: attempts, last: last, messageID: messageID)
        case .waitTooLong(let requested, _):
            self = .rateLimited(operation, retryAfter: requested, messageID: messageID)
        }
    }
}
