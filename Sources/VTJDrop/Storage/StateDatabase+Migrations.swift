import GRDB

extension StateDatabase {
    /// Schema history; migrations are append-only (never edit a registered one, add the next).
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-journal") { db in
            try db.execute(sql: """
                CREATE TABLE request (
                    request_id TEXT PRIMARY KEY NOT NULL,
                    department TEXT NOT NULL,
                    original_name TEXT NOT NULL,
                    stored_path TEXT NOT NULL,
                    state TEXT NOT NULL,
                    toiminto TEXT,
                    purpose TEXT,
                    reference TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at DATETIME,
                    error TEXT,
                    result_files TEXT NOT NULL DEFAULT '',
                    claimed_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL,
                    finished_at DATETIME,
                    input_deleted_at DATETIME
                );
                CREATE INDEX request_unfinished ON request(state, request_id)
                    WHERE state NOT IN ('archived', 'quarantined');
                CREATE INDEX request_department ON request(department, claimed_at);
                CREATE INDEX request_retention ON request(finished_at)
                    WHERE finished_at IS NOT NULL AND input_deleted_at IS NULL;

                CREATE TABLE request_event (
                    id INTEGER PRIMARY KEY,
                    request_id TEXT NOT NULL REFERENCES request(request_id) ON DELETE CASCADE,
                    state TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    at DATETIME NOT NULL,
                    detail TEXT,
                    UNIQUE (request_id, state, attempt)
                );

                CREATE TABLE interface_health (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    last_success_at DATETIME,
                    last_failure_at DATETIME,
                    last_failure TEXT,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    total_failures INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO interface_health (id) VALUES (1);

                CREATE TABLE retention_deletion (
                    id INTEGER PRIMARY KEY,
                    deleted_at DATETIME NOT NULL,
                    kind TEXT NOT NULL,
                    path TEXT NOT NULL,
                    request_id TEXT,
                    department TEXT
                );
                """)
        }
        migrator.registerMigration("v1-audit") { db in
            try db.execute(sql: """
                CREATE TABLE audit_query (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    department TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    hetu_count INTEGER NOT NULL,
                    detail TEXT
                );
                CREATE INDEX audit_query_request ON audit_query(request_id);
                CREATE INDEX audit_query_at ON audit_query(at);

                CREATE TABLE audit_hetu (
                    hetu TEXT NOT NULL,
                    query_id INTEGER NOT NULL REFERENCES audit_query(id),
                    PRIMARY KEY (hetu, query_id)
                ) WITHOUT ROWID;
                CREATE INDEX audit_hetu_query ON audit_hetu(query_id);

                CREATE TRIGGER audit_query_no_update BEFORE UPDATE ON audit_query
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_query_no_delete BEFORE DELETE ON audit_query
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_hetu_no_update BEFORE UPDATE ON audit_hetu
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_hetu_no_delete BEFORE DELETE ON audit_hetu
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v1-followed") { db in
            try db.execute(sql: """
                CREATE TABLE followed (
                    department TEXT NOT NULL,
                    hetu TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    added_on TEXT NOT NULL,
                    added_by_request TEXT,
                    PRIMARY KEY (department, hetu)
                ) WITHOUT ROWID;
                CREATE INDEX followed_hetu ON followed(hetu);

                CREATE TABLE change_log_key (
                    department TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    log_key INTEGER NOT NULL,
                    updated_at DATETIME NOT NULL,
                    PRIMARY KEY (department, scope)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-scheduled-runs") { db in
            try db.execute(sql: """
                CREATE TABLE scheduled_run (
                    name TEXT PRIMARY KEY NOT NULL,
                    last_run_at DATETIME NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-pending-log-key") { db in
            try db.execute(sql: """
                CREATE TABLE change_log_key_pending (
                    request_id TEXT PRIMARY KEY NOT NULL,
                    department TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    log_key INTEGER NOT NULL,
                    noted_at DATETIME NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        registerDisclosureMigration(&migrator)
        registerOutboxRetentionMigration(&migrator)
        registerStagedDisclosureMigration(&migrator)
        return migrator
    }()
}
