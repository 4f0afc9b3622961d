import Testing
import VTJCore

@Suite struct POSIXZoneRuleTests {
    func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Instant {
        LocalDateTime(date: CivilDate(year: year, month: month, day: day)!, secondsOfDay: hour * 3600 + minute * 60 + second)
            .instant(utcOffsetSeconds: 0)
    }

    @Test func finlandsBuiltInRuleChangesAt0100UTCOnTheLastSundays() {
        let rule = POSIXZoneRule.finland
        #expect(rule.standardOffset == 7200)
        #expect(rule.utcOffsetSeconds(at: instant(2026, 3, 29, 0, 59, 59)) == 7200)
        #expect(rule.utcOffsetSeconds(at: instant(2026, 3, 29, 1)) == 10800)
        #expect(rule.utcOffsetSeconds(at: instant(2026, 10, 25, 0, 59, 59)) == 10800)
        #expect(rule.utcOffsetSeconds(at: instant(2026, 10, 25, 1)) == 7200)
        // 2027: 28 March and 31 October (a month ending on a Sunday takes its last day).
        #expect(rule.utcOffsetSeconds(at: instant(2027, 3, 28, 1)) == 10800)
        #expect(rule.utcOffsetSeconds(at: instant(2027, 10, 31, 0, 59, 59)) == 10800)
        #expect(rule.utcOffsetSeconds(at: instant(2027, 10, 31, 1)) == 7200)
    }

    /// The rule against directive 2000/84/EC written out by hand, every 20 minutes of 2020–2045 and
    /// every second of the hour around each change.
    @Test func finlandsRuleAgreesWithTheDirectiveWrittenOutByHand() {
        let rule = POSIXZoneRule.finland
        let directive = EUSummerTimeRule(standardOffset: 7200)
        var mismatches: [Instant] = []
        var t = instant(2020, 1, 1, 0)
        let end = instant(2046, 1, 1, 0)
        while t < end {
            if rule.utcOffsetSeconds(at: t) != directive.utcOffsetSeconds(at: t) { mismatches.append(t) }
            t = t.adding(seconds: 1200)
        }
        for year in 2020...2045 {
            for month in [3, 10] {
                let change = LocalDateTime(date: EUSummerTimeRule.lastSunday(month: month, year: year), secondsOfDay: 3600)
                    .instant(utcOffsetSeconds: 0)
                for second in -1800...1800 {
                    let s = change.adding(seconds: Int64(second))
                    if rule.utcOffsetSeconds(at: s) != directive.utcOffsetSeconds(at: s) { mismatches.append(s) }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func southernHemisphereSummerSpansTheNewYear() throws {
        // Sydney: AEDT from the first Sunday of October 02:00 AEST to the first Sunday of April 03:00 AEDT.
        let sydney = try #require(POSIXZoneRule("AEST-10AEDT,M10.1.0,M4.1.0/3"))
        #expect(sydney.utcOffsetSeconds(at: instant(2026, 1, 15, 0)) == 39600)
        #expect(sydney.utcOffsetSeconds(at: instant(2026, 4, 4, 15, 59, 59)) == 39600)
        #expect(sydney.utcOffsetSeconds(at: instant(2026, 4, 4, 16)) == 36000)
        #expect(sydney.utcOffsetSeconds(at: instant(2026, 10, 3, 15, 59, 59)) == 36000)
        #expect(sydney.utcOffsetSeconds(at: instant(2026, 10, 3, 16)) == 39600)
    }

    @Test func readsTheOtherShapesTZifFootersUse() throws {
        #expect(try #require(POSIXZoneRule("UTC0")).utcOffsetSeconds(at: instant(2026, 7, 1, 0)) == 0)
        let moscow = try #require(POSIXZoneRule("MSK-3"))
        #expect(moscow.daylight == nil && moscow.standardOffset == 10800)
        #expect(try #require(POSIXZoneRule("<+0530>-5:30")).standardOffset == 19800)
        // New York, negative standard offset and the default 02:00 change time.
        let newYork = try #require(POSIXZoneRule("EST5EDT,M3.2.0,M11.1.0"))
        #expect(newYork.utcOffsetSeconds(at: instant(2026, 3, 8, 6, 59, 59)) == -18000)
        #expect(newYork.utcOffsetSeconds(at: instant(2026, 3, 8, 7)) == -14400)
        #expect(newYork.utcOffsetSeconds(at: instant(2026, 11, 1, 5, 59, 59)) == -14400)
        #expect(newYork.utcOffsetSeconds(at: instant(2026, 11, 1, 6)) == -18000)
        // A name without rules takes the US rules, as glibc does.
        #expect(try #require(POSIXZoneRule("EST5EDT")) == newYork)
        // Julian days: Jn never counts 29 February (J60 is 1 March every year); n does (59 is 29 February
        // in a leap year, 1 March otherwise).
        let julian = try #require(POSIXZoneRule("AAA-1BBB,J60/0,J300/0"))
        #expect(julian.utcOffsetSeconds(at: instant(2028, 2, 29, 12)) == 3600)
        #expect(julian.utcOffsetSeconds(at: instant(2028, 2, 29, 23)) == 7200)
        let zeroBased = try #require(POSIXZoneRule("AAA-1BBB,59/0,J300/0"))
        #expect(zeroBased.utcOffsetSeconds(at: instant(2028, 2, 29, 12)) == 7200)
        #expect(zeroBased.utcOffsetSeconds(at: instant(2027, 2, 28, 12)) == 3600)
        #expect(zeroBased.utcOffsetSeconds(at: instant(2027, 3, 1, 12)) == 7200)
        // Times beyond a day (RFC 8536), as in America/Godthab's footer.
        let nuuk = try #require(POSIXZoneRule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0"))
        #expect(nuuk.utcOffsetSeconds(at: instant(2026, 3, 29, 0, 59, 59)) == -7200)
        #expect(nuuk.utcOffsetSeconds(at: instant(2026, 3, 29, 1)) == -3600)
    }

    @Test func refusesWhatIsNotATZString() {
        for text in ["", "EET", "E-2", "EET-2EEST,M3.5.0/3", "EET-2EEST,M13.5.0,M10.5.0", "EET-2EEST,M3.6.0,M10.5.0",
                     "EET-2EEST,M3.5.7,M10.5.0", "EET-2EEST,J0,J10", "EET-2 junk", "<+03-3", "EET-99"] {
            #expect(POSIXZoneRule(text) == nil, "\(text)")
        }
    }
}
