import VTJCore

/// A CSV result: the header at once, then each row appended to the pending file as it comes;
/// a withdrawn person's rows are cut out of the temporary file at the end.
final class CSVResultWriter: ResultWriter {
    private let pending: PendingFile
    private let persons: CSVRenderer
    private let changes: CSVChangeRenderer

    /// `changes` chooses the change log's header instead of the persons' one.
    init(pending: PendingFile, persons: CSVRenderer, changes: CSVChangeRenderer, forChanges: Bool) throws {
        self.pending = pending
        self.persons = persons
        self.changes = changes
        try pending.append(forChanges ? changes.header() : persons.header())
    }

    func position() -> Int64 { pending.byteCount }

    func write(_ person: PersonDisclosure, carried: [[String]], rendered: [CSVRow]?) throws -> [GroupName: Int] {
        let rows = rendered ?? carried.map { persons.row(person, carried: $0) }
        for row in rows { try pending.append(row.bytes) }
        return rows.first?.overflow ?? [:]
    }

    func writeNotFound(hetu: String, status: ResultStatus, carried: [[String]]) throws {
        for own in carried { try pending.append(persons.notFoundRow(hetu: hetu, status: status, carried: own)) }
    }

    func writeRejected(_ rejected: CarriedColumns.Rejected) throws {
        try pending.append(persons.rejectedRow(value: rejected.value, carried: rejected.cells))
    }

    func write(_ change: ChangeDisclosure) throws -> [GroupName: Int] {
        let row = changes.rows(change)
        try pending.append(row.bytes)
        return row.overflow
    }

    func finish(skipping spans: [Range<Int64>]) throws -> [Message] {
        // The withdrawn copies' rows were on the temp file only; they never reach the outbox.
        if !spans.isEmpty { try pending.excise(spans) }
        return []
    }

    func abandon() { pending.abandon() }

    func commit() throws -> String { try pending.commit() }
}
