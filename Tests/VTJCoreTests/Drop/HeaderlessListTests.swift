import Foundation
import Testing
@testable import VTJCore

/// Lists without a `hetu` header (issue 16, item 4) and the other columns carried back (item 2),
/// in every dialect departments write: `;` and `,`, CRLF and LF, quoted, UTF-8 with and without
/// BOM, Windows-1252.
@Suite struct HeaderlessListTests {
    static let hetus = Henkilotunnus.testValues(count: 20, seed: 16)

    enum Encoding: String, CaseIterable { case utf8, utf8BOM, windows1252 }

    /// `text` as a file of `encoding` (Windows-1252 only for the characters these tests use).
    static func file(_ text: String, _ encoding: Encoding) -> [UInt8] {
        switch encoding {
        case .utf8: Array(text.utf8)
        case .utf8BOM: [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .windows1252: text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        }
    }

    static let dialects: [(delimiter: String, ending: String, quoted: Bool)] = [
        (";", "\r\n", false), (",", "\n", false), (";", "\r\n", true), (",", "\r\n", true), ("\t", "\n", false),
    ]

    static func table(header: [String]?, rows: [[String]], delimiter: String, ending: String, quoted: Bool) -> String {
        let cell = { (value: String) in quoted ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value }
        let lines = (header.map { [$0] } ?? []) + rows
        return lines.map { $0.map(cell).joined(separator: delimiter) }.joined(separator: ending) + ending
    }

    @Test(arguments: Encoding.allCases)
    func aColumnOfHenkilotunnusIsFoundWithoutAHeaderInEveryDialect(encoding: Encoding) throws {
        for dialect in Self.dialects {
            let rows = Self.hetus.prefix(10).enumerated().map { ["Mäkelä \($0.offset)", $0.element, "7B"] }
            let text = Self.table(header: nil, rows: rows, delimiter: dialect.delimiter, ending: dialect.ending, quoted: dialect.quoted)
            let list = try HetuListReader().read(Self.file(text, encoding), file: "luokka.csv")
            #expect(list.hetus.map(\.value) == Array(Self.hetus.prefix(10)), "\(dialect)")
            guard case .headerless(_, let column) = list.dialect else { Issue.record("\(list.dialect)"); continue }
            #expect(column == 1)
            #expect(list.carried == nil, "no names, nothing carried")
            #expect(list.rejectedCount == 0)
        }
    }

    /// Nearly all: one mistyped value in twenty still finds the column, and is listed as rejected.
    @Test func oneWrongValueInTwentyStillFindsTheColumnAndIsRejected() throws {
        var rows = Self.hetus.map { [$0, "x"] }
        rows[7][0] = "010101-123X"
        let list = try HetuListReader().read(Array(Self.table(header: nil, rows: rows, delimiter: ";", ending: "\r\n", quoted: false).utf8),
                                             file: "l.csv")
        #expect(list.hetus.count == 19)
        #expect(list.rejected.map(\.line) == [8])
    }

    @Test func twoColumnsOfHenkilotunnusOrNoneAreRefusedSayingWhatToDo() throws {
        let two = Self.table(header: nil, rows: Self.hetus.prefix(5).map { [$0, Self.hetus[19]] }, delimiter: ";", ending: "\n", quoted: false)
        let none = Self.table(header: nil, rows: [["a", "b"], ["c", "d"]], delimiter: ";", ending: "\n", quoted: false)
        let half = Self.table(header: nil, rows: Self.hetus.prefix(4).map { [$0, "x"] } + [["a", "x"], ["b", "x"]], delimiter: ";",
                              ending: "\n", quoted: false)
        for text in [two, none, half] {
            #expect(throws: DropReadError.self) { try HetuListReader().read(Array(text.utf8), file: "l.csv") }
            do {
                _ = try HetuListReader().read(Array(text.utf8), file: "l.csv")
            } catch {
                #expect(error.kind == .csvHeader)
                #expect(error.reason.contains("add a header row naming the column hetu"), "\(error)")
            }
        }
    }

    /// A header that names the column otherwise (`Tunnus`) is recognised by the column's content,
    /// and its names are carried.
    @Test(arguments: Encoding.allCases)
    func aHeaderWithAnotherNameIsFoundByContentAndCarried(encoding: Encoding) throws {
        let text = Self.table(header: ["Luokka", "Tunnus", "Huom"], rows: Self.hetus.prefix(6).map { ["7Ä", $0, "ääkkönen; \"x\""] },
                              delimiter: ";", ending: "\r\n", quoted: true)
        let list = try HetuListReader().read(Self.file(text, encoding), file: "l.csv")
        #expect(list.hetus.count == 6)
        let carried = try #require(list.carried)
        #expect(carried.names == ["Luokka", "Huom"])
        #expect(carried.cells(of: Self.hetus[0]) == [["7Ä", "ääkkönen; \"x\""]])
    }

    @Test func aHetuHeaderCarriesTheOtherColumnsOfEveryRowRepeatsAndRejectsIncluded() throws {
        let text = "luokka,hetu,nimi\r\n7A,\(Self.hetus[0]),Aino\r\n7B,\(Self.hetus[0]),Aino toinen\r\n7C,12,Väärä\r\n"
        let list = try HetuListReader().read(Array(text.utf8), file: "l.csv")
        let carried = try #require(list.carried)
        #expect(carried.names == ["luokka", "nimi"])
        #expect(carried.cells(of: Self.hetus[0]) == [["7A", "Aino"], ["7B", "Aino toinen"]])
        #expect(carried.rejected.map(\.value) == ["12"] && carried.rejected.map(\.cells) == [["7C", "Väärä"]])
        #expect("\(carried)" == "2 carried columns of 2 rows", "never the cells themselves")
    }

    @Test func aSheetIsReadByHeaderOrContent() throws {
        let rows: [HetuListReader.SheetRow] = [(1, ["Luokka", "Henkilötunnus"]), (2, ["7A", Self.hetus[0]]), (4, ["7B", ""]),
                                               (5, ["7C", Self.hetus[1]])]
        let list = try HetuListReader().read(sheet: "Lista", rows: rows, file: "l.xlsx")
        #expect(list.hetus.map(\.value) == Array(Self.hetus.prefix(2)))
        #expect(list.rejected.map(\.line) == [4], "the empty cell's row is named")
        #expect(list.carried?.names == ["Luokka"])
        #expect("\(try #require(list.dialect))" == "workbook, sheet 'Lista', column B 'Henkilötunnus'")

        let bare: [HetuListReader.SheetRow] = Self.hetus.prefix(5).enumerated().map { ($0.offset + 1, ["x\($0.offset)", $0.element]) }
        let headerless = try HetuListReader().read(sheet: "S", rows: bare, file: "l.xlsx")
        #expect(headerless.hetus.count == 5 && headerless.carried == nil)
        #expect(throws: DropReadError.self) { try HetuListReader().read(sheet: "S", rows: [(1, ["a", "b"]), (2, ["c", "d"])], file: "l.xlsx") }
    }

    @Test func generatedTestValuesAreValidTestNumbersAndRepeatBySeed() throws {
        let values = Henkilotunnus.testValues(count: 500, seed: 7)
        #expect(Set(values).count == 500)
        for value in values {
            let hetu = try Henkilotunnus(value)
            #expect(hetu.isTemporary, "\(value) is not a test number")
        }
        #expect(values == Henkilotunnus.testValues(count: 500, seed: 7))
        #expect(values != Henkilotunnus.testValues(count: 500, seed: 8))
    }
}
