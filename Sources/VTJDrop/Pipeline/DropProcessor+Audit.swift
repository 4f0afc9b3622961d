import Foundation
import VTJClient
import VTJCore

extension DropProcessor {
    /// Runs one query to the interface under the audit log: the attempt is recorded before the
    /// message leaves (a crash mid-query still shows who asked), and what became of it afterwards.
    ///
    /// An attempt is never a disclosure: what reached a department is recorded only when its
    /// result is published (``complete(_:result:receipt:)``).
    func audited<T>(_ record: AuditRecord, _ body: () async throws -> T) async throws -> T {
        let log = appliance.database.auditLog
        // A large list's insert holds the database's one writer for a while: on a thread of its
        // own, not on one of the two cooperative threads every other drop's steps and the daemon
        // loop run on (issue 15's latency goal).
        let id = record.hetus.count > Self.auditAsideFrom ? try await AsideThread.run { try log.record(record) } : try log.record(record)
        appliance.reportQueried(department: record.department, count: record.hetus.count,
                                byHetu: record.scope == .hetuList && record.operation == "perustiedot")
        DropTiming.mark("audit-query")
        do {
            let value = try await body()
            DropTiming.mark("interface")
            try? log.recordOutcome(queryID: id, at: now, .answered)
            DropTiming.mark("audit-outcome")
            return value
        } catch {
            let outcome: AuditAttemptOutcome = if let client = error as? VTJClientError, !client.isTransient { .refused } else { .failed }
            try? log.recordOutcome(queryID: id, at: now, outcome, detail: "\(error)")
            throw error
        }
    }

    /// Audit records naming more henkilötunnus than this are written off the cooperative threads.
    static var auditAsideFrom: Int { 1000 }

    /// Records a query the interface has already answered (the persons a municipality-wide
    /// delivery named are known only afterwards).
    func auditAnswered(_ record: AuditRecord) throws {
        let log = appliance.database.auditLog
        let id = try log.record(record)
        try? log.recordOutcome(queryID: id, at: now, .answered)
    }
}
