import VTJCore

/// One `HenkilonTunnusKysely` through X-Road (vtj-soap-kysely.md §3): the headers and the request
/// fields. It holds the DVV password (the interface wants it in the body), so it has no
/// description that could print it.
public struct SOAPQuery: Sendable {
    /// `xrd:id`: unique per HTTP request (a retry is a new message).
    public var messageID: String
    public var client: XRoadClientID
    public var service: XRoadServiceID
    /// `xrd:userId` (optional header): never a henkilötunnus.
    public var userID: String?
    /// `xrd:issue` (optional header): the drop's request id.
    public var issue: String?
    /// `SoSoNimi`, sent verbatim.
    public var product: String
    /// `Kayttajatunnus`.
    public var user: String
    /// `Salasana`.
    public var password: String
    /// `Loppukayttaja`: always non-empty, never a henkilötunnus.
    public var endUser: String
    /// `Henkilotunnus`, exactly as validated.
    public var hetu: String

    public init(messageID: String, client: XRoadClientID, service: XRoadServiceID, userID: String?, issue: String?,
                product: String, user: String, password: String, endUser: String, hetu: String) {
        self.messageID = messageID
        self.client = client
        self.service = service
        self.userID = userID
        self.issue = issue
        self.product = product
        self.user = user
        self.password = password
        self.endUser = endUser
        self.hetu = hetu
    }

    /// The SOAP 1.1 envelope, UTF-8 with its declaration, written by libxml2's writer: headers in
    /// X-Road's example order (client, service, id, userId, issue, protocolVersion), then the body
    /// whose fields keep the schema's sequence (SoSoNimi, Kayttajatunnus, Salasana, Loppukayttaja,
    /// Henkilotunnus; the optional fields between them are left out).
    public func envelope() throws(XMLWriteError) -> [UInt8] {
        let writer = XMLWriter(indent: false, documentName: "HenkilonTunnusKysely")
        writer.startDocument()
        writer.startElement(prefix: "SOAP-ENV", "Envelope")
        writer.attribute(prefix: "xmlns", "SOAP-ENV", SOAPNames.envelope.description)
        writer.attribute(prefix: "xmlns", "xrd", SOAPNames.xRoad.description)
        writer.attribute(prefix: "xmlns", "id", SOAPNames.identifiers.description)
        writer.attribute(prefix: "xmlns", "vk", SOAPNames.query.description)
        writer.startElement(prefix: "SOAP-ENV", "Header")
        writer.startElement(prefix: "xrd", "client")
        writer.attribute(prefix: "id", "objectType", "SUBSYSTEM")
        writer.element(prefix: "id", "xRoadInstance", text: client.instance)
        writer.element(prefix: "id", "memberClass", text: client.memberClass)
        writer.element(prefix: "id", "memberCode", text: client.memberCode)
        writer.element(prefix: "id", "subsystemCode", text: client.subsystemCode)
        writer.endElement()
        writer.startElement(prefix: "xrd", "service")
        writer.attribute(prefix: "id", "objectType", "SERVICE")
        writer.element(prefix: "id", "xRoadInstance", text: service.instance)
        writer.element(prefix: "id", "memberClass", text: service.memberClass)
        writer.element(prefix: "id", "memberCode", text: service.memberCode)
        writer.element(prefix: "id", "subsystemCode", text: service.subsystemCode)
        writer.element(prefix: "id", "serviceCode", text: service.serviceCode)
        if let version = service.serviceVersion { writer.element(prefix: "id", "serviceVersion", text: version) }
        writer.endElement()
        writer.element(prefix: "xrd", "id", text: messageID)
        if let userID { writer.element(prefix: "xrd", "userId", text: userID) }
        if let issue { writer.element(prefix: "xrd", "issue", text: issue) }
        writer.element(prefix: "xrd", "protocolVersion", text: SOAPNames.protocolVersion)
        writer.endElement()
        writer.startElement(prefix: "SOAP-ENV", "Body")
        writer.startElement(prefix: "vk", SOAPNames.operation)
        writer.startElement(prefix: "vk", "request")
        writer.element(prefix: "vk", "SoSoNimi", text: product)
        writer.element(prefix: "vk", "Kayttajatunnus", text: user)
        writer.element(prefix: "vk", "Salasana", text: password)
        writer.element(prefix: "vk", "Loppukayttaja", text: endUser)
        writer.element(prefix: "vk", "Henkilotunnus", text: hetu)
        writer.endElement()
        writer.endElement()
        writer.endElement()
        writer.endElement()
        try writer.endDocument()
        return try writer.bytes()
    }
}
