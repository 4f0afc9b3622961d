import Dispatch
import Foundation
import GRDB
import VTJCore
import VTJOperator

/// The operator endpoint's snapshot, read from the state database, the inboxes and the
/// configuration: what `vtjdrop status` shows, as one value.
///
/// This is the adapter between the runtime and `VTJOperator`, kept in one file so the runtime can
/// later hand the snapshot over from memory instead. Reads run on a Dispatch thread: SQLite and
/// `lstat` block, and the cooperative pool must not wait for them.
package struct StateSnapshotSource: OperatorSnapshotSource {
    package let database: StateDatabase
    /// Nil when only the state folder is known (`vtjdrop status --state`): departments then come
    /// from the journal alone and the inboxes and schedule are not shown.
    package let configuration: DropConfiguration?
    /// How many days the refused / quarantined / transient counts cover.
    package let failureWindowDays: Int
    /// How many drops of each department are listed.
    package let recentLimit: Int
    /// The running daemon's own conditions (``Appliance/liveConditions``), over what the database
    /// stored: a journal that cannot be written cannot store that it cannot.
    package let live: (@Sendable () -> [ApplianceCondition])?

    package init(database: StateDatabase, configuration: DropConfiguration?, failureWindowDays: Int = 7, recentLimit: Int = 50,
                live: (@Sendable () -> [ApplianceCondition])? = nil) {
        self.live = live
        self.database = database
        self.configuration = configuration
        self.failureWindowDays = failureWindowDays
        self.recentLimit = recentLimit
    }

    package func snapshot(now: Date) async throws(SnapshotUnavailable) -> OperatorSnapshot {
        let result: Result<OperatorSnapshot, StorageError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(StorageError) in try read(now: now) })
            }
        }
        do { return try result.get() } catch { throw SnapshotUnavailable("\(error)") }
    }

    /// The snapshot, read here and now (blocking).
    package func read(now: Date) throws(StorageError) -> OperatorSnapshot {
        let journal = database.journal
        let held = live?() ?? []
        let conditions = held + (try database.conditions()).filter { stored in !held.contains { $0.kind == stored.kind } }
        let health = try journal.interfaceHealth()
        let backlog = Dictionary(uniqueKeysWithValues: try journal.backlog().map { ($0.department, $0) })
        let since = now.addingTimeInterval(-Double(max(0, failureWindowDays)) * 86_400)
        let failures = Dictionary(uniqueKeysWithValues: try journal.failureCounts(since: since).map { ($0.department, $0) })
        let inbox = configuration.map(Self.inboxWaiting) ?? [:]
        let ids = Set((configuration?.departments ?? []).map(\.id)).union(backlog.keys).union(failures.keys).sorted()

        var departments: [DepartmentStatus] = []
        for id in ids {
            let work = backlog[id]
            let failed = failures[id]
            departments.append(DepartmentStatus(
                id: id, inInbox: inbox[id]?.count, oldestInInboxAt: inbox[id]?.oldest,
                inProgress: work?.unfinished ?? 0, waitingForRetry: work?.waitingForRetry ?? 0,
                oldestClaimedAt: work?.oldestClaimedAt, refusedRecently: failed?.refused ?? 0,
                quarantinedRecently: failed?.quarantined ?? 0, transientRecently: failed?.transientAttempts ?? 0,
                recent: try recentDrops(department: id), refusals: try refusedDrops(department: id)))
        }
        let zone = FinnishTime.system
        let lastRun = try journal.lastScheduledRun(Journal.changeFetchRun)
        let nextRun = configuration?.changeSchedule.nextRun(after: Instant(now), zone: zone)?.date
        let running = Self.daemonRunning(stateFolder: (database.path as NSString).deletingLastPathComponent)
        let condition = { (kind: ApplianceCondition.Kind) in
            conditions.first { $0.kind == kind }.map { Condition(code: $0.code, since: $0.since, detail: $0.detail) }
        }
        return OperatorSnapshot(
            takenAt: now, daemon: running ? .running : .stopped,
            versions: [
                Version("vtjdrop", VTJDropVersion.number),
                Version("state database schema", try schemaVersion()),
                Version("interface wire", configuration?.interface.wire.rawValue ?? "-"),
            ],
            interface: InterfaceStatus(
                endpoint: configuration?.interface.endpoint.description ?? "-", wire: configuration?.interface.wire.rawValue ?? "-",
                gate: condition(.interface), lastSuccessAt: health.lastSuccessAt, lastFailureAt: health.lastFailureAt,
                lastFailure: health.lastFailure, consecutiveFailures: health.consecutiveFailures),
            intakeClosed: condition(.folders) ?? condition(.journal), unwatched: condition(.watch), departments: departments,
            schedule: ScheduleStatus(times: configuration?.changeSchedule.times.map(\.description) ?? [], lastRunAt: lastRun, nextRunAt: nextRun),
            failureWindowDays: failureWindowDays)
    }

    // MARK: - Journal reads for the page

    /// The department's latest drops, newest first, each marked when it was refused.
    private func recentDrops(department: String) throws(StorageError) -> [DropStatus] {
        try StateDatabase.read(database.pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT r.*, EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.request_id AND e.state = 'refused') AS was_refused
                FROM request r WHERE r.department = ? ORDER BY r.request_id DESC LIMIT ?
                """, arguments: [department, recentLimit]).map { row in
                Self.drop(try Journal.entry(row), refused: row["was_refused"])
            }
        }
    }

    /// The department's latest refusals, newest first, with the reason recorded at the refusal.
    private func refusedDrops(department: String) throws(StorageError) -> [DropStatus] {
        try StateDatabase.read(database.pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT r.*, e.at AS refused_at, e.detail AS refusal FROM request_event e
                JOIN request r ON r.request_id = e.request_id
                WHERE e.state = 'refused' AND r.department = ? ORDER BY e.at DESC, e.id DESC LIMIT ?
                """, arguments: [department, recentLimit]).map { row in
                var drop = Self.drop(try Journal.entry(row), refused: true)
                drop.finishedAt = drop.finishedAt ?? row.optionalDate("refused_at")
                drop.error = row["refusal"] ?? drop.error
                return drop
            }
        }
    }

    private static func drop(_ entry: JournalEntry, refused: Bool) -> DropStatus {
        let phase: DropPhase = switch entry.state {
        case .claimed, .read, .querying, .resultsWritten: .inProgress
        case .failedTransient: .waiting
        case .published, .archived: .published
        case .refused: .refused
        case .quarantined: refused ? .refused : .failed
        }
        return DropStatus(
            dropID: entry.dropID, fileName: entry.originalName, state: entry.state.rawValue, phase: phase,
            operation: entry.operation, claimedAt: entry.claimedAt, updatedAt: entry.updatedAt,
            finishedAt: entry.finishedAt, attempts: entry.attempts, nextAttemptAt: entry.nextAttemptAt, error: entry.error)
    }

    /// The last schema migration applied (`v4-…`), so an operator can tell which release wrote the database.
    private func schemaVersion() throws(StorageError) -> String {
        try StateDatabase.read(database.pool) { db in
            try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1") ?? "-"
        }
    }

    // MARK: - Outside the database

    /// Whether a daemon holds the state lock (a shared lock cannot be taken while it runs; the
    /// lock is per open file, so this also answers inside the daemon's own process).
    package static func daemonRunning(stateFolder: String) -> Bool {
        let descriptor = open(stateFolder + "/" + StateLock.fileName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(descriptor, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// Files waiting in each configured department's inbox, and the oldest one's mtime (lstat only: nothing is opened).
    package static func inboxWaiting(_ configuration: DropConfiguration) -> [String: (count: Int, oldest: Date?)] {
        var result: [String: (count: Int, oldest: Date?)] = [:]
        for department in configuration.departments {
            let folder = configuration.inbox + "/" + department.id
            // A status read: an unlistable inbox shows no waiting files (its department's health says why).
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            var count = 0
            var oldest: Date?
            for name in names where !name.hasPrefix(".") {
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                count += 1
                let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
                oldest = min(oldest ?? modified, modified)
            }
            result[department.id] = (count, oldest)
        }
        return result
    }
}
