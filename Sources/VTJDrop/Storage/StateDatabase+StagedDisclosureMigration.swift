import GRDB

extension StateDatabase {
    /// `v6-staged-disclosures`: a result's disclosed persons are written before its publication, a
    /// few thousand per transaction (``AuditLog/stageDisclosure(dropID:at:persons:scratchFolder:chunkSize:committed:pace:)``),
    /// and become a disclosure in O(1) when the publication's transaction writes the header row
    /// (`audit_disclosure`) under the id they were written with. Before, the publication's
    /// transaction wrote every person and held the database's one writer for seconds at 100,000.
    ///
    /// So `audit_disclosed_person` loses its foreign key (its rows precede their header; a row
    /// without one is staged, never a disclosure: every reader reaches persons through the header),
    /// and its delete trigger lets only staged rows go (a dead attempt's, discarded by recovery and
    /// by the drop's next attempt). `audit_disclosure_staging` hands out the ids — after every
    /// disclosure already recorded — and names each attempt's drop; a published attempt's row goes
    /// with the publication. Existing rows are copied as they are.
    static func registerStagedDisclosureMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-staged-disclosures") { db in
            try db.execute(sql: """
                CREATE TABLE audit_disclosure_staging (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    request_id TEXT NOT NULL,
                    started_at DATETIME NOT NULL
                );
                CREATE INDEX audit_disclosure_staging_request ON audit_disclosure_staging(request_id);
                INSERT INTO sqlite_sequence (name, seq)
                SELECT 'audit_disclosure_staging',
                       MAX(COALESCE((SELECT MAX(id) FROM audit_disclosure), 0),
                           COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'audit_disclosure'), 0));

                DROP TRIGGER audit_disclosed_person_no_update;
                DROP TRIGGER audit_disclosed_person_no_delete;
                CREATE TABLE audit_disclosed_person_v6 (
                    hetu TEXT NOT NULL,
                    disclosure_id INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    groups TEXT,
                    PRIMARY KEY (hetu, disclosure_id)
                ) WITHOUT ROWID;
                INSERT INTO audit_disclosed_person_v6 (hetu, disclosure_id, status, groups)
                SELECT hetu, disclosure_id, status, groups FROM audit_disclosed_person ORDER BY hetu, disclosure_id;
                DROP TABLE audit_disclosed_person;
                ALTER TABLE audit_disclosed_person_v6 RENAME TO audit_disclosed_person;
                CREATE INDEX audit_disclosed_person_disclosure ON audit_disclosed_person(disclosure_id);

                CREATE TRIGGER audit_disclosed_person_no_update BEFORE UPDATE ON audit_disclosed_person
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_disclosed_person_no_delete BEFORE DELETE ON audit_disclosed_person
                    WHEN EXISTS (SELECT 1 FROM audit_disclosure WHERE id = OLD.disclosure_id)
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_disclosure_id_staged BEFORE INSERT ON audit_disclosure
                    WHEN NEW.id IS NULL OR NOT EXISTS (SELECT 1 FROM audit_disclosure_staging WHERE id = NEW.id)
                    BEGIN SELECT RAISE(ABORT, 'a disclosure takes the id its persons were staged under'); END;
                """)
        }
    }
}
