import Foundation
import GRDB

/// The interface's recent health as the journal saw it.
package struct InterfaceHealth: Sendable, Hashable {
    /// The last call that succeeded.
    package var lastSuccessAt: Date?
    /// The last call that failed.
    package var lastFailureAt: Date?
    /// What the last failure was (no credentials).
    package var lastFailure: String?
    /// Failures since the last success (drives "stop claiming and probe").
    package var consecutiveFailures: Int
    /// Failures ever recorded.
    package var totalFailures: Int
}

extension Journal {
    /// Records the outcome of one interface call (success resets the consecutive-failure count).
    ///
    /// Not synced on its own: a note lost on power failure only makes `status` one call behind, and
    /// the gate that stops claiming counts in memory.
    package func recordInterfaceCall(succeeded: Bool, at date: Date, failure: String? = nil) throws(StorageError) {
        try StateDatabase.write(pool, .deferred) { db in
            if succeeded {
                try db.execute(sql: "UPDATE interface_health SET last_success_at = ?, consecutive_failures = 0 WHERE id = 1",
                               arguments: [date.stored])
            } else {
                try db.execute(sql: """
                    UPDATE interface_health SET last_failure_at = ?, last_failure = ?,
                        consecutive_failures = consecutive_failures + 1, total_failures = total_failures + 1
                    WHERE id = 1
                    """, arguments: [date.stored, failure])
            }
        }
    }

    /// The interface's health.
    package func interfaceHealth() throws(StorageError) -> InterfaceHealth {
        try StateDatabase.read(pool) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM interface_health WHERE id = 1") else {
                return InterfaceHealth(consecutiveFailures: 0, totalFailures: 0)
            }
            return InterfaceHealth(lastSuccessAt: row.optionalDate("last_success_at"), lastFailureAt: row.optionalDate("last_failure_at"),
                                   lastFailure: row["last_failure"], consecutiveFailures: row["consecutive_failures"],
                                   totalFailures: row["total_failures"])
        }
    }
}
