import VTJCore
import VTJXML

/// vtjdrop's XML profile (vtj-xml-profile.md): every operation, bodies through libxml2.
struct XMLWire: InterfaceWire {
    var kind: WireKind { .xml }
    var maxHetusPerMessage: Int { Restriction.maxHetusPerMessage }

    func supports(_ operation: VTJOperation) -> Bool { true }

    func request(for call: WireCall) throws(VTJClientError) -> WireRequest {
        switch call {
        case .logKey(let date), .probe(let date):
            return WireRequest(method: "GET", path: "/kirjausavain/\(date)", body: [], headers: [("Accept", "application/xml")])
        case .basicData(let hetus, let groups):
            return post("/perustiedot", MessageXML.write(PerustiedotMessage(restriction: .hetulista(hetus), groups: groups)))
        case .municipalBasicData(let codes, let groups, let continuation):
            // An empty kuntarajaus asks for every municipality the credentials are licensed for.
            return post("/perustiedot", MessageXML.write(PerustiedotMessage(restriction: .kuntarajaus(codes), groups: groups,
                                                                             continuation: continuation)))
        case .changes(let request):
            return post("/muutokset", MessageXML.write(request))
        }
    }

    private func post(_ path: String, _ body: [UInt8]) -> WireRequest {
        WireRequest(method: "POST", path: path, body: body,
                    headers: [("Accept", "application/xml"), ("Content-Type", "application/xml; charset=utf-8")])
    }

    /// Any type is read as XML (the profile's servers have sent `text/xml` and none at all), except
    /// JSON: that is the other wire answering, and the operator should hear so.
    func contentTypeProblem(_ contentType: String?) -> String? {
        guard isJSONMediaType(mediaType(contentType)) else { return nil }
        return "the server answered JSON (\(contentType ?? "")), not the XML profile; is vtj.wire right?"
    }

    func readPerustiedot(_ body: ResponseBody, onPerson: (Person) throws -> Void) throws -> PerustiedotPageInfo {
        try ResponseReader(fileDescriptor: body.fileDescriptor, documentName: body.documentName).readPerustiedot(onPerson)
    }

    func readMuutokset(_ body: ResponseBody, onChange: (Change) throws -> Void) throws -> MuutoksetPageInfo {
        try ResponseReader(fileDescriptor: body.fileDescriptor, documentName: body.documentName).readMuutokset(onChange)
    }

    func readLogKey(_ body: ResponseBody) throws -> Int64 {
        try ResponseReader.readLogKey(body.readAll(limit: 1 << 20), documentName: body.documentName)
    }

    /// The profile's `<virhe><koodi/><viesti/></virhe>`, henkilötunnus masked.
    func errorDetail(status: Int, body: [UInt8]) -> InterfaceErrorBody? {
        guard let virhe = ResponseReader.readError(body) else { return nil }
        return InterfaceErrorBody(code: virhe.code, message: DropFileName.maskingHetus(in: virhe.message))
    }
}
