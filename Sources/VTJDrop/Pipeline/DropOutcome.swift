import Foundation

/// How one drop's walk ended this time.
package enum DropOutcome: Sendable, Hashable, CustomStringConvertible {
    /// Result and receipt published, input archived.
    case published(result: String?, receipt: String)
    /// Refused as the department's request: receipt published, input quarantined.
    case refused(receipt: String, reason: String)
    /// Not finished: the drop stays claimed and is walked again `after` this long on the monotonic
    /// clock (or sooner, when the interface answers again); `retryAt` is the same moment on the
    /// wall clock, for the journal and the pending note. Its department gets the note meanwhile.
    case waiting(retryAt: Date, after: Duration, reason: WaitReason)

    package var description: String {
        switch self {
        case .published(let result, let receipt): "published \(result ?? "-") and \(receipt)"
        case .refused(let receipt, let reason): "refused (\(reason)); receipt \(receipt)"
        case .waiting(let at, _, let reason): "will retry at \(at): \(reason)"
        }
    }
}

/// Why a claimed drop waits; the pending note (`<name>.odottaa.txt`) says it in plain Finnish.
package enum WaitReason: Sendable, Hashable, CustomStringConvertible {
    /// The interface refuses the appliance (credentials, licence, address): the operator must act.
    /// No drop is refused for it; claiming stops until a probe succeeds.
    case interfaceRefuses(InterfaceCondition)
    /// The interface failed transiently (5xx, 429, timeouts, cut bodies, network).
    case interfaceUnavailable(String)
    /// Set aside unstarted because the interface gate closed meanwhile.
    case interfaceClosed
    /// The outbox or the state disk failed (full, read-only): this department's trouble only.
    case local(String)
    /// The dropped file changed after it was claimed (its writer still writes): it is read again,
    /// whole, once it has been quiet for the settle period. Nothing was published from it.
    case inputChanging(String)

    /// Whether the interface is to blame (and so the gate learns of it).
    package var concernsInterface: Bool {
        switch self {
        case .interfaceRefuses, .interfaceUnavailable: true
        case .interfaceClosed, .local, .inputChanging: false
        }
    }

    /// A short stable name (pending notes compare it to know when to rewrite).
    package var code: String {
        switch self {
        case .interfaceRefuses: "rajapinta-torjuu"
        case .interfaceUnavailable, .interfaceClosed: "rajapinta-ei-vastaa"
        case .local: "tallennus-epaonnistui"
        case .inputChanging: "tiedostoa-kirjoitetaan"
        }
    }

    package var description: String {
        switch self {
        // Not the condition's own line: that one is logged once per change of state, this one per drop.
        case .interfaceRefuses(let condition):
            if case .refusing(let refusal, let detail) = condition {
                "held until the interface accepts the appliance again: \(refusal.explanation(answer: detail))"
            } else {
                "held until the interface accepts the appliance again"
            }
        case .interfaceUnavailable(let reason): reason
        case .interfaceClosed: "the interface gate closed before this drop was started"
        case .local(let reason): reason
        case .inputChanging(let reason): reason
        }
    }
}
