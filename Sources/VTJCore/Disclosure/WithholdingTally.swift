/// Counts of what the rules withheld or dropped, summed into the receipt (never silent).
///
/// Kept inline (a count per rule, and which rules were counted at all) rather than in a
/// dictionary: every answered person has a tally, and a dictionary was a heap object per person.
public struct WithholdingTally: Hashable, Sendable {
    /// Records withheld per rule, at ``WithholdingRule/ordinal``.
    private var counts = SIMD16<Int>()
    /// Which rules were counted (a count of 0 still names its rule, as the dictionary's key did).
    private var counted: UInt16 = 0
    /// Fields dropped from delivered records because their group may not carry them.
    public var droppedFields = 0

    public init() {}

    /// Records withheld, by rule (every counted rule, with its count).
    public var records: [WithholdingRule: Int] {
        Dictionary(uniqueKeysWithValues: countedRules.map { ($0, counts[$0.ordinal]) })
    }

    /// The rules counted, in ``WithholdingRule/allCases`` order (``records``' keys, without building it).
    public var countedRules: CountedRules { CountedRules(remaining: counted) }

    /// Counts one withheld record.
    public mutating func count(_ rule: WithholdingRule, _ amount: Int = 1) {
        counts[rule.ordinal] += amount
        counted |= 1 << rule.ordinal
    }

    /// Records withheld by one rule.
    public subscript(rule: WithholdingRule) -> Int { counts[rule.ordinal] }

    /// All records withheld.
    public var totalRecords: Int { counts.wrappedSum() }

    /// Adds another tally (per person → per drop).
    public mutating func add(_ other: WithholdingTally) {
        counts &+= other.counts
        counted |= other.counted
        droppedFields += other.droppedFields
    }

    /// The counted rules of a tally, walked from its bit set.
    public struct CountedRules: Sequence, IteratorProtocol, Sendable {
        var remaining: UInt16
        private static let rules = WithholdingRule.allCases

        public mutating func next() -> WithholdingRule? {
            guard remaining != 0 else { return nil }
            let ordinal = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return Self.rules[ordinal]
        }
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

    /// The result's withheld cell: each group's ``description``, separated by spaces, written
    /// into one string of the exact size (an array of interpolated strings joined was 5,600
    /// instructions a person in the result sink, appending to a growing string 3,600, this 1,800;
    /// issue 15).
    public static func cellText(_ groups: [WithheldGroup]) -> String {
        guard !groups.isEmpty else { return "" }
        var count = groups.count - 1
        for item in groups { count += item.group.rawValue.utf8.count + 1 + item.rule.rawValue.utf8.count }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var end = 0
            for (index, item) in groups.enumerated() {
                if index > 0 { buffer[end] = UInt8(ascii: " "); end += 1 }
                end = copy(item.group.rawValue, into: buffer, at: end)
                buffer[end] = UInt8(ascii: "="); end += 1
                end = copy(item.rule.rawValue, into: buffer, at: end)
            }
            return end
        }
    }

    /// Copies `text`'s UTF-8 bytes into `buffer` at `start`; where they end. (A nested function
    /// that captured the end was a heap box and an exclusivity check per copy: a third of the cell.)
    @inline(__always)
    private static func copy(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            guard let source = bytes.baseAddress, let target = buffer.baseAddress, !bytes.isEmpty else { return 0 }
            (target + start).update(from: source, count: bytes.count)
            return bytes.count
        }
        if let copied { return start + copied }
        var end = start
        for byte in text.utf8 {
            buffer[end] = byte
            end += 1
        }
        return end
    }
}
