import Foundation
import Synchronization
import VTJCore
import VTJXML

/// Writes one result file (CSV, XML or workbook) and keeps the receipt's tally: the result's single writer.
///
/// Persons arrive from the client's worker threads. What can be worked out per person without the
/// result — the rules' disclosure, the digest the ledger compares, the CSV rows, the audit line — is
/// ``prepare(_:)``d on the worker, in parallel and without a lock; ``write(_:)`` then takes prepared
/// persons a batch at a time (``ResultBatch``), so the one lock is taken per batch, not per person.
///
/// Only persons ``AskedOnly`` admits, and only what ``DisclosureRules`` returned for them, are
/// ever written here: the sink decides nothing.
package final class ResultSink: PreparedPersonSink {
    package enum Kind { case basicData, changes }

    /// One person as a worker prepared it; `copy` is nil for a person not asked for.
    package struct Prepared: Sendable {
        let copy: AnswerLedger.Copy?
        /// CSV results: the person's rows, one per row of the drop that named them.
        let rows: [CSVRow]?
        /// The groups the disclosure log records for the person; nil: named the long way when written.
        let groups: DisclosedGroups?
    }

    private struct State {
        /// The result file in its format; called only under ``state``'s lock, and has none of its own.
        let writer: any ResultWriter
        var receipt: Receipt
        var unexpected = 0
        /// Whom a basic-data result discloses and which groups (the disclosure log's rows), one row
        /// per ledger slot in a scratch file until publication; nil for a change delivery.
        let spool: DisclosureSpool?
        /// A change delivery's disclosure log rows, by hetu (a person's entries add up their groups).
        var disclosed: [String: DisclosedPerson] = [:]
        /// Each distinct group list once: persons share it instead of holding an array each.
        var groupLists: Set<[String]> = []
        /// Persons (or change entries) with anything withheld, by rule: the operator's metric.
        var withheldPersons: [WithholdingRule: Int] = [:]
        /// Basic data: every person through the rules, repeats and contradictions told apart.
        var ledger: AnswerLedger
        /// Where each first copy's row or element starts (by ledger slot), and where the last one ends.
        var starts = PersonOffsets()
        var personsEnd: Int64 = 0
        /// Slots whose copy was withdrawn, and the censored rows to write in their place at the end.
        var withdrawn: [Int] = []
        var replacements: [PersonDisclosure] = []

        /// Files the disclosure log's row of the first copy in ledger `slot`.
        mutating func noteDelivered(_ person: PersonDisclosure, groups: DisclosedGroups?, slot: Int) throws {
            guard let spool else { return note(ResultSink.disclosed(person)) }
            assert(slot == spool.count, "the spool's rows are the ledger's slots")
            if let groups {
                try spool.append(hetu: person.hetu, status: ResultSink.status(person), groups: groups)
            } else {
                try spool.append(ResultSink.disclosed(person))
            }
        }

        /// What the result finally says of the person in ledger `slot` (a withdrawn copy's replacement).
        mutating func noteReplacement(_ person: DisclosedPerson, slot: Int) {
            guard let spool else { return note(person) }
            spool.replace(row: slot, with: person)
        }

        /// Files the disclosure log's row of a person (the last one for a hetu stands).
        mutating func note(_ person: DisclosedPerson) {
            var person = person
            if let groups = person.groups {
                person.groups = groupLists.insert(groups).memberAfterInsert
            }
            disclosed[person.hetu] = person
        }
    }

    private let format: OutputFormat
    private let personCSV: CSVRenderer
    private let rules: DisclosureRules
    /// The drop's own columns, written beside each of its rows (CSV and workbook results).
    private let carried: CarriedColumns?
    /// Whom the department asked for: nothing else is written, whatever the interface returned.
    private let asked: AskedOnly
    private let state: Mutex<State>

    /// `layout` chooses a basic-data result's columns (nil: all); `carried` are the drop's own
    /// columns, written beside each of its rows; `scratchFolder` holds a basic-data result's
    /// disclosure log rows until publication (the state folder's `tmp`).
    package init(kind: Kind, pending: sending PendingFile, format: OutputFormat, authorisation: DropAuthorisation,
         dialect: CSVDialect, receipt: Receipt, operation: String, asked: AskedOnly, scratchFolder: String,
         layout: ColumnLayout? = nil, carried: CarriedColumns? = nil) throws {
        let carried = format == .xml || kind == .changes ? nil : carried
        let personCSV = CSVRenderer(authorisation: authorisation, dialect: dialect, reference: receipt.reference,
                                    layout: layout, carried: carried?.names ?? [])
        let changeCSV = CSVChangeRenderer(groups: authorisation.groups, dialect: dialect, reference: receipt.reference)
        self.format = format
        self.personCSV = personCSV
        self.rules = DisclosureRules(authorisation: authorisation, today: receipt.processingDate)
        self.carried = carried
        self.asked = asked
        let writer: any ResultWriter = switch format {
        case .csv: try CSVResultWriter(pending: pending, persons: personCSV, changes: changeCSV, forChanges: kind == .changes)
        case .xlsx: try WorkbookResultWriter(pending: pending, persons: personCSV, changes: changeCSV, forChanges: kind == .changes)
        case .xml: try XMLResultWriter(pending: pending, header: ResultXMLWriter.Header(
            dropID: receipt.dropID, operation: operation, purpose: authorisation.purpose,
            processingDate: receipt.processingDate, reference: receipt.reference, groups: authorisation.groups))
        }
        // The ledger finds a listed person by position among the list's codes (AskedOnly's own keys).
        var state = State(writer: writer, receipt: receipt, spool: kind == .basicData ? try DisclosureSpool(folder: scratchFolder) : nil,
                          ledger: AnswerLedger(rules: rules, index: asked.keys))
        if let carried {
            let names = carried.names.prefix(10).joined(separator: ", ") + (carried.names.count > 10 ? ", …" : "")
            state.receipt.notes.append(Message(.noteCarriedColumns, ["columns": .text(names)]))
        }
        self.state = Mutex(state)
    }

    /// Works out, off the writer, what writing `person` needs: nothing for a person not asked for;
    /// else the ledger's copy, the CSV rows (XML and workbooks are written by the writer itself) and the audit line.
    package func prepare(_ person: Person) -> Prepared {
        // Read once: whether the person was asked for, and the ledger's key.
        let code = try? Henkilotunnus(person.hetu)
        guard asked.admits(code) else { return Prepared(copy: nil, rows: nil, groups: nil) }
        let copy = AnswerLedger.Copy(person, code: code, rules: rules)
        return Prepared(copy: copy, rows: format == .csv ? rows(copy.disclosure) : nil,
                        groups: DisclosedGroups(copy.disclosure.records))
    }

    /// One person of a basic-data answer, through the rules: persons not asked for and identical
    /// repeats are skipped; a person whose copies differ is withdrawn and written fully censored at
    /// the end. Returns the ledger's step (nil when the person was not asked for) and the contradictions so far.
    @discardableResult
    func write(_ person: Person) throws -> ResultWriting { try write([prepare(person)])[0] }

    /// Prepared persons in the order read, under one lock; what became of each, in the same order.
    package func write(_ batch: [Prepared]) throws -> [ResultWriting] {
        try state.withLock { state in
            try batch.map { prepared in
                guard let copy = prepared.copy else {
                    state.unexpected += 1
                    return ResultWriting(step: nil, contradictions: state.ledger.contradictions)
                }
                let step = state.ledger.next(copy)
                switch step {
                case .deliver(let disclosure, let slot):
                    assert(slot == state.starts.count)
                    state.starts.append(try state.writer.position())
                    state.receipt.record(disclosure)
                    for rule in disclosure.tally.countedRules { state.withheldPersons[rule, default: 0] += 1 }
                    try state.noteDelivered(disclosure, groups: prepared.groups, slot: slot)
                    try write(disclosure, rendered: prepared.rows, into: &state)
                    state.personsEnd = try state.writer.position()
                case .repeated:
                    break
                case .withdraw(let slot, let earlier, let replacement):
                    state.withdrawn.append(slot)
                    state.replacements.append(replacement)
                    state.receipt.recordWithdrawal(earlier, replacement: replacement)
                    // What the result finally says of the person: found, protected, no group at all.
                    state.noteReplacement(Self.disclosed(replacement), slot: slot)
                case .alreadyWithdrawn(let records):
                    state.receipt.recordWithdrawnCopy(records: records)
                }
                return ResultWriting(step: step, contradictions: state.ledger.contradictions)
            }
        }
    }

    fileprivate static func disclosed(_ person: PersonDisclosure) -> DisclosedPerson {
        DisclosedPerson(hetu: person.hetu, status: status(person), groups: Set(person.records.map(\.group.rawValue)).sorted())
    }

    fileprivate static func status(_ person: PersonDisclosure) -> String { person.isProtected ? "turvakielto" : "loytyi" }

    /// Each row of the drop that named `hetu` (its own cells; `[[]]` when the drop carries none).
    private func carriedRows(_ hetu: String) -> [[String]] { carried?.cells(of: hetu) ?? Self.noCarriedCells }

    /// One shared `[[]]`, not a new one per person.
    private static let noCarriedCells: [[String]] = [[]]

    /// A person's CSV rows, rendered on the worker: one per row of the drop that named the person.
    private func rows(_ person: PersonDisclosure) -> [CSVRow] {
        carriedRows(person.hetu).map { personCSV.row(person, carried: $0) }
    }

    private func write(_ person: PersonDisclosure, rendered: [CSVRow]?, into state: inout State) throws {
        let overflow = try state.writer.write(person, carried: carriedRows(person.hetu), rendered: rendered)
        state.receipt.record(CSVRow(bytes: [], overflow: overflow))
    }

    /// How many persons were written, repeated identically, and withdrawn as contradictory.
    var answerTally: (persons: Int, repeats: Int, contradictions: Int) {
        state.withLock { ($0.ledger.persons, $0.ledger.repeats, $0.ledger.contradictions) }
    }

    /// The requested hetus the interface did not return, a row each in their order; the receipt
    /// keeps the list itself (walked again for its list file), not a copy of the codes.
    func writeNotFound(_ hetus: NotFoundList) throws {
        try state.withLock { state in
            state.receipt.recordNotFound(hetus)
            for hetu in hetus { try state.writer.writeNotFound(hetu: hetu, status: .notFound, carried: carriedRows(hetu)) }
        }
    }

    /// A requested person the interface answered about without their data (its status and reason).
    func writeUndelivered(_ person: UndeliveredPerson) throws {
        try state.withLock { state in
            state.receipt.recordUndelivered(person)
            try state.writer.writeNotFound(hetu: person.hetu, status: person.status, carried: carriedRows(person.hetu))
        }
    }

    /// Names the granted groups the interface does not deliver at all (nothing when it delivers every one).
    func noteUndeliveredGroups(_ granted: [GroupName], delivered: Set<GroupName>?, source: String) {
        guard let delivered else { return }
        let missing = granted.filter { !delivered.contains($0) }
        guard !missing.isEmpty else { return }
        state.withLock { $0.receipt.undeliveredGroups = UndeliveredGroups(groups: missing, source: source) }
    }

    /// One disclosed change entry (callers apply them in `muutospv` order).
    func write(_ change: ChangeDisclosure) throws {
        try state.withLock { state in
            state.receipt.record(change)
            for rule in change.tally.countedRules { state.withheldPersons[rule, default: 0] += 1 }
            let groups = Set(change.records.map(\.group.rawValue)).union(state.disclosed[change.hetu]?.groups ?? [])
            state.note(DisclosedPerson(hetu: change.hetu, status: "muutos", groups: groups.sorted()))
            state.receipt.record(CSVRow(bytes: [], overflow: try state.writer.write(change)))
        }
    }


    /// Persons (change entries) with anything withheld, by rule.
    func withheldPersons() -> [WithholdingRule: Int] { state.withLock { $0.withheldPersons } }

    /// Adds a note to the receipt.
    func note(_ message: Message) { state.withLock { $0.receipt.notes.append(message) } }

    /// Ends the document; returns the receipt and how many returned persons were not asked for.
    package func finish() throws -> (receipt: Receipt, unexpected: Int) {
        try state.withLock { state in
            for replacement in state.replacements { try write(replacement, rendered: nil, into: &state) }
            // The rows of the clerk's list without a valid henkilötunnus come back too, marked.
            for rejected in carried?.rejected ?? [] { try state.writer.writeRejected(rejected) }
            // The withdrawn copies' rows never reach the outbox; the receipt's summary says it
            // (counts.contradicted), in the department's language.
            let spans = state.starts.spans(of: state.withdrawn, end: state.personsEnd)
            state.receipt.notes += try state.writer.finish(skipping: spans)
            return (state.receipt, state.unexpected)
        }
    }

    /// Throws away what was written.
    package func abandon() { state.withLock { $0.writer.abandon() } }

    /// Publishes the result; returns its path.
    func commit() throws -> String { try state.withLock { try $0.writer.commit() } }
}

/// Everyone the result discloses, with the groups delivered after the rules (not-found rows
/// disclose nobody): read by the publication's transaction, from the spool or (changes) memory.
extension ResultSink: DisclosedPersonSource {
    package var personCount: Int { state.withLock { $0.spool?.personCount ?? $0.disclosed.count } }

    /// The rows come out of the lock a few thousand at a time: `body` (the audit insert) never runs under it.
    package func forEachPerson(_ body: (DisclosedPerson) throws -> Void) throws {
        var cursor = DisclosureSpool.Cursor()
        while true {
            let (persons, next) = try state.withLock { state throws(StorageError) -> ([DisclosedPerson], DisclosureSpool.Cursor?) in
                guard let spool = state.spool else { return (state.disclosed.values.sorted { $0.hetu < $1.hetu }, nil) }
                var reading = cursor
                return (try spool.read(&reading, atMost: 4096), reading)
            }
            for person in persons { try body(person) }
            guard let next, !persons.isEmpty else { return }
            cursor = next
        }
    }
}
