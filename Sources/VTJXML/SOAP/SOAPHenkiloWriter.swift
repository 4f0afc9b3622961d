import VTJCore

/// Writes a ``Person`` of the XML profile as the `Henkilo` of a product's answer (the sandbox's
/// side of §10): every block of the product, empty when the person has no such data or when the
/// record is the interface's censoring placeholder (a protected person's address arrives empty).
struct SOAPHenkiloWriter {
    let person: Person
    let layout: SOAPProductLayout

    /// `EDELLINEN_SUKUNIMI` and the other previous-name kinds as `Nimilajikoodi` (the catalogue's codes).
    static let nameKinds = ["EDELLINEN_SUKUNIMI": "05", "EDELLISET_ETUNIMET": "06", "VIIMEKSI_NAIMATTOMANA_OLLESSA_OLLUT_SUKUNIMI": "07"]

    func write(to writer: XMLWriter) {
        writer.startElement("Henkilo")
        for block in layout.blocks { write(block, to: writer) }
        writer.endElement()
    }

    /// The first real record of a group (a placeholder counts as none: its block is written empty).
    private func record(_ group: GroupName) -> Record? { person.record(group) }

    private func text(_ record: Record?, _ field: String) -> String { record?.text(field) ?? "" }

    private func date(_ record: Record?, _ field: String) -> String {
        SOAPValues.compact(record?.field(field).flatMap { if case .date(let d) = $0.value { d } else { nil } })
    }

    private func write(_ block: SOAPProductLayout.Block, to w: XMLWriter) {
        switch block {
        case .henkilotunnus:
            w.startElement("Henkilotunnus")
            w.attribute("voimassaolokoodi", "1")
            w.text(person.hetu)
            w.endElement()
        case .sukunimi: nested(w, "NykyinenSukunimi", "Sukunimi", text(record(.henkilonNimi), "sukunimi"))
        case .etunimet: nested(w, "NykyisetEtunimet", "Etunimet", text(record(.henkilonNimi), "etunimi"))
        case .entinenNimi:
            let previous = person.records(.nimenmuutos).filter { !$0.isCensoredPlaceholder && Self.nameKinds[text($0, "nimilaji")] != nil }
            for item in previous.prefix(3) {
                element(w, "EntinenNimi", [("Nimi", text(item, "nimi")), ("Nimilajikoodi", Self.nameKinds[text(item, "nimilaji")] ?? ""),
                                         ("Alkupvm", date(item, "alkupv")), ("Loppupvm", date(item, "loppupv")), ("Info8S", ""), ("Info8R", "")])
            }
            if previous.isEmpty {
                element(w, "EntinenNimi", [("Nimi", ""), ("Nimilajikoodi", ""), ("Alkupvm", ""), ("Loppupvm", ""), ("Info8S", ""), ("Info8R", "")])
            }
        case .vakinainenKotimainenLahiosoite:
            let address = record(.vakinainenKotimainenOsoite)
            let street = address?.bilingual("katunimi")
            element(w, "VakinainenKotimainenLahiosoite", [
                ("LahiosoiteS", joined(street?.fi, address)), ("LahiosoiteR", joined(street?.sv, address)),
                ("Postinumero", text(address, "postinumero")),
                ("PostitoimipaikkaS", address?.bilingual("postitoimipaikka")?.fi ?? ""),
                ("PostitoimipaikkaR", address?.bilingual("postitoimipaikka")?.sv ?? ""),
                ("AsuminenAlkupvm", date(address, "alkupv")), ("AsuminenLoppupvm", date(address, "loppupv")),
            ])
        case .vakinainenAsuinpaikka:
            element(w, "VakinainenAsuinpaikka", [("Asuinpaikantunnus", text(record(.vakinainenKotimainenAsuinpaikkatunnus), "asuinpaikantunnus"))])
        case .vakinainenUlkomainenLahiosoite:
            let abroad = record(.vakinainenUlkomaillaAsuminen)
            element(w, "VakinainenUlkomainenLahiosoite", [
                ("UlkomainenLahiosoite", ""), ("UlkomainenPaikkakuntaJaValtioS", ""), ("UlkomainenPaikkakuntaJaValtioR", ""),
                ("UlkomainenPaikkakuntaJaValtioSelvakielinen", ""), ("Valtiokoodi3", text(abroad, "valtiokoodi")),
                ("AsuminenAlkupvm", date(abroad, "alkupv")), ("AsuminenLoppupvm", date(abroad, "loppupv")),
            ])
        case .tilapainenKotimainenLahiosoite:
            element(w, "TilapainenKotimainenLahiosoite", ["LahiosoiteS", "LahiosoiteR", "Postinumero", "PostitoimipaikkaS",
                                                        "PostitoimipaikkaR", "AsuminenAlkupvm", "AsuminenLoppupvm"].map { ($0, "") })
        case .tilapainenUlkomainenLahiosoite:
            element(w, "TilapainenUlkomainenLahiosoite", ["UlkomainenLahiosoite", "UlkomainenPaikkakuntaJaValtioS", "UlkomainenPaikkakuntaJaValtioR",
                                                        "UlkomainenPaikkakuntaJaValtioSelvakielinen", "Valtiokoodi3", "AsuminenAlkupvm",
                                                        "AsuminenLoppupvm"].map { ($0, "") })
        case .kotimainenPostiosoite:
            let postal = record(.kotimainenPostiosoite)
            element(w, "KotimainenPostiosoite", [
                ("PostiosoiteS", postal?.bilingual("postiosoite")?.fi ?? ""), ("PostiosoiteR", postal?.bilingual("postiosoite")?.sv ?? ""),
                ("Postinumero", text(postal, "postinumero")),
                ("PostitoimipaikkaS", postal?.bilingual("postitoimipaikka")?.fi ?? ""),
                ("PostitoimipaikkaR", postal?.bilingual("postitoimipaikka")?.sv ?? ""),
                ("PostiosoiteAlkupvm", date(postal, "alkupv")), ("PostiosoiteLoppupvm", date(postal, "loppupv")),
            ])
        case .ulkomainenPostiosoite:
            element(w, "UlkomainenPostiosoite", ["UlkomainenLahiosoite", "UlkomainenPaikkakunta", "Valtiokoodi3", "ValtioS", "ValtioR",
                                               "ValtioSelvakielinen", "PostiosoiteAlkupvm", "PostiosoiteLoppupvm"].map { ($0, "") })
        case .kotikunta:
            let home = record(.kotikunta)
            element(w, "Kotikunta", [("Kuntanumero", text(home, "kuntakoodi")), ("KuntaS", ""), ("KuntaR", ""),
                                   ("KuntasuhdeAlkupvm", date(home, "kuntaanMuuttopv"))])
        case .kuolintiedot:
            let death = record(.kuolinpaiva)
            element(w, "Kuolintiedot", [("Kuollut", death == nil ? "" : "1"), ("Kuolinpvm", date(death, "kuolinpv"))])
        case .kuolleeksijulistamistiedot:
            element(w, "Kuolleeksijulistamistiedot", [("Kuolleeksijulistamispvm", date(record(.kuolleeksijulistamispaiva), "kuolleeksijulistamispv"))])
        case .aidinkieli:
            let language = record(.aidinkieli)
            let code = text(language, "kielikoodi")
            element(w, "Aidinkieli", [("Kielikoodi", code), ("KieliS", ""), ("KieliR", ""),
                                    ("KieliSelvakielinen", code == "98" ? text(language, "nimi") : "")])
        case .turvakielto:
            let ban = person.records(.turvakielto).first
            let active = ban.map { $0.isCensoredPlaceholder || $0.bool("turvakieltoAktiivinen") != false } ?? false
            element(w, "Turvakielto", [("TurvakieltoTieto", active ? "1" : ""), ("TurvakieltoPaattymispvm", active ? date(ban, "turvaLoppuPv") : "")])
        case .sukupuoli:
            let sex = text(record(.sukupuoli), "sukupuoli")
            element(w, "Sukupuoli", [("Sukupuolikoodi", sex == "MIES" ? "1" : sex == "NAINEN" ? "2" : ""),
                                   ("SukupuoliS", sex == "MIES" ? "Mies" : sex == "NAINEN" ? "Nainen" : ""),
                                   ("SukupuoliR", sex == "MIES" ? "Man" : sex == "NAINEN" ? "Kvinna" : "")])
        case .kansalaisuus:
            let list = record(.kansalaisuus)?.list("henkilonKansalaisuudet") ?? []
            for item in list {
                let code = item.first { $0.name == "kansalaisuuskoodi" }?.value.plainText ?? ""
                let since = item.first { $0.name == "saamispv" }.flatMap { if case .date(let d) = $0.value { d } else { nil } }
                element(w, "Kansalaisuus", [("Kansalaisuuskoodi3", code), ("KansalaisuusS", ""), ("KansalaisuusR", ""),
                                          ("KansalaisuusSelvakielinen", ""), ("Saamispvm", SOAPValues.compact(since))])
            }
            if list.isEmpty {
                element(w, "Kansalaisuus", ["Kansalaisuuskoodi3", "KansalaisuusS", "KansalaisuusR", "KansalaisuusSelvakielinen", "Saamispvm"].map { ($0, "") })
            }
        case .edunvalvonta: SOAPRepresentationWriter(person: person).guardianship(to: w)
        case .edunvalvontavaltuutus: SOAPRepresentationWriter(person: person).powerOfAttorney(to: w)
        case .huoltaja: relations(w, "Huoltaja", group: .huoltaja, field: "huoltaja")
        case .huollettava: relations(w, "Huollettava", group: .huollettava, field: "huollettava")
        }
    }

    /// The street line joined as DVV sends it: street, number, staircase, apartment (`Koekuja 3 B 12`).
    private func joined(_ street: String?, _ address: Record?) -> String {
        guard let street, let address else { return "" }
        var parts = [street, text(address, "katunumero"), text(address, "huoneistokirjain")]
        let apartment = text(address, "huoneistonumero").drop { $0 == "0" }
        parts.append(String(apartment) + text(address, "jakokirjain"))
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private func relations(_ w: XMLWriter, _ element: String, group: GroupName, field: String) {
        let stubs = person.records(group).filter { !$0.isCensoredPlaceholder }.compactMap { $0.stub(field) }
        for stub in stubs { SOAPRepresentationWriter.stub(w, element, stub, birth: "") }
        if stubs.isEmpty { SOAPRepresentationWriter.stub(w, element, PersonStub(fields: []), birth: "") }
    }

    /// `<name><child>text</child>…</name>`.
    func element(_ w: XMLWriter, _ name: String, _ children: [(String, String)]) {
        w.startElement(name)
        for (child, value) in children { w.element(child, text: value) }
        w.endElement()
    }

    private func nested(_ w: XMLWriter, _ outer: String, _ inner: String, _ value: String) {
        w.startElement(outer)
        w.element(inner, text: value)
        w.endElement()
    }
}
