import Testing
@testable import VTJCore

/// The byte-level reading of a henkilötunnus (issue 15) accepts exactly what the `Character`
/// reading accepts, with the same value, and leaves every rejection to it.
@Suite struct HenkilotunnusFastPathTests {
    typealias Generator = HenkilotunnusPropertyTests.SplitMix64

    static let pieces: [String] = ["0", "1", "2", "9", "A", "F", "H", "Y", "U", "X", "+", "-", "Z", "a", "y", " ",
                                   "\r", "\n", "\r\n", "é", "\u{0301}", "٣", "１", "ß"]

    static func check(_ text: String) {
        let fast = Henkilotunnus.validASCII(text)
        let slow = try? Henkilotunnus.validCharacters(text)
        #expect(fast == nil || fast == slow, "\(text.debugDescription): read differently")
        #expect(fast != nil || slow == nil || !text.utf8.allSatisfy { $0 < 0x80 }, "\(text.debugDescription): ASCII code left to the slow path")
        #expect((try? Henkilotunnus(text)) == slow)
        // The `String` form and the generic one (here a `Substring` of exactly the text's bytes
        // inside a longer line, cut at byte offsets so no mark joins the text) give the same value
        // or the same reason.
        let line = "0;" + text + ";0"
        let inner = line[line.utf8.index(line.startIndex, offsetBy: 2) ..< line.utf8.index(line.endIndex, offsetBy: -2)]
        #expect(reading(text) == reading(inner), "\(text.debugDescription): String and Substring read differently")
        #expect(Henkilotunnus.validBirthDate(text) == Henkilotunnus.validBirthDate(inner))
        #expect(Henkilotunnus.validBirthDate(text) == slow?.birthDate)
    }

    static func reading(_ text: String) -> Result<Henkilotunnus, HenkilotunnusError> {
        do throws(HenkilotunnusError) { return .success(try Henkilotunnus(text)) } catch { return .failure(error) }
    }

    static func reading(_ text: Substring) -> Result<Henkilotunnus, HenkilotunnusError> {
        do throws(HenkilotunnusError) { return .success(try Henkilotunnus(text)) } catch { return .failure(error) }
    }

    @Test func validCodesAndTheirMutations() {
        var rng = Generator(seed: 15)
        for _ in 0..<3000 {
            let valid = HenkilotunnusPropertyTests.randomValid(&rng)
            Self.check(valid)
            var chars = Array(valid)
            let index = Int.random(in: 0..<chars.count, using: &rng)
            let piece = Self.pieces.randomElement(using: &rng)!
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: chars[index] = Character(piece)
            case 1: chars.insert(Character(piece), at: index)
            default: chars.remove(at: index)
            }
            Self.check(String(chars))
        }
    }

    @Test func everyCenturySignAndEdgeDate() {
        for sign in "+-UVWXYABCDEFGZ" {
            for date in ["010100", "290200", "290204", "311299", "000000", "320100", "011300"] {
                for number in ["000", "001", "002", "900", "999"] {
                    let digits = Int(date + number)!
                    let check = Henkilotunnus.checkAlphabet[digits % 31]
                    Self.check(date + String(sign) + number + String(check))
                }
            }
        }
    }
}
