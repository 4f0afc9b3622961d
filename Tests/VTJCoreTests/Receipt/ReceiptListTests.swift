import Testing
@testable import VTJCore

/// Issue 16: a 20,000-line not-found list made a 619 KB receipt; rule codes were the only words.
@Suite struct ReceiptListTests {
    typealias F = DisclosureFixtures

    /// Valid test hetus of 1994 (individual numbers 900–999).
    static func hetus(_ count: Int) -> [String] {
        (0..<count).map { index in
            let day = index % 28 + 1
            let date = (day < 10 ? "0" : "") + "\(day)0594"
            let number = 900 + index / 28
            return date + "Y" + String(number) + String(Henkilotunnus.checkCharacter(datePart: date, individualNumber: number))
        }
    }

    static func longLists() -> Receipt {
        var receipt = Receipt(dropID: "20261126T101500-7f3a", department: "sivistys", file: "iso lista.txt",
                              processingDate: F.today, operation: "perustiedot", purpose: "perusopetus", format: "csv")
        receipt.counts.lines = 200
        receipt.counts.valid = 80
        receipt.counts.invalid = 120
        receipt.rejectedLines = (1...120).map { RejectedLine(line: $0 + 1, value: "0105X\($0)", error: .length(5 + String($0).count)) }
        for hetu in hetus(80) { receipt.recordNotFound(hetu) }
        return receipt
    }

    @Test func testHetusAreValid() throws {
        for hetu in Self.hetus(80) { _ = try Henkilotunnus(hetu) }
    }

    @Test func longListsAreCappedAndTheFullListGoesBeside() throws {
        let receipt = Self.longLists()
        let renderer = ReceiptRenderer()
        #expect(renderer.needsListFile(receipt))
        let listFile = ReceiptRenderer.listFileName(forReceipt: "iso lista.20261126T101500-7f3a.kuitti.txt")
        #expect(listFile == "iso lista.20261126T101500-7f3a.luettelot.txt")
        let text = renderer.text(receipt, listFile: listFile)
        let entries = try ReceiptParser.parse(text)
        #expect(entries.filter { $0.key == "hylatty-rivi" }.count == 50)
        #expect(entries.filter { $0.key == "ei-loytynyt-hetu" }.count == 50)
        #expect(entries.first { $0.key == "virheelliset" }?.value == "120", "the count is the whole")
        #expect(entries.first { $0.key == "luettelo" }?.value == listFile)
        #expect(text.contains("# Alla on 120 hylätystä rivistä ensimmäiset 50.\r\n"))
        #expect(text.contains("# Alla on 80 löytymättä jääneestä henkilötunnuksesta ensimmäiset 50.\r\n"))
        #expect(text.contains("# Koko luettelo on tiedostossa \(listFile).\r\n"))

        let lists = try #require(renderer.listsText(receipt, receiptName: "iso lista.20261126T101500-7f3a.kuitti.txt"))
        let listed = try ReceiptParser.parse(lists)
        #expect(listed.filter { $0.key == "hylatty-rivi" }.map(\.qualifier) == (2...121).map { String($0) })
        #expect(listed.filter { $0.key == "ei-loytynyt-hetu" }.count == 80)
        for hetu in Self.hetus(80) { #expect(!lists.contains(hetu) && !text.contains(hetu)) }
        try GoldenFile.check(Array(lists.utf8).prefix(600).map { $0 }, folder: "Receipt", name: "luettelot.alku.txt")

        // Short lists: no list file, no `luettelo`.
        var short = receipt
        short.rejectedLines = Array(short.rejectedLines.prefix(3))
        short.counts.invalid = 3
        short.notFound = NotFoundList(short.notFound.first(2))
        short.counts.notFound = 2
        #expect(!renderer.needsListFile(short))
        #expect(renderer.listsText(short, receiptName: "x.kuitti.txt") == nil)
        #expect(!renderer.text(short, listFile: listFile).contains("luettelo"))
    }

    /// A list refused because no line was valid still says what was read and where its lines are.
    @Test func aRefusedListSaysWhereItsRejectedLinesAre() {
        var receipt = Self.longLists()
        receipt.notFound = []
        receipt.counts.valid = 0
        receipt.counts.notFound = 0
        receipt.refusal = .invalidRequest(detail: Message(.requestNoValidHetu))
        let text = ReceiptRenderer(language: .swedish).text(receipt, listFile: "x.luettelot.txt")
        #expect(text.contains("# 200 rader lästes: 0 giltiga personbeteckningar, 120 avvisade rader.\r\n"))
        #expect(text.contains("# Nedan visas de första 50 av 120 avvisade rader.\r\n"))
        #expect(text.contains("# Hela förteckningen finns i filen x.luettelot.txt.\r\n"))
        #expect(!text.contains("hittades"), "nothing was looked up")
    }

    /// The human part names no rule by its code; every code in `pidatetty[…]` is explained.
    @Test func rulesAreExplainedInWordsNotCodes() {
        var receipt = ReceiptTests.processed()
        for rule in WithholdingRule.allCases { receipt.withheld.count(rule, 1) }
        for language in Language.departmentChoices {
            let text = ReceiptRenderer(language: language).text(receipt)
            let human = text.split(separator: "\r\n").filter { $0.hasPrefix("#") }.joined(separator: "\n")
            // `turvakielto` is a word as well as a code.
            for rule in WithholdingRule.allCases {
                #expect(rule == .turvakielto || !human.contains(rule.rawValue), "\(rule.rawValue) in the human part (\(language))")
                #expect(human.contains(Message(rule.explanation).text(language)))
                #expect(text.contains("pidatetty[\(rule.rawValue)]: "), "the machine part keeps the code")
            }
            #expect(!human.contains("ei-yksikon-profiilissa") && !human.contains("ei-tuotteen-tietoryhma"))
        }
    }

    @Test func theFirstLineSaysWhatToDo() {
        func headline(_ receipt: Receipt, _ language: Language = .finnish) -> String {
            String(ReceiptRenderer(language: language).text(receipt).split(separator: "\r\n")[1])
        }
        var clean = Receipt(dropID: "r", department: "sivistys", file: "a.txt", processingDate: F.today,
                            operation: "perustiedot", format: "csv")
        clean.counts = ReceiptCounts(lines: 3, valid: 3, found: 3)
        #expect(headline(clean) == "# Valmis: tulos on tämän kuitin vieressä. Löytyi 3 henkilöä, löytymättä jäi 0. Sinun ei tarvitse tehdä muuta.")
        #expect(headline(clean, .swedish) == "# Klart: resultatet ligger bredvid detta kvitto. 3 personer hittades, 0 hittades inte. Du behöver inte göra något mer.")
        var one = clean
        one.counts = ReceiptCounts(lines: 3, valid: 2, invalid: 1, found: 1, notFound: 1)
        #expect(headline(one) == "# Valmis: tulos on tämän kuitin vieressä. Löytyi 1 henkilö, löytymättä jäi 1. 1 rivi hylättiin: korjaa se ja pudota korjattu rivi uutena tiedostona. Tarkista, että löytymättä jäänyt henkilötunnus on oikein.")
        #expect(headline(one, .swedish) == "# Klart: resultatet ligger bredvid detta kvitto. 1 person hittades, 1 hittades inte. 1 rad avvisades: rätta den och lämna in den rättade raden som en ny fil. Kontrollera att personbeteckningen som inte hittades är rätt skriven.")
        var two = one
        two.counts.invalid = 2
        #expect(headline(two).contains(" 2 riviä hylättiin: korjaa ne ja pudota korjatut rivit uutena tiedostona."))
        #expect(headline(two, .swedish).contains(" 2 rader avvisades: rätta dem och lämna in de rättade raderna som en ny fil."))
    }
}

extension ReceiptListTests {
    /// The SOAP wire's persons answered without data are a per-person list like the others: at most
    /// 50 in the receipt, all in the list file, the interface's own reason quoted in any language.
    @Test func personsAnsweredWithoutDataAreCappedLikeTheOtherLists() throws {
        var receipt = Receipt(dropID: "20261126T101500-7f3a", department: "sivistys", file: "lista.txt",
                              processingDate: F.today, operation: "perustiedot", purpose: "perusopetus", format: "csv")
        receipt.counts.lines = 70
        receipt.counts.valid = 70
        for hetu in Self.hetus(70) {
            receipt.recordUndelivered(UndeliveredPerson(hetu: hetu, status: .notDisclosed, reason: "0019 Tietoja ei voida luovuttaa"))
        }
        let renderer = ReceiptRenderer(language: .swedish)
        #expect(renderer.needsListFile(receipt))
        let text = renderer.text(receipt, listFile: "lista.x.luettelot.txt")
        let entries = try ReceiptParser.parse(text)
        #expect(entries.first { $0.key == "ei-toimitettu" }?.value == "70")
        #expect(entries.filter { $0.key == "ei-toimitettu-hetu" }.count == 50)
        #expect(text.contains("# Gränssnittet lämnade inte ut uppgifterna om 70 personer; "))
        #expect(text.contains("# Nedan visas de första 50 av 70 personer vars uppgifter gränssnittet inte lämnade ut.\r\n"))
        let lists = try #require(renderer.listsText(receipt, receiptName: "lista.x.kuitti.txt"))
        let listed = try ReceiptParser.parse(lists)
        #expect(listed.filter { $0.key == "ei-toimitettu-hetu" }.count == 70)
        #expect(!listed.contains { $0.key == "ei-toimitettu" }, "the count stays in the receipt")
        for hetu in Self.hetus(70) { #expect(!lists.contains(hetu) && !text.contains(hetu), "masked") }
    }
}
