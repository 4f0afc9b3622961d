import Foundation
import VTJTestSupport
import Testing
import VTJSheet

/// openpyxl, an independent implementation of the format, reads what the writer wrote, and
/// writes what the reader must read (text in its shared-strings table, numbers with formats,
/// dates, booleans, formulas, hidden sheets, the 1904 date system).
@Suite struct OpenpyxlTests {
    @Test func openpyxlReadsEveryValueAsTextOrDate() async throws {
        let folder = try TempFolder("vtjsheet")
        let path = try XLSXWriterTests.write(ValueCorpus.rows, in: folder)
        let sheet = try await Tools.openpyxlRead(path)
        #expect(sheet.title == "Tulos")
        #expect(sheet.freeze == "A2")
        #expect(sheet.filter == "A1:E\(ValueCorpus.rows.count + 1)")
        #expect(sheet.widths.count == ValueCorpus.columns.count, "every column sized")
        #expect(sheet.rows.first?.map { $0?.value } == ValueCorpus.columns.map(\.name))
        #expect(sheet.rows.count == ValueCorpus.rows.count + 1)
        for (written, read) in zip(ValueCorpus.rows, sheet.rows.dropFirst()) {
            for (index, value) in written.enumerated() {
                let cell = index < read.count ? read[index] : nil
                guard !value.isEmpty else {
                    #expect(cell == nil, "an empty value is an empty cell")
                    continue
                }
                let isDate = ValueCorpus.columns[index].kind == .date && ValueCorpus.dates.contains { $0 == (value, true) }
                #expect(cell?.value == value, "\(value.debugDescription) read as \(String(describing: cell?.value).debugDescription)")
                #expect(cell?.date == isDate, "\(value): date cell \(isDate)")
                #expect(cell?.type == (isDate ? "d" : "s"), "\(value): type \(String(describing: cell?.type))")
                if isDate { #expect(cell?.format == "yyyy-mm-dd") }
            }
        }
    }

    /// A clerk's workbook as openpyxl (like Excel) writes it: text in the shared-strings table.
    static var clerkSheet: [[Any]] { [
        [["text": "hetu"], ["text": "nimi"], ["text": "postinumero"], ["text": "syntymäaika"], ["text": "määrä"],
         ["text": "ok"], ["text": "kaava"], ["text": "huom"]],
        [["text": ValueCorpus.hetus[1]], ["text": "Äijä Öhman"], ["number": 723, "format": "00000"],
         ["date": "2001-02-03", "format": "d.m.yyyy"], ["number": 100_000], ["bool": true], ["formula": "=1+1"],
         ["text": "=SUM(A1)"]],
        [["text": ValueCorpus.hetus[7]], NSNull(), ["number": 91, "format": "000"], NSNull(), ["number": 0.1],
         ["bool": false], NSNull(), ["text": "  kaksi välilyöntiä  "]],
        [],
        [["text": ValueCorpus.hetus[12]], ["text": "_x0041_ ja 👍"], NSNull(), ["date": "1950-12-31"],
         ["number": 12_345_678_901], NSNull(), NSNull(), ["text": "00723"]],
    ] }

    static let clerkExpected: [XLSXSheet.Row] = [
        .init(number: 1, cells: ["hetu", "nimi", "postinumero", "syntymäaika", "määrä", "ok", "kaava", "huom"]),
        .init(number: 2, cells: [ValueCorpus.hetus[1], "Äijä Öhman", "00723", "2001-02-03", "100000", "TRUE", "", "=SUM(A1)"]),
        .init(number: 3, cells: [ValueCorpus.hetus[7], "", "091", "", "0.1", "FALSE", "", "  kaksi välilyöntiä  "]),
        // openpyxl writes `_x0041_` unescaped, which Excel (and this reader) read as the escape of "A".
        .init(number: 5, cells: [ValueCorpus.hetus[12], "A ja 👍", "", "1950-12-31", "12345678901", "", "", "00723"]),
    ]

    @Test(arguments: [false, true])
    func readsAWorkbookOpenpyxlWrote(date1904: Bool) async throws {
        let folder = try TempFolder("vtjsheet")
        let path = folder.file("luokka.xlsx")
        try await Tools.openpyxlWrite(["sheets": [["title": "Luokka 3B", "rows": Self.clerkSheet]], "date1904": date1904], to: path)
        let sheet = try XLSXReader().read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(sheet.name == "Luokka 3B")
        #expect(sheet.rows == Self.clerkExpected)
    }

    @Test func theFirstVisibleSheetInWorkbookOrderIsRead() async throws {
        let folder = try TempFolder("vtjsheet")
        let path = folder.file("kaksi.xlsx")
        try await Tools.openpyxlWrite(["sheets": [
            ["title": "Ohje", "state": "hidden", "rows": [[["text": "piilotettu ohje"]]]],
            ["title": "Lista", "rows": Self.clerkSheet],
            ["title": "Toinen", "rows": [[["text": "toinen lista"]]]],
        ], "active": 1], to: path)
        let sheet = try XLSXReader().read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(sheet.name == "Lista")
        #expect(sheet.rows == Self.clerkExpected)
    }
}
