import Foundation
import Testing
import VTJCore
import VTJDrop
import VTJTestSupport

/// Helsinki's offsets read from the system's TZif file, against Foundation's `TimeZone` (ICU's own zone
/// data; the test may page ICU in, the daemon does not), and the built-in EU rule when the file is unusable.
@Suite struct FinnishTimeZoneFileTests {
    func instant(_ iso: String) throws -> Instant {
        Instant(try #require(ISO8601DateFormatter().date(from: iso)))
    }

    @Test func readsTheSystemsZoneFile() {
        #expect(FinnishTime().source == .zoneFile(FinnishTime.zoneFile))
        #expect(FinnishTime().fallbackNote == nil)
    }

    /// Every six hours from 1900 to 2100 and a second either side of every change Foundation knows in
    /// that span: HMT until 1921, the war years' summer time, EET/EEST since 1981, the footer's rule
    /// past the file's table.
    @Test func agreesWithFoundationsTimeZoneFrom1900To2100() throws {
        let finland = FinnishTime()
        let helsinki = try #require(TimeZone(identifier: "Europe/Helsinki"))
        let start = try #require(ISO8601DateFormatter().date(from: "1900-01-01T00:00:00Z"))
        let end = try #require(ISO8601DateFormatter().date(from: "2100-01-01T00:00:00Z"))
        var mismatches: [String] = []
        func check(_ date: Date) {
            let ours = finland.utcOffsetSeconds(at: Instant(date))
            let theirs = helsinki.secondsFromGMT(for: date)
            if ours != theirs { mismatches.append("\(date): \(ours) against \(theirs)") }
        }
        var date = start
        while date < end {
            check(date)
            date += 6 * 3600
        }
        var changes = 0
        var cursor = start
        while let change = helsinki.nextDaylightSavingTimeTransition(after: cursor), change < end {
            check(change - 1)
            check(change)
            check(change + 1)
            cursor = change
            changes += 1
        }
        #expect(changes > 200)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func knownChangesIn2026AndThe1990s() throws {
        let finland = FinnishTime()
        #expect(finland.utcOffsetSeconds(at: try instant("2026-03-29T00:59:59Z")) == 7200)
        #expect(finland.utcOffsetSeconds(at: try instant("2026-03-29T01:00:00Z")) == 10800)
        #expect(finland.utcOffsetSeconds(at: try instant("2026-10-25T00:59:59Z")) == 10800)
        #expect(finland.utcOffsetSeconds(at: try instant("2026-10-25T01:00:00Z")) == 7200)
        // Until 1995 the EU's summer time ended on the last Sunday of September (24 September 1995).
        #expect(finland.utcOffsetSeconds(at: try instant("1995-09-24T00:59:59Z")) == 10800)
        #expect(finland.utcOffsetSeconds(at: try instant("1995-09-24T01:00:00Z")) == 7200)
        #expect(finland.utcOffsetSeconds(at: try instant("1996-10-27T00:59:59Z")) == 10800)
        #expect(finland.utcOffsetSeconds(at: try instant("1996-10-27T01:00:00Z")) == 7200)
        #expect(finland.utcOffsetSeconds(at: try instant("1993-03-28T01:00:00Z")) == 10800)
        // Helsinki Mean Time (+1:39:49) before May 1921.
        #expect(finland.utcOffsetSeconds(at: try instant("1920-01-01T00:00:00Z")) == 5989)
    }

    @Test func aVersionOneFileReadsTheSameWithinItsTable() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FinnishTime.zoneFile)))
        let full = try TZifZone(bytes: bytes)
        func count(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let (isUT, isStd, leap, time, type, chars) = (count(20), count(24), count(28), count(32), count(36), count(40))
        let v1Length = 44 + time * 5 + type * 6 + chars + leap * 8 + isStd + isUT
        bytes = Array(bytes[..<v1Length])
        bytes[4] = 0
        let v1 = try TZifZone(bytes: bytes)
        #expect(v1.footer == nil && full.footer == POSIXZoneRule.finland)
        guard time > 0 else { return }  // a "slim" file keeps no version-1 table
        var t = try instant("1990-01-01T00:00:00Z")
        let end = try instant("2030-01-01T00:00:00Z")
        var mismatches: [Instant] = []
        while t < end {
            if v1.utcOffsetSeconds(at: t) != full.utcOffsetSeconds(at: t) { mismatches.append(t) }
            t = t.adding(seconds: 3 * 3600)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// A missing, empty, foreign or cut-short file: the EU rule built in, and a note to log once.
    @Test func fallsBackToTheEURuleWhenTheFileIsUnusable() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let real = try Data(contentsOf: URL(fileURLWithPath: FinnishTime.zoneFile))
        let cases: [(String, Data?)] = [("missing", nil), ("empty", Data()), ("foreign", Data("Europe/Helsinki\n".utf8)),
                                        ("cut", real.prefix(real.count / 2)), ("header-only", real.prefix(44))]
        for (name, contents) in cases {
            let path = folder.path + "/" + name
            if let contents { try contents.write(to: URL(fileURLWithPath: path)) }
            let finland = FinnishTime(zoneFile: path)
            guard case .builtInRule(let problem) = finland.source else {
                Issue.record("\(name): \(finland.source)")
                continue
            }
            #expect(problem.contains(path), "\(problem)")
            #expect(finland.fallbackNote?.contains("install the tzdata package") == true)
            #expect(finland.utcOffsetSeconds(at: try instant("2026-03-29T00:59:59Z")) == 7200)
            #expect(finland.utcOffsetSeconds(at: try instant("2026-03-29T01:00:00Z")) == 10800)
            #expect(finland.utcOffsetSeconds(at: try instant("2026-10-25T01:00:00Z")) == 7200)
        }
    }

    @Test func readsTheTimesAnOperatorTypes() throws {
        let finland = FinnishTime()
        #expect(finland.date(reading: "2026-12-07") == (try instant("2026-12-06T22:00:00Z")).date)
        #expect(finland.date(reading: "2026-07-01T08:00") == (try instant("2026-07-01T05:00:00Z")).date)
        #expect(finland.date(reading: "2026-07-01 08:00") == (try instant("2026-07-01T05:00:00Z")).date)
        #expect(finland.date(reading: "2026-07-01T08:00:30") == (try instant("2026-07-01T05:00:30Z")).date)
        for text in ["2026-7-01", "2026-07-01T8:00", "2026-07-01T24:00", "2026-07-01T08:60", "2026-02-30", "yesterday",
                     "2026-07-01T08", "2026-07-01T08:00:00:00", ""] {
            #expect(finland.date(reading: text) == nil, "\(text)")
        }
    }
}
