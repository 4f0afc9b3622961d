import Foundation
import Testing
import VTJCore
import VTJDrop

@Suite struct FinnishTimeTests {
    func date(_ iso: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: iso))
    }

    @Test func offsetsAroundThe2026Transitions() throws {
        let finland = FinnishTime()
        #expect(finland.utcOffsetSeconds(at: Instant(try date("2026-03-29T00:59:59Z"))) == 7200)
        #expect(finland.utcOffsetSeconds(at: Instant(try date("2026-03-29T01:00:00Z"))) == 10800)
        #expect(finland.utcOffsetSeconds(at: Instant(try date("2026-10-25T00:59:59Z"))) == 10800)
        #expect(finland.utcOffsetSeconds(at: Instant(try date("2026-10-25T01:00:00Z"))) == 7200)
    }

    @Test func sixOClockChangeFetchesOnTheTransitionDays() throws {
        let finland = FinnishTime()
        let schedule = DailySchedule(times: [try #require(LocalTime("06:00"))])
        let spring = schedule.nextRun(after: Instant(try date("2026-03-28T12:00:00Z")), zone: finland)
        #expect(spring?.date == (try date("2026-03-29T03:00:00Z")))
        let autumn = schedule.nextRun(after: Instant(try date("2026-10-24T12:00:00Z")), zone: finland)
        #expect(autumn?.date == (try date("2026-10-25T04:00:00Z")))
        // The skipped hour (03:xx on 29 March) runs at 04:xx summer time; the doubled one (03:xx on 25 October) once.
        let gap = DailySchedule(times: [try #require(LocalTime("03:15"))])
        #expect(gap.nextRun(after: Instant(try date("2026-03-28T12:00:00Z")), zone: finland)?.date == (try date("2026-03-29T01:15:00Z")))
        let first = try #require(gap.nextRun(after: Instant(try date("2026-10-24T12:00:00Z")), zone: finland))
        #expect(first.date == (try date("2026-10-25T00:15:00Z")))
        #expect(gap.nextRun(after: first, zone: finland)?.date == (try date("2026-10-26T01:15:00Z")))
    }

    @Test func todayInFinlandFollowsFinnishMidnight() throws {
        let finland = FinnishTime()
        let clock = ManualWallClock(try date("2026-06-30T20:59:59Z"))
        #expect(finland.today(clock).description == "2026-06-30")
        clock.advance(seconds: 1)  // 00:00 EEST on 1 July
        #expect(finland.today(clock).description == "2026-07-01")
        clock.set(try date("2026-12-31T21:59:59Z"))
        #expect(finland.today(clock).description == "2026-12-31")
        clock.advance(seconds: 1)  // 00:00 EET on 1 January
        #expect(finland.today(clock).description == "2027-01-01")
    }
}
