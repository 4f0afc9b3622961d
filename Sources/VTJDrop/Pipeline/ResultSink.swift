import Foundation
import VTJCore
import VTJXML

/// Writes one result file (CSV or XML) row by row into a pending outbox file and keeps the
/// receipt's tally; persons arrive from the client's worker threads, one at a time.
///
/// Only what ``DisclosureRules`` returned is ever written here: the sink decides nothing.
final class ResultSink: @unchecked Sendable {  // every access to `state` goes through `lock`
    enum Kind { case basicData, changes }

    private struct State {
        let pending: PendingFile
        let format: OutputFormat
        var receipt: Receipt
        let personCSV: CSVRenderer
        let changeCSV: CSVChangeRenderer
        var xml: ResultXMLWriter?
        var xmlWriter: XMLWriter?
        /// Hetus the department asked for: nothing else is written, whatever the interface returned.
        let asked: Set<String>?
        var written: Set<String> = []
        var unexpected = 0
        /// Whom the result discloses and which groups (the disclosure log's rows), by hetu.
        var disclosed: [String: DisclosedPerson] = [:]
        /// Persons (or change entries) with anything withheld, by rule: the operator's metric.
        var withheldPersons: [WithholdingRule: Int] = [:]
    }

    private let lock = NSLock()
    private var _state: State

    private func withState<T>(_ body: (inout State) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&_state)
    }

    init(kind: Kind, pending: PendingFile, format: OutputFormat, authorisation: RequestAuthorisation,
         dialect: CSVDialect, receipt: Receipt, operation: String, asked: Set<String>?) throws {
        var state = State(pending: pending, format: format, receipt: receipt,
                          personCSV: CSVRenderer(authorisation: authorisation, dialect: dialect, reference: receipt.reference),
                          changeCSV: CSVChangeRenderer(groups: authorisation.groups, dialect: dialect, reference: receipt.reference),
                          asked: asked)
        switch format {
        case .csv:
            try pending.append(kind == .basicData ? state.personCSV.header() : state.changeCSV.header())
        case .xml:
            let descriptor = try pending.withDescriptor { $0 }
            let writer = try XMLWriter(fileDescriptor: descriptor, documentName: pending.name)
            let xml = ResultXMLWriter(writer: writer, header: ResultXMLWriter.Header(
                requestID: receipt.requestID, operation: operation, purpose: authorisation.purpose,
                processingDate: receipt.processingDate, reference: receipt.reference, groups: authorisation.groups))
            xml.begin()
            state.xmlWriter = writer
            state.xml = xml
        }
        self._state = state
    }

    /// One person's disclosed data; persons not asked for, or already written, are skipped.
    func write(_ person: PersonDisclosure) throws {
        try withState { state in
            if let asked = state.asked, !asked.contains(person.hetu) { state.unexpected += 1; return }
            guard state.written.insert(person.hetu).inserted else { return }
            state.receipt.record(person)
            for rule in person.tally.records.keys { state.withheldPersons[rule, default: 0] += 1 }
            state.disclosed[person.hetu] = DisclosedPerson(
                hetu: person.hetu, status: person.isProtected ? "turvakielto" : "loytyi",
                groups: Set(person.records.map(\.group.rawValue)).sorted())
            switch state.format {
            case .csv:
                let row = state.personCSV.row(person)
                state.receipt.record(row)
                try state.pending.append(row.bytes)
            case .xml:
                state.xml?.write(person)
                try state.xmlWriter?.flush()
            }
        }
    }

    /// A requested hetu the interface did not return.
    func writeNotFound(_ hetu: String) throws {
        try withState { state in
            state.receipt.recordNotFound(hetu)
            switch state.format {
            case .csv: try state.pending.append(state.personCSV.notFoundRow(hetu: hetu))
            case .xml: state.xml?.writeNotFound(hetu: hetu)
            }
        }
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
    func note(_ text: String) { withState { $0.receipt.notes.append(text) } }

    /// Ends the document; returns the receipt and how many returned persons were not asked for.
    func finish() throws -> (receipt: Receipt, unexpected: Int) {
        try withState { state in
            if state.format == .xml {
                try state.xml?.finish()
            }
            return (state.receipt, state.unexpected)
        }
    }

    /// Throws away what was written.
    func abandon() { withState { $0.pending.abandon() } }

    /// Publishes the result; returns its path.
    func commit() throws -> String { try withState { try $0.pending.commit() } }
}
