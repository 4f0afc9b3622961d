import Foundation
import Testing
import VTJSheet

/// Valid workbooks in the shapes other programs write: the sheet found through relationships
/// (never by file name), any namespace prefix, rich text, cells without positions, every cell type.
@Suite struct XLSXReaderTests {
    typealias W = CraftedWorkbook

    static func read(_ book: CraftedWorkbook, limits: XLSXLimits = .standard) throws -> XLSXSheet {
        try XLSXReader(limits: limits).read(try book.bytes())
    }

    @Test func theSheetIsFoundThroughTheRelationshipsNotByFileName() throws {
        var book = W.minimal(sheet: W.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>väärä</t></is></c></row>"))
        book.add("xl/worksheets/sheet2.xml", W.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>oikea</t></is></c></row>"))
        // A prefix other than r for the relationships namespace, and an absolute target.
        book.set("xl/workbook.xml", "<workbook xmlns=\"\(W.main)\" xmlns:suhde=\"\(W.relationships)\"><sheets>"
            + "<sheet name=\"Eka\" sheetId=\"2\" suhde:id=\"rId7\"/><sheet name=\"Toka\" sheetId=\"1\" suhde:id=\"rId1\"/></sheets></workbook>")
        book.set("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(W.relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"rId7\" Type=\"\(W.relationships)/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>")
        let sheet = try Self.read(book)
        #expect(sheet.name == "Eka")
        #expect(sheet.rows == [.init(number: 1, cells: ["oikea"])])
    }

    @Test func anAttributeNamedIdOutsideTheRelationshipsNamespaceIsNotAReference() throws {
        var book = W.minimal()
        book.set("xl/workbook.xml", "<workbook xmlns=\"\(W.main)\" xmlns:muu=\"urn:muu\"><sheets>"
            + "<sheet name=\"Eka\" sheetId=\"1\" muu:id=\"rId1\"/></sheets></workbook>")
        #expect(throws: XLSXReadError.noWorksheet) { try Self.read(book) }
    }

    @Test func everyCellTypeBecomesItsText() throws {
        let rows = """
            <row r="1"><c r="A1" t="inlineStr"><is><r><t>Äi</t></r><r><rPr><b/></rPr><t xml:space="preserve">jä </t></r><rPh sb="0" eb="1"><t>fonetiikka</t></rPh></is></c>\
            <c r="B1" t="s"><v>1</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c><c r="E1" t="e"><v>#N/A</v></c>\
            <c r="F1" t="str"><f>A1&amp;"!"</f><v>Äijä !</v></c><c r="G1" t="d"><v>2001-02-03T00:00:00</v></c>\
            <c r="H1"><v>1.5</v></c><c r="I1"><f>1+1</f></c><c r="J1" t="s"><v>0</v></c></row>
            <row><c t="inlineStr"><is><t>ilman paikkaa</t></is></c><c><v>42</v></c><c r="E"><v>5</v></c></row>
            """
        let strings = "<sst xmlns=\"\(W.main)\" count=\"999999\" uniqueCount=\"999999\"><si><t>_x0041_&amp;&lt;</t></si>"
            + "<si><r><t>rikas</t></r><r><t xml:space=\"preserve\"> teksti</t></r></si></sst>"
        let sheet = try Self.read(W.minimal(sheet: W.sheet(rows), sharedStrings: strings))
        #expect(sheet.rows == [
            .init(number: 1, cells: ["Äijä ", "rikas teksti", "TRUE", "FALSE", "#N/A", "Äijä !", "2001-02-03", "1.5", "", "A&<"]),
            .init(number: 2, cells: ["ilman paikkaa", "42", "", "", "5"]),
        ])
    }

    @Test func hugeDimensionClaimsCostNothing() throws {
        let sheet = W.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"C1048576\"><v>2</v></c></row>",
                            before: "<dimension ref=\"A1:XFD1048576\"/>")
        #expect(try Self.read(W.minimal(sheet: sheet)).rows == [
            .init(number: 1, cells: ["1"]), .init(number: 1_048_576, cells: ["", "", "2"]),
        ])
    }

    @Test func blankRowsAndTrailingEmptyCellsAreNotKept() throws {
        let rows = "<row r=\"1\"><c r=\"A1\" s=\"1\"/><c r=\"B1\" t=\"inlineStr\"><is><t></t></is></c></row>"
            + "<row r=\"2\"><c r=\"B2\"><v>7</v></c><c r=\"Z2\" s=\"3\"/></row><row r=\"3\"/>"
        #expect(try Self.read(W.minimal(sheet: W.sheet(rows))).rows == [.init(number: 2, cells: ["", "7"])])
    }

    @Test func aTemplateIsAWorkbookToo() throws {
        let book = W.minimal(contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml")
        #expect(try Self.read(book).rows == [.init(number: 1, cells: ["hetu"])])
    }

    @Test func zeroPaddedAndDateFormatsComeFromTheStylesPart() throws {
        let styles = "<styleSheet xmlns=\"\(W.main)\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"00000\"/>"
            + "<numFmt numFmtId=\"165\" formatCode=\"[$-40B]d\\.m\\.yyyy\"/></numFmts>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"165\"/></cellStyleXfs>"
            + "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"
        let rows = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>723</v></c><c r=\"B1\" s=\"2\"><v>36925</v></c>"
            + "<c r=\"C1\" s=\"3\"><v>36925.25</v></c><c r=\"D1\" s=\"0\"><v>36925</v></c><c r=\"E1\" s=\"99\"><v>7</v></c></row>"
        #expect(try Self.read(W.minimal(sheet: W.sheet(rows), styles: styles)).rows == [
            .init(number: 1, cells: ["00723", "2001-02-03", "2001-02-03 06:00:00", "36925", "7"]),
        ])
    }
}
