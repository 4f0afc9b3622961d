import Testing
@testable import VTJCore

@Suite struct DisclosureRulesTests {
    typealias F = DisclosureFixtures

    /// One table row: a person's birth date, processing day, purpose, records in, groups expected out.
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let born: String
        let today: String
        let purpose: Purpose
        let records: [Record]
        let delivered: [GroupName]
        let withheld: [WithholdingRule: Int]
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "guardian of a child is delivered", born: "2016-05-01", today: "2026-11-26", purpose: .perusopetus,
             records: [F.name("Aino", "Testinen"), F.guardian(hetu: "020594X903P", first: "Maija", last: "Testinen")],
             delivered: [.henkilonNimi, .huoltaja], withheld: [:]),
        Case(label: "turning 18 today: guardian withheld", born: "2008-11-26", today: "2026-11-26", purpose: .perusopetus,
             records: [F.guardian(hetu: "020594X903P", first: "Maija", last: "Testinen")],
             delivered: [], withheld: [.guardianOfAdult: 1]),
        Case(label: "one day before 18: guardian delivered", born: "2008-11-27", today: "2026-11-26", purpose: .perusopetus,
             records: [F.guardian(hetu: "020594X903P", first: "Maija", last: "Testinen")],
             delivered: [.huoltaja], withheld: [:]),
        Case(label: "born 29 Feb, 28 Feb of a common year is the 18th birthday", born: "2008-02-29", today: "2026-02-28",
             purpose: .perusopetus, records: [F.guardian(hetu: "020594X903P", first: "M", last: "T"), F.religion()],
             delivered: [], withheld: [.guardianOfAdult: 1, .religionNotMinor: 1]),
        Case(label: "born 29 Feb, still 17 on 27 Feb", born: "2008-02-29", today: "2026-02-27",
             purpose: .perusopetus, records: [F.guardian(hetu: "020594X903P", first: "M", last: "T"), F.religion()],
             delivered: [.huoltaja, .uskontokuntalaji], withheld: [:]),
        Case(label: "religion of a minor, purpose perusopetus: delivered", born: "2016-05-01", today: "2026-11-26",
             purpose: .perusopetus, records: [F.religion()], delivered: [.uskontokuntalaji], withheld: [:]),
        Case(label: "religion of a minor, purpose lukiokoulutus: delivered", born: "2010-05-01", today: "2026-11-26",
             purpose: .lukiokoulutus, records: [F.religion()], delivered: [.uskontokuntalaji], withheld: [:]),
        Case(label: "religion of a minor, purpose kirjasto: withheld", born: "2016-05-01", today: "2026-11-26",
             purpose: .kirjasto, records: [F.religion()], delivered: [], withheld: [.religionPurpose: 1]),
        Case(label: "religion of an adult, purpose perusopetus: withheld", born: "1994-05-01", today: "2026-11-26",
             purpose: .perusopetus, records: [F.religion()], delivered: [], withheld: [.religionNotMinor: 1]),
        Case(label: "dependant under 18 delivered, dependant turning 18 today withheld, unknown age withheld",
             born: "1994-05-01", today: "2026-11-26", purpose: .perusopetus,
             records: [F.dependant(hetu: nil, born: "2008-11-27"), F.dependant(hetu: nil, born: "2008-11-26"),
                       F.dependant(hetu: nil, born: nil)],
             delivered: [.huollettava], withheld: [.dependantAdult: 1, .dependantAgeUnknown: 1]),
        Case(label: "dependant's age from the stub's hetu", born: "1994-05-01", today: "2026-11-26", purpose: .perusopetus,
             records: [F.dependant(hetu: "010516B903X", born: nil), F.dependant(hetu: "010501E9032", born: nil)],
             delivered: [.huollettava], withheld: [.dependantAdult: 1]),
        Case(label: "parents and children always", born: "1994-05-01", today: "2026-11-26", purpose: .kirjasto,
             records: [Record(group: .vanhempi, fields: [.composite("vanhempi", F.stub(hetu: "020275-9862", first: "A", last: "B"))]),
                       Record(group: .lapsi, fields: [.composite("lapsi", F.stub(hetu: "010501E9032", first: "C", last: "B"))])],
             delivered: [.vanhempi, .lapsi], withheld: [:]),
        Case(label: "ended marriage withheld, current delivered", born: "1970-01-01", today: "2026-11-26", purpose: .kirjasto,
             records: [F.marriage(spouse: "020275-9862", active: false, ends: "2015-03-01"),
                       F.marriage(spouse: "020594X903P", active: true)],
             delivered: [.avioliitto], withheld: [.endedRelationship: 1]),
        Case(label: "active marriage whose loppupv has passed is ended", born: "1970-01-01", today: "2026-11-26",
             purpose: .kirjasto, records: [F.marriage(spouse: "020275-9862", active: true, ends: "2026-11-25")],
             delivered: [], withheld: [.endedRelationship: 1]),
        Case(label: "marriage ending today is still current", born: "1970-01-01", today: "2026-11-26",
             purpose: .kirjasto, records: [F.marriage(spouse: "020275-9862", active: true, ends: "2026-11-26")],
             delivered: [.avioliitto], withheld: [:]),
        Case(label: "ended registered partnership and judicial separation withheld", born: "1970-01-01",
             today: "2026-11-26", purpose: .kirjasto,
             records: [Record(group: .rekisteroityParisuhde, fields: [.text("voimassaolo", "PASSIIVI")]),
                       Record(group: .asumusero, fields: [.text("voimassaolo", "AKTIIVI"),
                                                         .date("loppupv", PartialDate(text: "2020-01-01", precision: .day))])],
             delivered: [], withheld: [.endedRelationship: 2]),
        Case(label: "unknown group from the interface dropped and counted", born: "1994-05-01", today: "2026-11-26",
             purpose: .kirjasto, records: [Record(group: "UUSI_RYHMA", fields: [.text("x", "y")]), F.kotikunta("091")],
             delivered: [.kotikunta], withheld: [.notProductGroup: 1]),
        Case(label: "censoring placeholder of a non-address group is never data", born: "1994-05-01",
             today: "2026-11-26", purpose: .kirjasto,
             records: [Record(group: .ammatti, censoredFields: ["ammattinimi"])],
             delivered: [], withheld: [.censoringPlaceholder: 1]),
    ]

    @Test(arguments: cases)
    func rule(_ row: Case) throws {
        let birth = F.date(row.born)
        let person = Person(hetu: F.hetu(birth), records: row.records)
        let rules = DisclosureRules(groups: GroupName.productGroupsInOrder, purpose: row.purpose, today: F.date(row.today))
        let result = rules.disclose(person)
        #expect(result.records.map(\.group) == row.delivered)
        #expect(result.tally.records == row.withheld)
        // Each withheld group is marked once (first rule wins); narrowing rules are only counted.
        let markedGroups = Set(row.records.filter { record in !result.records.contains(record) }.map(\.group))
        for group in markedGroups where group.isProductGroup && !row.records.contains(where: { $0.group == group && $0.isCensoredPlaceholder }) {
            #expect(result.withheld.contains { $0.group == group }, "withheld marker for \(group)")
        }
    }

    @Test func groupsOutsideTheRequestAreNotDelivered() {
        let rules = F.rules(purpose: .kirjasto, groups: [.henkilonNimi])
        let person = Person(hetu: "010594Y9032", records: [F.name("Aino", "Testinen"), F.kotikunta("091"),
                                                           F.turvakielto(active: false)])
        let result = rules.disclose(person)
        #expect(result.records.map(\.group) == [.henkilonNimi])
        #expect(result.tally[.notGranted] == 2)
        #expect(result.withheld.isEmpty, "narrowing is counted, not marked per person")
        #expect(rules.interfaceGroups == [.henkilonNimi, .turvakielto])
    }

    @Test func unknownFieldsAndStubExtrasAreDropped() throws {
        let guardianStub = F.stub(hetu: "020594X903P", first: "Maija", last: "Testinen")
            + [.bilingual("katunimi", fi: "Piilokatu", sv: nil), .text("postinumero", "00999")]
        let person = Person(hetu: "010516B903X", records: [
            Record(group: .huoltaja, fields: [.composite("huoltaja", guardianStub), .text("huoltajanLaji", "L")]),
            Record(group: .kotikunta, fields: [.text("kuntakoodi", "091"), .text("katunimi", "Piilokatu")]),
        ])
        let result = F.rules().disclose(person)
        #expect(result.tally.droppedFields == 3)
        let stub = try #require(result.records.first?.stub("huoltaja"))
        #expect(stub.fields.map(\.name) == ["henkilotunnus", "etunimet", "sukunimi"])
        #expect(result.records.last?.fields.map(\.name) == ["kuntakoodi"])
    }

    @Test func personWithoutReadableAgeGetsNoGuardianOrReligion() {
        let person = Person(hetu: "not-a-hetu", records: [F.guardian(hetu: "020594X903P", first: "M", last: "T"), F.religion()])
        let result = F.rules().disclose(person)
        #expect(result.records.isEmpty)
        #expect(result.tally[.guardianOfAdult] == 1)
        #expect(result.tally[.religionNotMinor] == 1)
    }

    @Test func ageFallsBackToSyntymapaiva() {
        let person = Person(hetu: "not-a-hetu", records: [
            Record(group: .syntymapaiva, fields: [.date("syntymapv", PartialDate(text: "2016-05-01", precision: .day))]),
            F.guardian(hetu: "020594X903P", first: "M", last: "T"),
        ])
        #expect(F.rules().disclose(person).records.map(\.group) == [.syntymapaiva, .huoltaja])
    }
}
