/// What is known about a person's turvakielto before a change entry is read.
public enum ProtectionKnowledge: String, Hashable, Sendable {
    /// Under turvakielto (from earlier basic data or changes).
    case protected
    /// Known not to be under turvakielto.
    case notProtected
    /// Never seen: address records are withheld (fail closed) until a TURVAKIELTO record says otherwise.
    case unknown
}

/// Keeps each person's turvakielto state across one change stream (apply entries in `muutospv` order).
///
/// Seed it with what the runtime stored (followed register, earlier deliveries); read
/// ``states`` back afterwards to persist what changed.
public struct ProtectionTracker: Hashable, Sendable {
    public private(set) var states: [String: ProtectionKnowledge]

    public init(states: [String: ProtectionKnowledge] = [:]) { self.states = states }

    /// What is known about `hetu` now.
    public func knowledge(of hetu: String) -> ProtectionKnowledge { states[hetu] ?? .unknown }

    /// Discloses one change with the tracked state and remembers the state after it.
    public mutating func disclose(_ change: Change, with rules: DisclosureRules) -> ChangeDisclosure {
        let result = rules.disclose(change, prior: knowledge(of: change.hetu))
        states[change.hetu] = result.protectionAfter
        return result
    }
}
