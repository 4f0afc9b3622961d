/// A worksheet part read row by row into text, within the limits: rows are only kept when
/// they hold a value, and only up to their last value, so no claimed dimension or far-away
/// empty cell costs memory.
struct SheetReader {
    let limits: XLSXLimits
    let strings: SharedStrings
    let styles: CellStyles
    let date1904: Bool

    /// The cell being read.
    private struct Cell {
        var column: Int
        var type: String?
        var style: String?
        var value = ""
        var inline: String?
    }

    func rows(_ bytes: [UInt8], part: String) throws(XLSXReadError) -> [XLSXSheet.Row] {
        let xml = try PartXML(bytes, part: part)
        var rows: [XLSXSheet.Row] = []
        var cellCount = 0
        var inSheetData = false
        var rowNumber = 0
        var cells: [String] = []
        var cell: Cell?
        var inValue = false
        while let node = try xml.next() {
            switch node {
            case .start("sheetData", _, let isEmpty):
                inSheetData = !isEmpty
            case .end("sheetData", _):
                inSheetData = false
            case .start("row", _, let isEmpty) where inSheetData:
                rowNumber = try number(of: xml.attribute("r"), after: rowNumber)
                cells.removeAll(keepingCapacity: true)
                if isEmpty { continue }
            case .end("row", _) where inSheetData:
                if cells.contains(where: { !$0.isEmpty }) {
                    cellCount += cells.count
                    guard cellCount <= limits.maximumCells else { throw .tooManyCells(row: rowNumber, limit: limits.maximumCells) }
                    rows.append(XLSXSheet.Row(number: rowNumber, cells: cells))
                }
            case .start("c", _, let isEmpty) where inSheetData:
                let column = try position(of: xml.attribute("r"), next: cells.count, row: rowNumber)
                cell = Cell(column: column, type: xml.attribute("t"), style: xml.attribute("s"))
                if isEmpty { cell = nil }
            case .start("v", _, let isEmpty) where cell != nil:
                inValue = !isEmpty
            case .end("v", _):
                inValue = false
            case .start("is", let depth, let isEmpty) where cell != nil:
                guard !isEmpty else { continue }
                let (text, tooLong) = try xml.itemText(depth: depth, limit: SheetReader.maximumCellBytes)
                guard !tooLong else { throw tooLongCell(row: rowNumber) }
                cell?.inline = text
            case .text(let text) where inValue:
                guard (cell?.value.utf8.count ?? 0) + text.utf8.count <= SheetReader.maximumCellBytes else {
                    throw tooLongCell(row: rowNumber)
                }
                cell?.value += text
            case .end("c", _) where inSheetData:
                if let done = cell {
                    let text = try value(of: done, row: rowNumber)
                    if !text.isEmpty {
                        if done.column >= cells.count {
                            cells.append(contentsOf: repeatElement("", count: done.column - cells.count + 1))
                        }
                        cells[done.column] = text
                    }
                }
                cell = nil
            default:
                continue
            }
        }
        return rows
    }

    /// UTF-8 bytes of one cell's text: Excel's 32,767 characters at four bytes each, rounded up.
    static let maximumCellBytes = 128 << 10

    private func tooLongCell(row: Int) -> XLSXReadError {
        .badCell(row: row, reason: "a cell holds more than the \(CellText.maximumLength) characters a spreadsheet cell can")
    }

    /// A row's number: its `r`, or the one after the previous row.
    private func number(of reference: String?, after previous: Int) throws(XLSXReadError) -> Int {
        let number: Int
        if let reference {
            guard let parsed = Int(reference), parsed >= 1 else {
                throw .badCell(row: previous + 1, reason: "the row number \"\(reference.prefix(20))\" is not a number")
            }
            number = parsed
        } else {
            number = previous + 1
        }
        guard number <= limits.maximumRows else { throw .tooManyRows(row: number, limit: limits.maximumRows) }
        return number
    }

    /// A cell's 0-based column: from its `r` (`C7`), or the one after the previous cell.
    private func position(of reference: String?, next: Int, row: Int) throws(XLSXReadError) -> Int {
        var column = next
        if let reference {
            guard let parsed = CellReference.parse(reference) else {
                throw .badCell(row: row, reason: "the cell reference \"\(reference.prefix(20))\" is not a cell")
            }
            column = parsed.column
        }
        guard column < limits.maximumColumns else {
            throw .tooManyColumns(row: row, column: CellReference.columnName(column), limit: limits.maximumColumns)
        }
        return column
    }

    /// A cell's text by its type: shared or inline string, formula text, boolean, error, date
    /// text, or a number formatted by its style.
    private func value(of cell: Cell, row: Int) throws(XLSXReadError) -> String {
        switch cell.type {
        case "s":
            guard !cell.value.isEmpty else { return "" }
            guard let index = Int(cell.value.trimmingCharacters(in: .whitespaces)), let text = strings[index] else {
                throw .badCell(row: row, reason: "cell \(CellReference.columnName(cell.column))\(row) refers to shared string \"\(cell.value.prefix(20))\", which the workbook does not have")
            }
            return text
        case "inlineStr":
            return cell.inline ?? CellText.decoded(cell.value)
        case "str", "e":
            return CellText.decoded(cell.value)
        case "b":
            guard !cell.value.isEmpty else { return "" }
            return cell.value.trimmingCharacters(in: .whitespaces) == "1" ? "TRUE" : "FALSE"
        case "d":
            return cell.value.hasSuffix("T00:00:00") ? String(cell.value.dropLast(9)) : cell.value
        default:
            guard !cell.value.isEmpty else { return "" }
            return styles.format(cell.style).text(of: cell.value, date1904: date1904)
        }
    }
}
