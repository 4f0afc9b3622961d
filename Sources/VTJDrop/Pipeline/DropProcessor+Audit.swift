import Foundation
import GRDB
import VTJClient
import VTJCore

extension DropProcessor {
    /// Runs one query to the interface under the audit log: the attempt is recorded before the
    /// message leaves (a crash mid-query still shows who asked), and what became of it afterwards.
    ///
    /// An attempt is never a disclosure: what reached a department is recorded only when its
    /// result is published (``complete(_:result:receipt:)``).
    /// `journalSteps` are the drop's journal steps up to this query (`read`, `querying`), written in
    /// the query's first transaction: a small drop's one synced commit instead of two more waits for
    /// the database's writer (issue 15 goal 4); the record throws when they cannot be written.
    func audited<T>(_ record: AuditRecord, journalSteps: [(DropState, JournalUpdate)] = [],
                    _ body: () async throws -> T) async throws -> T {
        let log = appliance.database.auditLog
        var alongside: (@Sendable (Database) throws -> Void)?
        if !journalSteps.isEmpty {
            // Writes of this request that failed earlier and wait go first, in order (JournalBacklog).
            try appliance.journalBacklog.recordNow(journal, key: record.dropID) { _ in }
            alongside = Journal.transitions(journalSteps, for: record.dropID, at: now)
        }
        // A large list's insert holds the database's one writer for a while: on a thread of its
        // own, not on one of the two cooperative threads every other drop's steps and the daemon
        // loop run on (issue 15's latency goal).
        let pace = Self.writerPace()
        let appliance = self.appliance
        let write: @Sendable () throws -> Int64 = { [alongside] in
            do { return try log.record(record, pace: pace, alongside: alongside) } catch { throw appliance.noteDamage(error) }
        }
        let id = record.hetus.count > Self.auditAsideFrom ? try await AsideThread.run(among: appliance.threads, write) : try write()
        appliance.reportQueried(department: record.department, count: record.hetus.count,
                                byHetu: record.scope == .hetuList && record.operation == "perustiedot")
        DropTiming.mark("audit-query")
        do {
            let value = try await body()
            DropTiming.mark("interface")
            recordOutcome(.answered, of: id, record)
            DropTiming.mark("audit-outcome")
            return value
        } catch {
            let outcome: AuditAttemptOutcome = if let client = error as? VTJClientError, !client.isTransient { .refused } else { .failed }
            recordOutcome(outcome, of: id, record, detail: "\(error)")
            throw error
        }
    }

    /// Records what became of a query. A failure is logged, not thrown: the query itself is in the
    /// audit log already (written before it left), so what is lost is only its outcome, and
    /// failing the drop for it would send the same query again.
    func recordOutcome(_ outcome: AuditAttemptOutcome, of queryID: Int64, _ record: AuditRecord, detail: String? = nil) {
        do {
            try appliance.database.auditLog.recordOutcome(queryID: queryID, at: now, outcome, detail: detail)
        } catch {
            appliance.logger.error(
                "cannot record a query's outcome in the audit log; the query stays recorded, its outcome reads as unknown",
                metadata: ["request": "\(record.dropID)", "department": "\(record.department)", "query": "\(queryID)",
                           "outcome": "\(outcome.rawValue)", "error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
        }
    }

    /// Rows per writer transaction for the current walk's drop, asked before each: a bulk drop's
    /// transactions shrink while a small drop is in flight, so the small drop's commits wait for
    /// a short one at most (``WorkPriority/rowsPerTransaction(_:smallDropsInFlight:)``).
    static func writerPace() -> @Sendable (Int) -> Int {
        let priority = ThreadPriority.current
        return { BulkThreads.shared.rowsPerTransaction($0, as: priority) }
    }

    /// Audit records naming more henkilötunnus than this are written off the cooperative threads.
    static var auditAsideFrom: Int { 1000 }

    /// Records a query the interface has already answered (the persons a municipality-wide
    /// delivery named are known only afterwards).
    func auditAnswered(_ record: AuditRecord) throws {
        let id = try appliance.database.auditLog.record(record)
        recordOutcome(.answered, of: id, record)
    }
}
