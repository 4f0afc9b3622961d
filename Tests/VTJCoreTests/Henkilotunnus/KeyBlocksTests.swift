import Testing
@testable import VTJCore

/// The list's sorted codes held as blocks of distances (issue 15 goal 3) must answer exactly what
/// the plain sorted array answers: the key at each rank, the rank of each key, none for a key
/// between or beyond them, and a walk of any range.
@Suite struct KeyBlocksTests {
    typealias Generator = HenkilotunnusPropertyTests.SplitMix64

    /// Every question asked of `blocks` against the plain array; `probes` more keys that may or may not be held.
    static func check(_ sorted: [UInt64], probes: [UInt64] = [], sampled: Int? = nil) {
        let blocks = KeyBlocks(sorted: sorted, count: sorted.count)
        #expect(blocks.count == sorted.count)
        let step = max(1, sorted.count / max(1, sampled ?? sorted.count))
        for rank in stride(from: 0, to: sorted.count, by: step) {
            #expect(blocks.key(at: rank) == sorted[rank], "key at \(rank) of \(sorted.count)")
            #expect(blocks.rank(of: sorted[rank]) == rank, "rank of key \(rank) of \(sorted.count)")
            // The neighbours between two held keys are not held.
            if sorted[rank] > 0, rank == 0 || sorted[rank - 1] != sorted[rank] - 1 {
                #expect(blocks.rank(of: sorted[rank] - 1) == nil)
            }
            if sorted[rank] < .max, rank == sorted.count - 1 || sorted[rank + 1] != sorted[rank] + 1 {
                #expect(blocks.rank(of: sorted[rank] + 1) == nil)
            }
        }
        for probe in probes {
            #expect(blocks.rank(of: probe) == Self.plainRank(of: probe, in: sorted))
        }
        var walked: [UInt64] = []
        blocks.forEach(in: 0..<sorted.count) { walked.append($0) }
        #expect(walked == sorted, "the whole walk")
        if sorted.count > 10 {
            let part = (sorted.count / 3)..<(sorted.count - 5)
            var inPart: [UInt64] = []
            blocks.forEach(in: part) { inPart.append($0) }
            #expect(inPart == Array(sorted[part]), "a walk of a part")
        }
        var beyond: [UInt64] = []
        blocks.forEach(in: sorted.count..<(sorted.count + 3)) { beyond.append($0) }
        #expect(beyond.isEmpty, "ranks past the end are not walked")
    }

    static func plainRank(of key: UInt64, in sorted: [UInt64]) -> Int? {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == key ? low : nil
    }

    static func randomKeys(_ count: Int, below bound: UInt64, seed: UInt64) -> [UInt64] {
        var rng = Generator(seed: seed)
        var keys = (0..<count).map { _ in rng.next() % bound }
        keys.sort()
        keys.removeDuplicatesInSortedOrder()
        return keys
    }

    @Test func sizesAroundTheBlockEdgesAnswerAsThePlainArray() {
        let size = KeyBlocks.blockSize
        for count in [0, 1, 2, size - 1, size, size + 1, 2 * size - 1, 2 * size, 2 * size + 1, 5 * size + 17] {
            let keys = Self.randomKeys(count, below: 1 << 37, seed: UInt64(count) + 1)
            Self.check(keys, probes: Self.randomKeys(200, below: 1 << 37, seed: UInt64(count) + 99) + [0, 1 << 37, .max])
        }
        let empty = KeyBlocks()
        #expect(empty.count == 0 && empty.rank(of: 0) == nil && empty.rank(of: .max) == nil)
    }

    @Test func aMillionRandomKeysAnswerAsThePlainArrayAndTakeAboutThreeBytesEach() {
        // Keys as a list's codes spread them: below 2^37 (Henkilotunnus.key).
        let keys = Self.randomKeys(1_000_000, below: 1 << 37, seed: 2026)
        Self.check(keys, probes: Self.randomKeys(20_000, below: 1 << 37, seed: 2027), sampled: 50_000)
        let blocks = KeyBlocks(sorted: keys, count: keys.count)
        #expect(blocks.byteCount < keys.count * 4, "\(blocks.byteCount) bytes for \(keys.count) keys")
        // Reserved exactly (up to the allocator's rounding to a page), never grown by doubling.
        #expect(blocks.spareWords < 512, "\(blocks.spareWords) spare words")
    }

    @Test func keysAtTheTopOfTheRangeAndDistancesOfEveryWidth() {
        // The largest code's key and its neighbours, and blocks whose widest distance takes 1…64 bits.
        let top: UInt64 = 1 << 37
        Self.check([top - 3, top - 2, top - 1], probes: [top, top - 4, 0])
        var wide: [UInt64] = [0]
        for width in 1...63 { wide.append(wide[wide.count - 1] + (1 << UInt64(width - 1))) }
        wide.append(.max)
        Self.check(wide, probes: [2, 5, .max - 1, 1 << 62])
        Self.check([0, .max], probes: [1, .max - 1])
        Self.check(Array(0..<UInt64(300)), probes: [300, 1000])
        Self.check((0..<300).map { UInt64.max - 299 + UInt64($0) }, probes: [0, .max - 300])
    }

    /// A drop's list: its places' codes come back exactly, in order, also where a code is listed twice.
    @Test func aListWithRepeatsGivesBackEveryPlaceAndItsRank() {
        let codes = HenkilotunnusKeysTests.randomCodes(3000, seed: 33)
        for values in [[], [codes[0]], [codes[0], codes[0]], codes, codes + codes.prefix(500).reversed() + [codes[7]]] {
            let list = HetuSequence(values)
            #expect(list.count == values.count)
            #expect(list.map(\.value) == values.map(\.value))
            let sorted = Set(values.map(\.key)).sorted()
            #expect(list.distinct.count == sorted.count)
            let rankOf = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
            #expect(list.indices.allSatisfy { list.rank(at: $0) == rankOf[values[$0].key] })
            #expect(Array(list.chunks(ofCount: 64).joined()) == values)
            #expect(list == HetuSequence(values) && list.hashValue == HetuSequence(values).hashValue)
        }
        #expect(HetuSequence(codes) != HetuSequence(codes.reversed()))
    }
}
