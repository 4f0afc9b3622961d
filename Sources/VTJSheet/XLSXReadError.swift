/// Why a workbook drop cannot be read; one line that says what to do. The file's name is the
/// caller's to add (a drop error names file, row and reason).
public enum XLSXReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A password-protected workbook: an encrypted package in an OLE container, not a ZIP.
    case encrypted
    /// An OLE container without encryption: an Excel 97–2003 `.xls` or another old Office file.
    case legacyWorkbook
    /// Not a workbook at all; says what it is (`a Word document (.docx)`, `a ZIP archive`).
    case notAWorkbook(String)
    /// A macro-enabled workbook (`.xlsm` content) or a package carrying a VBA project.
    case macroWorkbook
    /// An Excel binary workbook (`.xlsb`).
    case binaryWorkbook
    /// The ZIP container or a part is broken; says how.
    case damaged(String)
    /// More ZIP entries than ``XLSXLimits/maximumEntries``.
    case tooManyEntries(limit: Int)
    /// Unpacking would pass ``XLSXLimits/maximumUncompressedBytes``.
    case tooLarge(part: String, limit: Int)
    /// A part unpacks to more than ``XLSXLimits/maximumCompressionRatio`` times its packed size.
    case compressionRatio(part: String, limit: Int)
    /// More shared strings than ``XLSXLimits/maximumSharedStrings``.
    case tooManySharedStrings(limit: Int)
    /// Shared strings longer together than ``XLSXLimits/maximumSharedStringBytes``.
    case sharedStringsTooLarge(limit: Int)
    /// The workbook has no worksheet (only charts, dialogs or macro sheets).
    case noWorksheet
    /// A row number beyond ``XLSXLimits/maximumRows``.
    case tooManyRows(row: Int, limit: Int)
    /// A value in a column beyond ``XLSXLimits/maximumColumns``.
    case tooManyColumns(row: Int, column: String, limit: Int)
    /// More cells than ``XLSXLimits/maximumCells``.
    case tooManyCells(row: Int, limit: Int)
    /// A part holds a DOCTYPE or an entity: refused, never expanded.
    case unsafeXML(part: String, line: Int, reason: String)
    /// A part is not well-formed XML.
    case malformedXML(part: String, line: Int, reason: String)
    /// A cell that cannot be read (a reference to a missing shared string, a bad position).
    case badCell(row: Int, reason: String)

    /// The sheet row the problem is on, when it has one.
    public var row: Int? {
        switch self {
        case .tooManyRows(let row, _), .tooManyColumns(let row, _, _), .tooManyCells(let row, _), .badCell(let row, _): row
        default: nil
        }
    }

    /// English, one line (logs, `vtjdrop hetu`); a receipt writes ``message`` in the department's language.
    public var description: String {
        switch self {
        case .encrypted:
            "the workbook is protected with a password (encrypted); save it again without a password, or as CSV, and drop it again"
        case .legacyWorkbook:
            "this is an Excel 97–2003 workbook (.xls) or another old Office file; save it as an Excel workbook (.xlsx) or as CSV and drop it again"
        case .notAWorkbook(let what):
            "this is \(what), not an Excel workbook; drop an .xlsx workbook or a CSV list"
        case .macroWorkbook:
            "the workbook contains macros (.xlsm); save it as an Excel workbook (.xlsx) without macros and drop it again"
        case .binaryWorkbook:
            "this is an Excel binary workbook (.xlsb); save it as an Excel workbook (.xlsx) and drop it again"
        case .damaged(let how):
            "the workbook is damaged: \(how); open it in Excel, save it again and drop it again"
        case .tooManyEntries(let limit):
            "the workbook has more than \(limit) parts (not a plain list); save the list alone in a new workbook or as CSV"
        case .tooLarge(let part, let limit):
            "the workbook unpacks to more than \(limit >> 20) MiB (at \(part)); split the list or drop it as CSV"
        case .compressionRatio(let part, let limit):
            "\(part) unpacks to more than \(limit) times its packed size, as only a zip bomb does; save the list again from Excel"
        case .tooManySharedStrings(let limit):
            "the workbook has more than \(limit) different texts; split the list or drop it as CSV"
        case .sharedStringsTooLarge(let limit):
            "the workbook's texts take more than \(limit >> 20) MiB; split the list or drop it as CSV"
        case .noWorksheet:
            "the workbook has no worksheet (only charts or macro sheets); put the list on the first sheet"
        case .tooManyRows(let row, let limit):
            "row \(row) is beyond the \(limit) rows a list may have; split the list"
        case .tooManyColumns(let row, let column, let limit):
            "row \(row) has a value in column \(column), beyond the \(limit) columns a list may have; delete it or move the list to a new sheet"
        case .tooManyCells(let row, let limit):
            "the sheet has more than \(limit) cells (at row \(row)); drop fewer columns or split the list"
        case .unsafeXML(let part, let line, let reason):
            "\(part) line \(line): \(reason); save the workbook again from Excel"
        case .malformedXML(let part, let line, let reason):
            "\(part) line \(line) is not valid XML (\(reason)); open the workbook in Excel, save it again and drop it again"
        case .badCell(let row, let reason):
            "row \(row): \(reason); open the workbook in Excel, save it again and drop it again"
        }
    }

}
