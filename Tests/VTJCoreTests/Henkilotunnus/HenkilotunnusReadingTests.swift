import Testing
import VTJCore

@Suite struct HenkilotunnusReadingTests {
    @Test(arguments: [
        "010594Y9032", " 010594Y9032 ", "\t010594Y9032\r", "\"010594Y9032\"", "'010594Y9032'",
        "\u{FEFF}010594Y9032", "  \"010594Y9032\"  ",
    ])
    func surroundingNoiseIsRemovedSilently(_ raw: String) throws {
        let reading = Henkilotunnus.read(raw)
        #expect(try reading.result.get().value == "010594Y9032")
        #expect(reading.warnings.isEmpty)
    }

    @Test func lowerCaseIsAcceptedWithAWarning() throws {
        let reading = Henkilotunnus.read("020594x903p")
        #expect(try reading.result.get().value == "020594X903P")
        #expect(reading.warnings == [.lowercase])
        #expect(reading.cleaned == "020594x903p")
    }

    @Test(arguments: ["010594 Y9032", "010594Y9032x", "010594-Y9032", "O10594Y9032", "010594Y9O32"])
    func nothingElseIsFixed(_ raw: String) {
        #expect(throws: (any Error).self) { try Henkilotunnus.read(raw).result.get() }
    }

    @Test func readingKeepsTheReasonForTheReceipt() {
        let reading = Henkilotunnus.read(" 010594Y9033 ")
        #expect(reading.cleaned == "010594Y9033")
        guard case .failure(let error) = reading.result else {
            Issue.record("an invalid check character was accepted")
            return
        }
        #expect(error == .checkCharacter(found: "3", expected: "2"))
        #expect(error.kind == "tarkistusmerkki")
    }
}
