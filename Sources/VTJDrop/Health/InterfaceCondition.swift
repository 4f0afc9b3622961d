import VTJClient
import VTJCore

/// What one harmless call (`kirjausavain`, or the SOAP wire's test query) found out about the interface and the appliance.
///
/// The classification start-up, the daemon's probe and `run --once` share: only ``answering``
/// lets drops be claimed. ``refusing(_:detail:)`` is the operator's to fix (credentials, licence,
/// address, TLS) and is never a clerk's fault; ``unreachable(detail:)`` passes by itself.
package enum InterfaceCondition: Sendable, Hashable, CustomStringConvertible {
    /// The interface answered.
    case answering
    /// The interface refuses the appliance itself; nothing a department dropped is at fault.
    case refusing(InterfaceRefusal, detail: String)
    /// The interface cannot be reached now (network, 5xx, timeouts, rate limits).
    case unreachable(detail: String)

    /// The condition an interface error shows.
    package init(_ error: VTJClientError) {
        if let refusal = InterfaceRefusal(error) {
            self = .refusing(refusal, detail: Self.answer(error))
        } else {
            self = .unreachable(detail: error.description)
        }
    }

    /// What the interface answered, without the client's own advice (the condition gives its own):
    /// `401: TUNNISTUS_EPAONNISTUI: … (request 01a2…)`.
    static func answer(_ error: VTJClientError) -> String {
        if case .gatewayRefused(_, let fault, let messageID) = error { return "\(fault.advice); X-Road-Error \(fault.type), request \(messageID)" }
        if case .serviceRefused(_, let code, let messageID) = error {
            return "return code \(code.code)" + (code.text.isEmpty ? "" : " \"\(code.text)\"") + ", request \(messageID)"
        }
        guard let status = error.status else { return error.description }
        return "HTTP \(status)" + (error.serverMessage.map { ": \($0)" } ?? "") + (error.messageID.map { ", request \($0)" } ?? "")
    }

    /// Whether drops may be claimed.
    package var isAnswering: Bool { self == .answering }

    /// A short stable name (`status`, the state database): `answering`, `refusing-credentials`, …
    package var code: String {
        switch self {
        case .answering: "answering"
        case .refusing(let refusal, _): "refusing-" + refusal.rawValue
        case .unreachable: "unreachable"
        }
    }

    /// One line for the operator: what is wrong and what to do.
    package var description: String {
        switch self {
        case .answering:
            "the interface answers"
        case .refusing(let refusal, let detail):
            "the interface refuses the appliance: \(refusal.explanation(answer: detail)); "
                + "nothing is claimed until it answers, and no department is told it is their fault"
        case .unreachable(let detail):
            "the interface cannot be reached (\(DropFileName.maskingHetus(in: detail))); new drops wait untouched in the inbox and claiming resumes when it answers"
        }
    }
}

/// Why the interface refuses the appliance: each needs the operator, none is a drop's fault.
package enum InterfaceRefusal: String, Sendable, Hashable, CaseIterable {
    /// 401: the user name or password is wrong.
    case credentials
    /// 403: the credentials are not licensed for this product.
    case licence
    /// 404, 405, 415: `vtj.url` does not point at the interface.
    case address
    /// TLS trust, client certificate or URL problems that retrying cannot fix.
    case transport
    /// The X-Road security server refuses the client, its access, the service or the certificate.
    case gateway
    /// The SOAP interface refuses `vtj.soap_product` (or the account's billing information).
    case product

    /// The refusal an error shows, or nil when the error is not one (a transient fault, or a 400
    /// about one message, which is that request's problem).
    package init?(_ error: VTJClientError) {
        switch error {
        case .refused(_, let status, _, _):
            self = status == 403 ? .licence : .credentials
        case .rejected(_, let status, _, _) where [404, 405, 415].contains(status):
            self = .address
        case .transportMisconfigured, .configuration:
            self = .transport
        case .gatewayRefused:
            self = .gateway
        case .serviceRefused(_, let code, _) where code.stopsNewWork:
            self = code.kind == .credentials ? .credentials : .product
        default:
            return nil
        }
    }

    /// What is wrong, in a phrase that names no wire: the answer quoted beside it says what the
    /// interface sent (`HTTP 401: …` on the REST wires, `return code 0003 …` on SOAP).
    package var problem: String {
        switch self {
        case .credentials: "the credentials were refused"
        case .licence: "the credentials are not licensed for this product"
        case .address: "vtj.url does not point at the interface"
        case .transport: "the connection cannot work as configured"
        case .gateway: "the X-Road security server refuses the appliance"
        case .product: "the SOAP interface refuses vtj.soap_product or the account's billing information"
        }
    }

    /// What the operator checks.
    package var remedy: String {
        switch self {
        case .credentials: "check VTJDROP_VTJ_USER and the password file"
        case .licence: "check the licence with DVV"
        case .address: "check vtj.url"
        case .transport: "check vtj.url, client_cert, client_key and ca_bundle"
        case .gateway: "check vtj.x_road_client, the subsystem's access rights and its client certificate (vtjdrop check names the cause)"
        case .product: "check the product name with DVV"
        }
    }

    /// The problem, what the interface answered (henkilötunnus masked) and what to check, in one phrase.
    package func explanation(answer: String) -> String {
        "\(problem) (\(DropFileName.maskingHetus(in: answer))); \(remedy)"
    }
}
