import ArgumentParser
import Foundation
import VTJCore
import VTJDrop

/// `vtjdrop audit`: who queried a person, when and why; or everything about one request.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Search the audit log by henkilötunnus or by request id, or export it as CSV.",
        discussion: """
            The audit log keeps disclosures (a result published to a department: who, for what purpose, \
            whose data, which groups, when) apart from queries (what the appliance asked the interface, and \
            whether it answered); a query is never a disclosure. --hetu prints the person's disclosures, \
            then the queries that named them (newest first, Finnish time with its offset). The operator \
            running this is authorised to see the hetu they ask about; every other hetu in the output is \
            masked. --request prints the journal entry, its state history, its disclosure and its queries \
            (hetus masked, counted). --export writes the disclosures (or, with --attempts, the queries) of \
            the whole log or a --since/--until period as CSV, one row per person, hetus in full: it is the \
            controller's disclosure log; --output writes it to a new file readable by its owner only.
            """
    )

    @Option(help: "The henkilötunnus to search for.") var hetu: String?
    @Option(help: "Only queries on or after this date (YYYY-MM-DD, Finnish time).") var since: String?
    @Option(help: "The request id to show.") var request: String?
    @Flag(help: "Export the disclosures as CSV (one row per person per published result, with the groups delivered).")
    var export = false
    @Flag(help: "With --export: export the queries to the interface instead (one row per person per query, with its outcome).")
    var attempts = false
    @Option(help: "With --export: only queries before this date (YYYY-MM-DD, Finnish time).") var until: String?
    @Option(help: "With --export: write to this new file (mode 0600) instead of standard output.") var output: String?
    @Option(help: "The state folder (default: from the configuration).") var state: String?
    @Option(help: "The configuration file.") var config: String?

    func validate() throws {
        if [hetu != nil, request != nil, export].filter({ $0 }).count != 1 {
            throw ValidationError("give exactly one of --hetu, --request or --export")
        }
        if since != nil, hetu == nil, !export { throw ValidationError("--since goes with --hetu or --export") }
        if (until != nil || output != nil || attempts), !export { throw ValidationError("--until, --output and --attempts go with --export") }
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, CivilDate(iso: value) == nil { throw ValidationError("\(name) \(value): expected YYYY-MM-DD") }
        }
    }

    func run() throws {
        let (database, _) = try OperatorText.openState(state: state, config: config)
        let zone: FinnishTime = FinnishTime.system
        if let hetu { try show(hetu: hetu, database: database, zone: zone) }
        if let request { try show(request: request, database: database, zone: zone) }
        if export { try exportLog(database: database, zone: zone) }
    }

    private func exportLog(database: StateDatabase, zone: FinnishTime) throws {
        let handle: FileHandle
        if let output {
            // O_EXCL: an export never overwrites an earlier one; 0600: it names persons in full.
            let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw ValidationError("--output \(output): cannot create it (\(String(cString: strerror(errno)))); give a new file name")
            }
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        } else {
            handle = FileHandle.standardOutput
        }
        let renderer = AuditExport(zone: zone)
        var rows = 0
        let from = since.flatMap { midnight($0, zone: zone) }, to = until.flatMap { midnight($0, zone: zone) }
        if attempts {
            try handle.write(contentsOf: renderer.header())
            try database.auditLog.export(from: from, until: to) { entry in
                try handle.write(contentsOf: renderer.lines(entry))
                rows += 1
            }
        } else {
            try handle.write(contentsOf: renderer.disclosureHeader())
            try database.auditLog.exportDisclosures(from: from, until: to) { entry in
                try handle.write(contentsOf: renderer.disclosureLines(entry))
                rows += 1
            }
        }
        if output != nil { try handle.synchronize() }
        FileHandle.standardError.write(Data("exported \(rows) \(attempts ? "queries" : "disclosures")\n".utf8))
    }

    /// Local midnight of a YYYY-MM-DD in Finnish time.
    private func midnight(_ iso: String, zone: FinnishTime) -> Date? {
        guard let day = CivilDate(iso: iso) else { return nil }
        let local = LocalDateTime(date: day, secondsOfDay: 0)
        return zone.instant(for: local).date
    }

    private func show(hetu raw: String, database: StateDatabase, zone: FinnishTime) throws {
        let person: Henkilotunnus
        switch Henkilotunnus.read(raw).result {
        case .success(let value): person = value
        case .failure(let error): throw ValidationError("--hetu: \(error)")
        }
        let sinceDate = since.flatMap { midnight($0, zone: zone) }
        let period = since.map { " since \($0)" } ?? ""
        let disclosures = try database.auditLog.disclosures(hetu: person, since: sinceDate)
        print("Disclosures of \(person.value)\(period) (results published to a department): \(disclosures.count)")
        if !disclosures.isEmpty {
            var rows = [["time (Finnish)", "department", "purpose", "request", "operation", "status", "groups disclosed"]]
            for entry in disclosures {
                let shown = entry.persons.first
                rows.append([OperatorText.time(entry.at, zone: zone), entry.department, entry.purpose, entry.dropID,
                             entry.operation, shown?.status ?? "-",
                             shown?.groups.map { $0.isEmpty ? "(none)" : $0.joined(separator: " ") } ?? "(not recorded before the upgrade)"])
            }
            print(OperatorText.table(rows))
        }
        let queries = try database.auditLog.queries(hetu: person, since: sinceDate)
        print("\nQueries to the interface naming \(person.value)\(period) (attempts; a query is not a disclosure): \(queries.count)")
        guard !queries.isEmpty else { return }
        var rows = [["time (Finnish)", "department", "purpose", "request", "operation", "scope", "hetus in query", "outcome"]]
        for entry in queries {
            rows.append([OperatorText.time(entry.at, zone: zone), entry.department, entry.purpose, entry.dropID,
                         entry.operation, entry.scope.rawValue, String(entry.hetuCount), entry.outcome?.rawValue ?? "-"])
        }
        print(OperatorText.table(rows))
    }

    private func show(request id: String, database: StateDatabase, zone: FinnishTime) throws {
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
            ("toiminto", entry.operation), ("purpose", entry.purpose),
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
        let removed = try database.auditLog.outboxRemovals(dropID: id)
        let outbox: (String, String?) = ("outbox now", removed.last.map { last in
            "\(removed.count) published file(s) removed by retention " + OperatorText.time(last.at, zone: zone) + " (age \(last.ageDays) d)"
        })
        print("Request \(id)")
        print(OperatorText.table((fields + [outbox]).compactMap { name, value in value.map { ["  " + name, $0] } }))
        print("History:")
        var history = [["  time (Finnish)", "state", "attempt", "detail"]]
        for step in try journal.history(id) {
            history.append(["  " + OperatorText.time(step.at, zone: zone), step.state.rawValue, String(step.attempt),
                            step.detail.map { OperatorText.masked($0) } ?? ""])
        }
        print(OperatorText.table(history))
        for requeue in try journal.requeues(id) {
            print("Re-queued \(OperatorText.time(requeue.at, zone: zone)): \(OperatorText.masked(requeue.detail))")
        }
        if let disclosure = try database.auditLog.disclosure(request: id) {
            print("Disclosed: \(disclosure.personCount) persons in \(OperatorText.masked(disclosure.resultFile ?? "-")) at \(OperatorText.time(disclosure.at, zone: zone))")
            var groups: [String: Int] = [:]
            for person in disclosure.persons { groups[person.groups?.joined(separator: " ") ?? "(not recorded)", default: 0] += 1 }
            for (set, count) in groups.sorted(by: { $0.key < $1.key }) { print("  \(count) × \(set.isEmpty ? "(no groups)" : set)") }
        } else {
            print("Disclosed: nothing (no result of this request reached the department)")
        }
        printQueries(queries, zone: zone)
    }

    private func printQueries(_ queries: [AuditEntry], zone: FinnishTime) {
        print("Interface queries: \(queries.count)")
        for query in queries {
            let detail = query.detail.map { " (\(OperatorText.masked($0)))" } ?? ""
            let outcome = query.outcome.map { "  → \($0.rawValue)" + (query.outcomeDetail.map { ": \(OperatorText.masked($0))" } ?? "") } ?? ""
            print("  \(OperatorText.time(query.at, zone: zone))  \(query.operation)  \(query.scope.rawValue)  purpose \(query.purpose)  \(query.hetuCount) hetus\(detail)\(outcome)")
            if !query.hetus.isEmpty {
                let shown = query.hetus.prefix(20).map { Henkilotunnus.mask($0) }.joined(separator: " ")
                print("    " + shown + (query.hetus.count > 20 ? " … (+\(query.hetus.count - 20))" : ""))
            }
        }
    }
}
