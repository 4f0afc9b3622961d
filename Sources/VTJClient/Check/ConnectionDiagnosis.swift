import VTJCore

/// What one call to the interface came to, named so an operator can act on it: the classification
/// shared by `vtjdrop check` and any other probe of the interface (a start-up check makes the same
/// call). Built from a single attempt's transport error or answer, or from a ``VTJClientError``.
public enum ConnectionDiagnosis: Sendable, Hashable, CustomStringConvertible {
    /// The interface answered correctly with this log key.
    case answered(logKey: Int64)
    /// The SOAP wire's test query was answered; the words say how.
    case answeredQuery(String)
    /// The interface answered with a return code about the whole call (the SOAP wire's credentials,
    /// product, billing or message form).
    case serviceRefused(ServiceReturnCode)
    /// The host name did not resolve.
    case nameNotResolved(detail: String)
    /// No TCP connection (refused, unreachable).
    case connectFailed(detail: String)
    /// The connect or total timeout ran out.
    case timedOut(detail: String)
    /// TLS failed; the problem is named.
    case tls(TLSProblem, detail: String)
    /// 401: the user name or password is wrong.
    case unauthorized(status: Int)
    /// 403: the credentials are not licensed for this.
    case forbidden(status: Int)
    /// An X-Road security server answered instead of DVV.
    case gateway(XRoadFault)
    /// 404 or 405: the URL's path is not the interface's.
    case wrongPath(status: Int)
    /// 429 or 5xx: the interface is busy or in trouble.
    case unavailable(status: Int)
    /// Another status.
    case otherStatus(status: Int)
    /// A 200 in the other wire's encoding (or not the interface's at all).
    case wrongWire(detail: String)
    /// A 200 that could not be read as the answer.
    case unreadableAnswer(detail: String)
    /// The body went past `vtj.max_response_bytes`.
    case tooLarge(detail: String)
    /// Anything else on the way (reset, local configuration).
    case transport(detail: String)

    /// TLS problems an operator can fix, each with its own advice.
    public enum TLSProblem: String, Sendable, Hashable, CaseIterable {
        /// The server's certificate chains to a CA that is not trusted (not in the OS bundle nor `vtj.ca_bundle`).
        case unknownCA = "unknown CA"
        /// The server's certificate is self-signed and not trusted.
        case selfSigned = "self-signed certificate"
        /// The certificate is not for the host name in the URL.
        case hostnameMismatch = "certificate does not match the host name"
        /// The certificate has expired (or is not valid yet).
        case expired = "certificate expired or not yet valid"
        /// The server wants a client certificate and refused the one given (or none).
        case clientCertificateRefused = "client certificate refused"
        /// The client certificate or key could not be used (file, format, key mismatch, passphrase).
        case clientCertificateUnusable = "client certificate unusable"
        /// The CA bundle could not be read.
        case caBundleUnreadable = "CA bundle unreadable"
        /// The handshake failed otherwise (protocol, ciphers, not TLS at all).
        case handshake = "TLS handshake failed"
    }

    /// Whether the interface answered correctly.
    public var isHealthy: Bool {
        switch self {
        case .answered, .answeredQuery: true
        default: false
        }
    }

    /// Where the call stopped: the first phase that did not succeed.
    public var failedPhase: ConnectionPhase? {
        switch self {
        case .answered, .answeredQuery: nil
        case .serviceRefused(let code): [.credentials, .product, .billing].contains(code.kind) ? .authentication : .answer
        case .nameNotResolved: .nameLookup
        case .connectFailed, .timedOut: .connect
        case .tls: .tls
        case .unauthorized, .forbidden: .authentication
        case .gateway: .xRoad
        case .wrongPath, .unavailable, .otherStatus, .wrongWire, .unreadableAnswer, .tooLarge, .transport: .answer
        }
    }

    /// One line: what happened and what to do.
    public var advice: String {
        switch self {
        case .answered(let key):
            "the interface answered correctly (log key \(key))"
        case .answeredQuery(let words):
            words
        case .serviceRefused(let code):
            "\(code)"
        case .nameNotResolved(let detail):
            "the host name in vtj.url does not resolve (\(detail)); check the URL and the DNS of this machine"
        case .connectFailed(let detail):
            "no connection to the host (\(detail)); check the URL's host and port, firewalls, and that the security server is up"
        case .timedOut(let detail):
            "no answer in time (\(detail)); check firewalls and routes, or raise vtj.connect_timeout / vtj.total_timeout"
        case .tls(let problem, let detail):
            Self.tlsAdvice(problem) + " (\(detail))"
        case .unauthorized(let status):
            "the interface refused the user name or password (\(status)); check VTJDROP_VTJ_USER and the password"
        case .forbidden(let status):
            "the interface refused these credentials for this service (\(status)); check the licence with DVV"
        case .gateway(let fault):
            "\(fault)"
        case .wrongPath(let status):
            "the server has no such path (\(status)); check vtj.url: it ends in …/api/v1 on vtj.wire xml and json, "
                + "and is the security server's SOAP endpoint (usually its root, https://<security-server>/) on vtj.wire soap"
        case .unavailable(let status):
            "the interface is busy or in trouble (\(status)); try again later"
        case .otherStatus(let status):
            "the interface answered \(status); check vtj.url"
        case .wrongWire(let detail):
            "\(detail)"
        case .unreadableAnswer(let detail):
            "the answer could not be read as the interface's (\(detail)); check vtj.url and vtj.wire"
        case .tooLarge(let detail):
            detail
        case .transport(let detail):
            "the call failed on the way (\(detail))"
        }
    }

    public var description: String { advice }

    private static func tlsAdvice(_ problem: TLSProblem) -> String {
        switch problem {
        case .unknownCA:
            "TLS: the server's certificate is signed by a CA this machine does not trust (unknown CA); set vtj.ca_bundle "
                + "to that CA's certificate (PEM), e.g. DVV's root for the sandbox or your security server's CA"
        case .selfSigned:
            "TLS: the server's certificate is self-signed and not trusted; set vtj.ca_bundle to that certificate (PEM)"
        case .hostnameMismatch:
            "TLS: the server's certificate is not for the host name in vtj.url; use the name the certificate was issued for"
        case .expired:
            "TLS: the server's certificate has expired or is not valid yet (check this machine's clock too)"
        case .clientCertificateRefused:
            "TLS: the server refused vtjdrop's client certificate (or wanted one); set vtj.client_cert and vtj.client_key "
                + "to the certificate registered on the security server"
        case .clientCertificateUnusable:
            "TLS: vtj.client_cert / vtj.client_key cannot be used (file, PEM format, or a key that does not match the certificate)"
        case .caBundleUnreadable:
            "TLS: vtj.ca_bundle cannot be read as PEM certificates"
        case .handshake:
            "TLS: the handshake failed (is the URL's port TLS at all, and is https right?)"
        }
    }
}

/// The phases of one call, in order.
public enum ConnectionPhase: String, Sendable, Hashable, CaseIterable {
    case nameLookup = "name lookup"
    case connect = "TCP connect"
    case tls = "TLS"
    case xRoad = "X-Road"
    case authentication = "authentication"
    case answer = "answer"
}
