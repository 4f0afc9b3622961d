import Foundation
import Testing
import VTJCore
import VTJDrop
import VTJTestSupport

@Suite struct JournalTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    @Test func aRequestWalksItsStatesAndReplaysChangeNothing() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let journal = try StateDatabase(stateFolder: folder.path).journal
        #expect(try journal.recordClaim(dropID: "20261126-0001", department: "kirjasto", originalName: "lista 1.txt",
                                        storedPath: "/s/work/20261126-0001", at: at(0)))
        #expect(try journal.recordClaim(dropID: "20261126-0001", department: "kirjasto", originalName: "lista 1.txt",
                                        storedPath: "/s/work/20261126-0001", at: at(5)) == false)
        #expect(try journal.record(.read, for: "20261126-0001", at: at(1),
                                   update: .init(operation: "perustiedot", purpose: "kirjasto", reference: "viite-7")) == .recorded)
        #expect(try journal.record(.querying, for: "20261126-0001", at: at(2)) == .recorded)
        #expect(try journal.record(.querying, for: "20261126-0001", at: at(3)) == .alreadyRecorded)
        try journal.record(.resultsWritten, for: "20261126-0001", at: at(4),
                           update: .init(resultFiles: ["lista 1.20261126-0001.csv", "lista 1.20261126-0001.kuitti.txt", "odd\nname \"q\".csv"]))
        try journal.record(.published, for: "20261126-0001", at: at(5),
                           update: .init(resultFiles: ["lista 1.20261126-0001.csv"]))
        try journal.record(.archived, for: "20261126-0001", at: at(6), update: .init(storedPath: "/s/archive/x"))
        #expect(try journal.record(.archived, for: "20261126-0001", at: at(7)) == .alreadyFinished(.archived))
        #expect(try journal.record(.querying, for: "20261126-0001", at: at(8)) == .alreadyFinished(.archived))

        let entry = try #require(try journal.entry("20261126-0001"))
        #expect(entry.state == .archived)
        #expect(entry.operation == "perustiedot")
        #expect(entry.purpose == "kirjasto")
        #expect(entry.reference == "viite-7")
        #expect(entry.originalName == "lista 1.txt")
        #expect(entry.storedPath == "/s/archive/x")
        #expect(entry.resultFiles == ["lista 1.20261126-0001.csv", "lista 1.20261126-0001.kuitti.txt", "odd\nname \"q\".csv"])
        #expect(entry.claimedAt == at(0))
        #expect(entry.finishedAt == at(6))
        let states = try journal.history("20261126-0001").map(\.state)
        #expect(states == [.claimed, .read, .querying, .resultsWritten, .published, .archived])
    }

    /// The lifecycle's rules hold in the journal itself: a move they forbid is an error and
    /// changes nothing (before, `record` accepted any move but out of a finished state).
    @Test func illegalTransitionsAreErrorsAndChangeNothing() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let journal = try StateDatabase(stateFolder: folder.path).journal
        try journal.recordClaim(dropID: "r1", department: "kirjasto", originalName: "a.txt", storedPath: "/w/r1", at: at(0))
        #expect(throws: StorageError.self, "archived without being published") { try journal.record(.archived, for: "r1", at: at(1)) }
        try journal.record(.read, for: "r1", at: at(1))
        try journal.record(.published, for: "r1", at: at(2))
        for next in [DropState.read, .querying, .failedTransient, .refused, .quarantined, .claimed] {
            #expect(throws: StorageError.self, "published → \(next)") { try journal.record(next, for: "r1", at: at(3)) }
        }
        #expect(try journal.entry("r1")?.state == .published)
        #expect(try journal.history("r1").map(\.state) == [.claimed, .read, .published])

        try journal.recordClaim(dropID: "r2", department: "kirjasto", originalName: "b.txt", storedPath: "/w/r2", at: at(0))
        try journal.record(.refused, for: "r2", at: at(1))
        do {
            try journal.record(.published, for: "r2", at: at(2))
            Issue.record("a refused drop was published")
        } catch {
            #expect("\(error)".contains("from refused to published"), "\(error)")
        }
        #expect(try journal.record(.quarantined, for: "r2", at: at(3)) == .recorded)
    }

    @Test func unknownRequestsAreRefused() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let journal = try StateDatabase(stateFolder: folder.path).journal
        #expect(throws: StorageError.self) { try journal.record(.read, for: "nope", at: at(0)) }
    }

    @Test func unfinishedWorkSurvivesReopeningForResume() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        do {
            let journal = try StateDatabase(stateFolder: folder.path).journal
            for (id, dept) in [("r1", "kirjasto"), ("r2", "sivistys"), ("r3", "kirjasto"), ("r4", "sivistys")] {
                try journal.recordClaim(dropID: id, department: dept, originalName: id + ".txt", storedPath: "/w/" + id, at: at(0))
            }
            try journal.record(.querying, for: "r1", at: at(1))
            try journal.record(.resultsWritten, for: "r2", at: at(1), update: .init(resultFiles: ["r2.csv"]))
            try journal.record(.published, for: "r3", at: at(1))
            try journal.record(.archived, for: "r3", at: at(2))
        }
        // As after kill -9: a new process opens the same file.
        let journal = try StateDatabase(stateFolder: folder.path).journal
        let unfinished = try journal.unfinished()
        #expect(unfinished.map(\.dropID) == ["r1", "r2", "r4"])
        #expect(unfinished.map(\.state) == [.querying, .resultsWritten, .claimed])
        #expect(unfinished[1].resultFiles == ["r2.csv"])
        let backlog = try journal.backlog()
        #expect(backlog.map(\.department) == ["kirjasto", "sivistys"])
        #expect(backlog.map(\.unfinished) == [1, 2])
        #expect(backlog.first?.oldestClaimedAt == at(0))
    }

    @Test func transientFailuresCountAttemptsAndComeDueForRetry() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let journal = try StateDatabase(stateFolder: folder.path).journal
        try journal.recordClaim(dropID: "r1", department: "kirjasto", originalName: "a", storedPath: "/w/a", at: at(0))
        try journal.record(.querying, for: "r1", at: at(1))
        try journal.record(.failedTransient, for: "r1", at: at(2), update: .init(error: "HTTP 503", nextAttemptAt: at(60)))
        try journal.record(.querying, for: "r1", at: at(61))
        try journal.record(.failedTransient, for: "r1", at: at(62), update: .init(error: "HTTP 429", nextAttemptAt: at(180)))
        let entry = try #require(try journal.entry("r1"))
        #expect(entry.attempts == 2)
        #expect(entry.error == "HTTP 429")
        #expect(entry.nextAttemptAt == at(180))
        #expect(try journal.backlog().first?.waitingForRetry == 1)

        try journal.recordClaim(dropID: "r2", department: "sivistys", originalName: "b", storedPath: "/w/b", at: at(0))
        try journal.record(.refused, for: "r2", at: at(1), update: .init(error: "unknown purpose"))
        try journal.record(.quarantined, for: "r2", at: at(2))
        let failures = try journal.failureCounts()
        #expect(failures.map(\.department) == ["kirjasto", "sivistys"])
        #expect(failures[0].transientAttempts == 2)
        #expect(failures[1].refused == 1 && failures[1].quarantined == 1)
        #expect(try journal.failureCounts(since: at(50)).map(\.transientAttempts) == [1])
    }

    @Test func interfaceHealthTracksLastSuccessAndFailureRuns() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let journal = try StateDatabase(stateFolder: folder.path).journal
        #expect(try journal.interfaceHealth().lastSuccessAt == nil)
        try journal.recordInterfaceCall(succeeded: true, at: at(1))
        try journal.recordInterfaceCall(succeeded: false, at: at(2), failure: "HTTP 503")
        try journal.recordInterfaceCall(succeeded: false, at: at(3), failure: "timeout")
        var health = try journal.interfaceHealth()
        #expect(health.lastSuccessAt == at(1))
        #expect(health.consecutiveFailures == 2)
        #expect(health.lastFailure == "timeout")
        try journal.recordInterfaceCall(succeeded: true, at: at(4))
        health = try journal.interfaceHealth()
        #expect(health.consecutiveFailures == 0)
        #expect(health.totalFailures == 2)
        #expect(health.lastSuccessAt == at(4))
    }

    @Test func retentionFindsExpiredInputsAndLogsDeletions() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let journal = try StateDatabase(stateFolder: folder.path).journal
        let day = 86_400.0
        for (id, end, when) in [("a-old", DropState.archived, 0.0), ("a-new", .archived, 25 * day),
                                ("q-old", .quarantined, 0.0), ("open", .querying, 0.0)] {
            try journal.recordClaim(dropID: id, department: "kirjasto", originalName: id, storedPath: "/w/" + id, at: at(when))
            if end == .quarantined { try journal.record(.refused, for: id, at: at(when)) }
            if end == .archived { try journal.record(.published, for: id, at: at(when)) }
            try journal.record(end, for: id, at: at(when), update: .init(storedPath: "/kept/" + id))
        }
        let policy = RetentionPolicy(archiveDays: 30, quarantineDays: 60)
        #expect(try journal.dueForDeletion(policy: policy, now: at(30 * day - 1)).isEmpty)
        let due = try journal.dueForDeletion(policy: policy, now: at(30 * day))
        #expect(due.map(\.dropID) == ["a-old"])
        #expect(due.first?.path == "/kept/a-old")
        #expect(due.first?.kind == .archive)
        try journal.recordRetentionDeletion(try #require(due.first), at: at(30 * day))
        #expect(try journal.dueForDeletion(policy: policy, now: at(30 * day)).isEmpty, "deleted inputs are not offered again")
        #expect(try journal.dueForDeletion(policy: policy, now: at(60 * day)).map(\.dropID) == ["q-old", "a-new"])
        let log = try journal.retentionDeletions()
        #expect(log.map(\.path) == ["/kept/a-old"])
        #expect(try journal.entry("a-old")?.inputDeletedAt == at(30 * day))
    }
}

@Suite struct ScheduledRunTests {
    @Test func theLastChangeFetchSurvivesARestartAndDrivesTheMakeUpDecision() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ranAt = try #require(ISO8601DateFormatter().date(from: "2026-03-28T04:00:00Z"))  // 06:00 EET
        do {
            let journal = try StateDatabase(stateFolder: folder.path).journal
            #expect(try journal.lastScheduledRun(Journal.changeFetchRun) == nil)
            try journal.recordScheduledRun(Journal.changeFetchRun, at: ranAt)
        }
        let journal = try StateDatabase(stateFolder: folder.path).journal
        let last = try #require(try journal.lastScheduledRun(Journal.changeFetchRun))
        #expect(last == ranAt)
        // Stopped over the spring-forward night; restarted at 09:00 summer time on 29 March.
        let finland = FinnishTime()
        let schedule = DailySchedule(times: [try #require(LocalTime("06:00"))])
        let now = try #require(ISO8601DateFormatter().date(from: "2026-03-29T06:00:00Z"))
        let decision = schedule.decide(lastRun: Instant(last), now: Instant(now), zone: finland)
        let owed = try #require(ISO8601DateFormatter().date(from: "2026-03-29T03:00:00Z"))  // 06:00 EEST
        #expect(decision == .runNow(scheduledFor: Instant(owed)))
    }
}
