import GRDB
import VTJCore

/// One followed person of one department (the seed's "ulkokuntalaiset").
package struct FollowedEntry: Sendable, Hashable {
    package var department: String
    package var hetu: Henkilotunnus
    /// The purpose the person is followed for.
    package var purpose: String
    /// When following started (Finnish date).
    package var addedOn: CivilDate
    /// The `seuranta-lisaa` request that added the person.
    package var addedByRequest: String?
}

/// What an add did.
package struct FollowAddOutcome: Sendable, Hashable {
    /// Newly followed.
    package var added: Int
    /// Already followed by the department (left unchanged: purpose and date stay the original).
    package var alreadyFollowed: Int

    /// An outcome (for comparisons in callers' tests).
    package init(added: Int, alreadyFollowed: Int) {
        self.added = added
        self.alreadyFollowed = alreadyFollowed
    }
}

/// Per department, the hetus whose changes are fetched, and the log keys of those fetches.
package struct FollowedRegister: Sendable {
    let pool: DatabasePool

    /// Starts following `hetus` for `department` (idempotent: existing entries are kept as they are).
    @discardableResult
    package func add(_ hetus: [Henkilotunnus], department: String, purpose: String, on date: CivilDate,
                    dropID: String? = nil) throws(StorageError) -> FollowAddOutcome {
        try StateDatabase.write(pool) { db in
            let statement = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO followed (department, hetu, purpose, added_on, added_by_request) VALUES (?, ?, ?, ?, ?)
                """)
            var added = 0
            var already = 0
            for hetu in Set(hetus) {
                try statement.execute(arguments: [department, hetu.value, purpose, date.description, dropID])
                if db.changesCount > 0 { added += 1 } else { already += 1 }
            }
            return FollowAddOutcome(added: added, alreadyFollowed: already)
        }
    }

    /// Stops following and deletes the entries (the customer relationship ended); returns how many existed.
    @discardableResult
    package func remove(_ hetus: some Sequence<Henkilotunnus>, department: String) throws(StorageError) -> Int {
        try StateDatabase.write(pool) { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM followed WHERE department = ? AND hetu = ?")
            var removed = 0
            for hetu in Set(hetus) {
                try statement.execute(arguments: [department, hetu.value])
                removed += db.changesCount
            }
            return removed
        }
    }

    /// The entry, when `department` follows `hetu`.
    package func entry(_ hetu: Henkilotunnus, department: String) throws(StorageError) -> FollowedEntry? {
        try StateDatabase.read(pool) { db in
            try Row.fetchOne(db, sql: "SELECT * FROM followed WHERE department = ? AND hetu = ?",
                             arguments: [department, hetu.value]).map(Self.entry)
        }
    }

    /// Up to `limit` entries of a department in hetu order, after `after` (keyset paging for large registers).
    package func entries(department: String, after: Henkilotunnus? = nil, limit: Int = 1000) throws(StorageError) -> [FollowedEntry] {
        try StateDatabase.read(pool) { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM followed WHERE department = ? AND hetu > ? ORDER BY hetu LIMIT ?
                """, arguments: [department, after?.value ?? "", limit]).map(Self.entry)
        }
    }

    /// Calls `body` with consecutive batches of a department's entries (≤ `batchSize`, 1000 = one message).
    package func forEachBatch(department: String, batchSize: Int = 1000,
                             _ body: ([FollowedEntry]) throws -> Void) throws {
        var after: Henkilotunnus?
        while true {
            let batch = try entries(department: department, after: after, limit: max(1, batchSize))
            if batch.isEmpty { return }
            try body(batch)
            after = batch.last?.hetu
        }
    }

    /// Number of followed persons in one department.
    package func count(department: String) throws(StorageError) -> Int {
        try StateDatabase.read(pool) { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM followed WHERE department = ?", arguments: [department]) ?? 0
        }
    }

    /// Register sizes of every department that follows anyone.
    package func counts() throws(StorageError) -> [String: Int] {
        try StateDatabase.read(pool) { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT department, COUNT(*) AS n FROM followed GROUP BY department") {
                result[row["department"]] = row["n"]
            }
            return result
        }
    }

    /// After a hetu correction: every department following `old` follows `new` instead, keeping purpose and date.
    ///
    /// Where a department already follows `new`, that entry is kept and `old` removed. Returns the departments touched.
    @discardableResult
    package func rekey(from old: Henkilotunnus, to new: Henkilotunnus) throws(StorageError) -> [String] {
        guard old != new else { return [] }
        return try StateDatabase.write(pool) { db in
            let departments = try String.fetchAll(db, sql: "SELECT department FROM followed WHERE hetu = ? ORDER BY department",
                                                  arguments: [old.value])
            try db.execute(sql: """
                UPDATE followed SET hetu = ? WHERE hetu = ?
                    AND department NOT IN (SELECT department FROM followed WHERE hetu = ?)
                """, arguments: [new.value, old.value, new.value])
            try db.execute(sql: "DELETE FROM followed WHERE hetu = ?", arguments: [old.value])
            return departments
        }
    }

    static func entry(_ row: Row) throws -> FollowedEntry {
        let text: String = row["hetu"]
        guard let hetu = try? Henkilotunnus(text) else { throw StorageError.corrupt("followed.hetu") }
        let dateText: String = row["added_on"]
        guard let date = CivilDate(iso: dateText) else { throw StorageError.corrupt("followed.added_on") }
        return FollowedEntry(department: row["department"], hetu: hetu, purpose: row["purpose"], addedOn: date,
                             addedByRequest: row["added_by_request"])
    }
}
