import Foundation
import Hummingbird
import NIOCore
import VTJCore

/// `/admin/…`: test tooling over JSON (faults, credentials, clock, events, counters, lookups).
///
/// | method | path | body / query | answer |
/// |---|---|---|---|
/// | GET/POST | faults | ``SandboxFaults`` JSON (absent keys = 0) | current faults |
/// | GET/POST | soap-faults | ``SandboxSOAPFaults`` JSON (absent keys = defaults) | current SOAP faults |
/// | POST | credentials | `{"user":…,"password":…}` | 204 |
/// | POST | advance | `?days=N` | `{"today":…,"latestKey":…}` |
/// | POST | events | `{"kind":"moveOut","hetu":…}` | `{"keys":[…]}` |
/// | GET | counters · POST counters/reset | | ``SandboxCounters`` |
/// | GET | status | | today, latestKey, changes, population |
/// | GET | persons | `?kind=turvakielto&limit=5` | `{"hetus":[…]}` |
struct SandboxAdmin {
    let core: SandboxCore

    struct Credentials: Codable { let user: String; let password: String }
    struct EventRequest: Codable { let kind: SandboxEventKind; let hetu: String }
    struct Status: Codable {
        let today: String
        let latestKey: Int64
        let changes: Int
        let population: Int
        let licensedMunicipality: String
    }

    func respond(to request: Request, path: String) async throws -> Response {
        let registry = core.registry
        switch (request.method, path) {
        case (.get, "faults"):
            return try json(core.faults.faults)
        case (.post, "faults"):
            core.faults.set(try await decode(SandboxFaults.self, request))
            return try json(core.faults.faults)
        case (.get, "soap-faults"):
            return try json(core.soapFaults.faults)
        case (.post, "soap-faults"):
            core.soapFaults.set(try await decode(SandboxSOAPFaults.self, request))
            return try json(core.soapFaults.faults)
        case (.post, "credentials"):
            let credentials = try await decode(Credentials.self, request)
            core.setCredentials(user: credentials.user, password: credentials.password)
            return Response(status: .noContent)
        case (.post, "advance"):
            let days = Int(request.uri.queryParameters.get("days") ?? "1") ?? 1
            registry.advance(days: days)
            return try json(status())
        case (.post, "events"):
            let event = try await decode(EventRequest.self, request)
            return try json(["keys": registry.apply(event.kind, hetu: event.hetu)])
        case (.get, "counters"):
            return try json(core.counters.snapshot)
        case (.post, "counters/reset"):
            core.counters.reset()
            return try json(core.counters.snapshot)
        case (.get, "status"):
            return try json(status())
        case (.get, "persons"):
            guard let kind = request.uri.queryParameters.get("kind").flatMap(SandboxPersonKind.init(rawValue:)) else {
                throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_PYYNTO", message: "give ?kind= one of \(SandboxPersonKind.allCases.map(\.rawValue).joined(separator: ","))")
            }
            let limit = Int(request.uri.queryParameters.get("limit") ?? "10") ?? 10
            return try json(["hetus": registry.hetus(where: kind, limit: limit)])
        default:
            throw SandboxHTTPFailure.notFound("/admin/" + path)
        }
    }

    private func status() -> Status {
        Status(
            today: core.registry.today.description, latestKey: core.registry.latestKey, changes: core.registry.changeCount,
            population: core.registry.population.size, licensedMunicipality: core.registry.population.licensedMunicipality)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_PYYNTO", message: "admin body is not the expected JSON: \(error)")
        }
    }

    private func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(data))))
    }
}
