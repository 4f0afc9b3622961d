import VTJCore

extension ConnectionDiagnosis {
    /// A transfer that failed before any answer, by libcurl's error code and message.
    public init(_ error: HTTPTransportError) {
        switch error {
        case .bodyTooLarge:
            self = .tooLarge(detail: error.description)
        case .setup(let reason):
            self = .transport(detail: reason)
        case .cancelled, .bodyWrite:
            self = .transport(detail: error.description)
        case .transfer(let code, let reason):
            self = Self.classify(curlCode: code, message: reason)
        }
    }

    /// The verdict of a call that failed with retries (what the client's operations throw).
    public init(_ error: VTJClientError) {
        switch error {
        case .refused(_, let status, _, _):
            self = status == 403 ? .forbidden(status: status) : .unauthorized(status: status)
        case .rejected(_, let status, _, _):
            self = status == 404 || status == 405 ? .wrongPath(status: status) : .otherStatus(status: status)
        case .gatewayRefused(_, let fault, _), .unavailable(_, _, .gateway(let fault), _):
            self = .gateway(fault)
        case .serviceRefused(_, let code, _), .unavailable(_, _, .service(let code), _):
            self = .serviceRefused(code)
        case .transportMisconfigured(_, _, let detail, _):
            self = Self.classify(curlCode: Self.curlCode(in: detail) ?? 0, message: detail)
        case .unavailable(_, _, .transport(let problem, let detail), _):
            self = problem == .tooLarge ? .tooLarge(detail: detail) : Self.classify(curlCode: Self.curlCode(in: detail) ?? 0, message: detail)
        case .unavailable(_, _, .serverError(let status, _, _), _):
            self = .unavailable(status: status)
        case .unavailable(_, _, .rateLimited, _), .rateLimited:
            self = .unavailable(status: 429)
        case .unavailable(_, _, .unreadableBody(let detail), _):
            self = detail.contains("vtj.wire") ? .wrongWire(detail: detail) : .unreadableAnswer(detail: detail)
        case .unexpectedResponse(_, let detail, _):
            self = .unreadableAnswer(detail: detail)
        case .configuration(let detail), .invalidRequest(let detail):
            self = .transport(detail: detail)
        case .cancelled:
            self = .transport(detail: "cancelled")
        }
    }

    /// libcurl's codes (curl.h) and OpenSSL's messages, as they name certificate problems.
    static func classify(curlCode code: Int, message: String) -> ConnectionDiagnosis {
        let text = message.lowercased()
        switch code {
        case 6, 5: return .nameNotResolved(detail: message)
        case 7: return .connectFailed(detail: message)
        case 28: return .timedOut(detail: message)
        case 77: return .tls(.caBundleUnreadable, detail: message)
        case 58: return .tls(.clientCertificateUnusable, detail: message)
        case 51: return .tls(.hostnameMismatch, detail: message)
        case 60, 35, 53, 54, 59, 66, 80, 82, 83, 90, 91, 56:
            if text.contains("unable to get local issuer") || text.contains("unknown ca") && !text.contains("alert")
                || text.contains("unable to verify the first certificate") {
                return .tls(.unknownCA, detail: message)
            }
            if text.contains("self-signed") || text.contains("self signed") { return .tls(.selfSigned, detail: message) }
            if text.contains("subject name") || text.contains("does not match target host") || text.contains("hostname") {
                return .tls(.hostnameMismatch, detail: message)
            }
            if text.contains("expired") || text.contains("not yet valid") { return .tls(.expired, detail: message) }
            if text.contains("certificate required") || text.contains("alert bad certificate") || text.contains("alert unknown ca")
                || text.contains("alert handshake failure") || text.contains("peer did not return a certificate") {
                return .tls(.clientCertificateRefused, detail: message)
            }
            if text.contains("private key") || text.contains("client cert") || text.contains("key values mismatch") {
                return .tls(.clientCertificateUnusable, detail: message)
            }
            if code == 56 { return .transport(detail: message) }
            return .tls(.handshake, detail: message)
        default:
            return .transport(detail: message)
        }
    }

    /// The code in "HTTP transfer failed (curl 60): …".
    static func curlCode(in text: String) -> Int? {
        guard let range = text.range(of: "(curl ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}
