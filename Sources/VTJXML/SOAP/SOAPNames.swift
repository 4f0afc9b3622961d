/// Namespaces and fixed names of DVV's SOAP query interface through X-Road (vtj-soap-kysely.md),
/// spelled once. Elements are matched by namespace URI and local name, never by prefix.
public enum SOAPNames {
    /// SOAP 1.1 envelope.
    public static let envelope: StaticString = "http://schemas.xmlsoap.org/soap/envelope/"
    /// SOAP 1.2's envelope: named in the error when a server answers in it.
    static let envelope12 = "http://www.w3.org/2003/05/soap-envelope"
    /// X-Road message protocol 4.0 headers (`xrd:`).
    public static let xRoad: StaticString = "http://x-road.eu/xsd/xroad.xsd"
    /// X-Road identifiers (`id:`).
    public static let identifiers: StaticString = "http://x-road.eu/xsd/identifiers"
    /// The query service's own elements: `HenkilonTunnusKysely`, `request`, `response`, `faultCode`.
    public static let query: StaticString = "http://xml.vrk.fi/ws/vtj/vtjkysely/1"
    /// The answer document `VTJHenkiloVastaussanoma` and everything inside it.
    public static let answer: StaticString = "http://xml.vrk.fi/schema/vtjkysely"
    /// The catalogue's type namespace, declared on answer documents.
    public static let catalogue: StaticString = "http://xml.vrk.fi/schema/vtj/henkilotiedot/1"

    /// The operation, and the body wrapper X-Road requires to carry the service code's name.
    public static let operation = "HenkilonTunnusKysely"
    public static let operationResponse = "HenkilonTunnusKyselyResponse"
    public static let answerDocument = "VTJHenkiloVastaussanoma"
    /// `xrd:protocolVersion`.
    public static let protocolVersion = "4.0"
}
