import VTJCore

/// Writes the records of one generated person, group by group in the product's order.
struct RecordBuilder: Sendable {
    let planner: HouseholdPlanner
    let identities: IdentityTable

    /// The members of the unit being written, so relations need not be planned again.
    var family: [PersonSketch] = []

    var hash: SeededHash { planner.hash }

    func member(_ index: Int) -> PersonSketch? {
        if let first = family.first, index >= first.index, index - first.index < family.count { return family[index - first.index] }
        return planner.sketch(index)
    }
    var today: CivilDate { planner.referenceDate }

    func hetu(_ index: Int) -> String { identities.hetus[index] }

    /// The records of the person at `sketch.index` as the register holds them on the reference date.
    func records(for sketch: PersonSketch) -> [Record] {
        guard family.isEmpty else { return write(sketch) }
        var withFamily = self
        withFamily.family = planner.sketches(of: sketch.unit)
        return withFamily.write(sketch)
    }

    private func write(_ sketch: PersonSketch) -> [Record] {
        var out: [Record] = []
        out += identityRecords(sketch)
        out += residenceRecords(sketch)
        out += relationRecords(sketch)
        out += otherRecords(sketch)
        return out
    }

    private func identityRecords(_ s: PersonSketch) -> [Record] {
        let i = s.index
        var out: [Record] = []
        if s.hetuCorrected, let old = identities.previousHetus[i] {
            out.append(Record(group: .henkilotunnusKorjaus, fields: [
                .text("voimassaolo", "AKTIIVI"),
                .text("muutettuHenkilotunnus", old),
                .text("aktiivinenHenkilotunnus", hetu(i)),
                .composite("edellisetHenkilotunnukset", [.text("henkilotunnus", old)]),
            ]))
        }
        out.append(Record(group: .syntymapaiva, fields: [.date("syntymapv", PartialDate(s.birthDate))]))
        out.append(languageRecord(s))
        out.append(Record(group: .sukupuoli, fields: [.text("sukupuoli", s.sex == .male ? "MIES" : "NAINEN")]))
        out.append(Record(group: .henkilonNimi, fields: [
            .text("etunimi", s.firstNames), .text("sukunimi", s.surname),
            .text("etunimiUTF8", s.firstNames), .text("sukunimiUTF8", s.surname),
            .date("alkupv", PartialDate(s.previousSurname != nil ? (s.unionDate ?? s.birthDate) : s.birthDate)),
        ]))
        if let previous = s.previousSurname {
            let until = s.unionDate ?? s.birthDate
            out.append(Record(group: .nimenmuutos, fields: [
                .text("nimilaji", "EDELLINEN_SUKUNIMI"), .text("nimi", previous), .text("nimiUTF8", previous),
                .date("alkupv", PartialDate(s.birthDate)), .date("loppupv", PartialDate(until)),
            ]))
            out.append(Record(group: .nimenmuutos, fields: [
                .text("nimilaji", "VIIMEKSI_NAIMATTOMANA_OLLESSA_OLLUT_SUKUNIMI"), .text("nimi", previous),
                .text("nimiUTF8", previous), .date("alkupv", PartialDate(until)),
            ]))
        }
        if s.firstNames.contains(" "), hash.chance(0.3, i, 0xB0), let calling = s.firstNames.split(separator: " ").last {
            out.append(Record(group: .nimenmuutos, fields: [
                .text("nimilaji", "NYKYINEN_KUTSUMANIMI"), .text("nimi", String(calling)), .text("nimiUTF8", String(calling)),
                .date("alkupv", PartialDate(s.birthDate.adding(years: min(10, max(0, s.birthDate.age(on: today)))))),
            ]))
        }
        out.append(citizenshipRecord(s))
        if let from = s.immigrantFrom {
            let country = Municipalities.countries[from]
            out.append(Record(group: .ulkomainenSyntymapaikka, fields: [
                .text("valtiokoodi", country.code), .text("ulkomainenSyntymapaikka", country.place),
            ]))
        } else {
            let birthplace = hash.chance(0.7, i, 0xB1) ? s.municipality : hash.pick(Municipalities.all, i, 0xB2).code
            out.append(Record(group: .syntymakotikunta, fields: [.text("kuntakoodi", birthplace)]))
        }
        out.append(Record(group: .siviilisaaty, fields: [.text("siviilisaaty", civilStatus(s))]))
        if let death = s.deathDate {
            if s.deathDeclared {
                out.append(Record(group: .kuolleeksijulistamispaiva, fields: [
                    .text("kuollut", "true"), .date("kuolleeksijulistamispv", PartialDate(death)),
                ]))
            } else {
                out.append(Record(group: .kuolinpaiva, fields: [.text("kuollut", "true"), .date("kuolinpv", PartialDate(death))]))
            }
        }
        if s.turvakielto {
            out.append(Record(group: .turvakielto, fields: [
                .text("turvakieltoAktiivinen", "true"),
                .date("turvaLoppuPv", PartialDate(today.adding(days: 365 + hash.below(4 * 365, i, 0xB3)))),
            ]))
        }
        return out
    }

    private func languageRecord(_ s: PersonSketch) -> Record {
        var fields: [Field]
        switch s.language {
        case .finnish: fields = [.text("kielikoodi", "fi"), .text("kielikoodiISO6392", "fin")]
        case .swedish: fields = [.text("kielikoodi", "sv"), .text("kielikoodiISO6392", "swe")]
        case .other(let k):
            let language = Municipalities.otherLanguages[k]
            fields = [.text("kielikoodi", language.code), .text("kielikoodiISO6392", language.iso)]
            if let name = language.name { fields.append(.text("nimi", name)) }
        }
        fields.append(.date("alkupv", PartialDate(s.birthDate)))
        return Record(group: .aidinkieli, fields: fields)
    }

    private func citizenshipRecord(_ s: PersonSketch) -> Record {
        func citizenship(_ code: String, since: CivilDate) -> Field {
            .composite("kansalaisuus", [
                .text("kansalaisuuskoodi", code), .text("voimassaolo", "AKTIIVI"), .date("saamispv", PartialDate(since)),
            ])
        }
        var list: [Field] = []
        if let from = s.immigrantFrom {
            list.append(citizenship(Municipalities.countries[from].code, since: s.birthDate))
            if hash.chance(0.6, s.index, 0xB4) { list.append(citizenship("246", since: s.movedInDate.adding(years: -1))) }
        } else {
            list.append(citizenship("246", since: s.birthDate))
            if s.language == .swedish, hash.chance(0.2, s.index, 0xB5) { list.append(citizenship("752", since: s.birthDate)) }
        }
        return Record(group: .kansalaisuus, fields: [.composite("henkilonKansalaisuudet", list)])
    }

    func civilStatus(_ s: PersonSketch) -> String {
        switch (s.role, s.unit.unit) {
        case (.partner, .couple(_, .marriage, _)): "AVIOLIITOSSA"
        case (.partner, .couple(_, .separated, _)): "ASUMUSEROSSA"
        case (.partner, .couple(_, .registeredPartnership, _)): "REKISTEROIDYSSA_PARISUHTEESSA"
        case (.widow, _): "LESKI"
        case (.deceasedSpouse, _): "AVIOLIITOSSA"
        case (.singleParent, _): hash.chance(0.5, s.index, 0xB6) ? "ERONNUT" : "NAIMATON"
        default: s.divorced ? "ERONNUT" : "NAIMATON"
        }
    }

    private func otherRecords(_ s: PersonSketch) -> [Record] {
        var out: [Record] = []
        let age = s.birthDate.age(on: s.deathDate ?? today)
        if age >= 18, s.role != .historical {
            let job = age >= 65 ? Municipalities.occupations[9] : hash.pick(Array(Municipalities.occupations.prefix(9)), s.index, 0xB7)
            out.append(Record(group: .ammatti, fields: [.text("ammattikoodi", job.code), .text("ammattinimi", job.name)]))
        }
        out.append(Record(group: .uskontokuntalaji, fields: [
            .text("uskontokuntalaji", hash.pick(Municipalities.religions, s.unit.first, 0xB8)),
        ]))
        return out
    }
}
