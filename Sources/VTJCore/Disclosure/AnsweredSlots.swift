/// The ledger's slot of each answered code of a list, by the code's rank among the list's codes:
/// one bit per listed code saying it was answered, and the slots of a block of 64 ranks in a chain
/// of small chunks (issue 15 goal 3). A slot per listed code in 20 bits took 2.5 MB at 1,000,000;
/// when a fifth are found, as in the benchmark's list, this takes about half of that, and nothing
/// is ever copied into a buffer twice its size.
///
/// Only answered codes take room: a chunk holds seven entries (slot and the rank's place in its
/// block) and the index of the block's previous chunk, so a repeat's lookup walks at most 10
/// chunks; a first copy, the common case, is one bit test and one entry written.
struct AnsweredSlots: Sendable {
    /// The largest slot an entry holds (26 bits beside the 6-bit place in the block).
    static let largestSlot = (1 << 26) - 2
    private static let blockShift = 6
    private static let entriesPerChunk = 7
    private static let chunkWords = 8
    private static let none = UInt32.max

    /// How many ranks.
    let count: Int
    /// One bit per rank: answered.
    private var answered: [UInt64]
    /// Per block of 64 ranks: its newest chunk's index, or ``none``.
    private var heads: [UInt32]
    /// Chunks of eight words: seven entries (`slot << 6 | place`, ``none`` when empty, filled in
    /// order) and the block's previous chunk.
    private var chunks = PagedNumbers<UInt32>()

    /// No rank answered yet, among `count`.
    init(count: Int) {
        self.count = count
        let blocks = (count + 63) >> Self.blockShift
        answered = [UInt64](repeating: 0, count: blocks)
        heads = [UInt32](repeating: Self.none, count: blocks)
    }

    /// The slot of `rank`, or nil when it has none yet.
    subscript(rank: Int) -> Int? {
        precondition(rank >= 0 && rank < count, "AnsweredSlots rank out of range")
        let block = rank >> Self.blockShift
        let place = UInt32(rank & 63)
        guard answered[block] & (1 << UInt64(place)) != 0 else { return nil }
        var chunk = heads[block]
        while chunk != Self.none {
            let first = Int(chunk) * Self.chunkWords
            for word in first..<(first + Self.entriesPerChunk) {
                let entry = chunks[word]
                if entry != Self.none && entry & 63 == place { return Int(entry >> 6) }
            }
            chunk = chunks[first + Self.entriesPerChunk]
        }
        preconditionFailure("AnsweredSlots lost an answered rank's slot")
    }

    /// Gives `rank`, which has none yet, `slot` (0 … ``largestSlot``).
    mutating func set(_ rank: Int, slot: Int) {
        precondition(rank >= 0 && rank < count, "AnsweredSlots rank out of range")
        precondition(slot >= 0 && slot <= Self.largestSlot, "AnsweredSlots slot out of range")
        let block = rank >> Self.blockShift
        let place = UInt32(rank & 63)
        precondition(answered[block] & (1 << UInt64(place)) == 0, "AnsweredSlots rank already has a slot")
        answered[block] |= 1 << UInt64(place)
        let entry = UInt32(slot) << 6 | place
        let head = heads[block]
        if head != Self.none {
            let first = Int(head) * Self.chunkWords
            for word in first..<(first + Self.entriesPerChunk) where chunks[word] == Self.none {
                chunks[word] = entry
                return
            }
        }
        heads[block] = UInt32(chunks.count / Self.chunkWords)
        chunks.append(entry)
        for _ in 1..<Self.entriesPerChunk { chunks.append(Self.none) }
        chunks.append(head)
    }

    /// Bytes held (for tests and the documentation's figures).
    var byteCount: Int { answered.count * 8 + heads.count * 4 + chunks.byteCount }
}
