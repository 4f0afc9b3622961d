import Foundation
import GRDB
import Testing
@testable import VTJDrop
import VTJTestSupport

/// Dates bound without ICU: the same text GRDB's `Date` binding (a `DateFormatter`) writes, so state
/// databases written before and after read back alike and SQL comparisons on the text order the same.
@Suite struct StoredDateTests {
    /// Dates a state database sees, and the awkward ones: sub-millisecond fractions either side of the
    /// half-millisecond, instants before 1970, leap days, the ends of days and years.
    static var samples: [Date] {
        var dates: [Date] = [Date(), Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0004),
                             Date(timeIntervalSince1970: -0.0005), Date(timeIntervalSince1970: -0.0006),
                             Date(timeIntervalSince1970: -86_400.5), Date(timeIntervalSince1970: 951_782_399.9995),  // 2000-02-28
                             Date(timeIntervalSince1970: 1_798_761_599.9996), Date(timeIntervalSince1970: 1_798_761_599.9994),
                             Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSince1970: 4_102_444_800)]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // 1950–2100 at random, with sub-microsecond fractions.
            dates.append(Date(timeIntervalSince1970: Double.random(in: -631_152_000...4_102_444_800, using: &generator)))
        }
        for _ in 0..<5_000 {
            // Near a half millisecond, where the rounding decides.
            let millis = Double(Int64.random(in: 1_600_000_000_000...1_900_000_000_000, using: &generator))
            let nudge = Double.random(in: -0.000_01...0.000_01, using: &generator)
            dates.append(Date(timeIntervalSince1970: (millis + 0.5) / 1000 + nudge / 1000))
        }
        return dates
    }

    @Test func writesTheTextGRDBsOwnBindingWrites() {
        var mismatches: [String] = []
        for date in Self.samples {
            let ours = StoredDate(date).databaseValue
            let grdbs = date.databaseValue
            if ours != grdbs { mismatches.append("\(date.timeIntervalSinceReferenceDate): \(ours) against \(grdbs)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(5))")
    }

    /// Through a real SQLite file: every date bound both ways, read back as `Date` and as text, and ordered
    /// by SQL the same way.
    @Test func roundTripsAndComparesInSQLiteLikeGRDBsBinding() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let queue = try DatabaseQueue(path: folder.path + "/dates.sqlite")
        let dates = Array(Self.samples.prefix(3_000))
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, ours TEXT, grdbs TEXT)")
            for (id, date) in dates.enumerated() {
                try db.execute(sql: "INSERT INTO t VALUES (?, ?, ?)", arguments: [id, date.stored, date])
            }
        }
        try queue.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT * FROM t ORDER BY id") {
                let ours: String = row["ours"], grdbs: String = row["grdbs"]
                #expect(ours == grdbs)
                let oursDate: Date = row["ours"], grdbsDate: Date = row["grdbs"]
                #expect(oursDate == grdbsDate)
                let stored: StoredDate? = row["ours"]
                #expect(stored?.date == grdbsDate)
            }
            let pivot = dates[0]
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t WHERE ours < ?", arguments: [pivot.stored])
            let grdbBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t WHERE grdbs < ?", arguments: [pivot])
            #expect(before == grdbBefore)
            let ordered = try Int.fetchAll(db, sql: "SELECT id FROM t ORDER BY ours, id")
            let grdbOrdered = try Int.fetchAll(db, sql: "SELECT id FROM t ORDER BY grdbs, id")
            #expect(ordered == grdbOrdered)
        }
    }

    /// The journal's own writes: a claim stored at a date with a fraction reads back as GRDB's text.
    @Test func theJournalStoresGRDBsText() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path)
        let claimed = Date(timeIntervalSince1970: 1_790_000_000.123_456)
        #expect(try database.journal.recordClaim(dropID: "20261126-0001", department: "kirjasto", originalName: "a.txt",
                                                 storedPath: "/s/work/20261126-0001", at: claimed))
        let text = try database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT claimed_at FROM request WHERE request_id = '20261126-0001'")
        }
        #expect(text == "2026-09-21 14:13:20.123")
        #expect(text?.databaseValue == claimed.databaseValue)
        #expect(try database.journal.entry("20261126-0001")?.claimedAt == Date.fromDatabaseValue(claimed.databaseValue))
    }

    /// Reading without ICU: the text written reads back as the very `Date` GRDB's decoding makes (equal
    /// `Double`s, not merely the same millisecond), and every other value as GRDB reads it.
    @Test func readsTheDateGRDBsOwnDecodingReads() {
        var mismatches: [String] = []
        var generator = SystemRandomNumberGenerator()
        var texts = Self.samples.map { StoredDate($0).text }
        for _ in 0..<20_000 {  // around 2001-01-01, where the order of the additions shows in the last bits
            let seconds = Double(Int64.random(in: -400_000_000...400_000_000, using: &generator)) / 1000
            texts.append(StoredDate(Date(timeIntervalSinceReferenceDate: seconds)).text)
        }
        for text in texts {
            let ours = StoredDate.parse(text), grdbs = Date.fromDatabaseValue(text.databaseValue)
            if ours == nil || ours?.timeIntervalSinceReferenceDate.bitPattern != grdbs?.timeIntervalSinceReferenceDate.bitPattern {
                mismatches.append("\(text): \(String(describing: ours?.timeIntervalSinceReferenceDate)) against \(String(describing: grdbs?.timeIntervalSinceReferenceDate))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(5))")
        let otherTexts = ["2026-12-07", "2026-12-07 10:11", "2026-12-07 10:11:12", "2026-12-07T10:11:12.345",
                      "2026-12-07 10:11:12.3456", "2026-02-30 10:11:12.345", "2026-12-07 24:00:00.000",
                      "2026-12-07 10:11:12.34a", "x026-12-07 10:11:12.345", "", "kuittaus"]
        let others = otherTexts.map(\.databaseValue) + [Double(1_790_000_000.25).databaseValue, Int64(1_790_000_000).databaseValue, .null]
        for value in others {
            #expect(StoredDate.fromDatabaseValue(value)?.date == Date.fromDatabaseValue(value), "\(value)")
        }
        #expect(StoredDate.parse("2026-12-07 24:00:00.000") == nil)
        #expect(StoredDate.parse("2026-02-29 10:11:12.345") == nil)
        #expect(StoredDate.parse("2028-02-29 10:11:12.345") != nil)
    }
}
