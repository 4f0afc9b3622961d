/// A set of henkilötunnus held as their ``Henkilotunnus/key``s, sorted: 8 bytes a code (a
/// `Set<String>` of 1,000,000 codes is about 32 MB, this 8 MB), and a position for each code, so a
/// caller can keep one bit per code beside it.
public struct HenkilotunnusKeys: Sendable {
    private let keys: [UInt64]

    /// The distinct codes of `hetus`.
    public init(_ hetus: some Sequence<Henkilotunnus>) {
        self.init(keys: hetus.map(\.key))
    }

    /// The distinct codes of a drop's list, from the keys it holds (no value made on the way).
    public init(_ hetus: HetuSequence) {
        self.init(keys: hetus.keys)
    }

    private init(keys: [UInt64]) {
        var keys = keys
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

    /// Each code's text, in the keys' order (by birth date and individual number, then century
    /// sign), made one at a time from its key: the list's texts without a copy of them.
    public func forEachText(_ body: (String) throws -> Void) rethrows {
        try forEachText(in: keys.indices, body)
    }

    /// ``forEachText(_:)`` of the codes at `positions` only (a part of a long list, written in parts).
    public func forEachText(in positions: Range<Int>, _ body: (String) throws -> Void) rethrows {
        for key in keys[positions.clamped(to: keys.indices)] { try body(Self.text(of: key)) }
    }

    /// The eleven characters of the code whose ``Henkilotunnus/key`` is `key`.
    static func text(of key: UInt64) -> String {
        let digits = key >> 8
        // Eleven ASCII bytes: a small string, made in place without an array per code.
        return String(unsafeUninitializedCapacity: 11) { bytes in
            var rest = digits
            for index in [9, 8, 7, 5, 4, 3, 2, 1, 0] {
                bytes[index] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
            }
            bytes[6] = UInt8(truncatingIfNeeded: key & 0xFF)
            bytes[10] = Henkilotunnus.checkBytes[Int(digits % 31)]
            return 11
        }
    }
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
