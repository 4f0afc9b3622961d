/// A return code of DVV's SOAP query interface (`Paluukoodi`, or a `faultCode` pair) read the way
/// vtj-soap-kysely.md §8.3 says. Pure: the SOAP wire's reader asks it what a code means.
public enum ReturnCodeMeaning: Hashable, Sendable {
    /// `0000`, and `0018` with a person: map `Henkilo`.
    case found
    /// `0001`, `0006`: nobody with this identifier.
    case notFound
    /// `0002`: the identifier is passive (a replacement may be named in `Henkilo`).
    case passive
    /// The interface knows the person but discloses nothing (`0007` dead, `0018` under 15 without
    /// data, `0019` not disclosable).
    case notDisclosed
    /// An error about this one person (`0005`, `0008`–`0017`, undocumented codes): never "found".
    case personFailure
    /// An error about the whole call: credentials, product, billing, the request's form, the service.
    case call(ServiceReturnCode.Kind)

    /// What `code` means (blanks around it ignored); an undocumented code fails the person, never the drop.
    public init(code: String) {
        switch code.trimmingBlanks() {
        case "0000": self = .found
        case "0001", "0006": self = .notFound
        case "0002": self = .passive
        case "0007", "0018", "0019": self = .notDisclosed
        case "0003", "0004", "-1500": self = .call(.credentials)
        case "-1505": self = .call(.billing)
        case "-1900", "-1901": self = .call(.product)
        case "-1805": self = .call(.rejectedRequest)
        case "-1800": self = .call(.serviceTrouble)
        default: self = .personFailure
        }
    }
}

/// A return code that concerns the whole call, not one person: the SOAP wire's twin of a 401, a
/// 403, a 400 or a 5xx. Each kind is one operator message.
public struct ServiceReturnCode: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// `0003`, `0004`, `-1500`: the user name or password is missing, wrong or expired.
        case credentials
        /// `-1900`, `-1901`: `vtj.soap_product` is not a product these credentials may use.
        case product
        /// `-1505`: the billing information is wrong.
        case billing
        /// `-1805`: the request failed the service's schema validation (a vtjdrop fault).
        case rejectedRequest
        /// `-1800`: the service's own internal error; retried.
        case serviceTrouble
    }

    /// The code as sent (`-1900`), at most 16 characters.
    public let code: String
    /// The interface's text, one line, at most 160 characters, every henkilötunnus masked.
    public let text: String
    public let kind: Kind

    public init(code: String, text: String, kind: Kind) {
        self.code = String(code.trimmingBlanks().prefix(16))
        let line = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }).trimmingBlanks()
        self.text = DropFileName.maskingHetus(in: String(line.prefix(160)))
        self.kind = kind
    }

    /// Whether the same call may succeed later.
    public var isTransient: Bool { kind == .serviceTrouble }

    /// Whether no new work should start until the operator changes something (as on 401/403).
    public var stopsNewWork: Bool { kind == .credentials || kind == .product || kind == .billing }

    /// One line for the operator: what to do.
    public var advice: String {
        switch kind {
        case .credentials:
            "the interface refused the user name or password in the message; check VTJDROP_VTJ_USER and the password file"
        case .product:
            "the interface does not know vtj.soap_product or these credentials may not use it; check the product name with DVV"
        case .billing:
            "the interface refused the billing information; ask DVV what the account needs"
        case .rejectedRequest:
            "the interface refused the form of the message; report this with the request id"
        case .serviceTrouble:
            "the interface reported an internal error; the work stays queued and is retried"
        }
    }

    public var description: String {
        "return code \(code)" + (text.isEmpty ? "" : " \"\(text)\"") + ": \(advice)"
    }
}
