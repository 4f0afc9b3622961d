import GRDB

extension StateDatabase {
    /// `v5-outbox-retention`: published files leave the outbox after `retention.outbox_days`.
    /// `request.outbox_removed_at` marks a request whose published files have been dealt with;
    /// `audit_outbox_removal` is the append-only evidence of every file removed (when, department,
    /// the file's name masked as in logs, its age), kept like the rest of the audit log.
    static func registerOutboxRetentionMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-outbox-retention") { db in
            try db.execute(sql: """
                ALTER TABLE request ADD COLUMN outbox_removed_at DATETIME;
                CREATE INDEX request_outbox ON request(updated_at)
                    WHERE outbox_removed_at IS NULL AND result_files NOT IN ('', '[]');

                CREATE TABLE audit_outbox_removal (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    department TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    file TEXT NOT NULL,
                    published_at DATETIME NOT NULL,
                    age_days INTEGER NOT NULL
                );
                CREATE INDEX audit_outbox_removal_at ON audit_outbox_removal(at);
                CREATE TRIGGER audit_outbox_removal_no_update BEFORE UPDATE ON audit_outbox_removal
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_outbox_removal_no_delete BEFORE DELETE ON audit_outbox_removal
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
    }
}
