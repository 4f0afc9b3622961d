import Testing
import VTJCore

/// Random valid codes round-trip, and any single-character change is rejected (except a
/// century sign swap, which names another person: the check character cannot see it).
@Suite struct HenkilotunnusPropertyTests {
    /// VTJCore's SplitMix64, so failures reproduce.
    typealias SplitMix64 = SeededGenerator

    static let signs: [Character] = Array("+-YXWVUABCDEF")
    static let alphabet: [Character] = Array("0123456789ABCDEFHJKLMNPRSTUVWXY+-Z")

    /// Builds a valid test code (individual number 900–999) from random parts.
    static func randomValid(_ rng: inout SplitMix64) -> String {
        while true {
            let sign = signs.randomElement(using: &rng)!
            let century = Henkilotunnus.centuries[sign]!
            let year = century + Int.random(in: 0...99, using: &rng)
            let month = Int.random(in: 1...12, using: &rng)
            let day = Int.random(in: 1...CivilDate.daysIn(month: month, year: year), using: &rng)
            let number = Int.random(in: 900...999, using: &rng)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let datePart = two(day) + two(month) + two(year % 100)
            // The check character is computed independently of the library: DDMMYYNNN mod 31.
            let check = Array("0123456789ABCDEFHJKLMNPRSTUVWXY")[Int(datePart + String(number))! % 31]
            let value = datePart + String(sign) + String(number) + String(check)
            if CivilDate(year: year, month: month, day: day) != nil { return value }
        }
    }

    @Test func randomValidCodesRoundTrip() throws {
        var rng = SplitMix64(seed: 20_261_126)
        for _ in 0..<2_000 {
            let value = Self.randomValid(&rng)
            let code = try Henkilotunnus(value)
            #expect(code.value == value)
            #expect(Henkilotunnus.checkCharacter(datePart: String(value.prefix(6)), individualNumber: code.individualNumber)
                == value.last!)
            #expect(code.individualNumber >= 900)
        }
    }

    @Test func anySingleCharacterChangeIsRejected() throws {
        var rng = SplitMix64(seed: 31)
        var checked = 0
        for _ in 0..<300 {
            let value = Array(Self.randomValid(&rng))
            for position in value.indices {
                for replacement in Self.alphabet where replacement != value[position] {
                    var changed = value
                    changed[position] = replacement
                    // The check character does not cover the century sign (DDMMYYNNN mod 31), so
                    // another valid sign gives either an impossible date or a valid code of a
                    // DIFFERENT person: that is the identity rule, not a missed error.
                    if position == 6, Henkilotunnus.centuries[replacement] != nil {
                        if let other = try? Henkilotunnus(String(changed)) {
                            #expect(other.value != String(value))
                            #expect(other.centurySign == replacement)
                        }
                        continue
                    }
                    checked += 1
                    #expect(throws: HenkilotunnusError.self, "\(String(changed)) was accepted") {
                        try Henkilotunnus(String(changed))
                    }
                }
            }
        }
        #expect(checked > 50_000)
    }
}
