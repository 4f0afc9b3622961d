/// How a published drop ended, for `vtjdrop_drops_published_total{outcome}`.
public enum PublicationOutcome: String, Sendable, Hashable, CaseIterable {
    /// Every person asked about was answered.
    case complete
    /// A result was published, but some persons were not found, withheld or failed.
    case partial
    /// Only a receipt: nothing to deliver (no persons, no changes).
    case receiptOnly = "receipt-only"
}

/// Why an attempt at a drop failed, for `vtjdrop_drops_failed_total{failure}`.
public enum DropFailure: String, Sendable, Hashable, CaseIterable {
    /// The interface failed or could not be reached (the drop waits for a retry).
    case interface
    /// The interface refuses the appliance (credentials, licence, address): the operator must act.
    case interfaceRefuses = "interface-refuses"
    /// The outbox or the state disk failed (full, read-only).
    case local
    /// The input was still being written after the claim; it is read again once quiet.
    case inputChanging = "input-changing"
    /// The drop failed for good and its input was quarantined without a refusal.
    case permanent
}

/// What an interface call got back, for `vtjdrop_interface_calls_total{status}`.
public enum InterfaceCallStatus: Sendable, Hashable {
    /// An HTTP answer with this status.
    case http(Int)
    /// No HTTP answer at all (connection, TLS, timeout).
    case noAnswer

    /// `200`, `503`, `no-answer`.
    var label: String {
        switch self {
        case .http(let code) where (100...599).contains(code): String(code)
        case .http: "other"
        case .noAnswer: "no-answer"
        }
    }

    /// Whether the call succeeded (2xx).
    var isSuccess: Bool {
        if case .http(let code) = self { return (200...299).contains(code) }
        return false
    }
}
