import Foundation
import Synchronization
import VTJCore
import VTJXML

/// Writes one result file (CSV or XML) and keeps the receipt's tally: the result's single writer.
///
/// Persons arrive from the client's worker threads. What can be worked out per person without the
/// result — the rules' disclosure, the digest the ledger compares, the CSV row, the audit line — is
/// ``prepare(_:)``d on the worker, in parallel and without a lock; ``write(_:)`` then takes prepared
/// persons a batch at a time (``ResultBatch``), so the one lock is taken per batch, not per person.
///
/// Only what ``DisclosureRules`` returned is ever written here: the sink decides nothing.
final class ResultSink: ResultWriter {
    enum Kind { case basicData, changes }

    /// One person as a worker prepared it; `copy` is nil for a person not asked for.
    struct Prepared: Sendable {
        let copy: AnswerLedger.Copy?
        let row: CSVRow?
        let disclosed: DisclosedPerson?
    }

    private struct State {
        let pending: PendingFile
        var receipt: Receipt
        var xml: ResultXMLWriter?
        var xmlWriter: XMLWriter?
        var unexpected = 0
        /// Whom the result discloses and which groups (the disclosure log's rows), by hetu.
        var disclosed: [String: DisclosedPerson] = [:]
        /// Basic data: every person through the rules, repeats and contradictions told apart.
        var ledger: AnswerLedger
        /// Where each first copy's row or element starts (by ledger slot), and where the last one ends.
        var starts: [Int64] = []
        var personsEnd: Int64 = 0
        /// Slots whose copy was withdrawn, and the censored rows to write in their place at the end.
        var withdrawn: [Int] = []
        var replacements: [PersonDisclosure] = []

        /// Where the next byte goes (CSV: appended so far; XML: the writer has flushed onto the file).
        func position(_ format: OutputFormat) throws -> Int64 { format == .csv ? pending.byteCount : try pending.endOffset() }
    }

    private let format: OutputFormat
    private let personCSV: CSVRenderer
    private let changeCSV: CSVChangeRenderer
    private let rules: DisclosureRules
    /// Hetus the department asked for: nothing else is written, whatever the interface returned.
    private let asked: Set<String>?
    private let state: Mutex<State>

    init(kind: Kind, pending: sending PendingFile, format: OutputFormat, authorisation: RequestAuthorisation,
         dialect: CSVDialect, receipt: Receipt, operation: String, asked: Set<String>?) throws {
        self.format = format
        self.personCSV = CSVRenderer(authorisation: authorisation, dialect: dialect, reference: receipt.reference)
        self.changeCSV = CSVChangeRenderer(groups: authorisation.groups, dialect: dialect, reference: receipt.reference)
        self.rules = DisclosureRules(authorisation: authorisation, today: receipt.processingDate)
        self.asked = asked
        var state = State(pending: pending, receipt: receipt, ledger: AnswerLedger(rules: rules))
        switch format {
        case .csv:
            try pending.append(kind == .basicData ? personCSV.header() : changeCSV.header())
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
        self.state = Mutex(state)
    }

    /// Works out, off the writer, what writing `person` needs: nothing for a person not asked for;
    /// else the ledger's copy, the CSV row (XML is written by the writer itself) and the audit line.
    func prepare(_ person: Person) -> Prepared {
        if let asked, !asked.contains(person.hetu) { return Prepared(copy: nil, row: nil, disclosed: nil) }
        let copy = AnswerLedger.Copy(person, rules: rules)
        return Prepared(copy: copy, row: format == .csv ? personCSV.row(copy.disclosure) : nil,
                        disclosed: Self.disclosed(copy.disclosure))
    }

    /// One person of a basic-data answer, through the rules: persons not asked for and identical
    /// repeats are skipped; a person whose copies differ is withdrawn and written fully censored at
    /// the end. Returns the ledger's step (nil when the person was not asked for) and the contradictions so far.
    @discardableResult
    func write(_ person: Person) throws -> ResultWriting { try write([prepare(person)])[0] }

    /// Prepared persons in the order read, under one lock; what became of each, in the same order.
    func write(_ batch: [Prepared]) throws -> [ResultWriting] {
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
                    state.starts.append(try state.position(format))
                    state.receipt.record(disclosure)
                    let line = prepared.disclosed ?? Self.disclosed(disclosure)
                    state.disclosed[line.hetu] = line
                    if let row = prepared.row {
                        state.receipt.record(row)
                        try state.pending.append(row.bytes)
                    } else {
                        try render(disclosure, into: &state)
                    }
                    state.personsEnd = try state.position(format)
                case .repeated:
                    break
                case .withdraw(let slot, let earlier, let replacement):
                    state.withdrawn.append(slot)
                    state.replacements.append(replacement)
                    state.receipt.recordWithdrawal(earlier, replacement: replacement)
                    // What the result finally says of the person: found, protected, no group at all.
                    state.disclosed[replacement.hetu] = Self.disclosed(replacement)
                case .alreadyWithdrawn(let records):
                    state.receipt.recordWithdrawnCopy(records: records)
                }
                return ResultWriting(step: step, contradictions: state.ledger.contradictions)
            }
        }
    }

    private static func disclosed(_ person: PersonDisclosure) -> DisclosedPerson {
        DisclosedPerson(hetu: person.hetu, status: person.isProtected ? "turvakielto" : "loytyi",
                        groups: Set(person.records.map(\.group.rawValue)).sorted())
    }

    private func render(_ person: PersonDisclosure, into state: inout State) throws {
        switch format {
        case .csv:
            let row = personCSV.row(person)
            state.receipt.record(row)
            try state.pending.append(row.bytes)
        case .xml:
            state.xml?.write(person)
            try state.xmlWriter?.flush()
        }
    }

    /// How many persons were written, repeated identically, and withdrawn as contradictory.
    var answerTally: (persons: Int, repeats: Int, contradictions: Int) {
        state.withLock { ($0.ledger.persons, $0.ledger.repeats, $0.ledger.contradictions) }
    }

    /// A requested hetu the interface did not return.
    func writeNotFound(_ hetu: String) throws {
        try state.withLock { state in
            state.receipt.recordNotFound(hetu)
            switch format {
            case .csv: try state.pending.append(personCSV.notFoundRow(hetu: hetu))
            case .xml: state.xml?.writeNotFound(hetu: hetu)
            }
        }
    }

    /// One disclosed change entry (callers apply them in `muutospv` order).
    func write(_ change: ChangeDisclosure) throws {
        try state.withLock { state in
            state.receipt.record(change)
            let groups = Set(change.records.map(\.group.rawValue)).union(state.disclosed[change.hetu]?.groups ?? [])
            state.disclosed[change.hetu] = DisclosedPerson(hetu: change.hetu, status: "muutos", groups: groups.sorted())
            switch format {
            case .csv:
                let row = changeCSV.rows(change)
                state.receipt.record(row)
                try state.pending.append(row.bytes)
            case .xml:
                state.xml?.write(change)
                try state.xmlWriter?.flush()
            }
        }
    }

    /// Everyone the result discloses, with the groups delivered after the rules (not-found rows disclose nobody).
    func disclosedPersons() -> [DisclosedPerson] { state.withLock { $0.disclosed.values.sorted { $0.hetu < $1.hetu } } }

    /// Adds a note to the receipt.
    func note(_ text: String) { state.withLock { $0.receipt.notes.append(text) } }

    /// Ends the document; returns the receipt and how many returned persons were not asked for.
    func finish() throws -> (receipt: Receipt, unexpected: Int) {
        try state.withLock { state in
            for replacement in state.replacements { try render(replacement, into: &state) }
            if format == .xml {
                try state.xml?.finish()
            }
            if !state.withdrawn.isEmpty {
                // The withdrawn copies' rows were on the temp file only; they never reach the outbox.
                let spans = state.withdrawn.map { slot in
                    state.starts[slot]..<(slot + 1 < state.starts.count ? state.starts[slot + 1] : state.personsEnd)
                }
                try state.pending.excise(spans)
                state.receipt.notes.append(
                    "\(state.withdrawn.count) persons were answered more than once with different content; no copy was trusted: they are delivered fully censored, as if under turvakielto / \(state.withdrawn.count) henkilöstä tuli ristiriitaiset tiedot; heidät toimitetaan kokonaan pidätettyinä")
            }
            if state.receipt.counts.turvakieltoMissing > 0 {
                state.receipt.notes.append(
                    "\(state.receipt.counts.turvakieltoMissing) persons came without the TURVAKIELTO group; their addresses are withheld as if under turvakielto / \(state.receipt.counts.turvakieltoMissing) henkilön tiedoista puuttui turvakieltotieto; osoitteet pidätettiin")
            }
            return (state.receipt, state.unexpected)
        }
    }

    /// Throws away what was written.
    func abandon() { state.withLock { $0.pending.abandon() } }

    /// Publishes the result; returns its path.
    func commit() throws -> String { try state.withLock { try $0.pending.commit() } }
}
