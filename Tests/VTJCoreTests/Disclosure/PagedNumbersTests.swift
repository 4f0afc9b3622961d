import Testing
import VTJTestSupport
@testable import VTJCore

/// The ledger's and the result's per-person numbers in fixed pages (issue 15 goal 3): they must
/// read back exactly as a plain array holding the same numbers.
@Suite struct PagedNumbersTests {
    /// Sizes 0, 1, around every page edge up to three pages, appended and then overwritten at random.
    @Test func pagedNumbersAreAPlainArray() {
        let page = PagedNumbers<UInt64>.pageSize
        var random = SeededGenerator(seed: 1515)
        for size in [0, 1, 2, page - 1, page, page + 1, 2 * page - 1, 2 * page, 2 * page + 1, 3 * page + 7] {
            var paged = PagedNumbers<UInt64>()
            var plain: [UInt64] = []
            for _ in 0..<size {
                let value = UInt64.random(in: 0...UInt64.max, using: &random)
                paged.append(value)
                plain.append(value)
            }
            for _ in 0..<(size / 2) {
                let index = Int.random(in: 0..<size, using: &random)
                let value = [0, UInt64.max, UInt64.random(in: 0...UInt64.max, using: &random)].randomElement(using: &random)!
                paged[index] = value
                plain[index] = value
            }
            #expect(paged.count == plain.count)
            #expect((0..<size).map { paged[$0] } == plain, "size \(size)")
            #expect(paged.byteCount == (size + page - 1) / page * page * 8)
        }
    }

    /// Narrow numbers at the top of their range, neighbours untouched across page ends.
    @Test func narrowNumbersKeepTheirTopValues() {
        var bytes = PagedNumbers<UInt8>()
        var halves = PagedNumbers<UInt16>()
        let count = PagedNumbers<UInt8>.pageSize * 2 + 3
        for index in 0..<count {
            bytes.append(index % 2 == 0 ? .max : 0)
            halves.append(index % 3 == 0 ? .max : UInt16(index % 65_535))
        }
        #expect((0..<count).allSatisfy { bytes[$0] == (($0 % 2 == 0) ? .max : 0) })
        #expect((0..<count).allSatisfy { halves[$0] == ($0 % 3 == 0 ? .max : UInt16($0 % 65_535)) })
    }

    /// Spans found by the walk over distances are the spans a plain array of starts gives, also
    /// where a distance does not fit in 16 or 32 bits, is exactly 16 or 32 bits' top, or goes backwards.
    @Test func personOffsetsGiveThePlainArraysSpans() {
        let page = PagedNumbers<UInt32>.pageSize
        var random = SeededGenerator(seed: 1313)
        for size in [1, 2, page - 1, page, page + 1, 2 * page + 5] {
            var offsets = PersonOffsets()
            var starts: [Int64] = []
            var position: Int64 = Int64.random(in: 0...5000, using: &random)
            for index in 0..<size {
                starts.append(position)
                offsets.append(position)
                switch index % 997 {
                case 5: position += Int64(UInt32.max)         // exactly the marker: kept aside
                case 6: position += Int64(UInt32.max) - 1     // the largest that fits
                case 7: position += 1 << 40
                case 8: position -= 3                          // backwards: kept aside too
                case 9: position += Int64(UInt16.max)         // the 16-bit marker: kept aside
                case 10: position += Int64(UInt16.max) - 1    // the largest 16-bit distance
                case 11: position += 1 << 16
                default: position += Int64.random(in: 0...300, using: &random)
                }
            }
            let end = position
            #expect(offsets.count == size)
            var slots = (0..<min(size, 40)).map { _ in Int.random(in: 0..<size, using: &random) }
            slots += [0, size - 1] + [5, 6, 7, 8, 9, 10, 11, 12].filter { $0 < size }
            // A span ending where the next start went backwards is no range: those slots are left out.
            slots.removeAll { $0 % 997 == 8 }
            let plain = slots.map { starts[$0]..<($0 + 1 < size ? starts[$0 + 1] : end) }
            #expect(offsets.spans(of: slots, end: end) == plain, "size \(size)")
        }
        #expect(PersonOffsets().spans(of: [], end: 0).isEmpty)
    }
}
