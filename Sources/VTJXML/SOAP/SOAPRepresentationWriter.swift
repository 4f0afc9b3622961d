import VTJCore

/// The sandbox's `Edunvalvonta`, `Edunvalvontavaltuutus` and person references, with the element
/// order of the captured answer (S1).
struct SOAPRepresentationWriter {
    let person: Person

    /// `Edunvalvonta` with one representative element of each kind (empty ones too, as real answers).
    func guardianship(to w: XMLWriter) {
        let records = person.records(.edunvalvonta).filter { !$0.isCensoredPlaceholder }
        let first = records.first
        w.startElement("Edunvalvonta")
        for (name, value) in [("Alkupvm", date(first, "alkupv")), ("Paattymispvm", date(first, "loppupv")),
                              ("Rajoituskoodi", first?.text("rajoitus") ?? ""), ("RajoitustekstiS", ""), ("RajoitustekstiR", ""),
                              ("Tehtavienjakokoodi", first?.text("tehtavienjako") ?? ""), ("TehtavienjakoS", ""), ("TehtavienjakoR", "")] {
            w.element(name, text: value)
        }
        let people = records.compactMap { $0.stub("edunvalvoja") }
        for stub in people { Self.stub(w, "HenkiloEdunvalvoja", stub, birth: "", tail: ["TehtavaAlkupvm", "TehtavaLoppupvm"]) }
        if people.isEmpty { Self.stub(w, "HenkiloEdunvalvoja", PersonStub(fields: []), birth: "", tail: ["TehtavaAlkupvm", "TehtavaLoppupvm"]) }
        let organisations = records.compactMap { record -> [Field]? in
            guard case .composite(let fields)? = record.field("edunvalvojaOrganisaatio")?.value else { return nil }
            return fields
        }
        for fields in organisations {
            let ytunnus = fields.first { $0.name == "ytunnus" }?.value.plainText ?? ""
            let name = fields.first { $0.name == "nimi" }?.value.plainText ?? ""
            w.startElement("YritysJaYhteisoEdunvalvoja")
            for (child, value) in [("Ytunnus", ytunnus), ("Nimi", name), ("TehtavaLoppupvm", ""), ("TehtavaAlkupvm", "")] {
                w.element(child, text: value)
            }
            w.endElement()
        }
        if organisations.isEmpty {
            w.startElement("YritysJaYhteisoEdunvalvoja")
            for child in ["Ytunnus", "Nimi", "TehtavaLoppupvm", "TehtavaAlkupvm"] { w.element(child, text: "") }
            w.endElement()
        }
        w.startElement("OikeusaputoimistoEdunvalvoja")
        for child in ["Viranomaisnumero", "ViranomainenS", "ViranomainenR", "TehtavaAlkupvm", "TehtavaLoppupvm"] { w.element(child, text: "") }
        w.endElement()
        w.endElement()
    }

    /// `Edunvalvontavaltuutus` with its authorised persons.
    func powerOfAttorney(to w: XMLWriter) {
        let records = person.records(.edunvalvontavaltuutus).filter { !$0.isCensoredPlaceholder }
        w.startElement("Edunvalvontavaltuutus")
        for name in ["Alkupvm", "Paattymispvm", "Tehtavienjakokoodi", "TehtavienjakoS", "TehtavienjakoR"] { w.element(name, text: "") }
        for record in records {
            guard let stub = record.stub("valtuutettu") else { continue }
            Self.stub(w, "HenkiloEdunvalvontavaltuutettu", stub, birth: "", tail: ["ValtuutusAlkupvm", "ValtuutusLoppupvm"],
                      tailValues: [date(record, "alkupv"), date(record, "loppupv")])
        }
        if records.isEmpty {
            Self.stub(w, "HenkiloEdunvalvontavaltuutettu", PersonStub(fields: []), birth: "", tail: ["ValtuutusAlkupvm", "ValtuutusLoppupvm"])
        }
        w.endElement()
    }

    /// A person reference: `Henkilotunnus`, `Syntymaaika` (empty, as in the captured answers),
    /// `NykyinenSukunimi/Sukunimi`, `NykyisetEtunimet/Etunimet`, then `tail` elements.
    static func stub(_ w: XMLWriter, _ element: String, _ stub: PersonStub, birth: String, tail: [String] = [],
                     tailValues: [String] = []) {
        w.startElement(element)
        w.element("Henkilotunnus", text: stub.hetu ?? "")
        w.element("Syntymaaika", text: birth)
        w.startElement("NykyinenSukunimi")
        w.element("Sukunimi", text: stub.sukunimi ?? "")
        w.endElement()
        w.startElement("NykyisetEtunimet")
        w.element("Etunimet", text: stub.etunimet ?? "")
        w.endElement()
        for (index, name) in tail.enumerated() { w.element(name, text: index < tailValues.count ? tailValues[index] : "") }
        w.endElement()
    }

    private func date(_ record: Record?, _ field: String) -> String {
        SOAPValues.compact(record?.field(field).flatMap { if case .date(let d) = $0.value { d } else { nil } })
    }
}
