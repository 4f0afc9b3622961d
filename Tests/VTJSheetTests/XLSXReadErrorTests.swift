import Testing
import VTJCore
import VTJSheet

/// Every refusal says in one line, in English (logs) and, from the catalogue, in every receipt language, what to do; rows are named.
@Suite struct XLSXReadErrorTests {
    static let all: [XLSXReadError] = [
        .encrypted, .legacyWorkbook, .notAWorkbook("a ZIP archive"), .macroWorkbook, .binaryWorkbook, .damaged("x"),
        .tooManyEntries(limit: 1_000), .tooLarge(part: "p", limit: 128 << 20), .compressionRatio(part: "p", limit: 100),
        .tooManySharedStrings(limit: 1), .sharedStringsTooLarge(limit: 32 << 20), .noWorksheet,
        .tooManyRows(row: 9, limit: 8), .tooManyColumns(row: 9, column: "AMK", limit: 1_024), .tooManyCells(row: 9, limit: 5),
        .unsafeXML(part: "p", line: 2, reason: "r"), .malformedXML(part: "p", line: 2, reason: "r"), .badCell(row: 9, reason: "r"),
    ]

    @Test(arguments: all)
    func saysWhatToDoInEveryLanguage(error: XLSXReadError) {
        let texts = [error.description] + Language.allCases.map { error.message.text($0) }
        for text in texts {
            #expect(!text.isEmpty && !text.contains("\n"))
            #expect(text.contains(";"), "a second half saying what to do: \(text)")
        }
        #expect(Set(Language.allCases.map { error.message.text($0) }).count == Language.allCases.count)
        switch error {
        case .tooManyRows, .tooManyColumns, .tooManyCells, .badCell: #expect(error.row == 9)
        default: #expect(error.row == nil)
        }
    }

    @Test func workbookContainersAreRecognisedByTheirFirstBytes() {
        #expect(XLSXReader.isWorkbookContainer([0x50, 0x4B, 0x03, 0x04, 0x14]))
        #expect(XLSXReader.isWorkbookContainer([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]))
        #expect(!XLSXReader.isWorkbookContainer(Array("hetu;nimi\n".utf8)))
        #expect(!XLSXReader.isWorkbookContainer([0x50, 0x4B]))
    }

    @Test func theSheetKnowsItsHeaderBodyAndWidth() {
        let sheet = XLSXSheet(name: "L", rows: [.init(number: 1, cells: ["hetu", "nimi"]), .init(number: 3, cells: ["a", "", "c"])])
        #expect(sheet.header?.cells == ["hetu", "nimi"])
        #expect(sheet.body.map(\.number) == [3])
        #expect(sheet.columnCount == 3)
        #expect(XLSXSheet(name: "", rows: []).header == nil)
    }
}
