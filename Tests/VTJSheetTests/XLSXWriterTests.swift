import Foundation
import VTJTestSupport
import Testing
import VTJCore
@testable import VTJSheet
import ZIPFoundation

/// The writer's package, its files and its refusals; the values are checked by independent
/// readers in OpenpyxlTests and LibreOfficeTests.
@Suite struct XLSXWriterTests {
    static func write(_ rows: [[String]], columns: [SheetColumn] = ValueCorpus.columns, in folder: TempFolder,
                      name: String = "tulos.xlsx") throws -> String {
        let path = folder.file(name)
        let writer = try XLSXWriter(path: path, columns: columns)
        for row in rows { try writer.append(row) }
        try writer.finish()
        return path
    }

    @Test func thePackageHoldsTheMinimalPartsAndIsPrivate() async throws {
        let folder = try TempFolder("vtjsheet")
        let path = try Self.write(ValueCorpus.rows, in: folder)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        #expect(archive.map(\.path) == ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
                                        "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"])
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & 0o777 & ~0o640 == 0, "0640 or tighter: \(String(status.st_mode & 0o777, radix: 8))")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left == ["tulos.xlsx"], "the scratch file has no name and leaves nothing behind")
        // Every XML part is well-formed (xmllint, an independent parser).
        for entry in archive where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let part = folder.file("part.xml")
            try data.write(to: URL(fileURLWithPath: part))
            try await ChildProcess.output("xmllint", ["--noout", "--nonet", part])
        }
    }

    @Test func ourReaderReadsBackEveryValue() throws {
        let folder = try TempFolder("vtjsheet")
        let path = try Self.write(ValueCorpus.rows, in: folder)
        let sheet = try XLSXReader().read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(sheet.name == "Tulos")
        #expect(sheet.header?.cells == ValueCorpus.columns.map(\.name))
        #expect(sheet.body.map(\.cells) == ValueCorpus.rows.map(Self.asRead))
        #expect(sheet.body.map(\.number) == Array(2...ValueCorpus.rows.count + 1))
    }

    /// A row as any reader gives it back: no empty cells at the end.
    static func asRead(_ row: [String]) -> [String] {
        var cells = row
        while cells.last == "" { cells.removeLast() }
        return cells
    }

    @Test func aTextColumnIsNeverANumberOrADate() throws {
        let folder = try TempFolder("vtjsheet")
        let path = try Self.write([["00723", "2001-02-03", "=1+1"]], columns: [SheetColumn("a"), SheetColumn("b"), SheetColumn("c")], in: folder)
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: path)
        #expect(sheet.contains("<c r=\"A2\" t=\"inlineStr\" s=\"1\"><is><t>00723</t></is></c>"))
        #expect(sheet.contains("<c r=\"B2\" t=\"inlineStr\" s=\"1\"><is><t>2001-02-03</t></is></c>"))
        #expect(sheet.contains("<c r=\"C2\" t=\"inlineStr\" s=\"1\"><is><t>=1+1</t></is></c>"))
        #expect(!sheet.contains("<f>"), "no formula is ever written")
    }

    @Test func aDateColumnWritesSerialsOnlyForFullDates() throws {
        let folder = try TempFolder("vtjsheet")
        let rows = ValueCorpus.dates.map { [$0.value] }
        let path = try Self.write(rows, columns: [SheetColumn("pv", kind: .date)], in: folder)
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: path)
        for (index, (value, isDate)) in ValueCorpus.dates.enumerated() where !value.isEmpty {
            let reference = "A\(index + 2)"
            if isDate {
                let serial = ExcelDate.serial(of: CivilDate(iso: value)!)!
                #expect(sheet.contains("<c r=\"\(reference)\" s=\"3\"><v>\(serial)</v></c>"), "\(value)")
            } else {
                #expect(sheet.contains("<c r=\"\(reference)\" t=\"inlineStr\" s=\"1\"><is><t>\(value)</t></is></c>"), "\(value)")
            }
        }
        let styles = try Self.part("xl/styles.xml", of: path)
        #expect(styles.contains("numFmtId=\"164\" formatCode=\"yyyy-mm-dd\""))
    }

    @Test func headerIsFrozenAndFilteredAndTheFilterCoversEveryRow() throws {
        let folder = try TempFolder("vtjsheet")
        let path = try Self.write(Array(repeating: ["a", "", "2001-02-03", "", "b"], count: 7), in: folder)
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: path)
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\">"))
        #expect(sheet.contains("<autoFilter ref=\"A1:E8\">"))
        #expect(sheet.contains("<dimension ref=\"A1:E8\">"))
        let workbook = try Self.part("xl/workbook.xml", of: path)
        #expect(workbook.contains(">'Tulos'!$A$1:$E$8</definedName>"))
    }

    @Test func controlCharactersBecomeReplacementCharactersAndLongCellsAreCutAndCounted() throws {
        let folder = try TempFolder("vtjsheet")
        let path = folder.file("t.xlsx")
        let writer = try XLSXWriter(path: path, columns: [SheetColumn("a")])
        try writer.append(["a\u{01}b\u{0B}c\u{FFFE}"])
        try writer.append([String(repeating: "x", count: 40_000)])
        #expect(writer.truncatedCells == 1)
        try writer.finish()
        let sheet = try XLSXReader().read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(sheet.body.first?.cells == ["a\u{FFFD}b\u{FFFD}c\u{FFFD}"])
        #expect(sheet.body.last?.cells.first?.count == 32_767)
    }

    @Test func sheetNamesFollowExcelsRules() {
        #expect(XLSXWriter.validSheetName("Tulos") == "Tulos")
        #expect(XLSXWriter.validSheetName("a/b:c[d]*?\\") == "a_b_c_d____")
        #expect(XLSXWriter.validSheetName("'lainattu'") == "lainattu")
        #expect(XLSXWriter.validSheetName(String(repeating: "ö", count: 40)).count == 31)
        #expect(XLSXWriter.validSheetName("") == "Tulos")
        #expect(XLSXWriter.validSheetName("History") == "Tulos")
    }

    @Test func refusalsAreClearAndLeaveNothingBehind() throws {
        let folder = try TempFolder("vtjsheet")
        let existing = folder.file("olemassa.xlsx")
        try Data("x".utf8).write(to: URL(fileURLWithPath: existing))
        #expect(throws: XLSXWriteError.destinationNotEmpty(path: existing)) {
            try XLSXWriter(path: existing, columns: [SheetColumn("a")])
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "x", "never overwritten")
        #expect(throws: XLSXWriteError.columnCount(0)) { try XLSXWriter(path: folder.file("n.xlsx"), columns: []) }
        do {
            let writer = try XLSXWriter(path: folder.file("w.xlsx"), columns: [SheetColumn("a"), SheetColumn("b")])
            #expect(throws: XLSXWriteError.rowWidth(row: 2, cells: 1, columns: 2)) { try writer.append(["x"]) }
            #expect(throws: XLSXWriteError.finished) { try writer.append(["x", "y"]) }
            #expect(throws: XLSXWriteError.finished) { try writer.finish() }
        }
        do {
            let writer = try XLSXWriter(path: folder.file("kesken.xlsx"), columns: [SheetColumn("a")])
            try writer.append(["x"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["olemassa.xlsx"],
                "an unfinished or failed workbook it created is removed")
        #expect(XLSXWriteError.rowWidth(row: 2, cells: 1, columns: 2).description.contains("row 2 has 1 cells for 2 columns"))
    }

    /// The pipeline's way: into a pending file it created and publishes itself.
    @Test func writesIntoAnEmptyOpenFileAndRefusesAFullOne() throws {
        let folder = try TempFolder("vtjsheet")
        let path = folder.file("pending.tmp")
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        defer { close(descriptor) }
        let writer = try XLSXWriter(fileDescriptor: descriptor, documentName: "tulos.xlsx", spoolFolder: folder.path,
                                    columns: [SheetColumn("hetu")])
        try writer.append([ValueCorpus.hetus[0]])
        try writer.finish()
        let sheet = try XLSXReader().read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(sheet.body.first?.cells == [ValueCorpus.hetus[0]])
        #expect(throws: XLSXWriteError.destinationNotEmpty(path: "again")) {
            try XLSXWriter(fileDescriptor: descriptor, documentName: "again", spoolFolder: folder.path, columns: [SheetColumn("a")])
        }
    }

    @Test func aFullDiskIsAnErrorNotABrokenWorkbook() throws {
        let folder = try TempFolder("vtjsheet")
        let full = open("/dev/full", O_RDWR)
        try #require(full >= 0)
        defer { close(full) }
        let writer = try XLSXWriter(fileDescriptor: full, documentName: "tulos.xlsx", spoolFolder: folder.path,
                                    columns: [SheetColumn("hetu")])
        try writer.append([ValueCorpus.hetus[0]])
        #expect(throws: XLSXWriteError.system(operation: "writing", path: "tulos.xlsx", errno: ENOSPC)) { try writer.finish() }
        #expect(XLSXWriteError.system(operation: "writing", path: "tulos.xlsx", errno: ENOSPC).description
                    == "writing tulos.xlsx failed: No space left on device; check the disk and the folder's permissions")
    }

    @Test func anEmptyResultIsAHeaderOnlySheet() throws {
        let folder = try TempFolder("vtjsheet")
        let path = try Self.write([], in: folder)
        let sheet = try XLSXReader().read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(sheet.rows.count == 1)
        #expect(try Self.part("xl/worksheets/sheet1.xml", of: path).contains("<autoFilter ref=\"A1:E1\">"))
    }

    /// One part's text.
    static func part(_ name: String, of path: String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var data = Data()
        _ = try archive.extract(try #require(archive[name])) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }
}
