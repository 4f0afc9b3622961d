/// Finds the repeats of a list read whole by sorting it, not through a hash index of its codes
/// (8 MB at 1,000,000 codes, 12 MB while it doubled; issue 15 goal 3): the list's values are held
/// as ``pack(key:position:)``s, sorted in place, the repeats marked by position (a bit each), and
/// the list made from the sorted first occurrences: their keys become the list's sorted distinct
/// codes, each one's first-seen place its rank's place (``HetuSequence``).
enum ListRepeats {
    /// Bits of a packed value that hold its position; a key (``Henkilotunnus/key``: nine digits
    /// below 2^29, then the century sign's byte below 2^8) takes the other 37.
    static let positionBits = 27
    /// How many values a list can hold (134,217,728; a list read whole of 1.5 GB).
    static let capacity = 1 << positionBits
    private static let positionMask: UInt64 = (1 << UInt64(positionBits)) - 1

    /// One value: sorting these sorts by key, and a key's occurrences by position.
    static func pack(key: UInt64, position: Int) -> UInt64 { key << UInt64(positionBits) | UInt64(position) }

    /// A repeat: its key, its position and the position of its value's first occurrence.
    struct Repeat: Equatable {
        let key: UInt64
        let position: Int
        let first: Int
    }

    /// Turns `values` (packed, in list order; emptied) into the list of distinct codes in first-seen
    /// order; returns it, whether each position was a repeat (one bit a position), how many repeats
    /// there were and the first `detailLimit` of them by position.
    static func resolve(_ values: inout [UInt64], detailLimit: Int)
        -> (list: HetuSequence, isRepeat: [UInt64], count: Int, detail: [Repeat]) {
        let total = values.count
        var isRepeat = [UInt64](repeating: 0, count: (total + 63) / 64)
        guard total > 0 else { return (HetuSequence(), isRepeat, 0, []) }
        values.sort()
        var repeats = 0
        var previous = UInt64.max
        for packed in values {
            let key = packed >> UInt64(positionBits)
            if key == previous {
                let position = Int(packed & positionMask)
                isRepeat[position >> 6] |= 1 << UInt64(position & 63)
                repeats += 1
            }
            previous = key
        }
        let detail = repeats == 0 ? [] : details(values, isRepeat: isRepeat, limit: detailLimit)
        // Drop the repeats (the rest stays sorted): the distinct codes; each one's place in the list
        // is its position less the repeats before it.
        var kept = 0
        for index in 0..<total {
            let position = Int(values[index] & positionMask)
            if isRepeat[position >> 6] & (1 << UInt64(position & 63)) == 0 {
                values[kept] = values[index]
                kept += 1
            }
        }
        values.removeLast(total - kept)
        let list = firstSeenList(values, isRepeat: isRepeat)
        values = []
        return (list, isRepeat, repeats, detail)
    }

    /// The first `limit` repeats by position, each with its first occurrence's position.
    private static func details(_ sorted: [UInt64], isRepeat: [UInt64], limit: Int) -> [Repeat] {
        guard limit > 0 else { return [] }
        // The position of the limit-th repeat: only repeats before it are kept.
        var seen = 0
        var bound = Int.max
        for (word, bits) in isRepeat.enumerated() where bits != 0 {
            let here = bits.nonzeroBitCount
            if seen + here >= limit {
                var rest = bits
                for _ in 0..<(limit - seen - 1) { rest &= rest - 1 }
                bound = word * 64 + rest.trailingZeroBitCount
                break
            }
            seen += here
        }
        var found: [Repeat] = []
        var previous = UInt64.max
        var first = 0
        for packed in sorted {
            let key = packed >> UInt64(positionBits)
            let position = Int(packed & positionMask)
            if key != previous {
                first = position
                previous = key
            } else if position <= bound {
                found.append(Repeat(key: key, position: position, first: first))
            }
        }
        found.sort { $0.position < $1.position }
        return found
    }

    /// The list of distinct packed values (sorted): their keys in order are its distinct codes, and
    /// the value of rank r sits at its first-seen place, its position less the repeats before it.
    private static func firstSeenList(_ sorted: [UInt64], isRepeat: [UInt64]) -> HetuSequence {
        // Repeats before each 64-position word, for a position's place in two steps.
        var before = [UInt32](repeating: 0, count: isRepeat.count)
        var running: UInt32 = 0
        for word in isRepeat.indices {
            before[word] = running
            running += UInt32(isRepeat[word].nonzeroBitCount)
        }
        var ranks = PackedNumbers(count: sorted.count, largest: max(0, sorted.count - 1))
        for (rank, packed) in sorted.enumerated() {
            let position = Int(packed & positionMask)
            let below = isRepeat[position >> 6] & ((1 << UInt64(position & 63)) - 1)
            ranks[position - Int(before[position >> 6]) - below.nonzeroBitCount] = rank
        }
        let distinct = HenkilotunnusKeys(sortedDistinct: sorted.lazy.map { $0 >> UInt64(positionBits) }, count: sorted.count)
        return HetuSequence(distinct: distinct, ranks: ranks)
    }
}
