import GRDB

extension StateDatabase {
    /// `v4-disclosures`: the audit log distinguishes what the appliance *asked* the interface
    /// (`audit_query`, now with each attempt's outcome in `audit_query_outcome`) from what it
    /// *disclosed* to a department (`audit_disclosure` + `audit_disclosed_person`, one row per
    /// person per published result, with the groups delivered after the rules). Failed, refused and
    /// retried queries stay in the query log and never count as disclosures.
    ///
    /// Existing databases are reconstructed as far as they can be: every person asked about in a
    /// basic-data request whose result was published gets a disclosure row marked `ennen-v4`
    /// (recorded before the upgrade: whether the person was found, and which groups were delivered,
    /// was not recorded then). Change deliveries before the upgrade stay in the query log only.
    ///
    /// Also `appliance_condition`: what stops the daemon from serving now (the interface refuses
    /// it, a folder root is missing), written by the daemon and shown by `vtjdrop status`; and
    /// `request.input_stamp`: the claimed input's size and times at the claim, so work resumed
    /// after a restart knows at once whether its input changed since.
    static func registerDisclosureMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-disclosures") { db in
            // The basic-data queries of old whose hetus are the persons a published result was about.
            let disclosingQuery = """
                q.operation = 'perustiedot' AND (q.detail IS NULL OR q.detail = 'seuranta-lisaa'
                    OR q.detail LIKE 'kunta-perustiedot%')
                """
            try db.execute(sql: """
                CREATE TABLE audit_disclosure (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    department TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    result_file TEXT,
                    person_count INTEGER NOT NULL,
                    provenance TEXT NOT NULL
                );
                CREATE UNIQUE INDEX audit_disclosure_request ON audit_disclosure(request_id);
                CREATE INDEX audit_disclosure_at ON audit_disclosure(at);

                CREATE TABLE audit_disclosed_person (
                    hetu TEXT NOT NULL,
                    disclosure_id INTEGER NOT NULL REFERENCES audit_disclosure(id),
                    status TEXT NOT NULL,
                    groups TEXT,
                    PRIMARY KEY (hetu, disclosure_id)
                ) WITHOUT ROWID;
                CREATE INDEX audit_disclosed_person_disclosure ON audit_disclosed_person(disclosure_id);

                CREATE TABLE audit_query_outcome (
                    query_id INTEGER PRIMARY KEY NOT NULL REFERENCES audit_query(id),
                    at DATETIME NOT NULL,
                    outcome TEXT NOT NULL,
                    detail TEXT
                );

                INSERT INTO audit_disclosure (at, department, purpose, request_id, operation, result_file, person_count, provenance)
                SELECT COALESCE(r.finished_at, r.updated_at), r.department, COALESCE(r.purpose, ''), r.request_id,
                       COALESCE(r.toiminto, 'perustiedot'), NULL,
                       (SELECT COUNT(DISTINCT h.hetu) FROM audit_query q JOIN audit_hetu h ON h.query_id = q.id
                        WHERE q.request_id = r.request_id AND \(disclosingQuery)),
                       'ennen-v4'
                FROM request r
                WHERE r.state IN ('published', 'archived')
                  AND EXISTS (SELECT 1 FROM audit_query q JOIN audit_hetu h ON h.query_id = q.id
                              WHERE q.request_id = r.request_id AND \(disclosingQuery))
                ORDER BY COALESCE(r.finished_at, r.updated_at), r.request_id;

                INSERT OR IGNORE INTO audit_disclosed_person (hetu, disclosure_id, status, groups)
                SELECT DISTINCT h.hetu, d.id, 'ennen-v4', NULL
                FROM audit_disclosure d
                JOIN audit_query q ON q.request_id = d.request_id
                JOIN audit_hetu h ON h.query_id = q.id
                WHERE \(disclosingQuery);

                ALTER TABLE request ADD COLUMN input_stamp TEXT;

                CREATE TABLE appliance_condition (
                    name TEXT PRIMARY KEY NOT NULL,
                    code TEXT NOT NULL,
                    since DATETIME NOT NULL,
                    detail TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
            // Append-only like the query log: created after the reconstruction above.
            for table in ["audit_disclosure", "audit_disclosed_person", "audit_query_outcome"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    """)
            }
        }
    }
}
