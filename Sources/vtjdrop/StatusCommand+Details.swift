import Foundation
import VTJCore
import VTJDrop
import VTJOperator

/// What `status --json` adds on request (`--journal`, `--audit`, `--followed`): the stored
/// details scripts check a run against, so none of them reads the state database itself.
extension StatusCommand {
    /// Adds the requested details to `document`; `since` is the start of the failure window.
    func addDetails(to document: inout StatusDocument, database: StateDatabase, since: Date) throws(StorageError) {
        if journal { document.journal = try database.journal.entries(updatedSince: since).map(Self.documentEntry) }
        if audit { document.audit = try Self.audit(database.auditLog, since: since) }
        if followed {
            let register = database.followedRegister
            var registers: [StatusDocument.Followed] = []
            for department in try register.counts().keys.sorted() {
                var hetus: [String] = []
                var after: Henkilotunnus?
                while case let batch = try register.entries(department: department, after: after), !batch.isEmpty {
                    hetus += batch.map(\.hetu.value)
                    after = batch.last?.hetu
                }
                var keys: [String: Int64] = [:]
                for scope in Restriction.Scope.allCases {
                    keys[scope.rawValue] = try register.logKey(department: department, scope: scope)
                }
                registers.append(StatusDocument.Followed(department: department, hetus: hetus, logKeys: keys))
            }
            document.followed = registers
            document.pendingLogKeys = try register.pendingLogKeyRequests()
        }
    }

    private static func audit(_ log: AuditLog, since: Date) throws(StorageError) -> StatusDocument.Audit {
        var queries: [StatusDocument.Audit.Query] = []
        try log.export(from: since) { entry in
            queries.append(StatusDocument.Audit.Query(
                queryID: entry.id, dropID: entry.dropID, operation: entry.operation, scope: entry.scope.rawValue,
                hetuCount: entry.hetuCount, hetus: entry.hetus, outcome: entry.outcome?.rawValue))
        }
        var disclosures: [StatusDocument.Audit.Disclosure] = []
        try log.exportDisclosures(from: since) { entry in
            disclosures.append(StatusDocument.Audit.Disclosure(
                dropID: entry.dropID, operation: entry.operation, personCount: entry.personCount,
                persons: entry.persons.map(\.hetu)))
        }
        return StatusDocument.Audit(queries: queries, disclosures: disclosures)
    }

    static func documentEntry(_ entry: JournalEntry) -> StatusDocument.JournalEntry {
        StatusDocument.JournalEntry(
            dropID: entry.dropID, department: entry.department, originalName: entry.originalName,
            storedPath: entry.storedPath, state: entry.state.rawValue, operation: entry.operation, attempts: entry.attempts,
            error: entry.error, resultFiles: entry.resultFiles, claimedAt: entry.claimedAt, updatedAt: entry.updatedAt,
            finishedAt: entry.finishedAt)
    }
}
