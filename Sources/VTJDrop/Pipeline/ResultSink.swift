import Foundation
import VTJCore
import VTJSheet
import VTJXML

/// Writes one result file (CSV or XML) row by row into a pending outbox file and keeps the
/// receipt's tally; persons arrive from the client's worker threads, one at a time.
///
/// Only persons ``AskedOnly`` admits, and only what ``DisclosureRules`` returned for them, are
/// ever written here: the sink decides nothing.
final class ResultSink: @unchecked Sendable {  // every access to `state` goes through `lock`
    enum Kind { case basicData, changes }

    private struct State {
        let kind: Kind
        let pending: PendingFile
        let format: OutputFormat
        var receipt: Receipt
        let personCSV: CSVRenderer
        let changeCSV: CSVChangeRenderer
        var xml: ResultXMLWriter?
        var xmlWriter: XMLWriter?
        /// Workbook results: the rows until ``finish()`` writes the workbook.
        var sheet: SheetRowSpool?
        /// The drop's own columns, written beside each of its rows (CSV and workbook results).
        let carried: CarriedColumns?
        /// Whom the department asked for: nothing else is written, whatever the interface returned.
        let asked: AskedOnly
        var unexpected = 0
        /// Whom the result discloses and which groups (the disclosure log's rows), by hetu.
        var disclosed: [String: DisclosedPerson] = [:]
        /// Persons (or change entries) with anything withheld, by rule: the operator's metric.
        var withheldPersons: [WithholdingRule: Int] = [:]
        /// Basic data: every person through the rules, repeats and contradictions told apart.
        var ledger: AnswerLedger
        /// Where each first copy's row or element starts (by ledger slot), and where the last one ends.
        var starts: [Int64] = []
        var personsEnd: Int64 = 0
        /// Slots whose copy was withdrawn, and the censored rows to write in their place at the end.
        var withdrawn: [Int] = []
        var replacements: [PersonDisclosure] = []

        /// Where the next byte goes (CSV: appended so far; XML: the writer has flushed onto the file).
        func position() throws -> Int64 {
            switch format {
            case .csv: pending.byteCount
            case .xlsx: sheet?.byteCount ?? 0
            case .xml: try pending.endOffset()
            }
        }
    }

    private let lock = NSLock()
    private var _state: State

    private func withState<T>(_ body: (inout State) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&_state)
    }

    /// `layout` chooses a basic-data result's columns (nil: all); `carried` are the drop's own
    /// columns, written beside each of its rows.
    init(kind: Kind, pending: PendingFile, format: OutputFormat, authorisation: RequestAuthorisation,
         dialect: CSVDialect, receipt: Receipt, operation: String, asked: AskedOnly,
         layout: ColumnLayout? = nil, carried: CarriedColumns? = nil) throws {
        let carried = format == .xml || kind == .changes ? nil : carried
        var state = State(kind: kind, pending: pending, format: format, receipt: receipt,
                          personCSV: CSVRenderer(authorisation: authorisation, dialect: dialect, reference: receipt.reference,
                                                 layout: layout, carried: carried?.names ?? []),
                          changeCSV: CSVChangeRenderer(groups: authorisation.groups, dialect: dialect, reference: receipt.reference),
                          carried: carried, asked: asked,
                          ledger: AnswerLedger(rules: DisclosureRules(authorisation: authorisation, today: receipt.processingDate)))
        if let carried {
            let names = carried.names.prefix(10).joined(separator: ", ") + (carried.names.count > 10 ? ", …" : "")
            state.receipt.notes.append(Message(.noteCarriedColumns, ["columns": .text(names)]))
        }
        switch format {
        case .xlsx:
            let temporary = pending.temporaryPath
            state.sheet = try SheetRowSpool(folder: String(temporary[..<(temporary.lastIndex(of: "/") ?? temporary.endIndex)]))
        case .csv:
            try pending.append(kind == .basicData ? state.personCSV.header() : state.changeCSV.header())
        case .xml:
            let descriptor = try pending.withDescriptor { $0 }
            let writer = try XMLWriter(fileDescriptor: descriptor, documentName: pending.name)
            let xml = ResultXMLWriter(writer: writer, header: ResultXMLWriter.Header(
                requestID: receipt.requestID, operation: operation, purpose: authorisation.purpose,
                processingDate: receipt.processingDate, reference: receipt.reference, groups: authorisation.groups))
            xml.begin()
            // Out now, so the first person's element starts at a known offset.
            try writer.flush()
            state.xmlWriter = writer
            state.xml = xml
        }
        self._state = state
    }

    /// One person of a basic-data answer, through the rules: persons not asked for and identical
    /// repeats are skipped; a person whose copies differ is withdrawn and written fully censored at
    /// the end. Returns the ledger's step (nil when the person was not asked for).
    @discardableResult
    func write(_ person: Person) throws -> AnswerLedger.Step? {
        try withState { state in
            if !state.asked.admits(person.hetu) { state.unexpected += 1; return nil }
            let step = state.ledger.next(person)
            switch step {
            case .deliver(let disclosure, let slot):
                assert(slot == state.starts.count)
                state.starts.append(try state.position())
                state.receipt.record(disclosure)
                for rule in disclosure.tally.records.keys { state.withheldPersons[rule, default: 0] += 1 }
                Self.noteDisclosed(disclosure, in: &state)
                try Self.render(disclosure, into: &state)
                state.personsEnd = try state.position()
            case .repeated:
                break
            case .withdraw(let slot, let earlier, let replacement):
                state.withdrawn.append(slot)
                state.replacements.append(replacement)
                state.receipt.recordWithdrawal(earlier, replacement: replacement)
                // What the result finally says of the person: found, protected, no group at all.
                Self.noteDisclosed(replacement, in: &state)
            case .alreadyWithdrawn(let records):
                state.receipt.recordWithdrawnCopy(records: records)
            }
            return step
        }
    }

    private static func noteDisclosed(_ person: PersonDisclosure, in state: inout State) {
        state.disclosed[person.hetu] = DisclosedPerson(
            hetu: person.hetu, status: person.isProtected ? "turvakielto" : "loytyi",
            groups: Set(person.records.map(\.group.rawValue)).sorted())
    }

    private static func render(_ person: PersonDisclosure, into state: inout State) throws {
        // One row per row of the drop that named the person (a repeat keeps its own cells).
        let carried = state.carried?.cells(of: person.hetu) ?? [[]]
        switch state.format {
        case .csv:
            for (index, cells) in carried.enumerated() {
                let row = state.personCSV.row(person, carried: cells)
                if index == 0 { state.receipt.record(row) }
                try state.pending.append(row.bytes)
            }
        case .xlsx:
            for (index, own) in carried.enumerated() {
                let (cells, overflow) = state.personCSV.cells(person, carried: own)
                if index == 0 { state.receipt.record(CSVRow(bytes: [], overflow: overflow)) }
                try state.sheet?.append(cells)
            }
        case .xml:
            state.xml?.write(person)
            try state.xmlWriter?.flush()
        }
    }

    /// How many persons were written, repeated identically, and withdrawn as contradictory.
    var answerTally: (persons: Int, repeats: Int, contradictions: Int) {
        withState { ($0.ledger.persons, $0.ledger.repeats, $0.ledger.contradictions) }
    }

    /// A requested hetu the interface did not return.
    func writeNotFound(_ hetu: String) throws {
        try withState { state in
            state.receipt.recordNotFound(hetu)
            for own in state.carried?.cells(of: hetu) ?? [[]] {
                switch state.format {
                case .csv: try state.pending.append(state.personCSV.notFoundRow(hetu: hetu, carried: own))
                case .xlsx: try state.sheet?.append(state.personCSV.notFoundCells(hetu: hetu, carried: own))
                case .xml: state.xml?.writeNotFound(hetu: hetu)
                }
            }
        }
    }

    /// A requested person the interface answered about without their data (its status and reason).
    func writeUndelivered(_ person: UndeliveredPerson) throws {
        try withState { state in
            state.receipt.recordUndelivered(person)
            for own in state.carried?.cells(of: person.hetu) ?? [[]] {
                switch state.format {
                case .csv: try state.pending.append(state.personCSV.notFoundRow(hetu: person.hetu, status: person.status, carried: own))
                case .xlsx: try state.sheet?.append(state.personCSV.notFoundCells(hetu: person.hetu, status: person.status, carried: own))
                case .xml: state.xml?.writeNotFound(hetu: person.hetu, status: person.status)
                }
            }
        }
    }

    /// Names the granted groups the interface does not deliver at all (nothing when it delivers every one).
    func noteUndeliveredGroups(_ granted: [GroupName], delivered: Set<GroupName>?, source: String) {
        guard let delivered else { return }
        let missing = granted.filter { !delivered.contains($0) }
        guard !missing.isEmpty else { return }
        withState { $0.receipt.undeliveredGroups = UndeliveredGroups(groups: missing, source: source) }
    }

    /// One disclosed change entry (callers apply them in `muutospv` order).
    func write(_ change: ChangeDisclosure) throws {
        try withState { state in
            state.receipt.record(change)
            for rule in change.tally.records.keys { state.withheldPersons[rule, default: 0] += 1 }
            let groups = Set(change.records.map(\.group.rawValue)).union(state.disclosed[change.hetu]?.groups ?? [])
            state.disclosed[change.hetu] = DisclosedPerson(hetu: change.hetu, status: "muutos", groups: groups.sorted())
            switch state.format {
            case .csv:
                let row = state.changeCSV.rows(change)
                state.receipt.record(row)
                try state.pending.append(row.bytes)
            case .xlsx:
                let (rows, overflow) = state.changeCSV.cellRows(change)
                state.receipt.record(CSVRow(bytes: [], overflow: overflow))
                for row in rows { try state.sheet?.append(row) }
            case .xml:
                state.xml?.write(change)
                try state.xmlWriter?.flush()
            }
        }
    }

    /// Everyone the result discloses, with the groups delivered after the rules (not-found rows disclose nobody).
    func disclosedPersons() -> [DisclosedPerson] { withState { $0.disclosed.values.sorted { $0.hetu < $1.hetu } } }

    /// Persons (change entries) with anything withheld, by rule.
    func withheldPersons() -> [WithholdingRule: Int] { withState { $0.withheldPersons } }

    /// Adds a note to the receipt.
    func note(_ message: Message) { withState { $0.receipt.notes.append(message) } }

    /// Ends the document; returns the receipt and how many returned persons were not asked for.
    func finish() throws -> (receipt: Receipt, unexpected: Int) {
        try withState { state in
            for replacement in state.replacements { try Self.render(replacement, into: &state) }
            // The rows of the clerk's list without a valid henkilötunnus come back too, marked.
            for rejected in state.carried?.rejected ?? [] {
                switch state.format {
                case .csv: try state.pending.append(state.personCSV.rejectedRow(value: rejected.value, carried: rejected.cells))
                case .xlsx: try state.sheet?.append(state.personCSV.rejectedCells(value: rejected.value, carried: rejected.cells))
                case .xml: break
                }
            }
            if state.format == .xml {
                try state.xml?.finish()
            }
            // The withdrawn copies' rows were on the temp file only; they never reach the outbox.
            let spans = state.withdrawn.map { slot in
                state.starts[slot]..<(slot + 1 < state.starts.count ? state.starts[slot + 1] : state.personsEnd)
            }
            if let sheet = state.sheet {
                try Self.writeWorkbook(sheet, skipping: spans, kind: state.kind, state: &state)
            }
            if !state.withdrawn.isEmpty {
                if state.format != .xlsx { try state.pending.excise(spans) }
                // The receipt's summary says it (counts.contradicted), in the department's language.
            }
            return (state.receipt, state.unexpected)
        }
    }

    /// The workbook from the spooled rows, into the pending file (docs/xlsx.md).
    private static func writeWorkbook(_ sheet: SheetRowSpool, skipping spans: [Range<Int64>], kind: Kind,
                                      state: inout State) throws {
        let names = kind == .basicData ? state.personCSV.columnNames : state.changeCSV.columnNames
        let dates = kind == .basicData ? state.personCSV.dateColumns : state.changeCSV.dateColumns
        let pending = state.pending
        let temporary = pending.temporaryPath
        let writer = try pending.withDescriptor { descriptor in
            try XLSXWriter(fileDescriptor: descriptor, documentName: pending.name,
                           spoolFolder: String(temporary[..<(temporary.lastIndex(of: "/") ?? temporary.endIndex)]),
                           columns: SheetColumn.columns(names: names, dates: dates))
        }
        try sheet.replay(skipping: spans) { cells in try writer.append(cells) }
        try writer.finish()
        if writer.truncatedCells > 0 {
            state.receipt.notes.append(Message(.noteCellsCut, ["count": .count(writer.truncatedCells)]))
        }
    }

    /// Throws away what was written.
    func abandon() { withState { $0.pending.abandon() } }

    /// Publishes the result; returns its path.
    func commit() throws -> String { try withState { try $0.pending.commit() } }
}
