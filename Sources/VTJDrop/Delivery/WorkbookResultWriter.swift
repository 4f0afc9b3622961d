import VTJCore
import VTJSheet

/// A workbook result (docs/xlsx.md): the rows spooled to a scratch file beside the pending file
/// while they arrive, the workbook written from them at the end, without the withdrawn persons'
/// rows (a written sheet cannot lose a row, so it is written last).
final class WorkbookResultWriter: ResultWriter {
    private let pending: PendingFile
    private let persons: CSVRenderer
    private let changes: CSVChangeRenderer
    private let forChanges: Bool
    private let rows: SheetRowSpool

    init(pending: PendingFile, persons: CSVRenderer, changes: CSVChangeRenderer, forChanges: Bool) throws {
        self.pending = pending
        self.persons = persons
        self.changes = changes
        self.forChanges = forChanges
        rows = try SheetRowSpool(folder: Self.scratchFolder(of: pending))
    }

    func position() -> Int64 { rows.byteCount }

    func write(_ person: PersonDisclosure, carried: [[String]], rendered: [CSVRow]?) throws -> [GroupName: Int] {
        var first: [GroupName: Int] = [:]
        for (index, own) in carried.enumerated() {
            let (cells, overflow) = persons.cells(person, carried: own)
            if index == 0 { first = overflow }
            try rows.append(cells)
        }
        return first
    }

    func writeNotFound(hetu: String, status: ResultStatus, carried: [[String]]) throws {
        for own in carried { try rows.append(persons.notFoundCells(hetu: hetu, status: status, carried: own)) }
    }

    func writeRejected(_ rejected: CarriedColumns.Rejected) throws {
        try rows.append(persons.rejectedCells(value: rejected.value, carried: rejected.cells))
    }

    func write(_ change: ChangeDisclosure) throws -> [GroupName: Int] {
        let (cellRows, overflow) = changes.cellRows(change)
        for row in cellRows { try rows.append(row) }
        return overflow
    }

    func finish(skipping spans: [Range<Int64>]) throws -> [Message] {
        let names = forChanges ? changes.columnNames : persons.columnNames
        let dates = forChanges ? changes.dateColumns : persons.dateColumns
        let pending = self.pending
        let writer = try pending.withDescriptor { descriptor in
            try XLSXWriter(fileDescriptor: descriptor, documentName: pending.name, spoolFolder: Self.scratchFolder(of: pending),
                           columns: SheetColumn.columns(names: names, dates: dates))
        }
        try rows.replay(skipping: spans) { cells in try writer.append(cells) }
        try writer.finish()
        return writer.truncatedCells > 0 ? [Message(.noteCellsCut, ["count": .count(writer.truncatedCells)])] : []
    }

    func abandon() { pending.abandon() }

    func commit() throws -> String { try pending.commit() }
}
