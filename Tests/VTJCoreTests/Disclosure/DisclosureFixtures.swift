@testable import VTJCore
import VTJTestSupport

/// Builders for persons and records in disclosure, rendering and receipt tests (test hetus only: 900–999).
enum DisclosureFixtures {
    /// The processing day of most tests.
    static let today = CivilDate(year: 2026, month: 11, day: 26)!

    /// A valid test henkilötunnus for a birth date (individual number 900–999).
    static func hetu(_ date: CivilDate, number: Int = 903) -> String {
        TestHetu.born(date, number: number, sign: date.year / 100 == 19 ? "Y" : nil)
    }

    static func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    static func stub(hetu: String?, first: String, last: String, born: String? = nil) -> [Field] {
        var fields: [Field] = []
        if let hetu { fields.append(.text("henkilotunnus", hetu)) }
        fields += [.text("etunimet", first), .text("sukunimi", last)]
        if let born { fields.append(.date("syntymapv", PartialDate(text: born, precision: .day))) }
        return fields
    }

    static func name(_ first: String, _ last: String) -> Record {
        Record(group: .henkilonNimi, fields: [.text("etunimi", first), .text("sukunimi", last)])
    }

    static func kotikunta(_ code: String) -> Record {
        Record(group: .kotikunta, fields: [.text("kuntakoodi", code), .date("kuntaanMuuttopv", PartialDate(text: "2020-01-31", precision: .day))])
    }

    static func address(street: String, number: String, postcode: String, town: String) -> Record {
        Record(group: .vakinainenKotimainenOsoite, fields: [
            .bilingual("katunimi", fi: street, sv: street + "vägen"), .text("katunumero", number),
            .text("postinumero", postcode), .bilingual("postitoimipaikka", fi: town, sv: town + "fors"),
            .text("kuntakoodi", "091"),
        ])
    }

    static func turvakielto(active: Bool, ends: String? = nil, change: ChangeAttribute? = nil) -> Record {
        var fields: [Field] = [.text("turvakieltoAktiivinen", active ? "true" : "false")]
        if let ends { fields.append(.date("turvaLoppuPv", PartialDate(text: ends, precision: .day))) }
        return Record(group: .turvakielto, change: change, fields: fields)
    }

    static func guardian(hetu: String, first: String, last: String) -> Record {
        Record(group: .huoltaja, fields: [
            .composite("huoltaja", stub(hetu: hetu, first: first, last: last)),
            .text("huoltajanLaji", "LAKISAATEINEN"), .text("huoltajanRooli", "AITI"),
        ])
    }

    static func dependant(hetu: String?, born: String?, first: String = "Lapsi") -> Record {
        Record(group: .huollettava, fields: [
            .composite("huollettava", stub(hetu: hetu, first: first, last: "Testinen", born: born)),
            .text("huoltajanLaji", "LAKISAATEINEN"),
        ])
    }

    static func religion(_ value: String = "EV_LUT") -> Record {
        Record(group: .uskontokuntalaji, fields: [.text("uskontokuntalaji", value)])
    }

    static func marriage(spouse: String, active: Bool, ends: String? = nil) -> Record {
        var fields: [Field] = [
            .composite("puoliso", stub(hetu: spouse, first: "Puoli", last: "Soinen")),
            .text("voimassaolo", active ? "AKTIIVI" : "PASSIIVI"),
            .date("vihkipv", PartialDate(text: "2010-06-12", precision: .day)),
        ]
        if let ends { fields.append(.date("loppupv", PartialDate(text: ends, precision: .day))) }
        return Record(group: .avioliitto, fields: fields)
    }

    /// Every product group granted (rules decide, not the profile).
    static func rules(purpose: Purpose = .perusopetus, today: CivilDate = today,
                      groups: [GroupName] = GroupName.productGroupsInOrder) -> DisclosureRules {
        DisclosureRules(groups: groups, purpose: purpose, today: today)
    }
}
