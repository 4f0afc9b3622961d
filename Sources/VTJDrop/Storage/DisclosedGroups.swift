import VTJCore

/// The groups one person's disclosure delivered, as the disclosure log records them (their names,
/// sorted, each once): a bit per product group instead of a `Set` and a sort of strings per person
/// (issue 15), so the few distinct lists of a result are named once and a person's is a word.
struct DisclosedGroups: Hashable, Sendable {
    /// Bit `i` is ``names``[`i`].
    let bits: UInt64

    /// The product's group names in the log's order (sorted as `String`s, as the lists always were).
    static let names: [String] = GroupName.productGroupsInOrder.map(\.rawValue).sorted()
    /// For each product index (``GroupName/productIndex``, found once when the answer was read),
    /// the group's bit: its position in ``names``.
    private static let bitByProductIndex: [Int] = GroupName.productGroupsInOrder.map { names.firstIndex(of: $0.rawValue)! }

    /// The groups of `records`; nil when one is not a product group (the rules deliver none such,
    /// so a caller that gets nil names the groups the long way).
    init?(_ records: [Record]) {
        var bits: UInt64 = 0
        for record in records {
            // (A 65th product group would not fit a word: such a list goes the long way too.)
            let index = Int(record.group.productIndex)
            guard index >= 0, case let bit = Self.bitByProductIndex[index], bit < UInt64.bitWidth else { return nil }
            bits |= 1 << UInt64(bit)
        }
        self.bits = bits
    }

    /// The names, sorted, each once: what `Set(names).sorted()` gave.
    var sortedNames: [String] {
        var names: [String] = []
        names.reserveCapacity(bits.nonzeroBitCount)
        var rest = bits
        while rest != 0 {
            names.append(Self.names[rest.trailingZeroBitCount])
            rest &= rest - 1
        }
        return names
    }
}
