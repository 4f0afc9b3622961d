import Foundation
import Testing
import VTJSheet

/// Workbooks made to hurt: each limit holds with its own error, and no part that is not needed
/// is ever unpacked.
@Suite struct HostileWorkbookTests {
    typealias W = CraftedWorkbook

    static func read(_ bytes: [UInt8], limits: XLSXLimits = .standard) throws -> XLSXSheet {
        try XLSXReader(limits: limits).read(bytes)
    }

    static func read(_ book: CraftedWorkbook, limits: XLSXLimits = .standard) throws -> XLSXSheet {
        try read(try book.bytes(), limits: limits)
    }

    // MARK: - Not a workbook

    @Test func filesThatAreNoWorkbookSayWhatTheyAre() throws {
        #expect(throws: XLSXReadError.notAWorkbook("a file of another kind")) { try Self.read(Array("hetu\n".utf8)) }
        #expect(throws: XLSXReadError.notAWorkbook("an empty ZIP archive")) { try Self.read([0x50, 0x4B, 5, 6] + Array(repeating: 0, count: 18)) }
        var zip = CraftedWorkbook()
        zip.add("lista.txt", "010101A999R\n")
        #expect(throws: XLSXReadError.notAWorkbook("a ZIP archive")) { try Self.read(zip) }
        var word = W.minimal(contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
        word.set("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>")
        #expect(throws: XLSXReadError.notAWorkbook("a Word document (.docx)")) { try Self.read(word) }
        var ods = CraftedWorkbook()
        ods.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", stored: true)
        ods.add("content.xml", "<office:document-content/>")
        #expect(throws: XLSXReadError.notAWorkbook("an OpenDocument spreadsheet (.ods)")) { try Self.read(ods) }
        #expect(throws: XLSXReadError.binaryWorkbook) {
            try Self.read(W.minimal(contentType: "application/vnd.ms-excel.sheet.binary.macroEnabled.main"))
        }
    }

    @Test func macrosAreRefusedHoweverTheyComeDressed() throws {
        #expect(throws: XLSXReadError.macroWorkbook) {
            try Self.read(W.minimal(contentType: "application/vnd.ms-excel.sheet.macroEnabled.main+xml"))
        }
        var renamed = W.minimal()
        renamed.add("xl/vbaProject.bin", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        #expect(throws: XLSXReadError.macroWorkbook) { try Self.read(renamed) }
        var macroOnly = CraftedWorkbook()
        macroOnly.add("xl/vbaProject.bin", bytes: [0xD0, 0xCF, 0x11, 0xE0])
        #expect(throws: XLSXReadError.macroWorkbook) { try Self.read(macroOnly) }
    }

    @Test func aWorkbookOfChartsOnlyHasNoWorksheet() throws {
        var book = W.minimal()
        book.set("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(W.relationships)/chartsheet\" Target=\"chartsheets/sheet1.xml\"/></Relationships>")
        #expect(throws: XLSXReadError.noWorksheet) { try Self.read(book) }
    }

    // MARK: - The ZIP container

    @Test func tooManyEntriesAreRefusedFromTheDirectoryCount() throws {
        var book = W.minimal()
        for index in 0..<1_000 { book.add("xl/media/kuva\(index).txt", "x", stored: true) }
        #expect(throws: XLSXReadError.tooManyEntries(limit: 1_000)) { try Self.read(book) }
    }

    @Test func aZipBombIsRefusedByItsRatioWhileInflating() throws {
        let bomb = W.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + String(repeating: " ", count: 4 << 20))
        let book = W.minimal(sheet: bomb)
        let bytes = try book.bytes()
        #expect(bytes.count < 64 << 10, "4 MiB packed into \(bytes.count) bytes")
        #expect(throws: XLSXReadError.compressionRatio(part: "xl/worksheets/sheet1.xml", limit: 100)) { try Self.read(bytes) }
    }

    @Test func aBombInAPartNeverNeededIsNeverInflated() throws {
        var book = W.minimal()
        book.add("xl/media/pommi.bin", bytes: [UInt8](repeating: 0, count: 64 << 20))
        #expect(try Self.read(book).rows == [.init(number: 1, cells: ["hetu"])])
    }

    /// A directory that claims small sizes buys nothing: bytes are counted as they inflate.
    @Test func lyingSizesAreCountedWhileInflating() throws {
        let bomb = W.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + String(repeating: " ", count: 4 << 20))
        var bytes = try W.minimal(sheet: bomb).bytes()
        for offset in ZIPSurgery.centralRecords(bytes) { ZIPSurgery.write32(100, at: offset + 24, in: &bytes) }
        for offset in ZIPSurgery.localHeaders(bytes) { ZIPSurgery.write32(100, at: offset + 22, in: &bytes) }
        #expect(throws: XLSXReadError.compressionRatio(part: "xl/worksheets/sheet1.xml", limit: 100)) { try Self.read(bytes) }
        var small = XLSXLimits()
        small.maximumCompressionRatio = 1_000_000
        small.maximumUncompressedBytes = 1 << 20
        #expect(throws: XLSXReadError.tooLarge(part: "xl/worksheets/sheet1.xml", limit: 1 << 20)) { try Self.read(bytes, limits: small) }
    }

    @Test func allPartsTogetherStayWithinTheUnpackedBudget() throws {
        var limits = XLSXLimits()
        limits.maximumUncompressedBytes = 4_000
        let rows = (1...100).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
        #expect(throws: XLSXReadError.tooLarge(part: "xl/worksheets/sheet1.xml", limit: 4_000)) {
            try Self.read(W.minimal(sheet: W.sheet(rows)), limits: limits)
        }
        #expect(XLSXReadError.tooLarge(part: "x", limit: 128 << 20).description.contains("128 MiB"))
    }

    @Test func encryptedEntriesAndBrokenContainersAreDamaged() throws {
        var encrypted = try W.minimal().bytes()
        for offset in ZIPSurgery.centralRecords(encrypted) { encrypted[offset + 8] |= 1 }
        #expect(throws: XLSXReadError.damaged("5 of its 5 parts are encrypted or unreadable")) { try Self.read(encrypted) }

        var twice = W.minimal()
        twice.add("XL/Worksheets/Sheet1.xml", W.sheet(""))
        #expect(throws: XLSXReadError.damaged("two parts are named XL/Worksheets/Sheet1.xml (a tampered file?)")) { try Self.read(twice) }

        let whole = try W.minimal().bytes()
        #expect(throws: XLSXReadError.damaged("it has no ZIP directory (cut short?)")) { try Self.read(Array(whole.prefix(whole.count / 2))) }

        var flipped = W.minimal(sheet: W.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>aaaa</t></is></c></row>"))
        flipped.parts = flipped.parts.map { ($0.name, $0.bytes, true) }  // stored, so a byte can be changed in place
        var bytes = try flipped.bytes()
        let text = try #require(bytes.firstRange(of: Array("aaaa".utf8)))
        bytes[text.lowerBound] = UInt8(ascii: "b")
        #expect(throws: XLSXReadError.damaged("xl/worksheets/sheet1.xml fails its checksum")) { try Self.read(bytes) }
    }

    /// Entries are looked up by name, never extracted: a traversing name is just a name.
    @Test func traversingNamesAndTargetsNeverReachTheDisk() throws {
        let marker = "vtjsheet-traversal-\(UUID().uuidString).txt"
        var book = W.minimal()
        book.add("../../../../../../tmp/\(marker)", "pwned")
        book.add("/tmp/\(marker)", "pwned")
        #expect(try Self.read(book).rows == [.init(number: 1, cells: ["hetu"])])
        #expect(!FileManager.default.fileExists(atPath: "/tmp/\(marker)"))
        var outside = W.minimal()
        outside.set("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(W.relationships)/worksheet\" Target=\"../../../../etc/passwd\"/></Relationships>")
        #expect(throws: XLSXReadError.damaged("its sheet Lista points outside the workbook")) { try Self.read(outside) }
    }

    // MARK: - Shared strings

    @Test func sharedStringsAreCountedAtTheDefaultLimit() throws {
        // Stored, not deflated, so the ratio guard stays out of it: the count itself is refused.
        let strings = "<sst xmlns=\"\(W.main)\" count=\"1\">" + String(repeating: "<si/>", count: 1_000_001) + "</sst>"
        var book = W.minimal(sharedStrings: strings)
        book.parts = book.parts.map { ($0.name, $0.bytes, true) }
        #expect(throws: XLSXReadError.tooManySharedStrings(limit: 1_000_000)) { try Self.read(book) }
    }

    @Test func sharedStringsAreMeasuredTogether() throws {
        var limits = XLSXLimits()
        limits.maximumSharedStringBytes = 1_000
        let strings = "<sst xmlns=\"\(W.main)\">" + String(repeating: "<si><t>\(String(repeating: "ä", count: 100))</t></si>", count: 6) + "</sst>"
        #expect(throws: XLSXReadError.sharedStringsTooLarge(limit: 1_000)) { try Self.read(W.minimal(sharedStrings: strings), limits: limits) }
        let bomb = "<sst xmlns=\"\(W.main)\">" + String(repeating: "<si/>", count: 2_000_000) + "</sst>"
        #expect(throws: XLSXReadError.compressionRatio(part: "xl/sharedStrings.xml", limit: 100)) {
            try Self.read(W.minimal(sharedStrings: bomb))
        }
    }

    @Test func aCellLongerThanAnySpreadsheetCellIsABadCell() throws {
        let long = String(repeating: "x", count: 200_000)
        let reason = "a cell holds more than the 32767 characters a spreadsheet cell can"
        #expect(throws: XLSXReadError.badCell(row: 2, reason: reason)) {
            try Self.read(W.minimal(sheet: W.sheet("<row r=\"2\"><c t=\"inlineStr\"><is><t>\(long)</t></is></c></row>")))
        }
        #expect(throws: XLSXReadError.badCell(row: 2, reason: reason)) {
            try Self.read(W.minimal(sheet: W.sheet("<row r=\"2\"><c t=\"str\"><v>\(long)</v></c></row>")))
        }
        let fits = String(repeating: "ä", count: 32_767)
        #expect(try Self.read(W.minimal(sheet: W.sheet("<row r=\"2\"><c t=\"inlineStr\"><is><t>\(fits)</t></is></c></row>"))).rows
                    == [.init(number: 2, cells: [fits])])
    }

    @Test func aMissingSharedStringIsABadCell() throws {
        let sheet = W.sheet("<row r=\"4\"><c r=\"B4\" t=\"s\"><v>5</v></c></row>")
        #expect(throws: XLSXReadError.badCell(row: 4, reason: "cell B4 refers to shared string \"5\", which the workbook does not have")) {
            try Self.read(W.minimal(sheet: sheet, sharedStrings: "<sst xmlns=\"\(W.main)\"><si><t>a</t></si></sst>"))
        }
    }

    // MARK: - Rows, columns, cells

    @Test func rowsAndColumnsBeyondTheLimitsAreRefused() throws {
        #expect(throws: XLSXReadError.tooManyRows(row: 1_048_577, limit: 1_048_576)) {
            try Self.read(W.minimal(sheet: W.sheet("<row r=\"1048577\"><c><v>1</v></c></row>")))
        }
        #expect(throws: XLSXReadError.tooManyColumns(row: 3, column: "AMK", limit: 1_024)) {
            try Self.read(W.minimal(sheet: W.sheet("<row r=\"3\"><c r=\"AMJ3\"><v>1</v></c><c r=\"AMK3\"><v>1</v></c></row>")))
        }
        #expect(throws: XLSXReadError.badCell(row: 1, reason: "the cell reference \"XFE1\" is not a cell")) {
            try Self.read(W.minimal(sheet: W.sheet("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")))
        }
        #expect(throws: XLSXReadError.badCell(row: 1, reason: "the row number \"-5\" is not a number")) {
            try Self.read(W.minimal(sheet: W.sheet("<row r=\"-5\"><c><v>1</v></c></row>")))
        }
    }

    /// A far-away cell on every row would pad each row to a thousand empty cells.
    @Test func paddingEveryRowToTheLastColumnRunsIntoTheCellLimit() throws {
        let rows = (1...100_000).map { "<row r=\"\($0)\"><c r=\"AMJ\($0)\"><v>1</v></c></row>" }.joined()
        #expect(throws: XLSXReadError.tooManyCells(row: 4_883, limit: 5_000_000)) { try Self.read(W.minimal(sheet: W.sheet(rows))) }
    }

    // MARK: - XML

    static let doctype = "<!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"

    @Test(arguments: ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                      "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"])
    func aDoctypeInAnyPartIsRefusedUnread(part: String) throws {
        var book = W.minimal(sharedStrings: "<sst xmlns=\"\(W.main)\"><si><t>a</t></si></sst>",
                             styles: "<styleSheet xmlns=\"\(W.main)\"/>")
        let original = try #require(book.parts.first { $0.name == part })
        var text = String(decoding: original.bytes, as: UTF8.self)
        if text.hasPrefix("<?xml") { text = String(text[text.index(after: text.firstIndex(of: ">")!)...]) }
        book.set(part, "<?xml version=\"1.0\"?>\n" + Self.doctype + text.replacing("</", with: "&lol2;</", maxReplacements: 1))
        do {
            _ = try Self.read(book)
            Issue.record("\(part): read despite its DOCTYPE")
        } catch let XLSXReadError.unsafeXML(shown, line, reason) {
            #expect(shown == part)
            #expect(line == 2)
            #expect(reason.contains("DOCTYPE"))
        }
    }

    @Test func anExternalEntityIsNeverFetched() throws {
        let sheet = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + "<worksheet xmlns=\"\(W.main)\"><sheetData><row><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"
        #expect(throws: XLSXReadError.unsafeXML(part: "xl/worksheets/sheet1.xml", line: 1,
                                                reason: "DOCTYPE declarations are not accepted (no DTDs, no entities)")) {
            try Self.read(W.minimal(sheet: sheet))
        }
    }

    @Test func brokenXMLNamesThePartAndLine() throws {
        let sheet = "<?xml version=\"1.0\"?>\n<worksheet xmlns=\"\(W.main)\">\n<sheetData><row><c></row></sheetData></worksheet>"
        do {
            _ = try Self.read(W.minimal(sheet: sheet))
            Issue.record("read a broken sheet")
        } catch let XLSXReadError.malformedXML(part, line, _) {
            #expect(part == "xl/worksheets/sheet1.xml")
            #expect(line == 3)
        }
    }
}
