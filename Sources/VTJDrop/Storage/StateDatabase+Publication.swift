import Foundation
import GRDB

extension StateDatabase {
    /// Journals a request as published and appends its disclosure in one transaction: the audit
    /// log holds a disclosure exactly when the journal says the result went out.
    ///
    /// A crash after the files were renamed into the outbox but before this commit resumes the
    /// walk, which finds its files already published and comes back here.
    @discardableResult
    package func recordPublication(dropID: String, at date: Date, update: JournalUpdate,
                                  disclosure: DisclosureRecord?) throws(StorageError) -> JournalTransition {
        try writeFailures.watch(.journal) { () throws(StorageError) in
            try write { db in
                let transition = try Journal.transition(db, to: .published, for: dropID, at: date, update: update)
                if let disclosure, !disclosure.persons.isEmpty { try AuditLog.insert(disclosure, db) }
                return transition
            }
        }
    }
}
