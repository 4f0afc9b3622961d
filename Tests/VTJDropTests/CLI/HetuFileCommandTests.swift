import Foundation
import VTJTestSupport
import Testing
import VTJCore

/// `vtjdrop hetu FILE` and `--generate`, run as the real binary: the file is read by intake's
/// own reader, so what it reports is what a drop of the file gets.
@Suite struct HetuFileCommandTests {
    static let hetus = Henkilotunnus.testValues(count: 4, seed: 161)

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        // Removed when the test process exits (the file is read by the binary after this returns).
        try TempFolder("vtjdrop-hetufile").write(name, bytes: bytes)
    }

    @Test func aCSVInWindows1252IsReportedLineByLineAsADropWouldBeRead() async throws {
        let text = "luokka;Hetu;nimi\r\n7A;\(Self.hetus[0]);Äijä\r\n7B;\(Self.hetus[1]);B\r\n7C;010101-123X;C\r\n7D;\(Self.hetus[0]);D\r\n"
        let path = try write(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }, "luokka.csv")
        let outcome = try await VTJDropBinary.runDetached(["hetu", path])
        #expect(outcome.status == 1, "a refused line: exit 1")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasSuffix("CSV, delimiter ';', column 2 'Hetu', encoding Windows-1252"), "\(lines)")
        #expect(lines[1] == "columns carried back beside the result: luokka, nimi")
        #expect(lines[2].hasPrefix("line 2\t\(Self.hetus[0])\tasked"))
        #expect(lines[4].hasPrefix("line 4\t010101-123X\tREFUSED\tbad check character"))
        #expect(lines[5] == "line 5\t\(Self.hetus[0])\trepeat of line 2, asked once")
        #expect(lines.last == "a drop of this file: 2 henkilötunnus asked, 1 repeats asked once, 1 lines refused")
    }

    @Test(arguments: [(",", "\n", true), (";", "\r\n", false)])
    func aHeaderlessUTF8ListWithBOMIsFoundByContent(delimiter: String, ending: String, quoted: Bool) async throws {
        let quote = quoted ? "\"" : ""
        let text = Self.hetus.map { "\(quote)Nimi, \(quote)\(delimiter)\(quote)\($0)\(quote)" }.joined(separator: ending) + ending
        let path = try write([0xEF, 0xBB, 0xBF] + Array(text.utf8), "lista.txt")
        let outcome = try await VTJDropBinary.runDetached(["hetu", path])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("CSV without a header row, delimiter '\(delimiter)', henkilötunnus found in column 2 by its content, encoding UTF-8 with BOM"))
        #expect(outcome.stdout.contains("4 henkilötunnus asked"))
    }

    @Test func aWorkbookIsReadAsADropWouldBeAndARefusedOneSaysWhy() async throws {
        let temp = try TempFolder("vtjdrop-hetufile")
        defer { temp.remove() }
        let folder = temp.path
        let rows: [[Any]] = [[["text": "Henkilötunnus"], ["text": "Luokka"]]] + Self.hetus.map { [["text": $0], ["text": "7A"]] }
        try await Tools.openpyxlWrite(["sheets": [["title": "Lista", "rows": rows]]], to: folder + "/lista.xlsx")
        let outcome = try await VTJDropBinary.runDetached(["hetu", folder + "/lista.xlsx"])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("workbook, sheet 'Lista', column A 'Henkilötunnus'"))
        #expect(outcome.stdout.contains("line 5\t\(Self.hetus[3])\tasked"))

        let broken = try write(Array("PK\u{3}\u{4}not really a zip".utf8), "rikki.xlsx")
        let refused = try await VTJDropBinary.runDetached(["hetu", broken])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("would be refused as a whole: rikki.xlsx: the workbook is damaged"), "\(refused.stdout)")
    }

    @Test func generatedValuesAreValidTestNumbersAndRepeatWithTheSeed() async throws {
        let first = try await VTJDropBinary.runDetached(["hetu", "--generate", "25", "--seed", "42"])
        let second = try await VTJDropBinary.runDetached(["hetu", "--generate", "25", "--seed", "42"])
        #expect(first.status == 0 && first.stdout == second.stdout)
        let values = first.stdout.split(separator: "\n").map(String.init)
        #expect(values.count == 25 && values == Henkilotunnus.testValues(count: 25, seed: 42))
        let check = try await VTJDropBinary.runDetached(["hetu"] + values)
        #expect(check.status == 0 && check.stdout.split(separator: "\n").allSatisfy { $0.contains("\tOK\t") && $0.contains("testi") })
    }
}
