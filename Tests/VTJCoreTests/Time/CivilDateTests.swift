import Testing
import VTJCore

@Suite struct CivilDateTests {
    func date(_ text: String) throws -> CivilDate { try #require(CivilDate(iso: text)) }

    @Test func turningEighteenTodayCountsAsEighteen() throws {
        let birth = try date("2008-11-26")
        #expect(birth.age(on: try date("2026-11-25")) == 17)
        #expect(birth.age(on: try date("2026-11-26")) == 18)
    }

    @Test func bornOnLeapDayReachesAgeOnTheLastDayOfFebruary() throws {
        let birth = try date("2008-02-29")
        #expect(birth.age(on: try date("2026-02-27")) == 17)
        #expect(birth.age(on: try date("2026-02-28")) == 18)  // Act 150/1930: month's last day
        #expect(birth.age(on: try date("2028-02-28")) == 19)
        #expect(birth.age(on: try date("2028-02-29")) == 20)
        #expect(birth.adding(years: 18).description == "2026-02-28")
    }

    @Test func calendarValidity() {
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1800, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CivilDate(iso: "2026-1-01") == nil)
        #expect(CivilDate(iso: "2026-01-01x") == nil)
    }

    @Test func epochDayArithmeticRoundTrips() throws {
        #expect(try date("1970-01-01").daysSinceEpoch == 0)
        #expect(try date("2000-03-01").daysSinceEpoch == 11_017)
        var day = try date("1799-12-25")
        for _ in 0..<100_000 {
            let next = day.adding(days: 1)
            #expect(next > day)
            #expect(next.daysSinceEpoch == day.daysSinceEpoch + 1)
            day = next
        }
        #expect(day.description == "2073-10-09")
    }
}
