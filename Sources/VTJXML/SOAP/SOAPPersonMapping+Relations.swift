import VTJCore

extension SOAPPersonMapping {
    /// A person referred to (guardian, dependant, child, representative): `henkilotunnus`, names
    /// (nested `NykyinenSukunimi/Sukunimi` or OPH's flat `Sukunimi`), and `syntymapv` from
    /// `Syntymaaika`, else from a valid henkilötunnus. Nil when nothing in it has a value.
    static func stub(_ name: String, _ node: SOAPNode) -> Field? {
        let hetu = node.code("Henkilotunnus")
        let birth = node.value("Syntymaaika").flatMap(SOAPValues.date)
            ?? hetu.flatMap { try? Henkilotunnus($0) }.map { PartialDate($0.birthDate) }
        let fields = [
            text("henkilotunnus", hetu),
            text("etunimet", node.value("NykyisetEtunimet", "Etunimet") ?? node.value("Etunimet")),
            text("sukunimi", node.value("NykyinenSukunimi", "Sukunimi") ?? node.value("Sukunimi")),
            birth.map { Field.date("syntymapv", $0) },
        ].compactMap { $0 }
        return fields.isEmpty ? nil : .composite(name, fields)
    }

    /// `Huoltaja`, `Huollettava`, `Lapsi`: one record per block that names someone. The kind of
    /// custody has no SOAP source (`Henkilosuhdelajikoodi` is not a profile value), so it is left out.
    static func relation(_ block: SOAPNode, group: GroupName, field: String) -> [Record] {
        guard let person = stub(field, block) else { return [] }
        return [Record(group: group, fields: [person])]
    }

    /// `Edunvalvonta`: one record per representative that names someone (a person, a company or
    /// a legal aid office), with the guardianship's own task division, restriction and dates.
    static func guardianship(_ block: SOAPNode) -> [Record] {
        let shared = [
            text("tehtavienjako", block.code("Tehtavienjakokoodi")), text("rajoitus", block.code("Rajoituskoodi")),
            date("alkupv", block.value("Alkupvm")), date("loppupv", block.value("Paattymispvm")),
        ]
        var out: [Record] = []
        for person in block.all("HenkiloEdunvalvoja") {
            if let stub = stub("edunvalvoja", person) { out += record(.edunvalvonta, [stub] + shared) }
        }
        for company in block.all("YritysJaYhteisoEdunvalvoja") {
            let fields = [text("ytunnus", company.code("Ytunnus")), bilingual("nimi", fi: company.value("Nimi"), sv: nil)].compactMap { $0 }
            if !fields.isEmpty { out += record(.edunvalvonta, [.composite("edunvalvojaOrganisaatio", fields)] + shared) }
        }
        for office in block.all("OikeusaputoimistoEdunvalvoja") {
            guard let name = bilingual("nimi", fi: office.value("ViranomainenS"), sv: office.value("ViranomainenR")) else { continue }
            out += record(.edunvalvonta, [.composite("edunvalvojaOrganisaatio", [name])] + shared)
        }
        return out
    }

    /// `Edunvalvontavaltuutus`: one record per authorised person, with that authorisation's dates.
    static func powerOfAttorney(_ block: SOAPNode) -> [Record] {
        block.all("HenkiloEdunvalvontavaltuutettu").flatMap { person -> [Record] in
            guard let stub = stub("valtuutettu", person) else { return [] }
            return record(.edunvalvontavaltuutus, [
                stub, date("alkupv", person.value("ValtuutusAlkupvm")), date("loppupv", person.value("ValtuutusLoppupvm")),
            ])
        }
    }
}
