/// The distinct valid henkilötunnus of a drop in first-seen order, consumed as a sequence or in
/// message-sized chunks; whoever consumes them needs to know nothing of how the drop was read.
///
/// The codes are held once, as their 8-byte ``Henkilotunnus/key``s (a `Henkilotunnus` is 16
/// bytes: a list of 1,000,000 is 8 MB here, not 16; issue 15's memory bound); each value is made
/// again from its key when read, and chunks are made one at a time, never a copy of the list.
public struct HetuSequence: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral {
    /// The codes' keys in first-seen order.
    public private(set) var keys: [UInt64]

    /// `values` as given (the reader has already made them distinct).
    public init(_ values: [Henkilotunnus] = []) { keys = values.map(\.key) }

    /// Codes given by their keys (each the ``Henkilotunnus/key`` of a valid code), in order.
    public init(keys: [UInt64]) { self.keys = keys }

    public init(arrayLiteral elements: Henkilotunnus...) { self.init(elements) }

    public var startIndex: Int { keys.startIndex }
    public var endIndex: Int { keys.endIndex }
    public subscript(position: Int) -> Henkilotunnus { Henkilotunnus(validKey: keys[position]) }

    /// The values in consecutive chunks of at most `size` (at least 1), in order: one chunk is
    /// what one interface message can carry.
    public func chunks(ofCount size: Int) -> HetuChunks { HetuChunks(keys: keys[...], size: Swift.max(1, size)) }
}

/// ``HetuSequence/chunks(ofCount:)``: the values of consecutive slices of the keys, each at most `size` long.
public struct HetuChunks: Sequence, IteratorProtocol, Sendable {
    private var keys: ArraySlice<UInt64>
    private let size: Int

    init(keys: ArraySlice<UInt64>, size: Int) {
        self.keys = keys
        self.size = size
    }

    public mutating func next() -> [Henkilotunnus]? {
        guard !keys.isEmpty else { return nil }
        let chunk = keys.prefix(size)
        keys = keys.dropFirst(chunk.count)
        return chunk.map(Henkilotunnus.init(validKey:))
    }
}
