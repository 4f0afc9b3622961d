import VTJCore

/// A `HenkilonTunnusKysely` as a server receives it (the sandbox): the X-Road headers and the
/// request fields, each nil when absent. The password is kept only to be compared.
public struct ReceivedSOAPQuery: Sendable {
    public var messageID: String?
    public var userID: String?
    public var issue: String?
    public var protocolVersion: String?
    public var client: XRoadClientID?
    public var service: XRoadServiceID?
    /// The body's wrapper element (`HenkilonTunnusKysely`, or whatever came).
    public var operation: String?
    public var product: String?
    public var user: String?
    public var password: String?
    public var endUser: String?
    public var hetu: String?

    /// Nothing received yet.
    public init() {}
}

/// Reads a SOAP request with libxml2's reader (no network, no entities, no DTD), matching by
/// namespace URI and local name: what the sandbox needs to answer like the interface.
public enum SOAPQueryReader {
    /// Reads the envelope; an error names the line and what is wrong.
    public static func read(_ bytes: [UInt8], documentName: String = "HenkilonTunnusKysely") throws(XMLReadError) -> ReceivedSOAPQuery {
        let cursor = try XMLCursor(bytes: bytes, documentName: documentName)
        try cursor.moveToRoot()
        guard cursor.name == "Envelope", cursor.isInNamespace(SOAPNames.envelope) else {
            throw cursor.failure("expected a SOAP 1.1 Envelope, found <\(cursor.name)>", kind: .unexpectedRoot)
        }
        var query = ReceivedSOAPQuery()
        if !cursor.isEmpty {
            while try cursor.nextChild(of: 0) != nil {
                if cursor.name == "Header", cursor.isInNamespace(SOAPNames.envelope) {
                    try readHeader(cursor, into: &query)
                } else if cursor.name == "Body", cursor.isInNamespace(SOAPNames.envelope) {
                    try readBody(cursor, into: &query)
                } else {
                    try cursor.skipElement()
                }
            }
        }
        try cursor.finishDocument()
        return query
    }

    private static func readHeader(_ cursor: XMLCursor, into query: inout ReceivedSOAPQuery) throws(XMLReadError) {
        guard !cursor.isEmpty else { return }
        let depth = cursor.depth
        while try cursor.nextChild(of: depth) != nil {
            guard cursor.isInNamespace(SOAPNames.xRoad) else { try cursor.skipElement(); continue }
            switch cursor.name {
            case "id": query.messageID = try cursor.readText().trimmingBlanks
            case "userId": query.userID = try cursor.readText().trimmingBlanks
            case "issue": query.issue = try cursor.readText().trimmingBlanks
            case "protocolVersion": query.protocolVersion = try cursor.readText().trimmingBlanks
            case "client":
                let parts = try identifier(cursor, ["xRoadInstance", "memberClass", "memberCode", "subsystemCode"])
                query.client = XRoadClientID(path: parts.joined(separator: "/"))
            case "service":
                var parts = try identifier(cursor, ["xRoadInstance", "memberClass", "memberCode", "subsystemCode", "serviceCode", "serviceVersion"])
                if parts.last == "" { parts.removeLast() }
                query.service = XRoadServiceID(path: parts.joined(separator: "/"))
            default: try cursor.skipElement()
            }
        }
    }

    /// The `id:` children of a client or service header, in the order asked ("" when absent).
    private static func identifier(_ cursor: XMLCursor, _ names: [String]) throws(XMLReadError) -> [String] {
        var values = [String: String]()
        if !cursor.isEmpty {
            let depth = cursor.depth
            while try cursor.nextChild(of: depth) != nil {
                if cursor.isInNamespace(SOAPNames.identifiers) { values[cursor.name] = try cursor.readText().trimmingBlanks } else {
                    try cursor.skipElement()
                }
            }
        }
        return names.map { values[$0] ?? "" }
    }

    private static func readBody(_ cursor: XMLCursor, into query: inout ReceivedSOAPQuery) throws(XMLReadError) {
        guard !cursor.isEmpty else { return }
        let depth = cursor.depth
        while try cursor.nextChild(of: depth) != nil {
            guard query.operation == nil else { try cursor.skipElement(); continue }
            query.operation = cursor.name
            guard cursor.name == SOAPNames.operation, cursor.isInNamespace(SOAPNames.query), !cursor.isEmpty else {
                try cursor.skipElement()
                continue
            }
            let operationDepth = cursor.depth
            while try cursor.nextChild(of: operationDepth) != nil {
                guard cursor.name == "request", cursor.isInNamespace(SOAPNames.query), !cursor.isEmpty else { try cursor.skipElement(); continue }
                let requestDepth = cursor.depth
                while try cursor.nextChild(of: requestDepth) != nil {
                    guard cursor.isInNamespace(SOAPNames.query) else { try cursor.skipElement(); continue }
                    switch cursor.name {
                    case "SoSoNimi": query.product = try cursor.readText()
                    case "Kayttajatunnus": query.user = try cursor.readText()
                    case "Salasana": query.password = try cursor.readText()
                    case "Loppukayttaja": query.endUser = try cursor.readText()
                    case "Henkilotunnus": query.hetu = try cursor.readText()
                    default: try cursor.skipElement()
                    }
                }
            }
        }
    }
}
