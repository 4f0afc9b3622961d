import Testing
import VTJCore

@Suite struct DropFileNameTests {
    @Test func plainNamesKeepTheirForm() {
        let name = DropFileName("oppilaat syksy 2026.csv")
        #expect(name.isPlain)
        #expect(name.display == "oppilaat syksy 2026.csv")
        #expect(name.fileExtension == "csv")
        #expect(name.safeStem == "oppilaat syksy 2026")
        #expect(name.safeName == "oppilaat syksy 2026.csv")
        #expect(DropFileName("Lista.TXT").fileExtension == "txt")
        #expect(DropFileName("äidinkieli.txt").safeStem == "äidinkieli")
    }

    @Test func controlCharactersAndInvalidBytesAreEscapedInjectively() {
        let newline = DropFileName(raw: Array("a\nb.txt".utf8))
        #expect(newline.display == "a\\nb.txt")
        #expect(!newline.isPlain)
        #expect(newline.safeStem == "a_nb")
        let latin1 = DropFileName(raw: [0x6C, 0xE4, 0x2E, 0x74, 0x78, 0x74]) // "lä.txt" in Latin-1
        #expect(latin1.display == "l\\xE4.txt")
        #expect(latin1.safeName == "l_xE4.txt")
        // A literal backslash cannot be confused with an escape.
        #expect(DropFileName("l\\xE4.txt").display == "l\\\\xE4.txt")
        #expect(DropFileName("l\\xE4.txt") != latin1)
    }

    @Test func safeStemNeverEscapesOrHides() {
        #expect(DropFileName("..").safeStem == "drop")
        #expect(DropFileName("...txt").safeStem == "drop")
        #expect(DropFileName("a/../b.txt").safeStem == "a_.._b")
        #expect(DropFileName("=cmd|' /C calc'!A0.csv").safeStem.hasPrefix("=cmd_"))
        let long = DropFileName(String(repeating: "ä", count: 200) + ".txt")
        #expect(long.safeStem.utf8.count <= DropFileName.maximumStemBytes)
        #expect(long.safeName.hasSuffix(".txt"))
    }

    /// The log lines' masking and the operator commands' (`audit --hetu`) are one function: every
    /// henkilötunnus in free text is masked, in any letter case, except the one asked about.
    @Test func maskingHetusMasksEveryOneButTheKeptOne() throws {
        let asked = try Henkilotunnus("010594Y9032"), other = try Henkilotunnus("020594-903P")
        let text = "lista 010594y9032 ja 020594-903P.csv"
        #expect(DropFileName.maskingHetus(in: text) == "lista \(asked.masked) ja \(other.masked).csv")
        #expect(DropFileName.maskingHetus(in: text, keeping: asked) == "lista 010594y9032 ja \(other.masked).csv")
        #expect(DropFileName.maskingHetus(in: "short") == "short")
    }
}

@Suite struct DropFileNameRoundTripTests {
    @Test(arguments: [
        Array("tavallinen.txt".utf8), Array("rivi\nvaihto\r\t.txt".utf8), [0x6C, 0xE4, 0x2E, 0x74], Array("a\\xE4\\n.txt".utf8),
        [0x01, 0x7F, 0xC2, 0x85, 0x41], Array("äö€😀.csv".utf8), [0xFF, 0xFE, 0x5C],
    ])
    func displayFormRebuildsTheRawName(raw: [UInt8]) {
        let name = DropFileName(raw: raw)
        #expect(DropFileName(displayed: name.display) == name)
    }
}
