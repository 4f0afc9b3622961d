import Testing
import VTJCore

@Suite struct RequestIDTests {
    @Test func formatsTheUTCSecondThenRandomness() {
        // 2026-11-26T15:43:00Z
        let id = RequestID(secondsSinceEpoch: 1_795_707_780, random: 0)
        #expect(id.value == "20261126T154300Z-0000000000")
        #expect(id.datePart == "2026-11-26")
        let other = RequestID(secondsSinceEpoch: 1_795_707_780, random: 0x3FF_FFFF_FFFF_FF)
        #expect(other.value.hasSuffix("-zzzzzzzzzz"))
    }

    @Test func sortsByTime() {
        let early = RequestID(secondsSinceEpoch: 1_000_000_000, random: .max)
        let late = RequestID(secondsSinceEpoch: 1_000_000_001, random: 0)
        #expect(early < late)
    }

    @Test func parsesItsOwnFormOnly() throws {
        let id = RequestID(secondsSinceEpoch: 1_795_707_780, random: 123_456_789)
        #expect(RequestID(id.value) == id)
        for bad in ["", "20261126T154300Z", "20261126T154300Z-00000000001", "../../etc/passwd", "20261126X154300Z-0000000000",
                    "20261126T154300Z-000000000I"] {
            #expect(RequestID(bad) == nil, "\(bad)")
        }
    }
}
