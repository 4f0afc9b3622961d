import ArgumentParser
import Foundation
import VTJCore
import VTJDrop

/// `vtjdrop audit`: who queried a person, when and why; or everything about one request.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Search the audit log by henkilötunnus or by request id.",
        discussion: """
            --hetu prints every query that named the person (newest first): time (Finnish), department, \
            purpose, request, operation. The operator running this is authorised to see the hetu they ask \
            about; every other hetu in the output is masked. --request prints the journal entry, its state \
            history and its queries (hetus masked, counted).
            """
    )

    @Option(help: "The henkilötunnus to search for.") var hetu: String?
    @Option(help: "Only queries on or after this date (YYYY-MM-DD, Finnish time).") var since: String?
    @Option(help: "The request id to show.") var request: String?
    @Option(help: "The state folder (default: from the configuration).") var state: String?
    @Option(help: "The configuration file.") var config: String?

    func validate() throws {
        if (hetu == nil) == (request == nil) { throw ValidationError("give exactly one of --hetu or --request") }
        if since != nil, hetu == nil { throw ValidationError("--since goes with --hetu") }
        if let since, CivilDate(iso: since) == nil { throw ValidationError("--since \(since): expected YYYY-MM-DD") }
    }

    func run() throws {
        let (database, _) = try OperatorText.openState(state: state, config: config)
        let zone = FinnishTime()
        if let hetu { try show(hetu: hetu, database: database, zone: zone) }
        if let request { try show(request: request, database: database, zone: zone) }
    }

    private func show(hetu raw: String, database: StateDatabase, zone: FinnishTime?) throws {
        let person: Henkilotunnus
        switch Henkilotunnus.read(raw).result {
        case .success(let value): person = value
        case .failure(let error): throw ValidationError("--hetu: \(error)")
        }
        var sinceDate: Date?
        if let since, let day = CivilDate(iso: since) {
            let midnight = LocalDateTime(date: day, secondsOfDay: 0)
            sinceDate = (zone.map { $0.instant(for: midnight) } ?? midnight.instant(utcOffsetSeconds: 0)).date
        }
        let entries = try database.auditLog.queries(hetu: person, since: sinceDate)
        let period = since.map { " since \($0)" } ?? ""
        print("Queries naming \(person.value)\(period): \(entries.count)")
        guard !entries.isEmpty else { return }
        var rows = [["time (Finnish)", "department", "purpose", "request", "operation", "scope", "hetus in query"]]
        for entry in entries {
            rows.append([OperatorText.time(entry.at, zone: zone), entry.department, entry.purpose, entry.requestID,
                         entry.operation, entry.scope.rawValue, String(entry.hetuCount)])
        }
        print(OperatorText.table(rows))
    }

    private func show(request id: String, database: StateDatabase, zone: FinnishTime?) throws {
        let journal = database.journal
        let queries = try database.auditLog.queries(request: id)
        guard let entry = try journal.entry(id) else {
            if queries.isEmpty { throw ValidationError("no request \(id) in the journal or the audit log") }
            print("Request \(id): not in the journal (only audit entries)")
            printQueries(queries, zone: zone)
            return
        }
        let fields: [(String, String?)] = [
            ("department", entry.department),
            ("input file", OperatorText.masked(entry.originalName)),
            ("state", entry.state.rawValue),
            ("toiminto", entry.toiminto), ("purpose", entry.purpose),
            ("reference", entry.reference.map { OperatorText.masked($0) }),
            ("claimed", OperatorText.time(entry.claimedAt, zone: zone)),
            ("finished", entry.finishedAt.map { OperatorText.time($0, zone: zone) }),
            ("attempts", entry.attempts > 0 ? String(entry.attempts) : nil),
            ("next attempt", entry.nextAttemptAt.map { OperatorText.time($0, zone: zone) }),
            ("error", entry.error.map { OperatorText.masked($0) }),
            ("results", entry.resultFiles.isEmpty ? nil : entry.resultFiles.map { OperatorText.masked($0) }.joined(separator: ", ")),
            ("input now", entry.inputDeletedAt.map { "deleted by retention " + OperatorText.time($0, zone: zone) }
                ?? OperatorText.masked(entry.storedPath)),
        ]
        print("Request \(id)")
        print(OperatorText.table(fields.compactMap { name, value in value.map { ["  " + name, $0] } }))
        print("History:")
        var history = [["  time (Finnish)", "state", "attempt", "detail"]]
        for step in try journal.history(id) {
            history.append(["  " + OperatorText.time(step.at, zone: zone), step.state.rawValue, String(step.attempt),
                            step.detail.map { OperatorText.masked($0) } ?? ""])
        }
        print(OperatorText.table(history))
        printQueries(queries, zone: zone)
    }

    private func printQueries(_ queries: [AuditEntry], zone: FinnishTime?) {
        print("Interface queries: \(queries.count)")
        for query in queries {
            let detail = query.detail.map { " (\(OperatorText.masked($0)))" } ?? ""
            print("  \(OperatorText.time(query.at, zone: zone))  \(query.operation)  \(query.scope.rawValue)  purpose \(query.purpose)  \(query.hetuCount) hetus\(detail)")
            if !query.hetus.isEmpty {
                let shown = query.hetus.prefix(20).map { Henkilotunnus.mask($0) }.joined(separator: " ")
                print("    " + shown + (query.hetus.count > 20 ? " … (+\(query.hetus.count - 20))" : ""))
            }
        }
    }
}
