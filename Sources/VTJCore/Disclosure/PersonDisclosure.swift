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
    /// Why the person was judged protected without a TURVAKIELTO record in force saying so; nil otherwise.
    public var failedClosed: FailClosedReason?

    public init(hetu: String, isProtected: Bool, records: [Record], withheld: [WithheldGroup], tally: WithholdingTally,
                failedClosed: FailClosedReason? = nil) {
        self.hetu = hetu
        self.isProtected = isProtected
        self.records = records
        self.withheld = withheld
        self.tally = tally
        self.failedClosed = failedClosed
    }

    /// The delivered records of one group.
    public func records(_ group: GroupName) -> [Record] { records.filter { $0.group == group } }
}

/// Why a person's answer could not be trusted to say whether they are protected (docs/disclosure-rules.md).
public enum FailClosedReason: String, Hashable, Sendable {
    /// The answer lacked the TURVAKIELTO group the request asked for: "not delivered" is not "no ban".
    case turvakieltoMissing = "turvakielto-puuttui"
    /// The interface answered the person more than once with different content.
    case contradictoryAnswer = "ristiriitainen-vastaus"
}
