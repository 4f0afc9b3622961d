import Testing
import VTJTestSupport
@testable import VTJCore

/// The ledger's slot per answered code of a list (issue 15 goal 3): it must answer exactly as a
/// plain dictionary from rank to slot does, for every rank, answered or not.
@Suite struct AnsweredSlotsTests {
    /// Fills `slots` with `answers` (rank, slot) in order, mirrored in a dictionary, and compares every rank.
    static func check(count: Int, answers: [(rank: Int, slot: Int)]) {
        var slots = AnsweredSlots(count: count)
        var plain: [Int: Int] = [:]
        for (rank, slot) in answers {
            #expect(slots[rank] == nil)
            slots.set(rank, slot: slot)
            plain[rank] = slot
            #expect(slots[rank] == slot)
        }
        #expect((0..<count).allSatisfy { slots[$0] == plain[$0] }, "count \(count)")
    }

    /// Sizes 0, 1 and around the 64-rank blocks; every rank answered, in random order, slots in order of answer.
    @Test func everyRankOfSmallListsAroundTheBlockEdges() {
        var random = SeededGenerator(seed: 64)
        for count in [0, 1, 2, 63, 64, 65, 127, 128, 129, 200] {
            let order = (0..<count).shuffled(using: &random)
            Self.check(count: count, answers: order.enumerated().map { ($0.element, $0.offset) })
            // Half answered, the rest must stay nil.
            Self.check(count: count, answers: order.prefix(count / 2).enumerated().map { ($0.element, $0.offset) })
        }
    }

    /// A whole block answered (64 entries: ten chunks), slots at the top of their range, and a
    /// neighbour block untouched.
    @Test func aFullBlockAndTheLargestSlots() {
        var random = SeededGenerator(seed: 26)
        let order = (64..<128).shuffled(using: &random)
        Self.check(count: 192, answers: order.enumerated().map { ($0.element, AnsweredSlots.largestSlot - $0.offset) })
        Self.check(count: 192, answers: [(0, AnsweredSlots.largestSlot), (63, 0), (191, 1), (64, AnsweredSlots.largestSlot - 1)])
    }

    /// A list of 1,000,000 with a fifth answered, as the benchmark's: every rank as the dictionary
    /// says, and about half of the 2.5 MB a 20-bit slot per listed code took.
    @Test func aMillionWithAFifthAnswered() {
        var random = SeededGenerator(seed: 1_000_000)
        let count = 1_000_000
        let answered = (0..<count).shuffled(using: &random).prefix(200_000)
        var slots = AnsweredSlots(count: count)
        var plain = [Int](repeating: -1, count: count)
        for (slot, rank) in answered.enumerated() {
            slots.set(rank, slot: slot)
            plain[rank] = slot
        }
        #expect((0..<count).allSatisfy { slots[$0] == (plain[$0] < 0 ? nil : plain[$0]) })
        #expect(slots.byteCount < 1_500_000, "\(slots.byteCount) bytes")
    }
}
