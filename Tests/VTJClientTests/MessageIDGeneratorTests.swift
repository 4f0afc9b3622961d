import Testing
import VTJClient

@Suite("MessageIDGenerator")
struct MessageIDGeneratorTests {
    @Test("ids are UUIDv7-shaped, unique and sort by time, even within one millisecond")
    func uniqueAndSortable() {
        let generator = MessageIDGenerator()
        var ids: [String] = []
        // 5000 ids in one millisecond overflow the 4096-step counter into the next millisecond.
        for _ in 0..<5000 { ids.append(generator.next(unixMillis: 1_764_000_000_000)) }
        for millis in stride(from: UInt64(1_764_000_000_001), to: 1_764_000_000_050, by: 7) {
            ids.append(generator.next(unixMillis: millis))
        }
        // A clock step backwards must not break the order.
        ids.append(generator.next(unixMillis: 1_700_000_000_000))
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        for id in ids.prefix(3) + ids.suffix(3) {
            let parts = id.split(separator: "-")
            #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
            #expect(parts[2].first == "7")
            #expect("89ab".contains(parts[3].first ?? "x"))
        }
        #expect(ids[0].hasPrefix("019a"))
    }
}
