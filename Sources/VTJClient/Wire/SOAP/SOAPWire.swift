import VTJCore
import VTJXML

/// DVV's SOAP query interface VTJ-kyselyrajapinta through X-Road (vtj-soap-kysely.md): one
/// `HenkilonTunnusKysely` per henkilötunnus, the DVV credentials and X-Road headers in the body,
/// POSTed to the security server's endpoint itself. Faults and return codes come with status
/// 200 and are read from the body. Only `perustiedot` exists here (§11).
struct SOAPWire: InterfaceWire {
    let settings: SOAPSettings

    var kind: WireKind { .soap }
    /// One henkilötunnus per message: the interface has no list form (§3.2).
    var maxHetusPerMessage: Int { 1 }
    var credentialsInBody: Bool { true }
    var probeOperation: VTJOperation { .basicData }
    var deliverableGroups: Set<GroupName>? { SOAPAnswerReader.deliverableGroups }

    func supports(_ operation: VTJOperation) -> Bool { operation == .basicData }

    func request(for call: WireCall) throws(VTJClientError) -> WireRequest {
        throw .invalidRequest("the soap wire writes each attempt's own message; this is a vtjdrop fault")
    }

    func request(for call: WireCall, attempt: WireAttempt) throws(VTJClientError) -> WireRequest {
        let hetu: String
        switch call {
        case .basicData(let hetus, _):
            guard hetus.count == 1, let only = hetus.first else {
                throw .invalidRequest("the soap wire asks about one henkilötunnus per message, got \(hetus.count)")
            }
            hetu = only
        case .probe:
            hetu = SOAPSettings.probeHetu
        case .logKey, .municipalBasicData, .changes:
            throw .invalidRequest("the soap wire (VTJ-kyselyrajapinta) has no change log, log keys or municipal selection; use vtj.wire xml or json")
        }
        // Never a henkilötunnus in the end-user fields, whatever a department id looks like.
        let endUser = "vtjdrop/" + Self.safe(attempt.department ?? "tarkistus")
        let query = SOAPQuery(messageID: attempt.messageID, client: settings.client, service: settings.service,
                              userID: endUser, issue: attempt.dropRequest.map(Self.safe),
                              product: settings.product, user: attempt.credentials.user, password: attempt.credentials.password,
                              endUser: endUser, hetu: hetu)
        let body: [UInt8]
        do {
            body = try query.envelope()
        } catch {
            throw .invalidRequest("the SOAP message could not be written: \(error.reason)")
        }
        // The security server forwards only these two headers to DVV (X-Road protocol §2.2).
        return WireRequest(method: "POST", path: "", body: body,
                           headers: [("Content-Type", "text/xml; charset=utf-8"), ("SOAPAction", "\"\"")])
    }

    /// Any XML type (X-Road answers `text/xml`); JSON is the REST interface answering, and says so.
    func contentTypeProblem(_ contentType: String?) -> String? {
        let type = mediaType(contentType)
        if isJSONMediaType(type) { return "the server answered JSON (\(contentType ?? "")), not SOAP; is vtj.wire right?" }
        if let type, !isXMLMediaType(type) { return "the answer's Content-Type is \(type.prefix(60)), not text/xml" }
        return nil
    }

    func readHetuAnswer(_ body: ResponseBody, asked: [String], onPerson: (Person) throws -> Void) throws -> HetuAnswer {
        let answer = try SOAPAnswerReader(fileDescriptor: body.fileDescriptor, documentName: body.documentName).read()
        return try SOAPAnswerMeaning(answer: answer, asked: asked.first ?? "", messageID: body.messageID).interpret(onPerson: onPerson)
    }

    func readProbe(_ body: ResponseBody) throws -> ProbeAnswer {
        let answer = try SOAPAnswerReader(bytes: body.readAll(limit: 4 << 20), documentName: body.documentName).read()
        let meaning = SOAPAnswerMeaning(answer: answer, asked: SOAPSettings.probeHetu, messageID: body.messageID)
        var found = false
        let read = try meaning.interpret { _ in found = true }
        return .query(meaning.summary(found: found, answer: read, product: settings.product))
    }

    // The REST operations do not exist here; `supports` keeps the client from asking.
    func readPerustiedot(_ body: ResponseBody, onPerson: (Person) throws -> Void) throws -> PerustiedotPageInfo {
        throw ProfileViolation(description: "the soap wire has no page reader")
    }

    func readMuutokset(_ body: ResponseBody, onChange: (Change) throws -> Void) throws -> MuutoksetPageInfo {
        throw ProfileViolation(description: "the soap wire has no change log")
    }

    func readLogKey(_ body: ResponseBody) throws -> Int64 {
        throw ProfileViolation(description: "the soap wire has no log keys")
    }

    /// A non-200 answer: a SOAP Fault when it is one (SOAP 1.1 sends faults with 500), else
    /// nothing quoted. The body is never excerpted raw: a server may echo the request, password included.
    func errorDetail(status: Int, body: [UInt8]) -> InterfaceErrorBody? {
        guard let answer = try? SOAPAnswerReader(bytes: body, documentName: "HTTP \(status)").read() else { return nil }
        switch answer.content {
        case .fault(let code, let text), .faultPair(let code, let text): return InterfaceErrorBody(code: code, message: DropFileName.maskingHetus(in: text))
        case .document(let document): return InterfaceErrorBody(code: document.returnCode ?? "?", message: DropFileName.maskingHetus(in: document.returnText))
        }
    }

    /// A SOAP Fault that came with an error status (a 200 fault is read with the answer).
    func fault(status: Int, headers: HTTPResponseHead, body: () -> [UInt8]) -> XRoadFault? {
        if let type = headers.header("X-Road-Error"), !type.isEmpty { return XRoadFault(type: type, status: status, viaSOAP: true) }
        guard status != 200, case .fault(let code, _)? = (try? SOAPAnswerReader(bytes: body(), documentName: "fault").read())?.content else {
            return nil
        }
        return XRoadFault(type: code, status: status, viaSOAP: true)
    }

    /// A header or end-user value: letters, digits and `-_./`, at most 64 characters, and never a henkilötunnus.
    static func safe(_ text: String) -> String {
        let cleaned = String(text.prefix(64).map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) ? $0 : "_" })
        return DropFileName.maskingHetus(in: cleaned)
    }
}
