/// The valid henkilötunnus of a drop in first-seen order, consumed as a sequence or in
/// message-sized chunks; whoever consumes them needs to know nothing of how the drop was read.
///
/// The list is held once, compactly (issue 15 goal 3): its distinct codes sorted, as
/// ``HenkilotunnusKeys`` (blocks of key distances, about 3 bytes a code), and the order as each
/// place's rank among them, in the bits the count needs (20 bits at 1,000,000). A list of 1,000,000
/// is about 5.5 MB here where the keys in order and sorted took 16. A value is made again from its
/// key when read, and chunks are made one at a time, never a copy of the list. The sorted codes are
/// the ones ``AskedOnly``, the client and the audit insert need: handed on, not sorted again.
public struct HetuSequence: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral {
    /// The list's distinct codes, sorted by key: a place's rank is a position among these.
    public let distinct: HenkilotunnusKeys
    /// Each place's rank among ``distinct``.
    private let ranks: PackedNumbers

    /// `values` in order (a value listed twice is held at each of its places).
    public init(_ values: [Henkilotunnus] = []) {
        let distinct = HenkilotunnusKeys(values)
        var ranks = PackedNumbers(count: values.count, largest: Swift.max(0, distinct.count - 1))
        for (place, value) in values.enumerated() {
            // Every value's key is among the distinct ones.
            ranks[place] = distinct.position(of: value.key)!
        }
        self.init(distinct: distinct, ranks: ranks)
    }

    /// A list given as its sorted distinct codes and each place's rank among them.
    init(distinct: HenkilotunnusKeys, ranks: PackedNumbers) {
        precondition(ranks.count == 0 || distinct.count > 0, "a rank needs a code")
        self.distinct = distinct
        self.ranks = ranks
    }

    public init(arrayLiteral elements: Henkilotunnus...) { self.init(elements) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ranks.count }
    public subscript(position: Int) -> Henkilotunnus { Henkilotunnus(validKey: key(at: position)) }

    /// The key of the code at `position` in the list.
    public func key(at position: Int) -> UInt64 { distinct.key(at: ranks[position]) }

    /// The rank among ``distinct`` of the code at `position` in the list (no search: held).
    public func rank(at position: Int) -> Int { ranks[position] }

    /// The values in consecutive chunks of at most `size` (at least 1), in order: one chunk is
    /// what one interface message can carry.
    public func chunks(ofCount size: Int) -> HetuChunks { HetuChunks(list: self, size: Swift.max(1, size)) }

    public static func == (lhs: HetuSequence, rhs: HetuSequence) -> Bool {
        lhs.count == rhs.count && lhs.indices.allSatisfy { lhs.key(at: $0) == rhs.key(at: $0) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for position in indices { hasher.combine(key(at: position)) }
    }
}

/// ``HetuSequence/chunks(ofCount:)``: the values of consecutive places of the list, each chunk at most `size` long.
public struct HetuChunks: Sequence, IteratorProtocol, Sendable {
    private let list: HetuSequence
    private var start = 0
    private let size: Int

    init(list: HetuSequence, size: Int) {
        self.list = list
        self.size = size
    }

    public mutating func next() -> [Henkilotunnus]? {
        guard start < list.count else { return nil }
        let end = Swift.min(list.count, start + size)
        defer { start = end }
        return (start..<end).map { list[$0] }
    }
}
