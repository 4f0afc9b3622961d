import Testing
@testable import VTJCore

@Suite struct ReceiptTests {
    typealias F = DisclosureFixtures

    static func processed() -> Receipt {
        var receipt = Receipt(
            dropID: "20261126T101500-7f3a", department: "sivistys", file: "oppilaat syksy.txt",
            processingDate: F.today, operation: "perustiedot", purpose: "perusopetus", format: "csv",
            reference: "oma-viite-42\nkuitti: väärennetty", groups: [.henkilonNimi, .kotikunta, .huoltaja],
            refusedGroups: [GroupRefusal(requested: "OSOITE", reason: .notProductGroup),
                            GroupRefusal(requested: "AMMATTI", reason: .notInProfile)])
        receipt.counts.lines = 7
        receipt.counts.valid = 5
        receipt.counts.invalid = 2
        receipt.counts.duplicates = 1
        receipt.rejectedLines = [
            RejectedLine(line: 3, value: "010594Y9033", error: .checkCharacter(found: "3", expected: "2")),
            RejectedLine(line: 6, value: "tyhjä|rivi", kind: "muoto", reason: Message(.hetuLength, ["count": 10])),
        ]
        let rules = F.rules(purpose: .perusopetus, groups: [.henkilonNimi, .kotikunta, .huoltaja])
        receipt.record(rules.disclose(Person(hetu: "010516B903X", records: [F.name("A", "B"), F.kotikunta("091"), F.turvakielto(active: false)])))
        receipt.record(rules.disclose(Person(hetu: "010594Y9032", records: [
            F.name("C", "D"), F.turvakielto(active: true), F.guardian(hetu: "020275-9862", first: "E", last: "F"),
        ])))
        receipt.record(rules.disclose(Person(hetu: "030516D9037", records: [F.name("G", "H"), F.turvakielto(active: false)])))
        receipt.recordNotFound("040594V9030")
        receipt.recordNotFound("020504A902E")
        receipt.notes = [Message(.noteLowerCase, ["count": 1, "lines": "4"])]
        return receipt
    }

    @Test func aChangeDeliveryAlwaysCountsItsChangesEvenNone() {
        func text(_ operation: String, refused: Bool = false) -> String {
            let receipt = Receipt(dropID: "r", department: "sivistys", file: "muutokset.xml", processingDate: F.today,
                                  operation: operation, purpose: "perusopetus",
                                  refusal: refused ? .unreadableFile(detail: .technical("line 1: truncated")) : nil)
            return String(decoding: ReceiptRenderer().bytes(receipt), as: UTF8.self)
        }
        #expect(text("muutokset").contains("muutokset: 0"))
        #expect(text("kunta-muutokset").contains("muutokset: 0"))
        #expect(!text("perustiedot").contains("muutokset:"), "not a change delivery")
        #expect(!text("muutokset", refused: true).contains("muutokset:"), "a refused delivery carried nothing")
    }

    /// Issue 12: test data is said first, and the processing time carries its offset.
    @Test func testDataIsSaidInTheFirstLineAndTimesCarryTheirOffset() throws {
        var receipt = Self.processed()
        let summer = FixedUTCOffset(seconds: 10_800).zoned(at: Instant(secondsSinceEpoch: 1_784_109_600))
        receipt.processedAt = summer
        receipt.isTestData = true
        let text = ReceiptRenderer().text(receipt)
        #expect(text.hasPrefix("# TESTIAINEISTO – vtjdrop – kuitti – "))
        #expect(text.contains("\r\nkasitelty: 2026-07-15T13:00:00+03:00\r\n"))
        #expect(text.contains("\r\naineisto: testiaineisto\r\n"))
        let entries = try ReceiptParser.parse(text)
        #expect(entries.first { $0.key == "aineisto" }?.value == "testiaineisto")
        receipt.isTestData = false
        #expect(!ReceiptRenderer().text(receipt).contains("TESTIAINEISTO"))
        #expect(summer.readable == "2026-07-15 13:00:00 +03:00")
        #expect(FixedUTCOffset(seconds: -19_800).zoned(at: Instant(secondsSinceEpoch: 0)).offset == "-05:30")
    }

    @Test func goldenProcessed() throws {
        try GoldenFile.check(ReceiptRenderer().bytes(Self.processed()), folder: "Receipt", name: "valmis.kuitti.txt")
        try GoldenFile.check(ReceiptRenderer(language: .swedish).bytes(Self.processed()), folder: "Receipt", name: "valmis.sv.kuitti.txt")
    }

    @Test func goldenRefused() throws {
        let receipt = Receipt(dropID: "20261126T101600-0001", department: "kirjasto", file: "pyynto.xml",
                              processingDate: F.today, operation: "perustiedot", purpose: "henkilosto",
                              refusal: .purpose(.excluded("henkilosto", .employees)))
        try GoldenFile.check(ReceiptRenderer().bytes(receipt), folder: "Receipt", name: "hylatty.kuitti.txt")
        try GoldenFile.check(ReceiptRenderer(language: .swedish).bytes(receipt), folder: "Receipt", name: "hylatty.sv.kuitti.txt")
    }

    @Test func parsesBackWithCounts() throws {
        let receipt = Self.processed()
        let entries = try ReceiptParser.parse(ReceiptRenderer().text(receipt))
        func value(_ key: String, _ qualifier: String? = nil) -> String? {
            entries.first { $0.key == key && $0.qualifier == qualifier }?.value
        }
        #expect(value("tulos") == "valmis")
        #expect(value("loytyi") == "3")
        #expect(value("ei-loytynyt") == "2")
        #expect(value("turvakielto") == "1")
        #expect(value("virheelliset") == "2")
        #expect(value("kaksoiskappaleet") == "1")
        #expect(value("pidatetty", "huoltaja-taysi-ikainen") == "1")
        #expect(value("tunniste") == "oma-viite-42 kuitti: väärennetty", "a newline in a value cannot forge an entry")
        #expect(entries.filter { $0.key == "kuitti" }.isEmpty)
        #expect(value("tietoryhma-hylatty", "OSOITE") == "ei-tuotteen-tietoryhma")
        #expect(entries.filter { $0.key == "ei-loytynyt-hetu" }.map(\.value) == ["040594V***0", "020504A***E"])
        #expect(value("hylatty-rivi", "3") == "010594Y***3 | tarkistusmerkki | väärä tarkistusmerkki '3': päivämäärän ja yksilönumeron mukaan sen pitäisi olla '2'")
        #expect(value("kuitti-versio") == "2")
        #expect(value("kieli") == "fi")
    }

    /// Safe to forward: no full henkilötunnus in the receipt, unless not-found hetus are asked unmasked.
    @Test func noHenkilotunnusInTheReceipt() {
        let text = ReceiptRenderer().text(Self.processed())
        for hetu in ["010594Y9033", "010594Y9032", "010516B903X", "040594V9030", "020504A902E", "020275-9862"] {
            #expect(!text.contains(hetu), "\(hetu) in the receipt")
        }
        let unmasked = ReceiptRenderer(unmaskNotFound: true).text(Self.processed())
        #expect(unmasked.contains("ei-loytynyt-hetu: 040594V9030"))
        #expect(!unmasked.contains("010594Y9033"))
    }

    /// Issue 16: "tiedostoa ei voitu lukea: … the file is empty" was half English.
    @Test func refusedReceiptSaysWhyInTheDepartmentsLanguage() throws {
        let empty = DropReadError(file: "lista.txt", kind: .empty, message: Message(.readEmpty))
        let receipt = Receipt(dropID: "x", department: "kirjasto", file: "lista.txt", processingDate: F.today,
                              refusal: DropRefusal(empty))
        let finnish = ReceiptRenderer().text(receipt)
        let entries = try ReceiptParser.parse(finnish)
        #expect(entries.first { $0.key == "tulos" }?.value == "hylatty")
        #expect(entries.first { $0.key == "syykoodi" }?.value == "tiedosto-ei-luettavissa")
        #expect(entries.first { $0.key == "syy" }?.value
            == "tiedostoa ei voitu lukea: lista.txt: tiedosto on tyhjä (0 tavua); pudota luettelo, jossa on yksi henkilötunnus riviä kohden")
        #expect(finnish.split(separator: "\r\n")[1]
            == "# Tiedostoa ei käsitelty eikä tulosta tehty. Syy: tiedostoa ei voitu lukea: lista.txt: tiedosto on tyhjä (0 tavua); pudota luettelo, jossa on yksi henkilötunnus riviä kohden.")
        let swedish = ReceiptRenderer(language: .swedish).text(receipt)
        #expect(try ReceiptParser.parse(swedish).first { $0.key == "syy" }?.value
            == "filen kunde inte läsas: lista.txt: filen är tom (0 byte); lämna in en förteckning med en personbeteckning per rad")
        for text in [finnish, swedish] {
            #expect(!text.contains("reason:") && !text.contains("empty") && !text.contains("the file"), "no English: \(text)")
        }
    }

    @Test func everyQuotedTextIsMaskedAndNoPathIsShown() throws {
        // Full codes where departments and interfaces put them: names, references, unknown values,
        // an interface's error text; one with a wrong check character and one in lower case.
        var receipt = Receipt(
            dropID: "20261126T080526Z-k3m9x2q7ab", department: "sivistys", file: "010594Y9032 oppilas.txt",
            processingDate: F.today, operation: "perustiedot 020594X903P", purpose: "hetu-020275-9862",
            reference: "viite:010516B903X", refusedGroups: [GroupRefusal(requested: "030516D9037", reason: .notProductGroup)],
            refusal: .invalidRequest(detail: Message(.interfaceRefusedRequest, ["detail": "VIRHEELLINEN_HETU: 040594V9031 (010594y9032) ei kelpaa; opening /var/lib/vtjdrop/claims/sivistys/work/x/lista.txt: denied"])))
        receipt.notes = [.technical("rivi 2: 010594Y9032 luettiin")]
        receipt.recordNotFound("040594V9030")
        let text = ReceiptRenderer().text(receipt)
        for code in ["010594Y9032", "020594X903P", "020275-9862", "010516B903X", "030516D9037", "040594V9031", "010594y9032", "040594V9030"] {
            #expect(!text.contains(code), "\(code) in the receipt")
        }
        #expect(text.contains("tiedosto: 010594Y***2 oppilas.txt\r\n"))
        #expect(text.contains("tunniste: viite:010516B***X\r\n"))
        #expect(text.contains("tietoryhma-hylatty[030516D___7]: ei-tuotteen-tietoryhma\r\n"))
        #expect(text.contains("pyynto: 20261126T080526Z-k3m9x2q7ab\r\n"), "a request id is not a henkilötunnus")
        #expect(!text.contains("/var/lib/vtjdrop") && text.contains("opening [path]: denied"))
        _ = try ReceiptParser.parse(text)
        // Only the configured exception shows a not-found hetu in full.
        #expect(ReceiptRenderer(unmaskNotFound: true).text(receipt).contains("ei-loytynyt-hetu: 040594V9030\r\n"))
        // A long interface text is cut, so a receipt stays readable.
        let long = Receipt(dropID: "r", department: "d", file: "f", processingDate: F.today,
                           refusal: .invalidRequest(detail: .technical(String(repeating: "x", count: 5000))))
        #expect(ReceiptRenderer().text(long).split(separator: "\r\n").allSatisfy { $0.count < 1100 })
    }

    @Test(arguments: ["no colon here", "Bad-Key: x", "key[]: x", "key[a b]: x"])
    func parserRejectsLinesOutsideTheGrammar(_ line: String) {
        #expect(throws: ReceiptParser.ParseError.self) { try ReceiptParser.parse("tulos: valmis\r\n" + line + "\r\n") }
    }
}
