import Hummingbird
import NIOCore
import VTJCore
import VTJXML

/// The sandbox's VTJ-kyselyrajapinta (vtj-soap-kysely.md): `POST /` with a SOAP 1.1
/// `HenkilonTunnusKysely`, answered as DVV and an X-Road security server answer, from the same
/// population and the same shared faults as the REST wires. Errors of the "security server"
/// come as SOAP Faults with status 200; the "interface's" errors as return codes.
struct SandboxSOAPResponder {
    let core: SandboxCore

    /// The path SOAP is served at: a security server's endpoint is its root.
    static let path = "/"

    func respond(to request: Request) async throws -> Response {
        core.counters.request(SOAPNames.operation)
        guard request.method == .post else {
            return Response(status: .methodNotAllowed, headers: [.allow: "POST", .contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "POST a SOAP 1.1 HenkilonTunnusKysely here\n")))
        }
        return try await core.counters.answeringSOAP { try await serve(request) }
    }

    /// One posted query: the shared faults, the transport checks, the X-Road headers, then the answer.
    private func serve(_ request: Request) async throws -> Response {
        switch try await core.injectedFault() {
        case .rateLimited(let seconds):
            core.counters.fault("rateLimited")
            return plain(.tooManyRequests, "rate limited: retry after \(seconds) s", retryAfter: seconds)
        case .unavailable(let seconds):
            core.counters.fault("unavailable")
            return plain(.serviceUnavailable, "service unavailable: retry after \(seconds) s", retryAfter: seconds)
        case .serverError:
            core.counters.fault("serverError")
            // SOAP 1.1 sends a server's fault with 500.
            return soap(SOAPAnswerWriter.fault(code: "Server", text: "injected server error"), status: .internalServerError)
        case .xRoadError(let type):
            core.counters.fault("xRoadError")
            return fault(type, "injected by the vtjdrop sandbox")
        case .notFound:
            core.counters.fault("notFound")
            return plain(.notFound, "no such path (injected); check the security server's address")
        case .none:
            break
        }
        let media = (request.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard media == "text/xml" else {
            return fault("Client.InvalidContentType", "SOAP 1.1 is posted as text/xml")
        }
        let bytes: [UInt8]
        do {
            bytes = Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
        } catch {
            return fault("Client.InvalidSoap", "request body over 1 MB or unreadable")
        }
        let query: ReceivedSOAPQuery
        do {
            query = try SOAPQueryReader.read(bytes)
        } catch {
            return fault("Client.InvalidSoap", "the request is not a SOAP 1.1 envelope: \(error.reason)")
        }
        if let problem = headerProblem(query) { return fault(problem.code, problem.text) }
        return answer(query)
    }

    /// What a security server says about the X-Road headers, or nil when they are in order.
    private func headerProblem(_ query: ReceivedSOAPQuery) -> (code: String, text: String)? {
        guard query.protocolVersion == SOAPNames.protocolVersion else {
            return ("Client.InvalidProtocolVersion", "xrd:protocolVersion must be 4.0")
        }
        guard let client = query.client, query.messageID?.isEmpty == false else {
            return ("Client.MissingHeaderField", "the xrd:client and xrd:id headers are mandatory")
        }
        let expected = XRoadServiceID.dvvQuery(instance: client.instance)
        guard let service = query.service, service.instance == expected.instance, service.memberClass == expected.memberClass,
              service.memberCode == expected.memberCode, service.subsystemCode == expected.subsystemCode,
              service.serviceCode == expected.serviceCode, service.serviceVersion ?? "v1" == "v1"
        else {
            return ("Server.ServerProxy.UnknownService", "Unknown service: \(query.service?.description ?? "none")")
        }
        guard query.operation == SOAPNames.operation else {
            return ("Client.InconsistentHeaders", "the body's element must be the service code HenkilonTunnusKysely")
        }
        return nil
    }

    /// The interface's own answer: credentials, product, then the person.
    private func answer(_ query: ReceivedSOAPQuery) -> Response {
        let faults = core.soapFaults.decide(hetu: (query.hetu ?? "").trimmingCharacters(in: .whitespaces))
        let today = core.registry.today.description.filter { $0 != "-" }
        guard core.credentialsMatch(user: query.user ?? "", password: query.password ?? "") else {
            core.counters.fault("unauthorized")
            let userKnown = core.credentialsMatch(user: query.user ?? "", password: nil)
            return code(userKnown ? "0003" : "0004", query: query, product: .perussanoma3, today: today)
        }
        guard let product = SOAPProductLayout.named(query.product ?? "") else {
            return code("-1900", query: query, product: .perussanoma3, today: today)
        }
        if let forced = faults.returnCode, forced != "0000" {
            core.counters.fault("returnCode")
            return code(forced, query: query, product: product, today: today)
        }
        let hetu = (query.hetu ?? "").trimmingCharacters(in: .whitespaces)
        let asked = (try? Henkilotunnus(hetu)) != nil ? hetu : ""
        let registered = asked.isEmpty ? [] : core.registry.basicData(hetus: [asked], groups: nil, censor: !core.configuration.uncensored)
        let faulted = core.faults.apply(to: .basicData(registered, page: PerustiedotPageInfo(upToDate: true), extractionDate: nil),
                                        uncensored: { hetu, groups in core.registry.basicData(hetus: [hetu], groups: groups, censor: false).first },
                                        count: core.counters.fault).persons
        // One Henkilo per answer: of a contradiction's two copies the true one (the last) is sent;
        // a ban dropped by the shared faults becomes a missing Turvakielto element, the SOAP way.
        var person = faulted.last
        let banDropped = registered.first?.records.contains { $0.group == .turvakielto } == true
            && person?.records.contains { $0.group == .turvakielto } == false
        if faults.wrongPerson, let other = core.registry.hetus(where: [.adult], limit: 2).first(where: { $0 != asked }) {
            core.counters.fault("wrongPerson")
            person = core.registry.basicData(hetus: [other], groups: nil, censor: true).first
        }
        if person == nil, !asked.isEmpty, let active = core.registry.activeHetu(replacing: asked),
           let successor = core.registry.basicData(hetus: [active], groups: nil, censor: !core.configuration.uncensored).first {
            // A corrected code: passive, with the person under the active code (§8.3, 0002).
            return passive(query, product: product, person: successor, today: today)
        }
        guard person != nil || faults.missingPerson else {
            return code("0001", query: query, product: product, today: today)
        }
        if faults.missingPerson { core.counters.fault("missingPerson"); person = nil }
        var document = SOAPAnswerWriter.Document(product: product, returnCode: "0000", returnText: Self.texts["0000"]!, criterionCode: "1",
                                                 person: person, extractionTime: today + "120000")
        if faults.withoutTurvakielto { core.counters.fault("withoutTurvakielto") }
        if faults.withoutTurvakielto || banDropped { document.omittedBlocks = [.turvakielto] }
        if faults.wrongNamespace { core.counters.fault("wrongNamespace"); document.namespace = "http://xml.vrk.fi/schema/vtjkysely/2" }
        return ok(SOAPAnswerWriter.document(document, echo: query))
    }

    /// `0002` with the active person (a pair cannot carry them, so this is always a document).
    private func passive(_ query: ReceivedSOAPQuery, product: SOAPProductLayout, person: Person, today: String) -> Response {
        ok(SOAPAnswerWriter.document(SOAPAnswerWriter.Document(product: product, returnCode: "0002", returnText: Self.texts["0002"]!,
                                                                criterionCode: "2", person: person, extractionTime: today + "120000"),
                                     echo: query))
    }

    /// A return code without a person, as a document or as a `faultCode` pair.
    private func code(_ code: String, query: ReceivedSOAPQuery, product: SOAPProductLayout, today: String) -> Response {
        let text = Self.texts[code] ?? "Tuntematon paluukoodi"
        if core.soapFaults.faults.writesPairs {
            return ok(SOAPAnswerWriter.faultPair(code: code, text: text, echo: query))
        }
        let criterion = code == "0001" || code == "0006" ? "0" : code == "0002" ? "2" : "1"
        return ok(SOAPAnswerWriter.document(SOAPAnswerWriter.Document(product: product, returnCode: code, returnText: text,
                                                                       criterionCode: criterion, person: nil, extractionTime: today + "120000"),
                                            echo: query))
    }

    /// A security server's SOAP Fault: status 200 (X-Road protocol).
    private func fault(_ code: String, _ text: String) -> Response {
        soap(SOAPAnswerWriter.fault(code: code, text: text), status: .ok)
    }

    private func soap(_ bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: Self.contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A 200 answer, with the shared byte-level faults (cut and endless bodies).
    private func ok(_ bytes: [UInt8]) -> Response {
        SandboxResponder(core: core).ok(bytes, contentType: Self.contentType)
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String, retryAfter: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    static let contentType = "text/xml; charset=utf-8"

    /// The catalogue's texts for the codes the sandbox answers (VTJHenkilotiedotKatalogi.xsd).
    static let texts: [String: String] = [
        "0000": "Haku onnistui",
        "0001": "Hakuperusteella (henkilötunnus) ei löydy tietoja vtj:stä.",
        "0002": "Hakuperusteena käytetty henkilötunnus on passivoitu.",
        "0003": "Kysyvän sovelluksen lähettämä tunnussana puuttuu, on virheellinen tai vanhentunut.",
        "0004": "Kysyvän sovelluksen lähettämä käyttäjätunnus puuttuu, on virheellinen tai vanhentunut.",
        "0005": "Pakollinen hakuehto puuttuu.",
        "0006": "Hakuperusteella (henkilötunnus) ei löydy tietoja vtj:stä.",
        "0007": "Haettava henkilö on kuollut, joten tietoja ei voida palauttaa, ellei muuta ole sovittu.",
        "0018": "Henkilö on alle 15-vuotias",
        "0019": "Tietoja ei voida luovuttaa",
        "-1500": "Virheellinen tunnus/salasana pari",
        "-1505": "laskutustiedoissa jokin virhe",
        "-1800": "WebServicen sisäinen virhe",
        "-1805": "Kyselysanoman validointivirhe, eli sanoma ei ole skeeman mukainen.",
        "-1900": "Tuotetta ei löydy",
    ]
}
