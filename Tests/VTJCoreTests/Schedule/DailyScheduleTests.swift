import Testing
import VTJCore

@Suite struct DailyScheduleTests {
    let finland = EUSummerTimeRule(standardOffset: 7200)

    func utc(_ iso: String, _ hour: Int, _ minute: Int = 0) throws -> Instant {
        let date = try #require(CivilDate(iso: iso))
        return LocalDateTime(date: date, secondsOfDay: hour * 3600 + minute * 60).instant(utcOffsetSeconds: 0)
    }

    func time(_ text: String) throws -> LocalTime { try #require(LocalTime(text)) }

    @Test func theHandWrittenRuleKnowsThe2026TransitionDays() {
        #expect(EUSummerTimeRule.lastSunday(month: 3, year: 2026).description == "2026-03-29")
        #expect(EUSummerTimeRule.lastSunday(month: 10, year: 2026).description == "2026-10-25")
        #expect(EUSummerTimeRule.lastSunday(month: 3, year: 2027).description == "2027-03-28")
    }

    @Test func localTimeParsing() {
        #expect(LocalTime("06:00")?.description == "06:00")
        #expect(LocalTime("6:05")?.description == "06:05")
        #expect(LocalTime("23:59") != nil)
        for bad in ["24:00", "06:60", "0600", "06:0", "-1:00", "aa:bb", "", "06:00:00", " 06:00"] {
            #expect(LocalTime(bad) == nil, "\(bad)")
        }
    }

    @Test func sixOClockIsFourUTCInWinterAndThreeUTCInSummer() throws {
        let schedule = DailySchedule(times: [try time("06:00")])
        #expect(schedule.nextRun(after: try utc("2026-01-15", 12), zone: finland) == (try utc("2026-01-16", 4)))
        #expect(schedule.nextRun(after: try utc("2026-07-15", 12), zone: finland) == (try utc("2026-07-16", 3)))
        // Just before and exactly at a slot: strictly after.
        #expect(schedule.nextRun(after: try utc("2026-01-16", 3, 59), zone: finland) == (try utc("2026-01-16", 4)))
        #expect(schedule.nextRun(after: try utc("2026-01-16", 4), zone: finland) == (try utc("2026-01-17", 4)))
    }

    @Test func acrossTheSpringForwardNight() throws {
        let six = DailySchedule(times: [try time("06:00")])
        // Saturday 28 March 2026 noon → Sunday 06:00 is already summer time (03:00 UTC).
        #expect(six.nextRun(after: try utc("2026-03-28", 10), zone: finland) == (try utc("2026-03-29", 3)))
        // 03:30 does not exist on 29 March (03:00 → 04:00): it runs at 04:30 summer time, once.
        let halfPastThree = DailySchedule(times: [try time("03:30")])
        let run = try #require(halfPastThree.nextRun(after: try utc("2026-03-28", 12), zone: finland))
        #expect(run == (try utc("2026-03-29", 1, 30)))
        #expect(finland.localDateTime(at: run).description == "2026-03-29T04:30:00")
        #expect(halfPastThree.nextRun(after: run, zone: finland) == (try utc("2026-03-30", 0, 30)))
    }

    @Test func acrossTheFallBackNight() throws {
        let six = DailySchedule(times: [try time("06:00")])
        #expect(six.nextRun(after: try utc("2026-10-24", 10), zone: finland) == (try utc("2026-10-25", 4)))
        // 03:30 occurs twice on 25 October (04:00 → 03:00): only the first occurrence runs.
        let halfPastThree = DailySchedule(times: [try time("03:30")])
        let first = try #require(halfPastThree.nextRun(after: try utc("2026-10-24", 12), zone: finland))
        #expect(first == (try utc("2026-10-25", 0, 30)))
        let second = try #require(halfPastThree.nextRun(after: first, zone: finland))
        #expect(second == (try utc("2026-10-26", 1, 30)))
    }

    @Test func severalTimesADayInOrder() throws {
        let schedule = DailySchedule(times: [try time("18:00"), try time("06:00"), try time("18:00")])
        #expect(schedule.times.map(\.description) == ["06:00", "18:00"])
        var instant = try utc("2026-06-01", 0)
        var seen: [String] = []
        for _ in 0..<4 {
            instant = try #require(schedule.nextRun(after: instant, zone: finland))
            seen.append(finland.localDateTime(at: instant).description)
        }
        #expect(seen == ["2026-06-01T06:00:00", "2026-06-01T18:00:00", "2026-06-02T06:00:00", "2026-06-02T18:00:00"])
    }

    @Test func decideMakesUpOneMissedRunAndOtherwiseWaits() throws {
        let schedule = DailySchedule(times: [try time("06:00")])
        let lastRun = try utc("2026-02-01", 4)  // 06:00 Finnish winter time
        // Down for three days; at start one run is owed (the first missed slot).
        let now = try utc("2026-02-04", 9)
        #expect(schedule.decide(lastRun: lastRun, now: now, zone: finland) == .runNow(scheduledFor: try utc("2026-02-02", 4)))
        // After running now, the next call waits for tomorrow.
        #expect(schedule.decide(lastRun: now, now: now, zone: finland) == .waitUntil(try utc("2026-02-05", 4)))
        // Never run before: wait for the next slot.
        #expect(schedule.decide(lastRun: nil, now: now, zone: finland) == .waitUntil(try utc("2026-02-05", 4)))
        #expect(DailySchedule(times: []).decide(lastRun: lastRun, now: now, zone: finland) == .onDemandOnly)
    }

    @Test func fixedOffsetRoundTrips() throws {
        let zone = FixedUTCOffset(seconds: -5 * 3600)
        let instant = try utc("2026-01-01", 2)
        let local = zone.localDateTime(at: instant)
        #expect(local.description == "2025-12-31T21:00:00")
        #expect(zone.instant(for: local) == instant)
        #expect(instant.description == "2026-01-01T02:00:00Z")
    }
}
