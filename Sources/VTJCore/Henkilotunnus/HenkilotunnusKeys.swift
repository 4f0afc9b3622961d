/// A set of henkilötunnus held as their ``Henkilotunnus/key``s, sorted: 8 bytes a code (a
/// `Set<String>` of 1,000,000 codes is about 32 MB, this 8 MB), and a position for each code, so a
/// caller can keep one bit per code beside it.
public struct HenkilotunnusKeys: Sendable {
    private let keys: [UInt64]

    /// The distinct codes of `hetus`.
    public init(_ hetus: some Sequence<Henkilotunnus>) {
        var keys = hetus.map(\.key)
        keys.sort()
        keys.removeDuplicatesInSortedOrder()
        self.keys = keys
    }

    /// How many distinct codes.
    public var count: Int { keys.count }

    /// Where `key` sits among the codes (0 ..< ``count``), or nil when it is not one of them.
    public func position(of key: UInt64) -> Int? {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? low : nil
    }

    /// Whether `hetu` is one of the codes.
    public func contains(_ hetu: Henkilotunnus) -> Bool { position(of: hetu.key) != nil }
}

extension Array where Element: Equatable {
    /// Keeps the first of each run of equal neighbours: a sorted array's duplicates go, in place.
    public mutating func removeDuplicatesInSortedOrder() {
        guard count > 1 else { return }
        var kept = 1
        for index in 1..<count where self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}
