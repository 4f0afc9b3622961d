import Hummingbird
import NIOCore
import VTJCore
import VTJXML

/// Answers the interface's three operations, `/admin/…`, and a `virhe` 404 for anything else.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let core: SandboxCore
    static let apiPrefix = "/api/v1/"

    func respond(to request: Request, context: Context) async throws -> Response {
        var response: Response
        do {
            response = try await route(request)
        } catch let failure as SandboxHTTPFailure {
            response = failure.response
        }
        // Named through `.init` because HTTPTypes is reachable only through Hummingbird's re-exports.
        if let id = request.headers[.init("X-Request-Id")!] {
            response.headers[.init("X-Request-Id")!] = id
        }
        core.counters.status(Int(response.status.code))
        return response
    }

    private func route(_ request: Request) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/admin/"), core.configuration.adminEnabled {
            return try await SandboxAdmin(core: core).respond(to: request, path: String(path.dropFirst("/admin/".count)))
        }
        guard path.hasPrefix(SandboxResponder.apiPrefix) else {
            core.counters.request("unknown")
            throw SandboxHTTPFailure.notFound(path)
        }
        let operation = String(path.dropFirst(SandboxResponder.apiPrefix.count))
        let name = operation.hasPrefix("kirjausavain/") ? "kirjausavain" : ["perustiedot", "muutokset"].contains(operation) ? operation : "unknown"
        core.counters.request(name)
        guard name != "unknown" else { throw SandboxHTTPFailure.notFound(path) }

        let decision = core.faults.decide()
        if decision.latencyMs > 0 {
            core.counters.fault("latency")
            try await Task.sleep(for: .milliseconds(decision.latencyMs))
        }
        switch decision.action {
        case .rateLimited(let seconds):
            core.counters.fault("rateLimited")
            throw SandboxHTTPFailure(status: .tooManyRequests, code: "LIIKAA_PYYNTOJA", message: "rate limited: retry after \(seconds) s", retryAfter: seconds)
        case .unavailable(let seconds):
            core.counters.fault("unavailable")
            throw SandboxHTTPFailure(status: .serviceUnavailable, code: "HUOLTOKATKO", message: "service unavailable: retry after \(seconds) s", retryAfter: seconds)
        case .notFound:
            core.counters.fault("notFound")
            throw SandboxHTTPFailure(status: .notFound, code: "TUNTEMATON_POLKU", message: "no such path \(path.prefix(80)) (injected); check the base URL")
        case .serverError:
            core.counters.fault("serverError")
            throw SandboxHTTPFailure(status: .internalServerError, code: "PALVELINVIRHE", message: "injected server error: retry with back-off")
        case .none: break
        }
        guard core.isAuthorized(request.headers[.authorization]) else {
            core.counters.fault("unauthorized")
            throw SandboxHTTPFailure(status: .unauthorized, code: "TUNNISTUS_EPAONNISTUI", message: "bad or missing Basic credentials: check the user name and password")
        }
        let body: [UInt8]
        switch name {
        case "kirjausavain":
            guard request.method == .get else { throw SandboxHTTPFailure.method(request.method, "GET") }
            body = try logKey(String(operation.dropFirst("kirjausavain/".count)))
        case "perustiedot":
            guard request.method == .post else { throw SandboxHTTPFailure.method(request.method, "POST") }
            body = try perustiedot(try await read(request, name: "perustiedotPyynto"))
        default:
            guard request.method == .post else { throw SandboxHTTPFailure.method(request.method, "POST") }
            body = try muutokset(try await read(request, name: "muutoksetPyynto"))
        }
        return ok(body)
    }

    private func read(_ request: Request, name: String) async throws -> InterfaceRequest {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 4 << 20)
        } catch {
            throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_SANOMA", message: "request body over 4 MB or unreadable")
        }
        do {
            return try RequestXML.read(Array(buffer.readableBytesView), documentName: name)
        } catch {
            throw SandboxHTTPFailure(status: .badRequest, code: error.interfaceCode, message: error.description)
        }
    }

    private func logKey(_ text: String) throws -> [UInt8] {
        guard let day = CivilDate(iso: text) else {
            throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_PAIVAMAARA", message: "'\(text.prefix(20))' is not a date YYYY-MM-DD")
        }
        return ResponseXML.logKey(core.registry.logKey(atStartOf: day))
    }

    private func perustiedot(_ request: InterfaceRequest) throws -> [UInt8] {
        guard case .perustiedot(let ask) = request else {
            throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_SANOMA", message: "expected <perustiedotPyynto>")
        }
        let groups = ask.groups.map(Set.init)
        let censor = !core.configuration.uncensored
        switch ask.restriction {
        case .hetulista(let hetus):
            if let first = hetus.first, core.faults.shouldRejectQuoting() {
                core.counters.fault("rejectQuoting")
                throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_HETU",
                                         message: "henkilötunnus \(first) ei kelpaa tälle käyttäjälle (injected)")
            }
            let persons = distort(core.registry.basicData(hetus: hetus, groups: groups, censor: censor), groups: groups)
            return ResponseXML.perustiedot(persons, page: PerustiedotPageInfo(upToDate: true))
        case .kuntarajaus(let codes):
            try checkLicence(codes)
            var start = 0
            if let token = ask.continuation {
                guard let index = SandboxResponder.continuationIndex(token) else {
                    throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_JATKOAVAIN", message: "unknown jatkoavain: start the delivery again without it")
                }
                start = index
            }
            let page = core.registry.municipalPage(from: start, limit: core.configuration.pageSize, groups: groups, censor: censor)
            let info = PerustiedotPageInfo(upToDate: page.next == nil, continuation: page.next.map(SandboxResponder.continuationToken))
            return ResponseXML.perustiedot(distort(page.persons, groups: groups), page: info)
        }
    }

    /// Applies the answer faults to the answer model, before any wire encodes it.
    private func distort(_ persons: [Person], groups: Set<GroupName>?) -> [Person] {
        var out: [Person] = []
        out.reserveCapacity(persons.count)
        for person in persons {
            let fault = core.faults.personFault()
            guard fault != .none else {
                out.append(person)
                continue
            }
            var bare = core.registry.basicData(hetus: [person.hetu], groups: groups, censor: false).first ?? person
            bare.records.removeAll { $0.group == .turvakielto }
            if fault == .dropTurvakielto {
                core.counters.fault("dropTurvakielto")
                out.append(bare)
                continue
            }
            // First a copy that says "no ban" and holds every group in clear, then the true one.
            core.counters.fault("contradict")
            var forged = bare
            forged.records.append(Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", "false")]))
            if forged == person {
                // Nothing to hide: the first copy contradicts the second in another way.
                if forged.records.count > 1 { forged.records.removeFirst() } else { forged.records.append(Record(group: .ammatti)) }
            }
            out += [forged, person]
        }
        return out
    }

    private func muutokset(_ request: InterfaceRequest) throws -> [UInt8] {
        guard case .muutokset(let ask) = request else {
            throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_SANOMA", message: "expected <muutoksetPyynto>")
        }
        if case .kuntarajaus(let codes) = ask.restriction { try checkLicence(codes) }
        let result = core.registry.changes(
            after: ask.logKey, restriction: ask.restriction, limit: core.configuration.changesPageSize, censor: !core.configuration.uncensored)
        return ResponseXML.muutokset(result.changes, page: result.page)
    }

    private func checkLicence(_ codes: [String]) throws {
        let licensed = core.registry.population.licensedMunicipality
        guard codes.isEmpty || codes.contains(licensed) else {
            throw SandboxHTTPFailure(status: .forbidden, code: "EI_KAYTTOOIKEUTTA", message: "the credentials are licensed for municipality \(licensed) only")
        }
    }

    /// `jatkoavain`: an opaque token for "continue from this person index".
    static func continuationToken(_ index: Int) -> String { "S" + String(index, radix: 36) }

    static func continuationIndex(_ token: String) -> Int? {
        guard token.hasPrefix("S"), let index = Int(token.dropFirst(), radix: 36), index >= 0 else { return nil }
        return index
    }

    private func ok(_ bytes: [UInt8]) -> Response {
        var headers: HTTPFields = [.contentType: "application/xml; charset=utf-8"]
        guard core.faults.shouldTruncate(), bytes.count > 1 else {
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        core.counters.fault("truncated")
        // Promise the whole body, send half, then fail the stream: the connection closes mid-body.
        headers[.contentLength] = String(bytes.count)
        let half = Array(bytes.prefix(bytes.count / 2))
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(bytes: half))
            throw SandboxHTTPFailure(status: .internalServerError, code: "KATKAISTU", message: "body cut on purpose")
        })
    }
}
