import VTJCore

extension RecordBuilder {
    /// Whose address a person shares: separated partners and singles live on their own.
    func addressSubject(_ s: PersonSketch) -> Int {
        switch (s.role, s.unit.unit) {
        case (.partner(first: false), .couple(_, .separated, _)), (.single, _): s.index
        default: s.unit.first
        }
    }

    /// The permanent domestic address a person has on the reference date.
    func address(_ s: PersonSketch) -> SandboxAddress {
        let subject = addressSubject(s)
        let since = subject == s.index ? s.movedInDate : max(s.birthDate, sketchMovedIn(s))
        return SandboxAddress(municipalityCode: s.municipality, subject: subject, hash: hash, purpose: 0xC0, since: since,
                              protected: s.turvakielto)
    }

    private func sketchMovedIn(_ s: PersonSketch) -> CivilDate {
        member(s.unit.first)?.movedInDate ?? s.movedInDate
    }

    func residenceRecords(_ s: PersonSketch) -> [Record] {
        guard s.role != .historical else { return [] }
        var out: [Record] = []
        let i = s.index
        let age = s.birthDate.age(on: today)
        if let country = s.abroadCountry {
            let left = s.movedInDate
            out.append(Record(group: .vakinainenUlkomaillaAsuminen, fields: [
                .text("valtiokoodi", country), .text("asuinpaikantunnus", "9" + String(100_000_000_000 + i) + "   "),
                .date("alkupv", PartialDate(left)),
            ]))
            out.append(Record(group: .edellinenKotikunta, fields: [
                .text("kuntakoodi", s.municipality), .date("kuntaanMuuttopv", PartialDate(s.birthDate)),
                .date("kunnastaPoisMuuttopv", PartialDate(left)),
            ]))
            out.append(Record(group: .poissaolo, fields: [
                .text("poissaolo", country == "752" ? "KOTIPAIKKA_POHJOISMAISSA" : "KOTIPAIKKA_MUUALLA_KUIN_POHJOISMAISSA"),
                .date("siirtopv", PartialDate(left)),
            ]))
            out.append(Record(group: .valtioJohonMuuttanut, fields: [
                .text("valtiokoodi", country), .date("muuttopv", PartialDate(left)),
            ]))
            return out
        }
        let home = address(s)
        if s.isAlive {
            out.append(home.addressRecord())
            if age >= 18, hash.chance(0.05, i, 0xC1) {
                // A protected person's box number has four digits, so it is never an unprotected one's.
                let box = String((s.turvakielto ? 9000 : 100) + hash.below(900, i, 0xC2))
                out.append(Record(group: .kotimainenPostiosoite, fields: [
                    .bilingual("postiosoite", fi: "PL \(box)", sv: home.municipality.postOffice.sv == nil ? nil : "PB \(box)"),
                    .text("postinumero", home.postcode),
                    .bilingual("postitoimipaikka", fi: home.municipality.postOffice.fi, sv: home.municipality.postOffice.sv),
                    .date("alkupv", PartialDate(home.since)),
                ]))
            }
            out.append(home.residenceRecord())
        }
        if let previous = s.previousMunicipality ?? (age >= 18 && hash.chance(0.4, i, 0xC3) ? s.municipality : nil) {
            let old = SandboxAddress(municipalityCode: previous, subject: i, hash: hash, purpose: 0xC4, since: s.birthDate.adding(years: 18))
            let until = home.since.adding(days: -1)
            if old.since < until { out.append(old.residenceRecord(previous: true, until: until)) }
        }
        let institution = (s.role == .widow || s.role == .single) && age >= 85 && hash.chance(0.4, i, 0xC5)
        if institution && s.isAlive {
            out.append(Record(group: .vakinainenOlinpaikassaAsuminen, fields: [
                .text("kuntakoodi", s.municipality), .text("lajikoodi", "1"), .text("numero", String(10 + hash.below(90, i, 0xC6))),
                .text("laitos", "Palvelukeskus Kotirinne"), .text("asuinpaikantunnus", home.residenceCode),
                .date("alkupv", PartialDate(home.since)),
            ]))
        }
        if age >= 18, hash.chance(0.01, i, 0xC7) || (i == 23) {
            out.append(Record(group: .entinenOlinpaikassaAsuminen, fields: [
                .text("kuntakoodi", s.previousMunicipality ?? s.municipality), .text("lajikoodi", "2"), .text("numero", "7"),
                .text("laitos", "Kuntoutuskoti Päivärinne"), .date("alkupv", PartialDate(s.birthDate.adding(years: 18))),
                .date("loppupv", PartialDate(s.birthDate.adding(years: 19))),
            ]))
        }
        if let from = s.immigrantFrom {
            let arrived = home.since.adding(days: -hash.below(2000, i, 0xC8))
            let country = Municipalities.countries[from].code
            out.append(Record(group: .entinenUlkomaillaAsuminen, fields: [
                .text("valtiokoodi", country), .date("alkupv", PartialDate(s.birthDate)), .date("loppupv", PartialDate(arrived)),
            ]))
            out.append(Record(group: .suomeenMuuttopaiva, fields: [.date("suomeenMuuttopv", PartialDate(arrived))]))
            out.append(Record(group: .valtioJostaMuuttanut, fields: [
                .text("valtiokoodi", country), .date("muuttopv", PartialDate(arrived)),
            ]))
        }
        out.append(home.homeMunicipalityRecord())
        if let previous = s.previousMunicipality {
            out.append(Record(group: .edellinenKotikunta, fields: [
                .text("kuntakoodi", previous), .date("kuntaanMuuttopv", PartialDate(s.birthDate.adding(years: 18))),
                .date("kunnastaPoisMuuttopv", PartialDate(home.since.adding(days: -1))),
            ]))
        }
        if let yearEnd = CivilDate(year: today.year, month: 1, day: 1), s.birthDate < yearEnd, s.isAlive {
            let code = home.since < yearEnd ? s.municipality : (s.previousMunicipality ?? s.municipality)
            out.append(Record(group: .vuodenvaihteenKunta, fields: [
                .text("kuntakoodi", code), .text("vuodenvaihde", String(today.year)),
            ]))
        }
        return out
    }
}
