import Foundation
import VTJClient
import VTJCore

extension DropProcessor {
    /// Runs one query to the interface under the audit log: the attempt is recorded before the
    /// message leaves (a crash mid-query still shows who asked), and what became of it afterwards.
    ///
    /// An attempt is never a disclosure: what reached a department is recorded only when its
    /// result is published (``complete(_:result:receipt:)``). `keys`, when the caller holds them,
    /// are the distinct codes of `record.hetus`, handed to the insert instead of sorted again.
    func audited<T>(_ record: AuditRecord, keys: HenkilotunnusKeys? = nil, _ body: () async throws -> T) async throws -> T {
        let log = appliance.database.auditLog
        // A large list's insert holds the database's one writer for a while: on a thread of its
        // own, not on one of the two cooperative threads every other drop's steps and the daemon
        // loop run on (issue 15's latency goal).
        let id = record.hetus.count > Self.auditAsideFrom ? try await AsideThread.run { try log.record(record, keys: keys) } : try log.record(record, keys: keys)
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

    /// Audit records naming more henkilötunnus than this are written off the cooperative threads.
    static var auditAsideFrom: Int { 1000 }

    /// Records a query the interface has already answered (the persons a municipality-wide
    /// delivery named are known only afterwards).
    func auditAnswered(_ record: AuditRecord) throws {
        let id = try appliance.database.auditLog.record(record)
        recordOutcome(.answered, of: id, record)
    }
}
