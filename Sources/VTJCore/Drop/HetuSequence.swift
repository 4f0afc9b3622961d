/// The distinct valid henkilötunnus of a drop in first-seen order, consumed as a sequence or in
/// message-sized chunks; whoever consumes them needs to know nothing of how the drop was read.
///
/// The values are held once: chunks are slices of the same storage, never copies of the list.
public struct HetuSequence: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral {
    private var values: [Henkilotunnus]

    /// `values` as given (the reader has already made them distinct).
    public init(_ values: [Henkilotunnus] = []) { self.values = values }

    public init(arrayLiteral elements: Henkilotunnus...) { self.init(elements) }

    public var startIndex: Int { values.startIndex }
    public var endIndex: Int { values.endIndex }
    public subscript(position: Int) -> Henkilotunnus { values[position] }

    /// The values as one array, shared, not copied: for the callers that still take a whole list
    /// (the audit record of a query, the followed register). Streaming callers take ``chunks(ofCount:)``.
    public var shared: [Henkilotunnus] { values }

    /// The values in consecutive chunks of at most `size` (at least 1), in order: one chunk is
    /// what one interface message can carry.
    public func chunks(ofCount size: Int) -> HetuChunks { HetuChunks(values: values[...], size: Swift.max(1, size)) }
}

/// ``HetuSequence/chunks(ofCount:)``: slices of the values, each at most `size` long.
public struct HetuChunks: Sequence, IteratorProtocol, Sendable {
    private var values: ArraySlice<Henkilotunnus>
    private let size: Int

    init(values: ArraySlice<Henkilotunnus>, size: Int) {
        self.values = values
        self.size = size
    }

    public mutating func next() -> ArraySlice<Henkilotunnus>? {
        guard !values.isEmpty else { return nil }
        let chunk = values.prefix(size)
        values = values.dropFirst(chunk.count)
        return chunk
    }
}
