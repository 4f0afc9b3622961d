import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore

/// Issue 16, item 5, through the real appliance: receipts in the department's language, lists
/// capped with the full list beside the receipt, and refusals without a word of English.
@Suite(.serialized) struct ReceiptLanguageTests {
    static let departments = PipelineHarness.departmentsYAML.replacingOccurrences(
        of: "  kirjasto:\n    purposes: [kirjasto]\n", with: "  kirjasto:\n    language: sv\n    purposes: [kirjasto]\n")

    /// English words the old receipts mixed in; none may appear in a Finnish or Swedish receipt.
    static let englishWords = ["the file", "empty", "bytes", "reason:", "Processed", "receipt", "lines rejected",
                               "bad check", "bad format", "persons", "found"]

    /// Valid test henkilötunnus of 1994 (individual numbers 900–999).
    static func testHetus(_ count: Int) -> [String] {
        (0..<count).map { index in
            let date = String(format: "%02d0594", index % 28 + 1)
            let number = 900 + index / 28
            return date + "Y" + String(number) + String(Henkilotunnus.checkCharacter(datePart: date, individualNumber: number))
        }
    }

    @Test func aSwedishDepartmentGetsASwedishReceiptAndLongListsBeside() async throws {
        #expect(Self.departments.contains("language: sv"))
        let harness = try await PipelineHarness(departments: Self.departments)
        defer { Task { await harness.close() } }
        let found = harness.registry.hetus(where: [.resident], limit: 2)
        // 60 lines with a wrong check character (rejected), 55 valid codes nobody has (not found).
        let codes = Self.testHetus(115)
        let wrong: [String] = codes.prefix(60).map { code in String(code.dropLast()) + (code.last == "0" ? "1" : "0") }
        let unknown: [String] = codes.suffix(55).filter { harness.registry.person(hetu: $0) == nil }
        try #require(unknown.count > 50)
        try harness.drop("kirjasto", "lånare.txt", (found + wrong + unknown).joined(separator: "\n") + "\n")
        #expect(await harness.runner.runOnce().published == 1)

        let names = harness.outbox("kirjasto")
        let receiptName = try #require(names.first { $0.hasSuffix(".kuitti.txt") })
        let listName = ReceiptRenderer.listFileName(forReceipt: receiptName)
        #expect(names.contains(listName), "\(names)")
        let receipt = try harness.read("kirjasto", receiptName)
        let lines = receipt.split(separator: "\r\n")
        #expect(lines[0].hasPrefix("# TESTIAINEISTO (testdata) – vtjdrop – kvitto – "), "the sandbox answered")
        #expect(lines[1] == "# Klart: resultatet ligger bredvid detta kvitto. 2 personer hittades, \(unknown.count) hittades inte. 60 rader avvisades: rätta dem och lämna in de rättade raderna som en ny fil. Kontrollera att personbeteckningarna som inte hittades är rätt skrivna.")
        #expect(receipt.contains("\r\nkieli: sv\r\n") && receipt.contains("\r\nluettelo: \(listName)\r\n"))
        #expect(receipt.contains("# Hela förteckningen finns i filen \(listName).\r\n"))
        #expect(receipt.contains("| tarkistusmerkki | fel kontrolltecken '"))
        for word in Self.englishWords { #expect(!receipt.contains(word), "English '\(word)' in:\n\(receipt)") }
        let entries = try ReceiptParser.parse(receipt)
        #expect(entries.filter { $0.key == "hylatty-rivi" }.count == 50)
        #expect(entries.filter { $0.key == "ei-loytynyt-hetu" }.count == 50)
        #expect(entries.first { $0.key == "virheelliset" }?.value == "60")

        let lists = try ReceiptParser.parse(try harness.read("kirjasto", listName))
        #expect(lists.filter { $0.key == "hylatty-rivi" }.count == 60)
        #expect(lists.filter { $0.key == "ei-loytynyt-hetu" }.count == unknown.count)
        let listText = try harness.read("kirjasto", listName)
        for hetu in found + wrong + unknown {
            #expect(!receipt.contains(hetu) && !listText.contains(hetu), "masked")
        }
        // Same permissions as the receipt, and on record as published (so outbox retention finds it).
        func mode(_ name: String) -> mode_t {
            var info = stat()
            _ = stat(harness.root + "/outbox/kirjasto/" + name, &info)
            return info.st_mode & 0o7777
        }
        #expect(mode(listName) == mode(receiptName) && mode(receiptName) == 0o640)
        let dropID = try #require(entries.first { $0.key == "pyynto" }?.value)
        let journaled = try #require(try harness.appliance.database.journal.entry(dropID))
        #expect(journaled.resultFiles.contains { $0.hasSuffix("/" + listName) })
    }

    /// The example: `tiedostoa ei voitu lukea: … the file is empty` was half English.
    @Test func anEmptyFileIsRefusedInFinnishOnly() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        try harness.drop("sivistys", "tyhja.txt", "")
        #expect(await harness.runner.runOnce().refused == 1)
        let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
        #expect(receipt.split(separator: "\r\n")[1]
            == "# Tiedostoa ei käsitelty eikä tulosta tehty. Syy: tiedostoa ei voitu lukea: tyhja.txt: tiedosto on tyhjä (0 tavua); pudota luettelo, jossa on yksi henkilötunnus riviä kohden.")
        #expect(receipt.contains("\r\nsyykoodi: tiedosto-ei-luettavissa\r\n"))
        for word in Self.englishWords { #expect(!receipt.contains(word), "English '\(word)' in:\n\(receipt)") }
    }

    /// Inbox entries never opened get their receipt in the department's language too.
    @Test func aFolderDroppedInASwedishInboxIsExplainedInSwedish() async throws {
        let harness = try await PipelineHarness(departments: Self.departments)
        defer { Task { await harness.close() } }
        try FileManager.default.createDirectory(atPath: harness.root + "/inbox/kirjasto/mapp.txt", withIntermediateDirectories: false)
        _ = await harness.runner.runOnce(maximumWait: .seconds(2))
        let receipt = try harness.only("kirjasto", suffix: ".kuitti.txt")
        #expect(receipt.contains("syy: filen kunde inte läsas: detta är inte en vanlig fil (mapp), så den öppnades inte och har flyttats till tjänstens karantän; lämna bara in vanliga filer\r\n"), "\(receipt)")
        for word in Self.englishWords { #expect(!receipt.contains(word), "English '\(word)' in:\n\(receipt)") }
    }

    @Test func pendingNotesAreWrittenInTheDepartmentsLanguage() {
        let zone = FixedUTCOffset(seconds: 7200)
        let at = zone.zoned(at: Instant(secondsSinceEpoch: 1_795_686_000))
        let swedish = PendingNote.text(file: "lånare.txt", dropID: "r1", reason: .interfaceUnavailable("HTTP 503"),
                                       received: at, retryAt: at, isTestData: false, language: .swedish)
        #expect(swedish.hasPrefix("# vtjdrop – filen väntar\r\nFilen \"lånare.txt\" har tagits emot och väntar på behandling.\r\n"))
        #expect(swedish.contains("Orsak: befolkningsdatasystemets gränssnitt svarar inte för tillfället.\r\n"))
        #expect(swedish.contains("Behandlingen fortsätter automatiskt (nästa försök omkring 2026-11-26 11:40:00 +02:00).\r\n"))
        let test = PendingNote.text(file: "a.txt", dropID: "r1", reason: .interfaceClosed, received: at, retryAt: nil,
                                    isTestData: true, language: .finnish)
        #expect(test.hasPrefix("# TESTIAINEISTO – vtjdrop – kuitti"), "test data said first")
        for word in ["waiting", "received", "The file"] { #expect(!swedish.contains(word) && !test.contains(word)) }
    }
}
