import VTJCore

/// Writes a department's XML result (docs/vtjdrop-result.xsd) person by person, so a large
/// delivery never sits in memory: ``begin()``, then ``write(_:)`` per person or change entry and
/// ``writeNotFound(hetu:)`` per missing hetu, then ``finish()``.
///
/// Records are structured as in the wire profile (section 3); only what ``DisclosureRules``
/// returned is written, with its withheld-by-rule markers and change instructions.
public final class ResultXMLWriter {
    /// The request a result answers; echoed as attributes of the root element.
    public struct Header: Hashable, Sendable {
        public var dropID: String
        public var operation: String
        public var purpose: Purpose
        public var processingDate: CivilDate
        /// The department's own `tunniste`, echoed when given.
        public var reference: String?
        /// Groups granted to the request.
        public var groups: [GroupName]

        public init(dropID: String, operation: String, purpose: Purpose, processingDate: CivilDate,
                    reference: String? = nil, groups: [GroupName]) {
            self.dropID = dropID
            self.operation = operation
            self.purpose = purpose
            self.processingDate = processingDate
            self.reference = reference
            self.groups = groups
        }
    }

    /// Result format version (`versio`).
    public static let version = "1"

    public let writer: XMLWriter
    public let header: Header

    /// - Parameter writer: a fresh writer (into memory, or onto the runtime's temp file).
    public init(writer: XMLWriter, header: Header) {
        self.writer = writer
        self.header = header
    }

    /// The XML declaration, the root element and the granted groups.
    public func begin() {
        writer.startDocument()
        writer.startElement("tulos")
        writer.attribute("versio", Self.version)
        writer.attribute("pyynto", header.dropID)
        writer.attribute("toiminto", header.operation)
        writer.attribute("kayttotarkoitus", header.purpose.rawValue)
        writer.attribute("kasittelypaiva", header.processingDate.description)
        if let reference = header.reference { writer.attribute("tunniste", reference) }
        writer.startElement("tietoryhmat")
        for group in header.groups { writer.element("tietoryhma", text: group.rawValue) }
        writer.endElement()
    }

    /// One found person with every delivered record and the withheld markers.
    public func write(_ person: PersonDisclosure) {
        writer.startElement("henkilo")
        writer.attribute("henkilotunnus", person.hetu)
        writer.attribute("tila", (person.isProtected ? ResultStatus.protected : .found).rawValue)
        for record in person.records { write(record) }
        for withheld in person.withheld { write(withheld) }
        writer.endElement()
    }

    /// A requested hetu the interface returned no data for (`status` says why).
    public func writeNotFound(hetu: String, status: ResultStatus = .notFound) {
        writer.startElement("henkilo")
        writer.attribute("henkilotunnus", hetu)
        writer.attribute("tila", status.rawValue)
        writer.endElement()
    }

    /// One change entry: instructions first, then records with their `muutosattribuutti`, then markers.
    public func write(_ change: ChangeDisclosure) {
        writer.startElement("muutos")
        writer.attribute("henkilotunnus", change.hetu)
        writer.attribute("muutospv", change.muutospv)
        writer.attribute("tila", (change.isProtected ? ResultStatus.protected : .found).rawValue)
        for instruction in change.instructions {
            writer.startElement("ohje")
            writer.attribute("tietoryhma", instruction.group.rawValue)
            writer.attribute("toimenpide", instruction.action.rawValue)
            writer.endElement()
        }
        for record in change.records { write(record) }
        for withheld in change.withheld { write(withheld) }
        writer.endElement()
    }

    /// Closes the document and reports the first write failure (then the file must not be published).
    public func finish() throws(XMLWriteError) {
        try writer.endDocument()
    }

    // MARK: - Records

    private func write(_ record: Record) {
        writer.startElement("tietoryhma")
        writer.attribute("nimi", record.group.rawValue)
        if let change = record.change { writer.attribute("muutosattribuutti", change.rawValue) }
        for field in record.fields { write(field) }
        writer.endElement()
    }

    private func write(_ field: Field) {
        writer.startElement(field.name)
        switch field.value {
        case .text(let text):
            writer.text(text)
        case .date(let date):
            if let precision = date.precision { writer.attribute("tarkkuus", precision.rawValue) }
            writer.text(date.text)
        case .bilingual(let value):
            if let fi = value.fi { writer.element("fi", text: fi) }
            if let sv = value.sv { writer.element("sv", text: sv) }
        case .composite(let children):
            for child in children { write(child) }
        }
        writer.endElement()
    }

    private func write(_ withheld: WithheldGroup) {
        writer.startElement("pidatetty")
        writer.attribute("tietoryhma", withheld.group.rawValue)
        writer.attribute("saanto", withheld.rule.rawValue)
        writer.endElement()
    }
}
