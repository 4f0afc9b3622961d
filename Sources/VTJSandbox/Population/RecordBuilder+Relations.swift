import VTJCore

extension RecordBuilder {
    /// A person stub for someone in the population.
    func stub(_ name: String, of index: Int) -> Field {
        guard let s = member(index) else { return .composite(name, []) }
        return .composite(name, [
            .text("henkilotunnus", hetu(index)), .text("etunimet", s.firstNames), .text("sukunimi", s.surname),
            .date("syntymapv", PartialDate(s.birthDate)), .text("sukupuoli", s.sex == .male ? "MIES" : "NAINEN"),
        ])
    }

    /// A stub of someone without a Finnish henkilötunnus (a parent or ex-spouse abroad).
    func foreignStub(_ name: String, subject: Int, male: Bool, born: CivilDate) -> Field {
        let first = hash.pick(male ? FinnishNames.otherMaleFirst : FinnishNames.otherFemaleFirst, subject, 0xD0)
        return .composite(name, [
            .text("etunimet", first), .text("sukunimi", hash.pick(FinnishNames.otherSurnames, subject, 0xD1)),
            .date("syntymapv", PartialDate(born)), .text("sukupuoli", male ? "MIES" : "NAINEN"),
        ])
    }

    func relationRecords(_ s: PersonSketch) -> [Record] {
        let unit = s.unit
        let members = Array(unit.indices)
        var out: [Record] = []
        switch (s.role, unit.unit) {
        case (.partner, .couple(let kids, _, _)), (.singleParent, .singleParent(let kids)):
            let bondValue: HouseholdLayout.Bond? = if case .couple(_, let b, _) = unit.unit { b } else { nil }
            let children = members.suffix(kids)
            for child in children { out.append(parentLink(group: .lapsi, field: "lapsi", other: child, parent: s, bond: bondValue)) }
            for child in children {
                guard let c = member(child), c.birthDate.age(on: today) < 18 else { continue }
                out.append(guardianship(group: .huollettava, field: "huollettava", other: child, child: c, guardian: s))
            }
            if s.role != .singleParent, let bond = bondValue, let partner = members.first(where: { $0 != s.index && $0 < unit.first + 2 }) {
                out += unionRecords(s, partner: partner, bond: bond)
            }
            if s.role == .singleParent, civilStatus(s) == "ERONNUT" {
                out.append(endedMarriage(s, spouse: foreignStub("puoliso", subject: s.index, male: s.sex == .female, born: s.birthDate.adding(days: -400))))
            }
        case (.child, _):
            let parentCount: Int = if case .singleParent = unit.unit { 1 } else { 2 }
            let parents = members.prefix(parentCount)
            let bondValue: HouseholdLayout.Bond? = if case .couple(_, let b, _) = unit.unit { b } else { nil }
            for parent in parents {
                guard let p = member(parent) else { continue }
                out.append(childLink(parent: parent, parentSketch: p, child: s, bond: bondValue))
            }
            if case .singleParent = unit.unit, s.index == 5 || hash.chance(0.5, s.index, 0xD2) {
                out.append(Record(group: .vanhempi, fields: [
                    foreignStub("vanhempi", subject: unit.first, male: true, born: s.birthDate.adding(years: -30)),
                    .text("isaAiti", "ISA"), .text("lapsilaatu", "ISYYS_VAHVISTETTU"), .date("alkupv", PartialDate(s.birthDate)),
                ]))
            }
            if s.birthDate.age(on: today) < 18 {
                for parent in parents {
                    guard let p = member(parent) else { continue }
                    out.append(guardianship(group: .huoltaja, field: "huoltaja", other: parent, child: s, guardian: p))
                }
                if case .singleParent = unit.unit, hash.chance(0.05, s.index, 0xD3) || s.index == 5 {
                    out.append(Record(group: .huostaanotto, fields: [
                        .text("huostaanotettu", "true"), .date("alkupv", PartialDate(today.adding(days: -hash.below(700, s.index, 0xD4)))),
                    ]))
                }
            }
        case (.widow, _), (.deceasedSpouse, _):
            let other = s.role == .widow ? unit.first + 1 : unit.first
            if let spouse = member(other), let union = s.unionDate {
                let ended = (s.deathDate ?? spouse.deathDate) ?? today
                out.append(Record(group: .avioliitto, fields: [
                    stub("puoliso", of: other), .text("voimassaolo", "PASSIIVI"), .date("vihkipv", PartialDate(union)),
                    .text("vihkitapa", "KIRKOLLINEN_VIHKIMINEN"), .text("jarjestysnumero", "1"), .date("loppupv", PartialDate(ended)),
                ]))
            }
        case (.single, _) where s.divorced:
            out.append(endedMarriage(s, spouse: foreignStub("puoliso", subject: s.index, male: s.sex == .female, born: s.birthDate.adding(days: -200))))
        default: break
        }
        out += representation(s)
        return out
    }

    private func parentLink(group: GroupName, field: String, other: Int, parent: PersonSketch, bond: HouseholdLayout.Bond?) -> Record {
        let born = member(other)?.birthDate ?? today
        return Record(group: group, fields: [
            stub(field, of: other), .text("isaAiti", parent.sex == .male ? "ISA" : "AITI"),
            .text("lapsilaatu", bond == nil ? "AITIYS_VAHVISTETTU" : "AVIOLAPSI"), .date("alkupv", PartialDate(born)),
        ])
    }

    private func childLink(parent: Int, parentSketch: PersonSketch, child: PersonSketch, bond: HouseholdLayout.Bond?) -> Record {
        Record(group: .vanhempi, fields: [
            stub("vanhempi", of: parent), .text("isaAiti", parentSketch.sex == .male ? "ISA" : "AITI"),
            .text("lapsilaatu", bond == nil ? "AITIYS_VAHVISTETTU" : "AVIOLAPSI"), .date("alkupv", PartialDate(child.birthDate)),
        ])
    }

    func guardianship(group: GroupName, field: String, other: Int, child: PersonSketch, guardian: PersonSketch) -> Record {
        Record(group: group, fields: [
            stub(field, of: other), .text("huoltajanLaji", "LAKISAATEINEN_HUOLTAJA"),
            .text("huoltajanRooli", guardian.sex == .male ? "ISA" : "AITI"),
            .date("huoltosuhteenAlkupv", PartialDate(child.birthDate)),
            .date("huoltosuhteenLoppupv", PartialDate(child.birthDate.adding(years: 18))),
        ])
    }

    private func unionRecords(_ s: PersonSketch, partner: Int, bond: HouseholdLayout.Bond) -> [Record] {
        let union = s.unionDate ?? today
        switch bond {
        case .registeredPartnership:
            let registered = min(union, CivilDate(year: 2016, month: 6, day: 1) ?? union)
            return [Record(group: .rekisteroityParisuhde, fields: [
                stub("osapuoli", of: partner), .text("voimassaolo", "AKTIIVI"), .date("virallistamispv", PartialDate(registered)),
                .text("virallistamistapa", "REKISTEROINTI"), .text("jarjestysnumero", "1"),
            ])]
        case .marriage, .separated:
            var out = [Record(group: .avioliitto, fields: [
                stub("puoliso", of: partner), .text("voimassaolo", "AKTIIVI"), .date("vihkipv", PartialDate(union)),
                .text("vihkitapa", hash.chance(0.6, s.unit.first, 0xD5) ? "KIRKOLLINEN_VIHKIMINEN" : "SIVIILIVIHKIMINEN"),
                .text("jarjestysnumero", "1"),
            ])]
            if bond == .separated {
                out.append(Record(group: .asumusero, fields: [
                    stub("puoliso", of: partner), .text("voimassaolo", "AKTIIVI"),
                    .date("alkupv", PartialDate(today.adding(days: -(60 + hash.below(300, s.unit.first, 0xD6))))),
                ]))
            }
            return out
        }
    }

    private func endedMarriage(_ s: PersonSketch, spouse: Field) -> Record {
        let married = s.birthDate.adding(years: 24)
        return Record(group: .avioliitto, fields: [
            spouse, .text("voimassaolo", "PASSIIVI"), .date("vihkipv", PartialDate(married)),
            .text("vihkitapa", "SIVIILIVIHKIMINEN"), .text("jarjestysnumero", "1"),
            .date("loppupv", PartialDate(married.adding(years: 3 + hash.below(5, s.index, 0xD7)))),
        ])
    }

    /// Guardianship for adults (edunvalvonta) and continuing powers of attorney for the elderly.
    private func representation(_ s: PersonSketch) -> [Record] {
        guard s.isAlive, s.birthDate.age(on: today) >= 75 || s.index == 16 || s.index == 17 else { return [] }
        var out: [Record] = []
        let adultChildren: [Int] = if case .couple(let kids, _, true) = s.unit.unit, s.role != .child {
            Array(s.unit.indices.suffix(kids))
        } else { [] }
        if s.index == 16 || hash.chance(0.08, s.index, 0xD8) {
            let representative: Field = adultChildren.first.map { stub("edunvalvoja", of: $0) }
                ?? .composite("edunvalvojaOrganisaatio", [.text("ytunnus", "0000001-9"), .text("nimi", "Yleinen edunvalvonta, Testikunta")])
            out.append(Record(group: .edunvalvonta, fields: [
                representative, .text("tehtavienjako", "TALOUDELLISET_ASIAT"), .text("rajoitus", "false"),
                .date("alkupv", PartialDate(today.adding(days: -hash.below(1500, s.index, 0xD9)))),
            ]))
        }
        if let attorney = adultChildren.last, s.index == 17 || hash.chance(0.1, s.index, 0xDA) {
            out.append(Record(group: .edunvalvontavaltuutus, fields: [
                stub("valtuutettu", of: attorney), .date("alkupv", PartialDate(today.adding(days: -hash.below(900, s.index, 0xDB)))),
            ]))
        }
        return out
    }
}
