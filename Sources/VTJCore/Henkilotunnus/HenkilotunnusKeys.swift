/// A set of henkilötunnus held as their ``Henkilotunnus/key``s, sorted, and a position (rank) for
/// each code, so a caller can keep one bit per code beside it. The keys are held in blocks of
/// distances (``KeyBlocks``: about 3 bytes a code where a `[UInt64]` takes 8 and a `Set<String>` 32;
/// issue 15 goal 3).
public struct HenkilotunnusKeys: Sendable {
    private let blocks: KeyBlocks

    /// The distinct codes of `hetus`.
    public init(_ hetus: some Sequence<Henkilotunnus>) {
        if let list = hetus as? HetuSequence {
            self = list.distinct
            return
        }
        var keys = hetus.map(\.key)
        keys.sort()
        keys.removeDuplicatesInSortedOrder()
        self.init(sortedDistinct: keys, count: keys.count)
    }

    /// The distinct codes of a drop's list: the ones it holds already (nothing sorted again).
    public init(_ hetus: HetuSequence) {
        self = hetus.distinct
    }

    /// Keys given strictly increasing (each the key of a valid code), `count` of them.
    init(sortedDistinct keys: some Collection<UInt64>, count: Int) {
        blocks = KeyBlocks(sorted: keys, count: count)
    }

    /// No codes.
    init() { blocks = KeyBlocks() }

    /// How many distinct codes.
    public var count: Int { blocks.count }

    /// Where `key` sits among the codes (0 ..< ``count``), or nil when it is not one of them.
    public func position(of key: UInt64) -> Int? { blocks.rank(of: key) }

    /// The key of the code at `position` (0 ..< ``count``).
    public func key(at position: Int) -> UInt64 { blocks.key(at: position) }

    /// Whether `hetu` is one of the codes.
    public func contains(_ hetu: Henkilotunnus) -> Bool { position(of: hetu.key) != nil }

    /// Each code's text, in the keys' order (by birth date and individual number, then century
    /// sign), made one at a time from its key: the list's texts without a copy of them.
    public func forEachText(_ body: (String) throws -> Void) rethrows {
        try forEachText(in: 0..<count, body)
    }

    /// ``forEachText(_:)`` of the codes at `positions` only (a part of a long list, written in parts).
    public func forEachText(in positions: Range<Int>, _ body: (String) throws -> Void) rethrows {
        try blocks.forEach(in: positions) { try body(Self.text(of: $0)) }
    }

    /// Bytes the keys take (for tests and the documentation's figures).
    var byteCount: Int { blocks.byteCount }

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
