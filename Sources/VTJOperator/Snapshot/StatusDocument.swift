import Foundation

/// `vtjdrop status --json`: the snapshot in a stable shape for scripts (docs/operations.md,
/// "status --json"). Fields are only ever added; `schema` changes if one is renamed or removed.
/// Times are ISO 8601 in UTC, ages whole seconds; texts are masked as in the log.
public struct StatusDocument: Encodable, Sendable {
    public static let schemaVersion = 1

    public struct Gate: Encodable, Sendable {
        var open: Bool
        var code: String?
        var since: Date?
        var detail: String?
    }

    public struct Interface: Encodable, Sendable {
        var endpoint: String
        var wire: String
        var lastSuccessAt: Date?
        var lastFailureAt: Date?
        var lastError: String?
        var failuresInARow: Int
    }

    public struct Department: Encodable, Sendable {
        var id: String
        var inInbox: Int?
        var inProgress: Int
        var waitingForRetry: Int
        var oldestWaitingSince: Date?
        var oldestAgeSeconds: Int?
        var refusedRecently: Int
        var quarantinedRecently: Int
        var transientFailuresRecently: Int
    }

    public struct Backlog: Encodable, Sendable {
        var drops: Int
        var oldestWaitingSince: Date?
        var oldestAgeSeconds: Int?
    }

    var schema = Self.schemaVersion
    var takenAt: Date
    var daemon: String
    var verdict: String
    var exitCode: Int32
    var reasons: [String]
    var gate: Gate
    var intake: Gate
    /// Inbox folders that vanished: `open` false while one is not watched (its department waits).
    var watch: Gate
    var interface: Interface
    var backlog: Backlog
    var departments: [Department]
    var failureWindowDays: Int
    var nextChangeFetchAt: Date?
    var lastChangeFetchAt: Date?
    var versions: [String: String]
    /// The journal's entries of the failure window (`--journal`); nil leaves the field out.
    public var journal: [JournalEntry]?
    /// The audit log's queries and disclosures of the failure window (`--audit`); nil leaves it out.
    public var audit: Audit?
    /// Every department's followed register and change cursors (`--followed`); nil leaves it out.
    public var followed: [Followed]?
    /// Change deliveries whose final log key is noted but not yet committed (`--followed`).
    public var pendingLogKeys: [String]?

    public init(_ snapshot: OperatorSnapshot, verdict: StatusVerdict, now: Date) {
        func age(_ since: Date?) -> Int? { since.map { max(0, Int(now.timeIntervalSince($0))) } }
        func gate(_ condition: Condition?) -> Gate {
            Gate(open: condition == nil, code: condition?.code, since: condition?.since, detail: condition.map { Self.masked($0.detail) })
        }
        takenAt = now
        daemon = snapshot.daemon.rawValue
        self.verdict = verdict.level.rawValue
        exitCode = verdict.exitCode
        reasons = verdict.reasons
        self.gate = gate(snapshot.interface.gate)
        intake = gate(snapshot.intakeClosed)
        watch = gate(snapshot.unwatched)
        let face = snapshot.interface
        interface = Interface(endpoint: face.endpoint, wire: face.wire, lastSuccessAt: face.lastSuccessAt,
                              lastFailureAt: face.lastFailureAt, lastError: face.lastFailure.map(Self.masked),
                              failuresInARow: face.consecutiveFailures)
        let oldest = snapshot.departments.compactMap(\.oldestWaitingSince).min()
        backlog = Backlog(drops: snapshot.departments.reduce(0) { $0 + $1.backlog }, oldestWaitingSince: oldest, oldestAgeSeconds: age(oldest))
        departments = snapshot.departments.map {
            Department(id: $0.id, inInbox: $0.inInbox, inProgress: $0.inProgress, waitingForRetry: $0.waitingForRetry,
                       oldestWaitingSince: $0.oldestWaitingSince, oldestAgeSeconds: age($0.oldestWaitingSince),
                       refusedRecently: $0.refusedRecently, quarantinedRecently: $0.quarantinedRecently,
                       transientFailuresRecently: $0.transientRecently)
        }
        failureWindowDays = snapshot.failureWindowDays
        nextChangeFetchAt = snapshot.schedule.nextRunAt
        lastChangeFetchAt = snapshot.schedule.lastRunAt
        versions = Dictionary(snapshot.versions.map { ($0.name, $0.value) }) { first, _ in first }
    }

    /// The document for a state that could not be read: the verdict alone.
    public static func unreadable(_ verdict: StatusVerdict, now: Date) -> String {
        encode(Unreadable(takenAt: now, verdict: verdict.level.rawValue, exitCode: verdict.exitCode, reasons: verdict.reasons))
    }

    /// The fields a document for an unreadable state keeps.
    private struct Unreadable: Encodable {
        var schema = StatusDocument.schemaVersion
        var takenAt: Date
        var verdict: String
        var exitCode: Int32
        var reasons: [String]
    }

    /// Pretty, sorted keys, snake_case, ISO 8601 dates.
    public func json() -> String { Self.encode(self) }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        // Every field is a plain value: encoding cannot fail.
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func masked(_ text: String) -> String { HealthVerdict(isHealthy: false, reason: text).reason }

}
