/// An error raised by an X-Road security server rather than by DVV's service: the `X-Road-Error`
/// header of a REST answer (X-Road message protocol for REST, section 4.6), or the dotted
/// `faultcode` of a SOAP fault. Each kind is one clear operator message; the server's own text is
/// never dumped.
public struct XRoadFault: Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as far as the operator can act on it.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The security server does not know the client named in `X-Road-Client`.
        case unknownClient
        /// The client subsystem has no right to use the service.
        case accessDenied
        /// The security server does not know the service in the URL.
        case unknownService
        /// The security server did not accept vtjdrop's TLS client certificate.
        case clientCertificateRefused
        /// The provider's side (DVV's service behind its security server) could not be reached.
        case serviceUnreachable
        /// The security servers could not reach each other.
        case networkError
        /// The provider has switched the service off for now.
        case serviceDisabled
        /// A security server's own trouble (configuration out of date, database, time-stamping, …).
        case securityServerTrouble
        /// The request broke the X-Road protocol (a `Client.*` fault).
        case badRequest
    }

    /// The fault type exactly as sent, e.g. `Server.ServerProxy.AccessDenied` (at most 120 characters).
    public let type: String
    public let kind: Kind
    /// The HTTP status it came with (500 for the servers' trouble, 400 for a broken request; SOAP faults come with 200).
    public let status: Int?
    /// Whether it came as a SOAP Fault (the SOAP wire), where the service is named by
    /// `vtj.x_road_service` and the client by the `xrd:client` header, not by the URL.
    public let viaSOAP: Bool

    public init(type: String, status: Int? = nil, viaSOAP: Bool = false) {
        let trimmed = String(type.trimmingBlanks().prefix(120).filter { !$0.isNewline })
        self.type = trimmed
        self.kind = XRoadFault.classify(trimmed)
        self.status = status
        self.viaSOAP = viaSOAP
    }

    /// Whether the same request may succeed later (network, maintenance); the others need a person.
    public var isTransient: Bool {
        switch kind {
        case .serviceUnreachable, .networkError, .serviceDisabled, .securityServerTrouble: true
        case .unknownClient, .accessDenied, .unknownService, .clientCertificateRefused, .badRequest: false
        }
    }

    /// One line for the operator: what happened and what to do.
    public var advice: String {
        if viaSOAP, let soap = soapAdvice { return soap }
        return restAdvice
    }

    private var restAdvice: String {
        switch kind {
        case .unknownClient:
            "the security server does not know the client in X-Road-Client; check vtj.x_road_client "
                + "(INSTANCE/CLASS/MEMBER-CODE/SUBSYSTEM) and that the subsystem is registered on your security server"
        case .accessDenied:
            "access denied: the client subsystem has no right to DVV's service; ask DVV to grant it to the subsystem "
                + "in vtj.x_road_client, and check the service path in vtj.url"
        case .unknownService:
            "the security server does not know the service in vtj.url; check the path "
                + "/r1/<FI or FI-TEST>/GOV/0245437-2/VTJmutpa/VTJmutpa/api/v1"
        case .clientCertificateRefused:
            "the security server did not accept vtjdrop's TLS client certificate (vtj.client_cert); add it to the "
                + "subsystem's internal TLS certificates on the security server"
        case .serviceUnreachable:
            "DVV's service could not be reached behind the security servers; the work stays queued and is retried"
        case .networkError:
            "the security servers could not reach each other; the work stays queued and is retried"
        case .serviceDisabled:
            "the provider has switched the service off for now; the work stays queued and is retried"
        case .securityServerTrouble:
            "a security server reported a problem of its own; the work stays queued and is retried; "
                + "tell the security server's administrator if it persists"
        case .badRequest:
            "the security server refused the form of the request; check vtj.url and vtj.x_road_client, then report it"
        }
    }

    /// The SOAP wire's own wording where the REST advice names the URL path or the header.
    private var soapAdvice: String? {
        switch kind {
        case .unknownClient:
            "the security server does not know the client in the xrd:client header; check vtj.x_road_client "
                + "(INSTANCE/CLASS/MEMBER-CODE/SUBSYSTEM) and that the subsystem is registered on your security server"
        case .accessDenied:
            "access denied: the client subsystem has no right to DVV's HenkilonTunnusKysely; ask DVV to grant it to the subsystem "
                + "in vtj.x_road_client, and check vtj.x_road_service"
        case .unknownService:
            "the security server does not know the service in the xrd:service header; check vtj.x_road_service "
                + "(default <instance>/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1)"
        case .badRequest:
            "the security server refused the form of the SOAP message; check vtj.url (the security server's own endpoint) "
                + "and vtj.x_road_client, then report it"
        default:
            nil
        }
    }

    public var description: String { "X-Road error \(type): \(advice)" }

    /// By the fault's last meaningful component (X-Road's ErrorCodes names), else by its prefix:
    /// `Client.*` is the caller's fault, `Server.*` the servers'.
    static func classify(_ type: String) -> Kind {
        let parts = Set(type.split(separator: ".").map(String.init))
        if !parts.isDisjoint(with: ["UnknownMember", "InvalidClientIdentifier", "MissingHeader", "MissingHeaderField",
                                    "DuplicateHeaderField", "InconsistentHeaders"]) { return .unknownClient }
        if parts.contains("AccessDenied") { return .accessDenied }
        if !parts.isDisjoint(with: ["UnknownService", "ServiceMissingUrl", "ServiceMalformedUrl", "ServiceType"]) { return .unknownService }
        if parts.contains("SslAuthenticationFailed") { return .clientCertificateRefused }
        if parts.contains("ServiceDisabled") || parts.contains("MaintenanceMode") { return .serviceDisabled }
        if parts.contains("ServiceFailed") { return .serviceUnreachable }
        if parts.contains("NetworkError") || parts.contains("IOError") {
            return type.hasPrefix("Server.ServerProxy") ? .serviceUnreachable : .networkError
        }
        if type.hasPrefix("Client") { return .badRequest }
        return .securityServerTrouble
    }
}
