import Foundation
import GRDB

extension Journal {
    /// Name of the daily change-fetch run in ``lastScheduledRun(_:)``.
    package static let changeFetchRun = "change-fetch"

    /// When a scheduled job (e.g. ``changeFetchRun``) last ran, so a run missed while stopped is made up at start.
    package func lastScheduledRun(_ name: String) throws(StorageError) -> Date? {
        try StateDatabase.read(pool) { db in
            try StoredDate.fetchOne(db, sql: "SELECT last_run_at FROM scheduled_run WHERE name = ?", arguments: [name])?.date
        }
    }

    /// Records that a scheduled job ran (pass the slot served or the start time; see `DailySchedule.decide`).
    package func recordScheduledRun(_ name: String, at date: Date) throws(StorageError) {
        try StateDatabase.write(pool) { db in
            try db.execute(sql: """
                INSERT INTO scheduled_run (name, last_run_at) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at
                """, arguments: [name, date.stored])
        }
    }
}
