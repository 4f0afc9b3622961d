/// Counts of what the rules withheld or dropped, summed into the receipt (never silent).
public struct WithholdingTally: Hashable, Sendable {
    /// Records withheld, by rule.
    public private(set) var records: [WithholdingRule: Int] = [:]
    /// Fields dropped from delivered records because their group may not carry them.
    public var droppedFields = 0

    public init() {}

    /// Counts one withheld record.
    public mutating func count(_ rule: WithholdingRule, _ amount: Int = 1) {
        records[rule, default: 0] += amount
    }

    /// Records withheld by one rule.
    public subscript(rule: WithholdingRule) -> Int { records[rule] ?? 0 }

    /// All records withheld.
    public var totalRecords: Int { records.values.reduce(0, +) }

    /// Adds another tally (per person → per drop).
    public mutating func add(_ other: WithholdingTally) {
        for (rule, amount) in other.records { count(rule, amount) }
        droppedFields += other.droppedFields
    }
}

/// A group withheld for one person, and by which rule (the result's marker).
public struct WithheldGroup: Hashable, Sendable, CustomStringConvertible {
    public var group: GroupName
    public var rule: WithholdingRule

    public init(group: GroupName, rule: WithholdingRule) {
        self.group = group
        self.rule = rule
    }

    /// `GROUP=rule`.
    public var description: String { "\(group.rawValue)=\(rule.rawValue)" }
}
