import Foundation
import VTJTestSupport
import Testing
import VTJSheet

/// LibreOffice, a spreadsheet program, opens what the writer wrote and shows every value
/// unchanged (`soffice --headless --convert-to csv`), and writes the workbooks the reader must
/// read: a CSV list saved as .xlsx, and the same list as an old .xls, an .ods, an .xlsm and
/// saved with a password.
@Suite(.serialized) struct LibreOfficeTests {
    /// Everything LibreOffice does for these tests, done once: each soffice start costs seconds,
    /// so the conversions are batched (five `--convert-to` runs and one save with a password).
    struct Batch: Sendable {
        var corpusCSV: [[String]] = []
        var corpusFields: [[Tools.QuotedField]] = []
        var emptyCSV: [[String]] = []
        var workbook: [UInt8] = []
        var oldWorkbook: [UInt8] = []
        var encryptedWorkbook: [UInt8] = []
        var openDocument: [UInt8] = []
        var macroWorkbook: [UInt8] = []
    }

    /// Made once, by the first test that needs it; the others await the same task.
    static let batch = Task<Result<Batch, ChildProcess.Failure>, Never> {
        do {
            return .success(try await makeBatch())
        } catch let failure as ChildProcess.Failure {
            return .failure(failure)
        } catch {
            return .failure(ChildProcess.Failure(description: "\(error)"))
        }
    }

    /// The list a clerk typed in a spreadsheet, saved as CSV and converted by LibreOffice; its
    /// import options make hetu, name, postcode and note text, the count a number and the
    /// birth date a date.
    static let clerkCSV = [
        "hetu;nimi;postinumero;määrä;syntymäpäivä;huomautus",
        "\(ValueCorpus.hetus[0]);Åsa-Märta Öhman;00723;12;2001-02-03;=SUM(1)",
        "\(ValueCorpus.hetus[5]);\"Jönssi; \"\"Äijä\"\"\";091;100000;1950-12-31;",
        "\(ValueCorpus.hetus[10]);;052;0.25;;+358401234567",
    ].joined(separator: "\n") + "\n"
    static let clerkRows: [XLSXSheet.Row] = [
        .init(number: 1, cells: ["hetu", "nimi", "postinumero", "määrä", "syntymäpäivä", "huomautus"]),
        .init(number: 2, cells: [ValueCorpus.hetus[0], "Åsa-Märta Öhman", "00723", "12", "2001-02-03", "=SUM(1)"]),
        .init(number: 3, cells: [ValueCorpus.hetus[5], "Jönssi; \"Äijä\"", "091", "100000", "1950-12-31"]),
        .init(number: 4, cells: [ValueCorpus.hetus[10], "", "052", "0.25", "", "+358401234567"]),
    ]

    private static func makeBatch() async throws -> Batch {
        let folder = try TempFolder("vtjsheet")
        let profile = folder.file("profile")
        // 1. Our workbooks, shown by LibreOffice as CSV (UTF-8, ",", every text quoted, as shown).
        let corpus = try XLSXWriterTests.write(ValueCorpus.rows, in: folder, name: "corpus.xlsx")
        let empty = try XLSXWriterTests.write([], in: folder, name: "empty.xlsx")
        try await Tools.libreOfficeConvert([corpus, empty], to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false",
                                     outdir: folder.file("csv"), profile: profile)
        // 2. A clerk's CSV list saved as .xlsx and as .xls by LibreOffice.
        let list = folder.file("luokka.csv")
        try Data(clerkCSV.utf8).write(to: URL(fileURLWithPath: list))
        let importOptions = "CSV:59,34,76,1,1/2/2/2/3/2/4/1/5/5/6/2"
        try await Tools.libreOfficeConvert([list], to: "xlsx", outdir: folder.file("xlsx"), inputFilter: importOptions, profile: profile)
        try await Tools.libreOfficeConvert([list], to: "xls", outdir: folder.file("xls"), inputFilter: importOptions, profile: profile)
        // … and as what a clerk might drop instead: an OpenDocument sheet, a macro-enabled workbook.
        try await Tools.libreOfficeConvert([list], to: "ods", outdir: folder.file("ods"), inputFilter: importOptions, profile: profile)
        try await Tools.libreOfficeConvert([list], to: "xlsm:Calc MS Excel 2007 VBA XML", outdir: folder.file("xlsm"),
                                     inputFilter: importOptions, profile: profile)
        // 3. The .xlsx saved again with a password (LibreOffice's own encryption, over UNO).
        let encrypted = folder.file("salattu.xlsx")
        try await ChildProcess.output("/usr/bin/python3", [Tools.scripts.appendingPathComponent("libreoffice_encrypt.py").path,
                                           folder.file("xlsx/luokka.xlsx"), encrypted, profile])
        func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
        return Batch(corpusCSV: try await Tools.csvRows(folder.file("csv/corpus.csv")),
                     corpusFields: try await Tools.csvFields(folder.file("csv/corpus.csv")),
                     emptyCSV: try await Tools.csvRows(folder.file("csv/empty.csv")),
                     workbook: try bytes(folder.file("xlsx/luokka.xlsx")),
                     oldWorkbook: try bytes(folder.file("xls/luokka.xls")),
                     encryptedWorkbook: try bytes(encrypted),
                     openDocument: try bytes(folder.file("ods/luokka.ods")),
                     macroWorkbook: try bytes(folder.file("xlsm/luokka.xlsm")))
    }

    @Test func libreOfficeShowsEveryValueUnchanged() async throws {
        let batch = try await Self.batch.value.get()
        #expect(batch.corpusCSV.first == ValueCorpus.columns.map(\.name))
        #expect(batch.corpusCSV.count == ValueCorpus.rows.count + 1)
        for (written, shown) in zip(ValueCorpus.rows, batch.corpusCSV.dropFirst()) {
            #expect(shown == written, "written \(written.debugDescription), shown \(shown.debugDescription)")
        }
    }

    /// LibreOffice quotes exactly its text cells: every text value is a text cell (never a
    /// number, a date or a formula's result), every full date a date cell.
    @Test func libreOfficeHoldsTextAsTextAndDatesAsDates() async throws {
        let fields = try await Self.batch.value.get().corpusFields
        #expect(fields.count == ValueCorpus.rows.count + 1)
        for (written, shown) in zip(ValueCorpus.rows, fields.dropFirst()) {
            #expect(shown.map(\.value) == written)
            for (index, value) in written.enumerated() where !value.isEmpty && index < shown.count {
                let isDate = ValueCorpus.columns[index].kind == .date && ValueCorpus.dates.contains { $0 == (value, true) }
                #expect(shown[index].quoted == !isDate, "\(value.debugDescription): \(isDate ? "a date cell" : "a text cell")")
            }
        }
    }

    @Test func anEmptyResultShowsItsHeader() async throws {
        #expect(try await Self.batch.value.get().emptyCSV == [ValueCorpus.columns.map(\.name)])
    }

    @Test func readsAWorkbookLibreOfficeWrote() async throws {
        let sheet = try XLSXReader().read(try await Self.batch.value.get().workbook)
        #expect(sheet.name == "luokka")
        #expect(sheet.rows == Self.clerkRows)
    }

    @Test func refusesAnOldBinaryWorkbook() async throws {
        let old = try await Self.batch.value.get().oldWorkbook
        #expect(throws: XLSXReadError.legacyWorkbook) { try XLSXReader().read(old) }
    }

    @Test func refusesWhatIsNoPlainWorkbookSayingWhatItIs() async throws {
        let batch = try await Self.batch.value.get()
        #expect(throws: XLSXReadError.notAWorkbook("an OpenDocument spreadsheet (.ods)")) { try XLSXReader().read(batch.openDocument) }
        #expect(throws: XLSXReadError.macroWorkbook) { try XLSXReader().read(batch.macroWorkbook) }
    }

    @Test func refusesAPasswordProtectedWorkbook() async throws {
        let bytes = try await Self.batch.value.get().encryptedWorkbook
        #expect(bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]), "an encrypted package is an OLE container, not a ZIP")
        #expect(throws: XLSXReadError.encrypted) { try XLSXReader().read(bytes) }
        #expect(XLSXReadError.encrypted.description.contains("password"))
    }
}
