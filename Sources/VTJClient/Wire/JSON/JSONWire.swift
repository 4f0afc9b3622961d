import VTJCore
import VTJJSON

/// DVV's own REST + JSON encoding (vtj-json-wire.md): the public sandbox, and production through
/// Suomi.fi-palveluväylä (X-Road). Bodies through VTJJSON's streaming reader.
struct JSONWire: InterfaceWire {
    var kind: WireKind { .json }
    /// At most 1000 per message on `/perustiedot` (DVV's limit), and vtjdrop keeps to it on
    /// `/muutokset` too (section 3.3; provisional).
    var maxHetusPerMessage: Int { Restriction.maxHetusPerMessage }

    func supports(_ operation: VTJOperation) -> Bool { true }

    func request(for call: WireCall) throws(VTJClientError) -> WireRequest {
        switch call {
        case .logKey(let date), .probe(let date):
            return WireRequest(method: "GET", path: "/kirjausavain/\(date)", body: [], headers: [("Accept", "application/json")])
        case .basicData(let hetus, let groups):
            return post("/perustiedot", JSONMessages.write(PerustiedotMessage(restriction: .hetulista(hetus), groups: groups)))
        case .municipalBasicData(let codes, let groups, let continuation):
            // JSON has no twin of the XML profile's empty <kuntarajaus/>: the codes must be named.
            guard !codes.isEmpty else {
                throw .invalidRequest("a municipal snapshot over the JSON wire needs the licensed municipality codes; set vtj.municipality_codes")
            }
            return post("/perustiedot-vko", JSONMessages.write(PerustiedotMessage(restriction: .kuntarajaus(codes), groups: groups,
                                                                                  continuation: continuation)))
        case .changes(let request):
            if case .kuntarajaus(let codes) = request.restriction, codes.isEmpty {
                throw .invalidRequest("municipal changes over the JSON wire need the licensed municipality codes; set vtj.municipality_codes")
            }
            return post("/muutokset", JSONMessages.write(request))
        }
    }

    private func post(_ path: String, _ body: [UInt8]) -> WireRequest {
        WireRequest(method: "POST", path: path, body: body,
                    headers: [("Accept", "application/json"), ("Content-Type", "application/json")])
    }

    /// `application/json` (a `charset` may follow), or any `…+json`; an XML or HTML body, or none
    /// at all, is not an answer of this wire (section 3.5: retried like a cut body, never read as empty).
    func contentTypeProblem(_ contentType: String?) -> String? {
        let type = mediaType(contentType)
        if isJSONMediaType(type) { return nil }
        if isXMLMediaType(type) { return "the server answered XML (\(contentType ?? "")), not JSON; is vtj.wire right?" }
        guard let contentType else { return "the answer has no Content-Type; expected application/json" }
        return "the answer's Content-Type is \(contentType.prefix(60)), not application/json"
    }

    func readPerustiedot(_ body: ResponseBody, onPerson: (Person) throws -> Void) throws -> PerustiedotPageInfo {
        try JSONResponseReader(fileDescriptor: body.fileDescriptor, documentName: body.documentName).readPerustiedot(onPerson)
    }

    func readMuutokset(_ body: ResponseBody, onChange: (Change) throws -> Void) throws -> MuutoksetPageInfo {
        try JSONResponseReader(fileDescriptor: body.fileDescriptor, documentName: body.documentName).readMuutokset(onChange)
    }

    func readLogKey(_ body: ResponseBody) throws -> Int64 {
        try JSONResponseReader.readLogKey(body.readAll(limit: 1 << 20), documentName: body.documentName)
    }

    /// DVV's error body is not in the public record (section 3.5): never parsed, only quoted as a
    /// short masked excerpt for the log and the operator.
    func errorDetail(status: Int, body: [UInt8]) -> InterfaceErrorBody? {
        // The status is reported beside it already; the excerpt carries no code of its own.
        Self.excerpt(body).map { InterfaceErrorBody(code: "", message: $0) }
    }
}
