/// Where each written person starts in a result file, by ledger slot, and the span a withdrawn
/// copy's rows take: each start kept as its distance from the one before (2 bytes in fixed pages,
/// not 8 in an array that doubles: issue 15 goal 3; a person's rows are rarely 64 KiB). Spans are needed only at the end, for the
/// few withdrawn copies, so one walk over the distances then finds them.
public struct PersonOffsets: Sendable {
    private var distances = PagedNumbers<UInt16>()
    /// Distances that do not fit in 16 bits (or go backwards), by slot; marked `UInt16.max` above.
    private var farDistances: [Int: Int64] = [:]
    private var last: Int64 = 0

    /// No persons.
    public init() {}

    /// Persons whose start was noted.
    public var count: Int { distances.count }

    /// Notes where the next slot's person starts.
    public mutating func append(_ start: Int64) {
        let distance = start &- last
        if distance >= 0 && distance < Int64(UInt16.max) {
            distances.append(UInt16(distance))
        } else {
            farDistances[distances.count] = distance
            distances.append(.max)
        }
        last = start
    }

    /// Each of `slots`' spans, in their order: from the slot's start to the next slot's, the last
    /// slot's to `end`.
    public func spans(of slots: [Int], end: Int64) -> [Range<Int64>] {
        guard let through = slots.max() else { return [] }
        precondition(slots.allSatisfy { $0 >= 0 } && through < count, "PersonOffsets slot out of range")
        var needed = Set(slots)
        needed.formUnion(slots.map { $0 + 1 })
        var starts: [Int: Int64] = [:]
        var position: Int64 = 0
        for slot in 0...min(through + 1, count - 1) {
            let distance = distances[slot]
            position &+= distance == .max ? farDistances[slot]! : Int64(distance)
            if needed.contains(slot) { starts[slot] = position }
        }
        return slots.map { slot in starts[slot]!..<(slot + 1 < count ? starts[slot + 1]! : end) }
    }

    /// Bytes the distances take (for tests and the documentation's figures).
    public var byteCount: Int { distances.byteCount }
}
