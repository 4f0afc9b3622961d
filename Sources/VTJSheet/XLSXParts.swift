import Foundation
import VTJXML

/// The XML parts of a one-sheet workbook, each written with libxml2's writer (ECMA-376 part 1;
/// the smallest set Excel, LibreOffice and openpyxl all open without a repair prompt).
enum XLSXParts {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let worksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    static let workbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    private static let officeDocumentType = relationshipNamespace + "/officeDocument"

    /// A document written by `body` into memory.
    private static func document(_ name: String, _ body: (XMLWriter) -> Void) throws(XLSXWriteError) -> [UInt8] {
        do {
            return try XMLWriter.document(named: name, indent: false, body)
        } catch {
            throw .xml(.init(error.description))
        }
    }

    static func contentTypes() throws(XLSXWriteError) -> [UInt8] {
        try document("[Content_Types].xml") { w in
            w.startElement("Types")
            w.attribute("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")
            for (extensionName, type) in [("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                                          ("xml", "application/xml")] {
                w.startElement("Default")
                w.attribute("Extension", extensionName)
                w.attribute("ContentType", type)
                w.endElement()
            }
            for (part, type) in [
                ("/xl/workbook.xml", workbookContentType),
                ("/xl/worksheets/sheet1.xml", worksheetContentType),
                ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
            ] {
                w.startElement("Override")
                w.attribute("PartName", part)
                w.attribute("ContentType", type)
                w.endElement()
            }
            w.endElement()
        }
    }

    private static func relationships(_ name: String, _ list: [(type: String, target: String)]) throws(XLSXWriteError) -> [UInt8] {
        try document(name) { w in
            w.startElement("Relationships")
            w.attribute("xmlns", packageRelationshipNamespace)
            for (index, relationship) in list.enumerated() {
                w.startElement("Relationship")
                w.attribute("Id", "rId\(index + 1)")
                w.attribute("Type", relationship.type)
                w.attribute("Target", relationship.target)
                w.endElement()
            }
            w.endElement()
        }
    }

    static func packageRelationships() throws(XLSXWriteError) -> [UInt8] {
        try relationships("_rels/.rels", [
            (officeDocumentType, "xl/workbook.xml"),
            ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            (relationshipNamespace + "/extended-properties", "docProps/app.xml"),
        ])
    }

    static func workbookRelationships() throws(XLSXWriteError) -> [UInt8] {
        try relationships("xl/_rels/workbook.xml.rels", [
            (relationshipNamespace + "/worksheet", "worksheets/sheet1.xml"),
            (relationshipNamespace + "/styles", "styles.xml"),
        ])
    }

    static func appProperties() throws(XLSXWriteError) -> [UInt8] {
        try document("docProps/app.xml") { w in
            w.startElement("Properties")
            w.attribute("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")
            w.element("Application", text: "vtjdrop")
            w.endElement()
        }
    }

    static func coreProperties(created: Date) throws(XLSXWriteError) -> [UInt8] {
        try document("docProps/core.xml") { w in
            w.startElement(prefix: "cp", "coreProperties")
            w.attribute(prefix: "xmlns", "cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties")
            w.attribute(prefix: "xmlns", "dc", "http://purl.org/dc/elements/1.1/")
            w.attribute(prefix: "xmlns", "dcterms", "http://purl.org/dc/terms/")
            w.attribute(prefix: "xmlns", "xsi", "http://www.w3.org/2001/XMLSchema-instance")
            w.element(prefix: "dc", "creator", text: "vtjdrop")
            w.startElement(prefix: "dcterms", "created")
            w.attribute(prefix: "xsi", "type", "dcterms:W3CDTF")
            w.text(created.formatted(.iso8601))
            w.endElement()
            w.endElement()
        }
    }

    /// The workbook: its one sheet, and the hidden name Excel keeps the autofilter's range in.
    static func workbook(sheetName: String, filterRange lastCell: String) throws(XLSXWriteError) -> [UInt8] {
        try document("xl/workbook.xml") { w in
            w.startElement("workbook")
            w.attribute("xmlns", mainNamespace)
            w.attribute(prefix: "xmlns", "r", relationshipNamespace)
            w.startElement("bookViews")
            w.startElement("workbookView")
            w.endElement()
            w.endElement()
            w.startElement("sheets")
            w.startElement("sheet")
            w.attribute("name", sheetName)
            w.attribute("sheetId", "1")
            w.attribute(prefix: "r", "id", "rId1")
            w.endElement()
            w.endElement()
            w.startElement("definedNames")
            w.startElement("definedName")
            w.attribute("name", "_xlnm._FilterDatabase")
            w.attribute("localSheetId", "0")
            w.attribute("hidden", "1")
            let (column, row) = splitReference(lastCell)
            w.text("'" + sheetName.replacing("'", with: "''") + "'!$A$1:$" + column + "$" + row)
            w.endElement()
            w.endElement()
            w.endElement()
        }
    }

    private static func splitReference(_ cell: String) -> (String, String) {
        let letters = cell.prefix { $0.isLetter }
        return (String(letters), String(cell.dropFirst(letters.count)))
    }

    /// Four cell styles: 0 default, 1 text (`@`), 2 bold text (header), 3 date (`yyyy-mm-dd`).
    static func styles() throws(XLSXWriteError) -> [UInt8] {
        try document("xl/styles.xml") { w in
            func empty(_ name: String, _ attributes: [(String, String)] = []) {
                w.startElement(name)
                for (key, value) in attributes { w.attribute(key, value) }
                w.endElement()
            }
            func font(bold: Bool) {
                w.startElement("font")
                if bold { empty("b") }
                empty("sz", [("val", "11")])
                empty("name", [("val", "Calibri")])
                empty("family", [("val", "2")])
                w.endElement()
            }
            w.startElement("styleSheet")
            w.attribute("xmlns", mainNamespace)
            w.startElement("numFmts")
            w.attribute("count", "1")
            empty("numFmt", [("numFmtId", "164"), ("formatCode", "yyyy-mm-dd")])
            w.endElement()
            w.startElement("fonts")
            w.attribute("count", "2")
            font(bold: false)
            font(bold: true)
            w.endElement()
            w.startElement("fills")
            w.attribute("count", "2")
            for pattern in ["none", "gray125"] {
                w.startElement("fill")
                empty("patternFill", [("patternType", pattern)])
                w.endElement()
            }
            w.endElement()
            w.startElement("borders")
            w.attribute("count", "1")
            w.startElement("border")
            for side in ["left", "right", "top", "bottom", "diagonal"] { empty(side) }
            w.endElement()
            w.endElement()
            w.startElement("cellStyleXfs")
            w.attribute("count", "1")
            empty("xf", [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0")])
            w.endElement()
            w.startElement("cellXfs")
            w.attribute("count", "4")
            let base = [("fillId", "0"), ("borderId", "0"), ("xfId", "0")]
            empty("xf", [("numFmtId", "0"), ("fontId", "0")] + base)
            empty("xf", [("numFmtId", "49"), ("fontId", "0")] + base + [("applyNumberFormat", "1")])
            empty("xf", [("numFmtId", "49"), ("fontId", "1")] + base + [("applyNumberFormat", "1"), ("applyFont", "1")])
            empty("xf", [("numFmtId", "164"), ("fontId", "0")] + base + [("applyNumberFormat", "1")])
            w.endElement()
            w.startElement("cellStyles")
            w.attribute("count", "1")
            empty("cellStyle", [("name", "Normal"), ("xfId", "0"), ("builtinId", "0")])
            w.endElement()
            w.endElement()
        }
    }

    /// The worksheet around its rows: everything before `<sheetData>` and everything after it.
    /// Written as one document; the rows (spooled) go where the split is.
    static func worksheet(range: String, widths: [Int]) throws(XLSXWriteError) -> (head: [UInt8], tail: [UInt8]) {
        var split = 0
        let whole = try document("xl/worksheets/sheet1.xml") { w in
            w.startElement("worksheet")
            w.attribute("xmlns", mainNamespace)
            w.attribute(prefix: "xmlns", "r", relationshipNamespace)
            w.startElement("dimension")
            w.attribute("ref", range)
            w.endElement()
            w.startElement("sheetViews")
            w.startElement("sheetView")
            w.attribute("tabSelected", "1")
            w.attribute("workbookViewId", "0")
            w.startElement("pane")  // the header row stays in view
            w.attribute("ySplit", "1")
            w.attribute("topLeftCell", "A2")
            w.attribute("activePane", "bottomLeft")
            w.attribute("state", "frozen")
            w.endElement()
            w.startElement("selection")
            w.attribute("pane", "bottomLeft")
            w.attribute("activeCell", "A2")
            w.attribute("sqref", "A2")
            w.endElement()
            w.endElement()
            w.endElement()
            w.startElement("sheetFormatPr")
            w.attribute("defaultRowHeight", "15")
            w.endElement()
            w.startElement("cols")
            for (index, width) in widths.enumerated() {
                w.startElement("col")
                w.attribute("min", String(index + 1))
                w.attribute("max", String(index + 1))
                w.attribute("width", String(max(6, width)) + ".7")
                w.attribute("customWidth", "1")
                w.endElement()
            }
            w.endElement()
            split = (try? w.bytes().count) ?? 0
            w.startElement("autoFilter")
            w.attribute("ref", range)
            w.endElement()
            w.startElement("pageMargins")
            for (side, value) in [("left", "0.7"), ("right", "0.7"), ("top", "0.75"), ("bottom", "0.75"),
                                  ("header", "0.3"), ("footer", "0.3")] {
                w.attribute(side, value)
            }
            w.endElement()
            w.endElement()
        }
        guard split > 0, split < whole.count else { throw .xml(.init("cannot split the worksheet around its rows")) }
        return (Array(whole[..<split]), Array(whole[split...]))
    }
}
