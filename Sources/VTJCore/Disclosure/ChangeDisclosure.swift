/// What one change entry (`muutos`) becomes for one department.
public struct ChangeDisclosure: Hashable, Sendable {
    public var hetu: String
    /// `muutospv` as received (ISO-8601 UTC).
    public var muutospv: String
    /// Whether the person is under turvakielto after this change.
    public var isProtected: Bool
    /// Delivered records with their `muutosattribuutti`, cleaned to their group's fields.
    public var records: [Record]
    /// What the department must do with groups it holds: blank them (turvakielto started) or
    /// expect them again (turvakielto ended).
    public var instructions: [ChangeInstruction]
    public var withheld: [WithheldGroup]
    public var tally: WithholdingTally
    /// The turvakielto state to remember for the person's next change.
    public var protectionAfter: ProtectionKnowledge

    public init(hetu: String, muutospv: String, isProtected: Bool, records: [Record], instructions: [ChangeInstruction],
                withheld: [WithheldGroup], tally: WithholdingTally, protectionAfter: ProtectionKnowledge) {
        self.hetu = hetu
        self.muutospv = muutospv
        self.isProtected = isProtected
        self.records = records
        self.instructions = instructions
        self.withheld = withheld
        self.tally = tally
        self.protectionAfter = protectionAfter
    }
}

/// An instruction about one group the department holds for a person.
public struct ChangeInstruction: Hashable, Sendable, CustomStringConvertible {
    public enum Action: String, Hashable, Sendable {
        /// Turvakielto started: erase what you hold of this group for the person.
        case blank = "TYHJENNA"
        /// Turvakielto ended: the group is delivered again (re-request basic data if it is not in this delivery).
        case release = "VAPAUTA"
    }

    public var group: GroupName
    public var action: Action

    public init(group: GroupName, action: Action) {
        self.group = group
        self.action = action
    }

    public var description: String { "\(action.rawValue) \(group.rawValue)" }
}
