import Foundation
import GRDB

/// Something that keeps the daemon from serving, as `vtjdrop status` shows it.
package struct ApplianceCondition: Sendable, Hashable {
    /// Which part: the interface, the folder roots, the journal, or inbox folders no longer watched.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case interface
        case folders
        /// The journal cannot be written: intake is closed until it can.
        case journal
        /// A watched inbox folder vanished: its drops wait until it is back (intake elsewhere goes on).
        case watch
    }

    package var kind: Kind
    /// A short stable name (`refusing-credentials`, `unreachable`, `folder-root-missing`, `journal-unwritable`).
    package var code: String
    /// Since when.
    package var since: Date
    /// One line for the operator: what is wrong and what to do.
    package var detail: String
}

extension StateDatabase {
    /// Stores a condition (the daemon calls this once per change, through
    /// `Appliance.storeCondition`, which logs a failure).
    package func setCondition(_ kind: ApplianceCondition.Kind, code: String, since: Date, detail: String) throws(StorageError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO appliance_condition (name, code, since, detail) VALUES (?, ?, ?, ?)",
                           arguments: [kind.rawValue, code, since.stored, detail])
        }
    }

    /// The condition has passed.
    package func clearCondition(_ kind: ApplianceCondition.Kind) throws(StorageError) {
        try write { db in try db.execute(sql: "DELETE FROM appliance_condition WHERE name = ?", arguments: [kind.rawValue]) }
    }

    /// Forgets what an earlier run stored (a new daemon finds out for itself).
    package func clearConditions() throws(StorageError) {
        try write { db in try db.execute(sql: "DELETE FROM appliance_condition") }
    }

    /// The conditions in force, as the daemon last stored them.
    package func conditions() throws(StorageError) -> [ApplianceCondition] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM appliance_condition ORDER BY name").compactMap { row in
                ApplianceCondition.Kind(rawValue: row["name"]).map {
                    ApplianceCondition(kind: $0, code: row["code"], since: row.date("since"), detail: row["detail"])
                }
            }
        }
    }
}
