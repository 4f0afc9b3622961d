/// Strictly increasing keys held in blocks of 64: each block keeps its first key whole and every
/// key as its distance from that one in just the bits the block's widest distance needs (frame of
/// reference). A list of 1,000,000 henkilötunnus takes about 3 MB here, not 8 (issue 15 goal 3), and
/// a key is still read by rank, or found by value, without decoding its neighbours.
struct KeyBlocks: Sendable {
    /// Keys a block holds: the block heads are 1/64 of the keys, a lookup by value a binary search
    /// over them and then over at most 64 distances.
    static let blockSize = 64
    private static let blockShift = 6

    /// How many keys.
    let count: Int
    /// Each block's first key.
    private var heads: [UInt64] = []
    /// Each block's first bit in ``bits`` (shifted left 7) and its distances' width (0…64).
    private var layout: [UInt64] = []
    /// The distances, block after block, each in its block's width.
    private var bits: [UInt64] = []

    /// No keys.
    init() { count = 0 }

    /// The keys of `sorted`, which must be strictly increasing; `count` of them.
    init(sorted: some Collection<UInt64>, count: Int) {
        self.count = count
        let blocks = (count + Self.blockSize - 1) >> Self.blockShift
        heads.reserveCapacity(blocks)
        layout.reserveCapacity(blocks)
        // The distances' words reserved exactly, from a first walk over the blocks: grown by
        // doubling and then copied to their length they held 7 MB for a moment at 1,000,000 codes,
        // beside the list's 8 MB of sorted values: the reading's peak (issue 15 goal 3).
        var writer = BitWriter(reservingBits: Self.distanceBits(sorted))
        var block: [UInt64] = []
        block.reserveCapacity(Self.blockSize)
        func close() {
            guard let head = block.first else { return }
            let widest = block[block.count - 1] - head
            let width = UInt64.bitWidth - widest.leadingZeroBitCount
            heads.append(head)
            layout.append(UInt64(writer.bitCount) << 7 | UInt64(width))
            for key in block.dropFirst() { writer.append(key - head, width: width) }
            block.removeAll(keepingCapacity: true)
        }
        var previous: UInt64?
        var seen = 0
        for key in sorted {
            precondition(previous.map { $0 < key } ?? true, "KeyBlocks takes strictly increasing keys")
            previous = key
            block.append(key)
            seen += 1
            if block.count == Self.blockSize { close() }
        }
        close()
        precondition(seen == count, "KeyBlocks was told \(count) keys and given \(seen)")
        bits = writer.words
    }

    /// Words reserved for the distances beyond those written (for tests: the reservation is exact).
    var spareWords: Int { bits.capacity - bits.count }

    /// The bits the distances of `sorted`'s blocks take (wrapping where the keys are out of order:
    /// the writing walk refuses those).
    private static func distanceBits(_ sorted: some Collection<UInt64>) -> Int {
        var total = 0
        var index = sorted.startIndex
        while index != sorted.endIndex {
            let end = sorted.index(index, offsetBy: blockSize, limitedBy: sorted.endIndex) ?? sorted.endIndex
            let head = sorted[index]
            var last = head
            var keys = 0
            while index != end {
                last = sorted[index]
                keys += 1
                sorted.formIndex(after: &index)
            }
            total += (UInt64.bitWidth - (last &- head).leadingZeroBitCount) * (keys - 1)
        }
        return total
    }

    /// The key at `rank` (0 ..< ``count``).
    func key(at rank: Int) -> UInt64 {
        precondition(rank >= 0 && rank < count, "KeyBlocks rank out of range")
        let block = rank >> Self.blockShift
        let within = rank & (Self.blockSize - 1)
        guard within > 0 else { return heads[block] }
        let (start, width) = Self.unpack(layout[block])
        return heads[block] + BitReader.read(bits, at: start + (within - 1) * width, width: width)
    }

    /// The rank of `key`, or nil when it is not one of the keys.
    func rank(of key: UInt64) -> Int? {
        // The last block whose head is at most `key`.
        var low = 0
        var high = heads.count
        while low < high {
            let middle = (low + high) >> 1
            if heads[middle] <= key { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let block = low - 1
        let head = heads[block]
        if key == head { return block << Self.blockShift }
        let (start, width) = Self.unpack(layout[block])
        let distance = key - head
        guard width > 0, distance >> UInt64(width) == 0 || width == 64 else { return nil }
        // Distances 1 ..< length of the block, increasing: a binary search over them.
        let length = min(Self.blockSize, count - (block << Self.blockShift))
        var first = 1
        var last = length
        while first < last {
            let middle = (first + last) >> 1
            if BitReader.read(bits, at: start + (middle - 1) * width, width: width) < distance { first = middle + 1 } else { last = middle }
        }
        guard first < length, BitReader.read(bits, at: start + (first - 1) * width, width: width) == distance else { return nil }
        return block << Self.blockShift + first
    }

    /// The keys at `ranks`, in order, each block's layout read once.
    func forEach(in ranks: Range<Int>, _ body: (UInt64) throws -> Void) rethrows {
        let ranks = ranks.clamped(to: 0..<count)
        var rank = ranks.lowerBound
        while rank < ranks.upperBound {
            let block = rank >> Self.blockShift
            let head = heads[block]
            let (start, width) = Self.unpack(layout[block])
            let end = min(ranks.upperBound, (block + 1) << Self.blockShift)
            while rank < end {
                let within = rank & (Self.blockSize - 1)
                try body(within == 0 ? head : head + BitReader.read(bits, at: start + (within - 1) * width, width: width))
                rank += 1
            }
        }
    }

    /// Bytes held (for the tests' and the documentation's figures).
    var byteCount: Int { (heads.capacity + layout.capacity + bits.capacity) * 8 }

    private static func unpack(_ layout: UInt64) -> (start: Int, width: Int) {
        (Int(layout >> 7), Int(layout & 0x7F))
    }
}

/// Appends numbers of a given width to 64-bit words, low bits first.
struct BitWriter {
    private(set) var words: [UInt64] = []
    private(set) var bitCount = 0

    /// Room for `bits` without growing.
    init(reservingBits bits: Int = 0) { words.reserveCapacity((bits + 63) >> 6) }

    mutating func append(_ value: UInt64, width: Int) {
        guard width > 0 else { return }
        let shift = bitCount & 63
        if shift == 0 { words.append(0) }
        words[words.count - 1] |= value << UInt64(shift)
        if shift + width > 64 { words.append(value >> UInt64(64 - shift)) }
        bitCount += width
    }
}

/// Reads what ``BitWriter`` wrote.
enum BitReader {
    @inline(__always)
    static func read(_ words: [UInt64], at bit: Int, width: Int) -> UInt64 {
        let word = bit >> 6
        let shift = bit & 63
        var value = words[word] >> UInt64(shift)
        if shift + width > 64 { value |= words[word + 1] << UInt64(64 - shift) }
        return width == 64 ? value : value & ((1 << UInt64(width)) - 1)
    }
}
