import Foundation
import VTJCore

/// What the status page shows, as strings ready for the template: times in the zone given,
/// henkilötunnus masked in every text that came from a department or an error, long texts cut.
///
/// This is the one place the page's text is made; the template only arranges it, and Mustache
/// escapes every value it inserts.
struct StatusPageModel: Sendable {
    struct Field: Sendable { let name: String; let value: String }

    struct DepartmentRow: Sendable {
        let id: String
        let inInbox: String
        let oldestInInbox: String
        let inProgress: String
        let waitingForRetry: String
        let oldestWaiting: String
        let refused: String
        let quarantined: String
        let transient: String
        let recent: [DropRow]
        let refusals: [DropRow]
        let recentCount: String
        let hasRecent: Bool
        let hasRefusals: Bool
    }

    struct DropRow: Sendable {
        let dropID: String
        let file: String
        let state: String
        let phase: String
        let operation: String
        let claimed: String
        let finished: String
        let took: String
        let attempts: String
        let nextAttempt: String
        let error: String
    }

    let title: String
    let headline: String
    let serving: Bool
    let problems: [String]
    let summary: [Field]
    let interface: [Field]
    let departments: [DepartmentRow]
    let hasDepartments: Bool
    let versions: [Field]
    let failureWindowDays: String
    let recentLimit: String

    /// How many drops each department's table lists.
    static let recentLimit = 50
    /// Longest file name or error text shown (the receipt and `vtjdrop audit` have the whole).
    static let textLimit = 240

    init(snapshot: OperatorSnapshot, now: Date, zone: any UTCOffsetRule, health: HealthVerdict) {
        let time = { (date: Date?) in Self.time(date, zone: zone) }
        title = "vtjdrop status"
        serving = snapshot.isServing
        headline = snapshot.isServing ? (snapshot.unwatched == nil ? "serving" : "serving; an inbox folder is NOT WATCHED")
            : (snapshot.daemon == .running ? "NOT SERVING" : "daemon \(snapshot.daemon.rawValue)")
        var problems: [String] = []
        if let closed = snapshot.intakeClosed {
            problems.append("Intake closed since \(time(closed.since)): \(Self.text(closed.detail))")
        }
        if let unwatched = snapshot.unwatched {
            problems.append("Inbox folder NOT WATCHED since \(time(unwatched.since)): \(Self.text(unwatched.detail))")
        }
        if let gate = snapshot.interface.gate {
            problems.append("Interface gate CLOSED since \(time(gate.since)) (\(Self.text(gate.code))): \(Self.text(gate.detail))")
        }
        if snapshot.daemon != .running {
            problems.append("The daemon is \(snapshot.daemon.rawValue); what follows is as the journal left it.")
        }
        self.problems = problems
        let nextRun = snapshot.schedule.nextRunAt.map { "\(time($0)) (in \(Elapsed(from: now, to: $0)))" } ?? "on demand only"
        summary = [
            Field(name: "daemon", value: snapshot.daemon.rawValue),
            Field(name: "health", value: health.description),
            Field(name: "interface gate", value: snapshot.interface.gate == nil ? "open" : "closed"),
            Field(name: "intake", value: snapshot.intakeClosed == nil ? "open" : "closed"),
            Field(name: "inbox folders", value: snapshot.unwatched == nil ? "watched" : "one or more NOT WATCHED"),
            Field(name: "change fetches", value: snapshot.schedule.times.isEmpty ? "on demand only"
                  : snapshot.schedule.times.joined(separator: ", ") + " Finnish time"),
            Field(name: "next change fetch", value: nextRun),
            Field(name: "last change fetch", value: time(snapshot.schedule.lastRunAt)),
            Field(name: "as of", value: time(snapshot.takenAt)),
        ]
        let interface = snapshot.interface
        self.interface = [
            Field(name: "endpoint", value: Self.text(interface.endpoint)),
            Field(name: "wire", value: interface.wire),
            Field(name: "last successful call", value: time(interface.lastSuccessAt)),
            Field(name: "last failed call", value: time(interface.lastFailureAt)),
            Field(name: "last error", value: interface.lastFailure.map(Self.text) ?? "-"),
            Field(name: "failures in a row", value: String(interface.consecutiveFailures)),
        ]
        departments = snapshot.departments.map { department in
            DepartmentRow(
                id: department.id,
                inInbox: department.inInbox.map(String.init) ?? "?",
                oldestInInbox: time(department.oldestInInboxAt),
                inProgress: String(department.inProgress),
                waitingForRetry: String(department.waitingForRetry),
                oldestWaiting: department.oldestWaitingSince.map { "\(Elapsed(from: $0, to: now))" } ?? "-",
                refused: String(department.refusedRecently),
                quarantined: String(department.quarantinedRecently),
                transient: String(department.transientRecently),
                recent: department.recent.prefix(Self.recentLimit).map { Self.row($0, now: now, zone: zone) },
                refusals: department.refusals.prefix(Self.recentLimit).map { Self.row($0, now: now, zone: zone) },
                recentCount: String(min(department.recent.count, Self.recentLimit)),
                hasRecent: !department.recent.isEmpty, hasRefusals: !department.refusals.isEmpty)
        }
        hasDepartments = !departments.isEmpty
        versions = snapshot.versions.map { Field(name: $0.name, value: Self.text($0.value)) }
        failureWindowDays = String(snapshot.failureWindowDays)
        recentLimit = String(Self.recentLimit)
    }

    static func row(_ drop: DropStatus, now: Date, zone: any UTCOffsetRule) -> DropRow {
        let end = drop.finishedAt ?? (drop.phase == .inProgress || drop.phase == .waiting ? now : drop.updatedAt)
        return DropRow(
            dropID: drop.dropID,
            file: text(drop.fileName),
            state: drop.state,
            phase: drop.phase.rawValue,
            operation: drop.operation.map(text) ?? "-",
            claimed: time(drop.claimedAt, zone: zone),
            finished: time(drop.finishedAt, zone: zone),
            took: "\(Elapsed(from: drop.claimedAt, to: end))" + (drop.finishedAt == nil ? " so far" : ""),
            attempts: String(drop.attempts),
            nextAttempt: time(drop.nextAttemptAt, zone: zone),
            error: drop.error.map(text) ?? "")
    }

    /// A text from a department or an error: one line, every henkilötunnus masked, at most ``textLimit`` characters.
    static func text(_ raw: String) -> String {
        let line = DropFileName.maskingHetus(in: raw.split(whereSeparator: \.isNewline).joined(separator: " "))
        return line.count > textLimit ? String(line.prefix(textLimit)) + "…" : line
    }

    /// `2026-11-26 10:03:12 +02:00` in the zone, or `-`.
    static func time(_ date: Date?, zone: any UTCOffsetRule) -> String {
        guard let date else { return "-" }
        return zone.zoned(at: Instant(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))).readable
    }
}
