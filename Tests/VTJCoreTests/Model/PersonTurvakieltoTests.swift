import Testing
import VTJCore

/// `Person.isUnderTurvakielto` fails closed: only an explicit end releases a person.
@Suite struct PersonTurvakieltoTests {
    static let today = CivilDate(year: 2026, month: 11, day: 26)!

    static func person(_ fields: [Field], censored: [String]? = nil) -> Person {
        Person(hetu: "010594Y9032", records: [Record(group: .turvakielto, fields: fields, censoredFields: censored)])
    }

    @Test func explicitFalseOrPastEndReleases() {
        #expect(!Self.person([.text("turvakieltoAktiivinen", "false")]).isUnderTurvakielto(on: Self.today))
        #expect(!Self.person([.text("turvakieltoAktiivinen", "true"),
                              .date("turvaLoppuPv", PartialDate(text: "2026-11-25", precision: .day))]).isUnderTurvakielto(on: Self.today))
        #expect(!Person(hetu: "010594Y9032").isUnderTurvakielto(on: Self.today))
    }

    @Test func anythingUnclearCountsAsProtected() {
        #expect(Self.person([.text("turvakieltoAktiivinen", "true")]).isUnderTurvakielto(on: Self.today))
        #expect(Self.person([]).isUnderTurvakielto(on: Self.today))
        #expect(Self.person([], censored: ["turvakieltoAktiivinen"]).isUnderTurvakielto(on: Self.today))
        #expect(Self.person([.text("turvakieltoAktiivinen", "kyllä")]).isUnderTurvakielto(on: Self.today))
        #expect(Self.person([.text("turvakieltoAktiivinen", "true"),
                             .date("turvaLoppuPv", PartialDate(text: "2026-11-26", precision: .day))]).isUnderTurvakielto(on: Self.today))
        #expect(Self.person([.text("turvakieltoAktiivinen", "true"), .text("turvaLoppuPv", "pian")]).isUnderTurvakielto(on: Self.today))
    }
}
