/// What one person's basic data becomes for one department: the only thing writers may render.
public struct PersonDisclosure: Hashable, Sendable {
    /// The henkilötunnus as the interface sent it.
    public var hetu: String
    /// Whether the person is under turvakielto (or the interface censored something: fail closed).
    public var isProtected: Bool
    /// Delivered records, cleaned to their group's fields, in the order received.
    public var records: [Record]
    /// Groups withheld for this person and why (each group once, first rule wins).
    public var withheld: [WithheldGroup]
    public var tally: WithholdingTally

    public init(hetu: String, isProtected: Bool, records: [Record], withheld: [WithheldGroup], tally: WithholdingTally) {
        self.hetu = hetu
        self.isProtected = isProtected
        self.records = records
        self.withheld = withheld
        self.tally = tally
    }

    /// The delivered records of one group.
    public func records(_ group: GroupName) -> [Record] { records.filter { $0.group == group } }
}
