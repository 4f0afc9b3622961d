import ArgumentParser
import Foundation
import VTJCore
import VTJDrop
import VTJOperator

/// `vtjdrop status`: whether the daemon runs, the gate, backlog, oldest waiting drop, interface
/// health, failures, followed-register sizes; an exit code for monitoring and `--json` for scripts.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether vtjdrop runs and serves: gate, backlog, interface health, failures, followed registers.",
        discussion: """
            Reads the state database (safe while the daemon runs). Prints no henkilötunnus and no credential \
            (except with --audit or --followed, which list the persons in full, as `audit --export` does). \
            Exit status: 0 healthy; 1 degraded (the interface gate or intake is closed, or a drop has waited \
            longer than --max-age); 2 the daemon is not running or the state cannot be read. --json prints \
            one JSON document for scripts (its fields: docs/operations.md).
            """
    )

    @Option(help: "The state folder (default: from the configuration).") var state: String?
    @Option(help: "The configuration file.") var config: String?
    @Option(help: "Count failures from this many days back.") var days = 7
    @Option(name: .customLong("max-age"), help: "Seconds a drop may wait (inbox or claimed) before status says degraded.")
    var maxAge = 900
    @Flag(help: "Print one JSON document (stable fields, docs/operations.md) instead of text.") var json = false
    @Flag(help: "With --json: add every journal entry whose state changed within --days (names masked, no henkilötunnus).")
    var journal = false
    @Flag(help: "With --json: add the audit log's queries and disclosures within --days, henkilötunnus in full (as audit --export).")
    var audit = false
    @Flag(help: "With --json: add every department's followed register (henkilötunnus in full) and change cursors.")
    var followed = false

    func validate() throws {
        guard maxAge > 0 else { throw ValidationError("--max-age must be a positive number of seconds") }
        guard (!journal && !audit && !followed) || json else { throw ValidationError("--journal, --audit and --followed go with --json") }
    }

    func run() throws {
        let now = Date()
        let database: StateDatabase
        let configuration: DropConfiguration?
        let snapshot: OperatorSnapshot
        do {
            (database, configuration) = try OperatorText.openState(state: state, config: config)
            snapshot = try StateSnapshotSource(database: database, configuration: configuration, failureWindowDays: days).read(now: now)
        } catch {
            let verdict = StatusVerdict(unreadable: SnapshotUnavailable("\(error)"))
            if json { print(StatusDocument.unreadable(verdict, now: now)) }
            printError("vtjdrop status: \(error)")
            throw ExitCode(verdict.exitCode)
        }
        let verdict = StatusVerdict(snapshot, now: now, maximumAge: .seconds(maxAge))
        if json {
            var document = StatusDocument(snapshot, verdict: verdict, now: now)
            do {
                try addDetails(to: &document, database: database, since: now.addingTimeInterval(-Double(days) * 86_400))
            } catch {
                printError("vtjdrop status: \(error)")
                throw ExitCode(2)
            }
            print(document.json())
        } else {
            try printText(database: database, configuration: configuration, snapshot: snapshot, now: now)
            print(verdict.level == .healthy ? "verdict: healthy (exit 0)"
                  : "verdict: \(verdict.level.rawValue.uppercased()) (exit \(verdict.exitCode)): " + verdict.reasons.joined(separator: "; "))
        }
        if verdict.exitCode != 0 { throw ExitCode(verdict.exitCode) }
    }

    private func printText(database: StateDatabase, configuration: DropConfiguration?, snapshot: OperatorSnapshot, now: Date) throws {
        let zone: FinnishTime = FinnishTime.system
        let journal = database.journal
        let register = database.followedRegister
        let now = Date()

        print("vtjdrop status — \(database.path) — \(OperatorText.time(now, zone: zone))")
        if let configuration {
            print("configuration: \(configuration.source); interface: \(configuration.interface.endpoint)"
                  + (configuration.interface.endpoint == .sandbox ? " (test data: results are marked TESTIAINEISTO)" : ""))
        }
        let running = StateSnapshotSource.daemonRunning(stateFolder: (database.path as NSString).deletingLastPathComponent)
        print("daemon: " + (running ? "running" : "not running (what follows is as the last run left it)"))
        let conditions = try database.conditions()
        // A vanished inbox folder stops only its department's intake: the others are served.
        if !conditions.contains(where: { $0.kind != .watch }) {
            print("serving: " + (running ? "yes, nothing stops intake" : "-"))
        }
        for condition in conditions {
            let what = switch condition.kind {
            case .interface: "NOT SERVING — interface"
            case .folders: "NOT SERVING — folders"
            case .journal: "NOT SERVING — journal"
            case .watch: "NOT WATCHED — inbox folder"
            }
            print("\(what) since \(OperatorText.time(condition.since, zone: zone)): \(OperatorText.masked(condition.detail))")
        }
        print("interface gate: " + (snapshot.interface.gate.map { "CLOSED since \(OperatorText.time($0.since, zone: zone)) (\($0.code))" } ?? "open"))
        let waitingSince = snapshot.departments.compactMap(\.oldestWaitingSince).min()
        print("backlog: \(snapshot.departments.reduce(0) { $0 + $1.backlog }) drops"
              + (waitingSince.map { "; the oldest has waited \(Elapsed(from: $0, to: now)) (since \(OperatorText.time($0, zone: zone)))" } ?? ""))
        let health = try journal.interfaceHealth()
        print("interface: last successful call \(OperatorText.time(health.lastSuccessAt, zone: zone)); "
              + "failures in a row \(health.consecutiveFailures)"
              + (health.lastFailureAt.map { "; last failure \(OperatorText.time($0, zone: zone))" } ?? "")
              + (health.lastFailure.map { " (\(OperatorText.masked($0)))" } ?? ""))

        let backlog = Dictionary(uniqueKeysWithValues: try journal.backlog().map { ($0.department, $0) })
        let since = now.addingTimeInterval(-Double(max(0, days)) * 86_400)
        let failures = Dictionary(uniqueKeysWithValues: try journal.failureCounts(since: since).map { ($0.department, $0) })
        let followed = try register.counts()
        let inbox = configuration.map { StateSnapshotSource.inboxWaiting($0) } ?? [:]
        var departments = Set(backlog.keys).union(failures.keys).union(followed.keys).union(inbox.keys)
        for department in configuration?.departments ?? [] { departments.insert(department.id) }

        var rows = [["department", "in inbox", "oldest in inbox", "in progress", "retrying", "oldest in progress",
                     "refused/\(days)d", "quarantined/\(days)d", "transient/\(days)d", "followed", "log key (hetu/kunta)"]]
        for department in departments.sorted() {
            let work = backlog[department]
            let failed = failures[department]
            let waiting = inbox[department]
            let hetuKey = try register.logKey(department: department, scope: .hetuList).map(String.init) ?? "-"
            let kuntaKey = try register.logKey(department: department, scope: .municipalities).map(String.init) ?? "-"
            rows.append([
                department,
                waiting.map { String($0.count) } ?? "?",
                OperatorText.time(waiting?.oldest, zone: zone),
                String(work?.unfinished ?? 0), String(work?.waitingForRetry ?? 0),
                OperatorText.time(work?.oldestClaimedAt, zone: zone),
                String(failed?.refused ?? 0), String(failed?.quarantined ?? 0), String(failed?.transientAttempts ?? 0),
                String(followed[department] ?? 0), "\(hetuKey)/\(kuntaKey)",
            ])
        }
        print(OperatorText.table(rows))
        print("audit log: \(try database.auditLog.disclosureCount()) disclosures (published results), \(try database.auditLog.count()) queries to the interface")
    }

}
