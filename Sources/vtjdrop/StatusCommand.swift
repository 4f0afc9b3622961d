import ArgumentParser
import Foundation
import VTJCore
import VTJDrop

/// `vtjdrop status`: backlog, oldest waiting drop, interface health, failures, followed-register sizes.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the appliance's backlog, interface health, failures and followed registers.",
        discussion: "Reads the state database (safe while the daemon runs). Prints no henkilötunnus and no credential."
    )

    @Option(help: "The state folder (default: from the configuration).") var state: String?
    @Option(help: "The configuration file.") var config: String?
    @Option(help: "Count failures from this many days back.") var days = 7

    func run() throws {
        let (database, configuration) = try OperatorText.openState(state: state, config: config)
        let zone = FinnishTime()
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
        if conditions.isEmpty {
            print("serving: " + (running ? "yes, nothing stops intake" : "-"))
        }
        for condition in conditions {
            let what = condition.kind == .interface ? "NOT SERVING — interface" : "NOT SERVING — folders"
            print("\(what) since \(OperatorText.time(condition.since, zone: zone)): \(OperatorText.masked(condition.detail))")
        }
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
            let hetuKey = try register.logKey(department: department, scope: .hetu).map(String.init) ?? "-"
            let kuntaKey = try register.logKey(department: department, scope: .kunta).map(String.init) ?? "-"
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
