import ArgumentParser
import Foundation
import Logging
import VTJDrop

/// `vtjdrop retry`: re-queues quarantined drops (refused or failed) after the cause was fixed.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Put a quarantined drop (refused or failed) back into its inbox to be run again.",
        discussion: """
            Copies the drop's quarantined input into inbox/<department>/ under its own name; the daemon \
            (or the next run --once) claims it as a new drop with a new request id, and the journal records \
            the re-queue in the old request's history. A published drop is refused: its result reached the \
            department. Drops still claimed (waiting for a retry) are retried by the daemon itself. \
            Exit status: 0 every drop re-queued, 1 one or more could not be, 2 the configuration or state cannot be read.
            """
    )

    @Argument(help: ArgumentHelp("Request ids (from the receipt, the status page or `vtjdrop audit`).", valueName: "request-id"))
    var requestIDs: [String] = []
    @Option(help: "Re-queue every quarantined drop of this department (with --since).") var department: String?
    @Option(help: "With --department: claimed since this time, Finnish time (2026-12-07, 2026-12-07T08:00) or this long ago (90m, 6h, 2d).")
    var since: String?
    @Option(help: "The configuration file (default $VTJDROP_CONFIG).") var config: String?

    func validate() throws {
        if requestIDs.isEmpty, department == nil { throw ValidationError("name request ids, or --department with --since") }
        if !requestIDs.isEmpty, department != nil { throw ValidationError("name request ids or --department, not both") }
        if department != nil, since == nil { throw ValidationError("--department needs --since (e.g. --since 6h or --since 2026-12-07T08:00)") }
        if let since, Self.parseSince(since, now: Date()) == nil {
            throw ValidationError("--since \(since): give a time (2026-12-07 or 2026-12-07T08:00, Finnish time) or an age (90m, 6h, 2d)")
        }
    }

    func run() throws {
        let replay: DropReplay
        do {
            let loaded = try ConfigurationLoader.load(overrides: .init(configFile: config), needsInterface: false)
            replay = DropReplay(database: try StateDatabase(stateFolder: loaded.configuration.state, create: false),
                                configuration: loaded.configuration)
        } catch {
            printError("vtjdrop retry: \(error)")
            throw ExitCode(2)
        }
        var ids = requestIDs
        if let department, let since, let start = Self.parseSince(since, now: Date()) {
            ids = try replay.quarantined(department: department, since: start).map(\.dropID)
            print("\(ids.count) quarantined drop(s) of \(department) since \(since) not re-queued before")
        }
        let person = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "uid \(getuid())"
        var failed = 0
        for id in ids {
            do {
                let target = try replay.retry(id, by: person)
                print("re-queued \(id): \(OperatorText.masked(target)) (claimed as a new drop)")
            } catch {
                failed += 1
                printError("not re-queued: \(OperatorText.masked("\(error)"))")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// `2026-12-07`, `2026-12-07T08:00`, `2026-12-07 08:00` (Finnish time) or `90m`, `6h`, `2d` ago.
    static func parseSince(_ text: String, now: Date) -> Date? {
        if let unit = text.last, let amount = Double(text.dropLast()), amount >= 0 {
            switch unit {
            case "m": return now.addingTimeInterval(-amount * 60)
            case "h": return now.addingTimeInterval(-amount * 3600)
            case "d": return now.addingTimeInterval(-amount * 86_400)
            default: break
            }
        }
        // Not a DateFormatter: on Linux that pages ICU in for a parse this short.
        return FinnishTime.system.date(reading: text)
    }
}
