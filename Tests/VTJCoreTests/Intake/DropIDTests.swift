import Testing
import VTJCore

@Suite struct DropIDTests {
    @Test func formatsTheUTCSecondThenRandomness() {
        // 2026-11-26T15:43:00Z
        let id = DropID(secondsSinceEpoch: 1_795_707_780, random: 0)
        #expect(id.value == "20261126T154300Z-0000000000")
        #expect(id.datePart == "2026-11-26")
        let other = DropID(secondsSinceEpoch: 1_795_707_780, random: 0x3FF_FFFF_FFFF_FF)
        #expect(other.value.hasSuffix("-zzzzzzzzzz"))
    }

    @Test func sortsByTime() {
        let early = DropID(secondsSinceEpoch: 1_000_000_000, random: .max)
        let late = DropID(secondsSinceEpoch: 1_000_000_001, random: 0)
        #expect(early < late)
    }

    @Test func parsesItsOwnFormOnly() throws {
        let id = DropID(secondsSinceEpoch: 1_795_707_780, random: 123_456_789)
        #expect(DropID(id.value) == id)
        for bad in ["", "20261126T154300Z", "20261126T154300Z-00000000001", "../../etc/passwd", "20261126X154300Z-0000000000",
                    "20261126T154300Z-000000000I"] {
            #expect(DropID(bad) == nil, "\(bad)")
        }
    }
}
