import VTJCore

extension SOAPPersonMapping {
    // MARK: - Field helpers (nil for no value: empty means no data)

    static func text(_ name: String, _ value: String?) -> Field? { value.map { Field.text(name, $0) } }

    static func date(_ name: String, _ value: String?) -> Field? {
        value.flatMap(SOAPValues.date).map { Field.date(name, $0) }
    }

    static func bilingual(_ name: String, fi: String?, sv: String?) -> Field? {
        guard fi != nil || sv != nil else { return nil }
        return Field(name, .bilingual(Bilingual(fi: fi, sv: sv)))
    }

    /// One record when any field has a value.
    static func record(_ group: GroupName, _ fields: [Field?]) -> [Record] {
        let present = fields.compactMap { $0 }
        return present.isEmpty ? [] : [Record(group: group, fields: present)]
    }

    // MARK: - Names

    static func previousName(_ block: SOAPNode) -> [Record] {
        let name = block.value("Nimi")
        return record(.nimenmuutos, [
            text("nimilaji", block.code("Nimilajikoodi")), text("nimi", name), text("nimiUTF8", name),
            date("alkupv", block.value("Alkupvm")), date("loppupv", block.value("Loppupvm")),
        ])
    }

    // MARK: - Addresses and residence

    /// `VakinainenKotimainenLahiosoite`: the street line comes joined and stays whole in `katunimi`.
    static func joinedAddress(_ block: SOAPNode) -> [Record] {
        record(.vakinainenKotimainenOsoite, [bilingual("katunimi", fi: block.value("LahiosoiteS"), sv: block.value("LahiosoiteR"))]
               + placeAndDates(block))
    }

    /// `VakinainenKotimainenOsoite`: the split street form of some products.
    static func splitAddress(_ block: SOAPNode) -> [Record] {
        record(.vakinainenKotimainenOsoite, [
            bilingual("katunimi", fi: block.value("KatuS"), sv: block.value("KatuR")),
            text("katunumero", block.code("Katunumero")),
            text("huoneistokirjain", block.code("Porraskirjain")),
            text("huoneistonumero", block.code("Huoneistonumero")),
            text("jakokirjain", block.code("Jakokirjain")),
        ] + placeAndDates(block))
    }

    /// What both forms of the permanent address end with: the post office and the dwelling dates.
    private static func placeAndDates(_ block: SOAPNode) -> [Field?] {
        [text("postinumero", block.code("Postinumero")),
         bilingual("postitoimipaikka", fi: block.value("PostitoimipaikkaS"), sv: block.value("PostitoimipaikkaR")),
         date("alkupv", block.value("AsuminenAlkupvm")), date("loppupv", block.value("AsuminenLoppupvm"))]
    }

    /// `VakinainenAsuinpaikka/Asuinpaikantunnus`: fixed width, kept byte for byte (its trailing blank counts).
    static func residence(_ block: SOAPNode) -> [Record] {
        guard let node = block.child("Asuinpaikantunnus"), block.value("Asuinpaikantunnus") != nil else { return [] }
        return [Record(group: .vakinainenKotimainenAsuinpaikkatunnus, fields: [.text("asuinpaikantunnus", node.text)])]
    }

    /// `VakinainenUlkomainenLahiosoite`: only the country and the dates; the foreign address text never leaves.
    static func abroad(_ block: SOAPNode) -> [Record] {
        record(.vakinainenUlkomaillaAsuminen, [
            text("valtiokoodi", block.code("Valtiokoodi3")),
            date("alkupv", block.value("AsuminenAlkupvm")), date("loppupv", block.value("AsuminenLoppupvm")),
        ])
    }

    static func postalAddress(_ block: SOAPNode) -> [Record] {
        record(.kotimainenPostiosoite, [
            bilingual("postiosoite", fi: block.value("PostiosoiteS"), sv: block.value("PostiosoiteR")),
            text("postinumero", block.code("Postinumero")),
            bilingual("postitoimipaikka", fi: block.value("PostitoimipaikkaS"), sv: block.value("PostitoimipaikkaR")),
            date("alkupv", block.value("PostiosoiteAlkupvm")), date("loppupv", block.value("PostiosoiteLoppupvm")),
        ])
    }

    /// `Kotikunta`: the code and the day; the names `KuntaS`/`KuntaR` are not profile fields.
    static func homeMunicipality(_ block: SOAPNode) -> [Record] {
        record(.kotikunta, [text("kuntakoodi", block.code("Kuntanumero")), date("kuntaanMuuttopv", block.value("KuntasuhdeAlkupvm"))])
    }

    // MARK: - Life events and identity

    static func death(_ block: SOAPNode) -> [Record] {
        let dead = block.code("Kuollut")
        let day = block.value("Kuolinpvm")
        guard dead != nil || day != nil else { return [] }
        return record(.kuolinpaiva, [text("kuollut", flag(dead) ?? "true"), date("kuolinpv", day)])
    }

    static func declaredDead(_ block: SOAPNode) -> [Record] {
        guard let day = block.value("Kuolleeksijulistamispvm") else { return [] }
        return record(.kuolleeksijulistamispaiva, [text("kuollut", "true"), date("kuolleeksijulistamispv", day)])
    }

    /// `Aidinkieli`: the code; the plain-text name only for code `98` ("given as text").
    static func language(_ block: SOAPNode) -> [Record] {
        let code = block.code("Kielikoodi")
        return record(.aidinkieli, [text("kielikoodi", code), code == "98" ? text("nimi", block.value("KieliSelvakielinen")) : nil])
    }

    /// `Turvakielto`: made whenever the element is there. `1` is a ban in force, `0` or empty none;
    /// any other value is kept as it came, which the rules read as "in force" (fail closed).
    static func turvakielto(_ block: SOAPNode) -> Record {
        let value = block.code("TurvakieltoTieto")
        let active: String = switch value {
        case nil, "0"?: "false"
        case "1"?: "true"
        case let other?: other
        }
        return Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", active)]
                      + [date("turvaLoppuPv", block.value("TurvakieltoPaattymispvm"))].compactMap { $0 })
    }

    static func sex(_ block: SOAPNode) -> [Record] {
        let code = block.code("Sukupuolikoodi")
        let value: String? = switch code {
        case "1"?: "MIES"
        case "2"?: "NAINEN"
        default: code
        }
        return record(.sukupuoli, [text("sukupuoli", value)])
    }

    /// One `kansalaisuus` of the single KANSALAISUUS record.
    static func citizenship(_ block: SOAPNode) -> [Field] {
        let fields = [text("kansalaisuuskoodi", block.code("Kansalaisuuskoodi3")), date("saamispv", block.value("Saamispvm"))].compactMap { $0 }
        return fields.isEmpty ? [] : [.composite("kansalaisuus", fields)]
    }

    static func birthplaceAbroad(_ block: SOAPNode) -> [Record] {
        record(.ulkomainenSyntymapaikka, [
            text("valtiokoodi", block.code("Valtiokoodi3")), text("ulkomainenSyntymapaikka", block.value("Syntymapaikka")),
        ])
    }

    static func occupation(_ block: SOAPNode) -> [Record] {
        record(.ammatti, [text("ammattinimi", block.value("AmmattiNimi"))])
    }

    static func takenIntoCare(_ block: SOAPNode) -> [Record] {
        record(.huostaanotto, [text("huostaanotettu", flag(block.code("HuostaanottoTieto")))])
    }

    /// `1` → `true`, `0` → `false`, anything else as it came.
    static func flag(_ code: String?) -> String? {
        switch code {
        case "1"?: "true"
        case "0"?: "false"
        default: code
        }
    }
}
