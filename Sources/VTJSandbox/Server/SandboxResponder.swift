import Hummingbird
import NIOCore
import VTJCore
import VTJJSON

/// Answers the interface's operations over both wires, `/admin/…`, and a 404 for anything else.
///
/// Each API request is answered in the wire it spoke (a POST by its `Content-Type`, a GET by its
/// `Accept`, else ``SandboxConfiguration/wire``): the answer is built once as a ``SandboxAnswer``,
/// model-level faults are applied to it, then it is encoded, and byte-level faults (cut and endless
/// bodies) are applied to the bytes. So the same population and the same faults serve both wires.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let core: SandboxCore
    static let apiPrefix = "/api/v1/"
    /// The operations under ``apiPrefix`` (`kirjausavain/{date}` is matched by its prefix).
    static let operations: Set<String> = ["perustiedot", "perustiedot-vko", "muutokset"]

    func respond(to request: Request, context: Context) async throws -> Response {
        let fallback = core.configuration.wire == .json ? SandboxWire.json : SandboxWire.xml
        var response: Response
        if request.uri.path == SandboxSOAPResponder.path {
            // DVV's SOAP query interface, at the root as a security server's endpoint is.
            response = try await SandboxSOAPResponder(core: core).respond(to: request)
            core.counters.status(Int(response.status.code))
            return response
        }
        do {
            // /admin is test tooling with JSON bodies of its own, whatever a client calls their type.
            let isAPI = request.uri.path.hasPrefix(SandboxResponder.apiPrefix)
            guard let wire = isAPI ? SandboxWire.of(request, default: fallback) : fallback else {
                throw SandboxHTTPFailure(status: .unsupportedMediaType, code: "VIRHEELLINEN_SISALTOTYYPPI",
                                         message: "post application/json (DVV's wire) or application/xml (the XML profile)")
            }
            do {
                response = try await route(request, wire: wire)
            } catch let failure as SandboxHTTPFailure {
                response = failure.response(wire)
            }
        } catch let failure as SandboxHTTPFailure {
            response = failure.response(fallback)
        }
        // Named through `.init` because HTTPTypes is reachable only through Hummingbird's re-exports.
        if let id = request.headers[.init("X-Request-Id")!] {
            response.headers[.init("X-Request-Id")!] = id
        }
        core.counters.status(Int(response.status.code))
        return response
    }

    private func route(_ request: Request, wire: SandboxWire) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/admin/"), core.configuration.adminEnabled {
            return try await SandboxAdmin(core: core).respond(to: request, path: String(path.dropFirst("/admin/".count)))
        }
        guard path.hasPrefix(SandboxResponder.apiPrefix) else {
            core.counters.request("unknown")
            throw SandboxHTTPFailure.notFound(path)
        }
        let operation = String(path.dropFirst(SandboxResponder.apiPrefix.count))
        let name = operation.hasPrefix("kirjausavain/") ? "kirjausavain" : Self.operations.contains(operation) ? operation : "unknown"
        core.counters.request(name)
        guard name != "unknown" else { throw SandboxHTTPFailure.notFound(path) }

        switch try await core.injectedFault() {
        case .rateLimited(let seconds):
            core.counters.fault("rateLimited")
            throw SandboxHTTPFailure(status: .tooManyRequests, code: "LIIKAA_PYYNTOJA", message: "rate limited: retry after \(seconds) s", retryAfter: seconds)
        case .unavailable(let seconds):
            core.counters.fault("unavailable")
            throw SandboxHTTPFailure(status: .serviceUnavailable, code: "HUOLTOKATKO", message: "service unavailable: retry after \(seconds) s", retryAfter: seconds)
        case .serverError:
            core.counters.fault("serverError")
            throw SandboxHTTPFailure(status: .internalServerError, code: "PALVELINVIRHE", message: "injected server error: retry with back-off")
        case .xRoadError(let type):
            core.counters.fault("xRoadError")
            return Self.xRoadError(type)
        case .notFound:
            core.counters.fault("notFound")
            throw SandboxHTTPFailure(status: .notFound, code: "TUNTEMATON_POLKU", message: "no such path \(path.prefix(80)) (injected); check the base URL")
        case .none: break
        }
        guard core.isAuthorized(request.headers[.authorization]) else {
            core.counters.fault("unauthorized")
            throw SandboxHTTPFailure(status: .unauthorized, code: "TUNNISTUS_EPAONNISTUI", message: "bad or missing Basic credentials: check the user name and password")
        }
        let answer: SandboxAnswer
        if name == "kirjausavain" {
            guard request.method == .get else { throw SandboxHTTPFailure.method(request.method, "GET") }
            answer = try logKey(String(operation.dropFirst("kirjausavain/".count)))
        } else {
            guard request.method == .post else { throw SandboxHTTPFailure.method(request.method, "POST") }
            answer = try self.answer(to: wire.read(try await body(of: request), operation: name), operation: name)
        }
        let faulted = core.faults.apply(to: answer, uncensored: { hetu, groups in
            core.registry.basicData(hetus: [hetu], groups: groups, censor: false).first
        }, count: core.counters.fault)
        return ok(wire.encode(faulted), wire: wire)
    }

    private func body(of request: Request) async throws -> [UInt8] {
        do {
            return Array(try await request.body.collect(upTo: 4 << 20).readableBytesView)
        } catch {
            throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_SANOMA", message: "request body over 4 MB or unreadable")
        }
    }

    private func logKey(_ text: String) throws -> SandboxAnswer {
        guard let day = CivilDate(iso: text) else {
            throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_PAIVAMAARA", message: "'\(text.prefix(20))' is not a date YYYY-MM-DD")
        }
        return .logKey(core.registry.logKey(atStartOf: day))
    }

    /// X-Road's own error (message protocol for REST, 4.6): `X-Road-Error` and a JSON body, 500 for
    /// the servers' trouble and 400 for a request that broke the protocol, whatever the wire.
    static func xRoadError(_ type: String) -> Response {
        let writer = JSONWriter()
        writer.beginObject()
        writer.member("type", type)
        writer.member("message", "injected by the vtjdrop sandbox")
        writer.member("detail", "00000000-0000-4000-8000-000000000000")
        writer.endObject()
        let headers: HTTPFields = [.contentType: "application/json;charset=utf-8", .init("X-Road-Error")!: type]
        return Response(status: type.hasPrefix("Client") ? .badRequest : .internalServerError, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.finish())))
    }
}
