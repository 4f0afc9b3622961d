import Foundation
import GRDB

extension StateDatabase {
    /// Journals a request as published and appends its disclosure in one transaction: the audit
    /// log holds a disclosure exactly when the journal says the result went out.
    ///
    /// A crash after the files were renamed into the outbox but before this commit resumes the
    /// walk, which finds its files already published and comes back here.
    ///
    /// - Parameters:
    ///   - persons: the disclosure's persons when they are not the record's own list (a drop's
    ///     ``DisclosureSpool``, read back inside the transaction); a failure reading them rolls the
    ///     whole transaction back, `published` with it.
    ///   - staged: the persons written ahead (``AuditLog/stageDisclosure(dropID:at:persons:scratchFolder:chunkSize:committed:pace:)``):
    ///     the transaction then writes only the header, however many they are.
    @discardableResult
    package func recordPublication(dropID: String, at date: Date, update: JournalUpdate,
                                   disclosure: DisclosureRecord?, persons: (any DisclosedPersonSource)? = nil,
                                   staged: StagedDisclosure? = nil) throws(StorageError) -> JournalTransition {
        try writeFailures.watch(.journal) { () throws(StorageError) in
            try write { db in
                let transition = try Journal.transition(db, to: .published, for: dropID, at: date, update: update)
                if let disclosure, (staged?.personCount ?? (persons ?? disclosure.persons).personCount) > 0 {
                    try AuditLog.insert(disclosure, persons: persons, staged: staged, db)
                }
                return transition
            }
        }
    }
}
