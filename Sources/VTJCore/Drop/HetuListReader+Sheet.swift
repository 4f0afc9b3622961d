/// A workbook's first sheet as a henkilötunnus list: the column found by its `hetu` header or by
/// its content, the other columns carried (docs/xlsx.md, "Workbook drops").
extension HetuListReader {
    /// One row of a sheet: its row number (for "file, row, reason") and its cells (an empty cell
    /// keeps its column).
    public typealias SheetRow = (number: Int, cells: [String])

    /// Reads the rows of sheet `sheet` of `file`; throws when no henkilötunnus column can be found.
    public func read(sheet: String, rows: [SheetRow], file: String) throws(DropReadError) -> DropContent {
        guard let first = rows.first else {
            throw DropReadError(file: file, kind: .empty,
                                message: Message(.workbookSheetEmpty, ["sheet": .text(sheet)]))
        }
        let sample = rows.dropFirst().prefix(HetuColumnDetector.sampleRows).map(\.cells)
        var location = HetuColumnDetector.locate(first: first.cells, rest: Array(sample))
        if location == nil, rows.allSatisfy({ $0.cells.filter { !HetuListReader.trimmed($0).isEmpty }.count <= 1 }) {
            // One column of values, mostly not valid: read it so that every wrong row is listed.
            let column = first.cells.firstIndex { !HetuListReader.trimmed($0).isEmpty } ?? 0
            location = HetuColumnDetector.Location(column: column, hasHeader: false, valid: 0, filled: 0)
        }
        guard let location else {
            throw DropReadError(file: file, line: first.number, kind: .csvHeader,
                                message: Message(.workbookNoHetuColumn, ["sheet": .text(sheet)]))
        }
        let header = location.hasHeader && location.column < first.cells.count
            ? String(HetuListReader.trimmed(first.cells[location.column])) : nil
        var list = DropContent(encoding: .utf8, dialect: .workbook(sheet: sheet, column: location.column, header: header))
        if location.hasHeader {
            let carried = CarriedColumns(header: first.cells.map { String(HetuListReader.trimmed($0)) }, hetuColumn: location.column)
            list.carried = carried.isEmpty ? nil : carried
        }
        var collector = HetuCollector()
        for row in rows.dropFirst(location.hasHeader ? 1 : 0) {
            guard location.column < row.cells.count, !HetuListReader.trimmed(row.cells[location.column]).isEmpty else {
                collector.reject(line: row.number, text: "",
                                 reason: Message(.workbookHetuCellEmpty, ["column": .text(CellColumnName.letters(location.column))]))
                list.carried?.add(row.cells, hetu: nil)
                continue
            }
            let hetu = collector.accept(row.cells[location.column], line: row.number)
            list.carried?.add(row.cells, hetu: hetu)
        }
        list.take(&collector)
        list.lineCount = rows.last?.number ?? 0
        guard list.valueLines > 0 else {
            throw DropReadError(file: file, kind: .empty,
                                message: Message(.workbookNoRows, ["sheet": .text(sheet)]))
        }
        return list
    }
}
