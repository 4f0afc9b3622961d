import VTJCore

extension VTJInterfaceClient {
    /// What this attempt adds to its message (the SOAP wire's body carries it): the id, the
    /// credentials in use now, and the department and drop named by the caller's ``VTJLogContext``.
    func attemptFacts(messageID: String) -> WireAttempt {
        let context = VTJLogContext.metadata
        func value(_ key: String) -> String? { context[key].map { "\($0)" } }
        return WireAttempt(messageID: messageID, credentials: credentials.withLock { $0 },
                           department: value("department"), dropRequest: value("request"))
    }

    /// `text` with the password in use replaced: an answer may echo the request (the SOAP wire
    /// sends the password in the body), and nothing the interface says may carry it onward into a
    /// log line, an error or a receipt.
    func redacted(_ text: String) -> String {
        let password = credentials.withLock { $0.password }
        guard !password.isEmpty, text.contains(password) else { return text }
        return text.replacing(password, with: "<salasana>")
    }

    /// An attempt's outcome with the password removed from every text the interface supplied.
    func redacted(_ outcome: AttemptOutcome) -> AttemptOutcome {
        switch outcome {
        case .success:
            return outcome
        case .httpStatus(let status, let retryAfter, let virhe):
            return .httpStatus(status, retryAfter: retryAfter, virhe: virhe.map { InterfaceErrorBody(code: redacted($0.code), message: redacted($0.message)) })
        case .transport(let problem, let detail):
            return .transport(problem, detail: redacted(detail))
        case .unreadableBody(let reason):
            return .unreadableBody(redacted(reason))
        case .gateway(let fault):
            return .gateway(XRoadFault(type: redacted(fault.type), status: fault.status, viaSOAP: fault.viaSOAP))
        case .service(let code):
            return .service(ServiceReturnCode(code: redacted(code.code), text: redacted(code.text), kind: code.kind))
        }
    }
}

extension WireCall {
    /// The probe is served by every wire, whatever operations it supports otherwise.
    var isProbe: Bool {
        if case .probe = self { return true }
        return false
    }
}

extension VTJInterfaceClient {
    /// A diagnosis with the password removed from the interface's texts it quotes.
    func redacted(_ diagnosis: ConnectionDiagnosis) -> ConnectionDiagnosis {
        switch diagnosis {
        case .answeredQuery(let words): .answeredQuery(redacted(words))
        case .serviceRefused(let code): .serviceRefused(ServiceReturnCode(code: redacted(code.code), text: redacted(code.text), kind: code.kind))
        case .gateway(let fault): .gateway(XRoadFault(type: redacted(fault.type), status: fault.status, viaSOAP: fault.viaSOAP))
        case .wrongWire(let detail): .wrongWire(detail: redacted(detail))
        case .unreadableAnswer(let detail): .unreadableAnswer(detail: redacted(detail))
        case .transport(let detail): .transport(detail: redacted(detail))
        default: diagnosis
        }
    }
}
