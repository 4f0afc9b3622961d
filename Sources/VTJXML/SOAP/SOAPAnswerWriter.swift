import VTJCore

/// Writes answers of the SOAP query interface as DVV and X-Road send them (vtj-soap-kysely.md §4,
/// §8): the sandbox's side of the wire. The request's headers and fields are echoed, the password
/// always empty, as the real interface does.
public enum SOAPAnswerWriter {
    /// An answer document: the return code, the criterion, and the person when there is one.
    public struct Document: Sendable {
        public var product: SOAPProductLayout
        public var returnCode: String
        public var returnText: String
        /// `Hakuperusteet/Henkilotunnus/@hakuperustePaluukoodi`: `1` found, `0` not found, `2` passive.
        public var criterionCode: String
        /// The person, in the XML profile's groups (placeholders write empty blocks).
        public var person: Person?
        /// `tietojenPoimintaaika`, `vvvvkkpphhmmss`.
        public var extractionTime: String
        /// Blocks left out although the product has them (the sandbox's faults: a missing `Turvakielto`).
        public var omittedBlocks: Set<SOAPProductLayout.Block> = []
        /// The document's namespace (the sandbox's faults: a wrong one).
        public var namespace: String = SOAPNames.answer.description

        public init(product: SOAPProductLayout, returnCode: String, returnText: String, criterionCode: String,
                    person: Person?, extractionTime: String) {
            self.product = product
            self.returnCode = returnCode
            self.returnText = returnText
            self.criterionCode = criterionCode
            self.person = person
            self.extractionTime = extractionTime
        }
    }

    /// `HenkilonTunnusKyselyResponse` with one answer document.
    public static func document(_ document: Document, echo query: ReceivedSOAPQuery) -> [UInt8] {
        envelope(query) { writer in
            writer.startElement("VTJHenkiloVastaussanoma")
            writer.attribute("xmlns", document.namespace)
            writer.attribute(prefix: "xmlns", "vtj", SOAPNames.catalogue.description)
            writer.attribute("sanomatunnus", document.product.name)
            writer.attribute("tietojenPoimintaaika", document.extractionTime)
            writer.attribute("versio", "1.0")
            let info = infoTime(document.extractionTime)
            writer.startElement("Asiakasinfo")
            for name in ["InfoS", "InfoR", "InfoE"] { writer.element(name, text: info) }
            writer.endElement()
            writer.startElement("Paluukoodi")
            writer.attribute("koodi", document.returnCode)
            writer.text(document.returnText)
            writer.endElement()
            writer.startElement("Hakuperusteet")
            writer.startElement("Henkilotunnus")
            writer.attribute("hakuperustePaluukoodi", document.criterionCode)
            let (fi, sv, en) = criterionTexts(document.criterionCode)
            writer.attribute("hakuperusteTekstiS", fi)
            writer.attribute("hakuperusteTekstiR", sv)
            writer.attribute("hakuperusteTekstiE", en)
            // As the real interface: the value, then a line break and indentation.
            writer.text((query.hetu ?? "") + "\n                        ")
            writer.endElement()
            writer.endElement()
            if let person = document.person {
                let layout = SOAPProductLayout(name: document.product.name, blocks: document.product.blocks.filter { !document.omittedBlocks.contains($0) })
                SOAPHenkiloWriter(person: person, layout: layout).write(to: writer)
            }
            writer.endElement()
        }
    }

    /// `response` holding a `faultCode` + `faultString` pair instead of a document (§8.2).
    public static func faultPair(code: String, text: String, echo query: ReceivedSOAPQuery) -> [UInt8] {
        envelope(query) { writer in
            writer.element("faultCode", text: code)
            writer.element("faultString", text: text)
        }
    }

    /// A SOAP 1.1 Fault as an X-Road security server answers its own errors (with HTTP 200).
    public static func fault(code: String, text: String) -> [UInt8] {
        let writer = XMLWriter(indent: true, documentName: "Fault")
        writer.startDocument()
        writer.startElement(prefix: "SOAP-ENV", "Envelope")
        writer.attribute(prefix: "xmlns", "SOAP-ENV", SOAPNames.envelope.description)
        writer.startElement(prefix: "SOAP-ENV", "Body")
        writer.startElement(prefix: "SOAP-ENV", "Fault")
        writer.element("faultcode", text: code)
        writer.element("faultstring", text: text)
        writer.element("faultactor", text: "")
        writer.startElement("detail")
        writer.element("faultDetail", text: "00000000-0000-4000-8000-000000000000")
        writer.endElement()
        writer.endElement()
        writer.endElement()
        writer.endElement()
        return finish(writer)
    }

    // MARK: - Envelope

    private static func envelope(_ query: ReceivedSOAPQuery, response: (XMLWriter) -> Void) -> [UInt8] {
        let writer = XMLWriter(indent: true, documentName: "HenkilonTunnusKyselyResponse")
        writer.startDocument()
        writer.startElement(prefix: "s", "Envelope")
        writer.attribute(prefix: "xmlns", "s", SOAPNames.envelope.description)
        writer.startElement(prefix: "s", "Header")
        echoHeaders(query, to: writer)
        writer.endElement()
        writer.startElement(prefix: "s", "Body")
        writer.startElement(SOAPNames.operationResponse)
        writer.attribute("xmlns", SOAPNames.query.description)
        writer.startElement("request")
        writer.element("SoSoNimi", text: query.product ?? "")
        writer.element("Kayttajatunnus", text: query.user ?? "")
        writer.element("Salasana", text: "")
        writer.element("Loppukayttaja", text: query.endUser ?? "")
        writer.element("Henkilotunnus", text: query.hetu ?? "")
        writer.endElement()
        writer.startElement("response")
        response(writer)
        writer.endElement()
        writer.endElement()
        writer.endElement()
        writer.endElement()
        return finish(writer)
    }

    /// The request's X-Road headers back, in the order the captured answers have, plus `requestHash`.
    private static func echoHeaders(_ query: ReceivedSOAPQuery, to writer: XMLWriter) {
        let xrd = SOAPNames.xRoad.description
        let id = SOAPNames.identifiers.description
        if let client = query.client {
            writer.startElement(prefix: "h", "client")
            writer.attribute(prefix: "xmlns", "h", xrd)
            writer.attribute(prefix: "xmlns", "a", id)
            writer.attribute(prefix: "a", "objectType", "SUBSYSTEM")
            for (name, value) in [("xRoadInstance", client.instance), ("memberClass", client.memberClass),
                                  ("memberCode", client.memberCode), ("subsystemCode", client.subsystemCode)] {
                writer.element(prefix: "a", name, text: value)
            }
            writer.endElement()
        }
        for (name, value) in [("id", query.messageID), ("issue", query.issue), ("protocolVersion", query.protocolVersion)] {
            guard let value else { continue }
            writer.startElement(prefix: "h", name)
            writer.attribute(prefix: "xmlns", "h", xrd)
            writer.text(value)
            writer.endElement()
        }
        writer.startElement(prefix: "h", "requestHash")
        writer.attribute(prefix: "xmlns", "h", xrd)
        writer.attribute("algorithmId", "http://www.w3.org/2001/04/xmlenc#sha512")
        writer.text("c2FuZGJveA==")
        writer.endElement()
        if let service = query.service {
            writer.startElement(prefix: "h", "service")
            writer.attribute(prefix: "xmlns", "h", xrd)
            writer.attribute(prefix: "xmlns", "a", id)
            writer.attribute(prefix: "a", "objectType", "SERVICE")
            for (name, value) in [("xRoadInstance", service.instance), ("memberClass", service.memberClass),
                                  ("memberCode", service.memberCode), ("subsystemCode", service.subsystemCode),
                                  ("serviceCode", service.serviceCode)] {
                writer.element(prefix: "a", name, text: value)
            }
            if let version = service.serviceVersion { writer.element(prefix: "a", "serviceVersion", text: version) }
            writer.endElement()
        }
        if let user = query.userID {
            writer.startElement(prefix: "h", "userId")
            writer.attribute(prefix: "xmlns", "h", xrd)
            writer.text(user)
            writer.endElement()
        }
    }

    /// Writers into memory fail only on a bad element name, and every name here is fixed.
    private static func finish(_ writer: XMLWriter) -> [UInt8] {
        do {
            try writer.endDocument()
            return try writer.bytes()
        } catch {
            preconditionFailure("the sandbox's SOAP answer could not be written: \(error)")
        }
    }

    /// `pp.kk.vvvv tt:mm` from `vvvvkkpphhmmss`.
    private static func infoTime(_ stamp: String) -> String {
        let c = Array(stamp)
        guard c.count == 14 else { return stamp }
        return "\(String(c[6...7])).\(String(c[4...5])).\(String(c[0...3])) \(String(c[8...9])):\(String(c[10...11]))"
    }

    private static func criterionTexts(_ code: String) -> (String, String, String) {
        switch code {
        case "1": ("Löytyi", "Hittades", "Found")
        case "2": ("Passiivi", "Passiv", "Passive")
        default: ("Ei löytynyt", "Hittades inte", "Not found")
        }
    }
}
