import VTJCore

/// Writes interface responses (what the sandbox answers). Pages are bounded, so these build
/// the body in memory; ``writePerson(_:to:)`` and ``writeChange(_:to:)`` stream into any writer.
public enum ResponseXML {
    /// A `perustiedotVastaus` page.
    public static func perustiedot(_ persons: [Person], page: PerustiedotPageInfo) -> [UInt8] {
        document { writer in
            writer.startElement(Wire.perustiedotVastaus)
            writer.attribute(Wire.ajanTasalla, page.upToDate ? "true" : "false")
            for person in persons { writePerson(person, to: writer) }
            if let continuation = page.continuation { writer.element(Wire.jatkoavain, text: continuation) }
            writer.endElement()
        }
    }

    /// A `muutoksetVastaus` page.
    public static func muutokset(_ changes: [Change], page: MuutoksetPageInfo) -> [UInt8] {
        document { writer in
            writer.startElement(Wire.muutoksetVastaus)
            writer.attribute(Wire.ajanTasalla, page.upToDate ? "true" : "false")
            writer.element(Wire.viimeisinKirjausavain, text: String(page.logKey))
            for change in changes { writeChange(change, to: writer) }
            writer.endElement()
        }
    }

    /// A `kirjausavainVastaus`.
    public static func logKey(_ key: Int64) -> [UInt8] {
        document { writer in
            writer.startElement(Wire.kirjausavainVastaus)
            writer.element(Wire.viimeisinKirjausavain, text: String(key))
            writer.endElement()
        }
    }

    /// A `virhe` body (any non-2xx status).
    public static func error(_ body: InterfaceErrorBody) -> [UInt8] {
        document { writer in
            writer.startElement(Wire.virhe)
            writer.element(Wire.koodi, text: body.code)
            writer.element(Wire.viesti, text: body.message)
            writer.endElement()
        }
    }

    /// One `henkilo` element with its records.
    public static func writePerson(_ person: Person, to writer: XMLWriter) {
        writer.startElement(Wire.henkilo)
        writer.attribute(Wire.henkilotunnus, person.hetu)
        for record in person.records { writeRecord(record, to: writer) }
        writer.endElement()
    }

    /// One `muutos` element with its records.
    public static func writeChange(_ change: Change, to writer: XMLWriter) {
        writer.startElement(Wire.muutos)
        writer.attribute(Wire.henkilotunnus, change.hetu)
        writer.attribute(Wire.muutospv, change.muutospv)
        for record in change.records { writeRecord(record, to: writer) }
        writer.endElement()
    }

    /// One `tietoryhma` element: censoring marker first, then the fields in order.
    public static func writeRecord(_ record: Record, to writer: XMLWriter) {
        writer.startElement(Wire.tietoryhma)
        writer.attribute(Wire.nimi, record.group.rawValue)
        if let change = record.change { writer.attribute(Wire.muutosattribuutti, change.rawValue) }
        if let censored = record.censoredFields {
            writer.startElement(Wire.turvakiellonAlaisetKentat)
            for name in censored { writer.element(Wire.kentta, text: name) }
            writer.endElement()
        }
        for field in record.fields { writeField(field, to: writer) }
        writer.endElement()
    }

    /// One field in the profile's encoding (section 3). A date without precision is written as
    /// plain text; a bilingual value without `fi` or `sv` as an empty element.
    public static func writeField(_ field: Field, to writer: XMLWriter) {
        switch field.value {
        case .text(let text):
            writer.element(field.name, text: text)
        case .date(let date):
            writer.startElement(field.name)
            if let precision = date.precision { writer.attribute(Wire.tarkkuus, precision.rawValue) }
            writer.text(date.text)
            writer.endElement()
        case .bilingual(let value):
            writer.startElement(field.name)
            if let fi = value.fi { writer.element(Wire.fi, text: fi) }
            if let sv = value.sv { writer.element(Wire.sv, text: sv) }
            writer.endElement()
        case .composite(let children):
            writer.startElement(field.name)
            for child in children { writeField(child, to: writer) }
            writer.endElement()
        }
    }

    /// A whole document in memory. Input never makes the writer fail (names are the profile's
    /// and text is made XML-safe), so a failure here is a bug in this module, not bad data.
    static func document(_ body: (XMLWriter) -> Void) -> [UInt8] {
        do {
            return try XMLWriter.document(named: "response", body)
        } catch {
            preconditionFailure("VTJXML wrote an invalid document: \(error)")
        }
    }
}
