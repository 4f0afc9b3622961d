import Foundation
import Testing
@testable import VTJClient
import VTJCore
import VTJJSON
import VTJSandbox
import VTJTestSupport

/// The client over DVV's JSON wire, against the real sandbox on loopback: the same persons,
/// changes and keys as over the XML profile, requests that keep to the contract's schema, and
/// every bad answer handled as on the XML path.
@Suite("Client over the JSON wire", .serialized) struct JSONWireTests {
    static func client(_ base: String, wire: WireKind, codes: [String] = ["091"], cap: Int64 = VTJClientConfiguration.defaultMaxResponseBytes,
                       maxAttempts: Int = 4) throws -> VTJInterfaceClient {
        var configuration = ClientTestData.configuration(base, maxAttempts: maxAttempts)
        configuration.credentials = BasicCredentials(user: "kunta", password: "salasana")
        configuration.wire = wire
        configuration.municipalityCodes = codes
        configuration.maxResponseBytes = cap
        return try VTJInterfaceClient(configuration: configuration)
    }

    @Test("perustiedot over JSON gives exactly the persons XML gives, censored and uncensored", arguments: [false, true])
    func basicDataMatchesXML(uncensored: Bool) async throws {
        var configuration = SandboxFixture.defaultConfiguration
        configuration.uncensored = uncensored
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let hetus = try server.registry.population.hetus.prefix(400).map { try Henkilotunnus($0) } + TestHetu.distinct(3)
            var results: [WireKind: [String: Person]] = [:]
            for wire in [WireKind.xml, .json] {
                let persons = Collected<Person>()
                let report = try await Self.client(base, wire: wire).basicData(hetus: hetus) { persons.append($0) }
                #expect(report.notFound.count == 3 && report.returned == 400)
                results[wire] = Dictionary(uniqueKeysWithValues: persons.all.map { ($0.hetu, $0) })
            }
            #expect(results[.json] == results[.xml])
            let protected = server.registry.hetus(where: [.turvakielto], limit: 50).filter { results[.json]?[$0] != nil }
            #expect(!protected.isEmpty)
            for hetu in protected {
                let placeholders = results[.json]![hetu]!.records.filter(\.isCensoredPlaceholder)
                #expect(placeholders.isEmpty == uncensored, "censoring sandbox sends placeholders, the uncensored one real records")
            }
            #expect(server.counters.requests("perustiedot") == 2)
        }
    }

    @Test("municipal snapshot, change pages and log keys over JSON match XML")
    func municipalAndChangesMatchXML() async throws {
        var configuration = SandboxFixture.defaultConfiguration
        configuration.pageSize = 70
        configuration.changesPageSize = 15
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let day = server.registry.today
            var keys: [WireKind: Int64] = [:]
            var snapshots: [WireKind: [Person]] = [:]
            var pages: [WireKind: Int] = [:]
            var changes: [WireKind: [Change]] = [:]
            let start = server.registry.latestKey
            _ = server.registry.advance(days: 3)
            let followed = Array(server.registry.population.hetus.prefix(300))
            for wire in [WireKind.xml, .json] {
                let client = try Self.client(base, wire: wire)
                keys[wire] = try await client.logKey(on: day)
                let persons = Collected<Person>()
                pages[wire] = try await client.municipalBasicData(groups: [.henkilonNimi, .kotikunta]) { persons.append($0) }.pages
                snapshots[wire] = persons.all
                let log = PageLog()
                try await client.changes(after: start, restriction: .hetulista(followed)) { await log.add($0) }
                let municipal = PageLog()
                try await client.changes(after: start, restriction: .kuntarajaus([])) { await municipal.add($0) }
                changes[wire] = (await log.pages).flatMap(\.changes) + (await municipal.pages).flatMap(\.changes)
            }
            #expect(keys[.json] == keys[.xml])
            #expect(pages[.json] == pages[.xml] && (pages[.xml] ?? 0) > 2)
            #expect(snapshots[.json] == snapshots[.xml] && !(snapshots[.xml] ?? []).isEmpty)
            #expect(changes[.json] == changes[.xml] && !(changes[.xml] ?? []).isEmpty)
            #expect(server.counters.requests("perustiedot-vko") == pages[.json])
        }
    }

    @Test("JSON municipal requests name the configured codes; without codes nothing is sent")
    func municipalNeedsCodes() async throws {
        try await SandboxFixture.withSandbox { server, base in
            let client = try Self.client(base, wire: .json, codes: [])
            await #expect(throws: VTJClientError.self) { _ = try await client.municipalBasicData { _ in } }
            await #expect(throws: VTJClientError.self) { try await client.changes(after: 1, restriction: .kuntarajaus([])) { _ in } }
            #expect(server.counters.requests("perustiedot-vko") == 0 && server.counters.requests("muutokset") == 0)
            // A code the credentials are not licensed for is the interface's 403.
            let other = try Self.client(base, wire: .json, codes: ["837"])
            await #expect { _ = try await other.municipalBasicData { _ in } } throws: { ($0 as? VTJClientError)?.status == 403 }
        }
    }

    @Test("every request the client sends keeps to the contract's envelope schema (section 8)")
    func requestsKeepToTheSchema() async throws {
        let responder = try LoopbackResponder { seen in
            let json = [("Content-Type", "application/json")]
            if seen.path.contains("kirjausavain") {
                return .init(status: 200, headers: json, body: JSONResponseWriter.logKey(5_446_623_423))
            }
            if seen.path.hasSuffix("/muutokset") {
                return .init(status: 200, headers: json, body: JSONResponseWriter.muutokset([], page: MuutoksetPageInfo(logKey: 5_446_623_500, upToDate: true)))
            }
            return .init(status: 200, headers: json, body: JSONResponseWriter.perustiedot([], page: PerustiedotPageInfo(upToDate: true)))
        }
        defer { responder.stop() }
        var configuration = ClientTestData.configuration(responder.baseURL, parallelism: 2, maxHetusPerMessage: 1000)
        configuration.wire = .json
        configuration.municipalityCodes = ["091", "049"]
        let client = try VTJInterfaceClient(configuration: configuration)
        _ = try await client.logKey(on: SandboxFixture.day)
        _ = try await client.basicData(hetus: TestHetu.distinct(1500)) { _ in }
        _ = try await client.basicData(hetus: TestHetu.distinct(2), groups: [.henkilonNimi, .kotikunta]) { _ in }
        _ = try await client.municipalBasicData(groups: [.kotikunta]) { _ in }
        try await client.changes(after: 5_446_623_423, restriction: .hetulista(TestHetu.distinct(3).map(\.value))) { _ in }
        try await client.changes(after: 5_446_623_423, restriction: .kuntarajaus([])) { _ in }
        let seen = responder.requests
        func bodies(_ suffix: String) -> [[UInt8]] { seen.filter { $0.path.hasSuffix(suffix) }.map(\.body) }
        #expect(bodies("/perustiedot").count == 3)
        #expect(try JSONSchemaCheck.problems(bodies("/perustiedot"), as: "PerustietoRequest") == [])
        #expect(try JSONSchemaCheck.problems(bodies("/perustiedot-vko"), as: "VkoRequest") == [])
        #expect(try JSONSchemaCheck.problems(bodies("/muutokset"), as: "MuutoksetRequest") == [])
        // The checker does find a broken request (so the empty lists above mean something).
        #expect(try !JSONSchemaCheck.problems([Array(#"{"hetulista": [], "tuotekoodi": "X"}"#.utf8)], as: "PerustietoRequest").isEmpty)
        for request in seen {
            #expect(request.header("Accept") == "application/json")
            #expect(request.header("X-Road-Client") == "FI/GOV/0000000-0/vtjdrop-test")
            #expect(request.header("Authorization")?.hasPrefix("Basic ") == true)
            if request.method == "POST" { #expect(request.header("Content-Type") == "application/json") }
        }
        let named = seen.filter { $0.path.hasSuffix("/perustiedot") }.compactMap { try? JSONTreeText.groups(of: $0.body) }
        #expect(named.contains(["HENKILON_NIMI", "KOTIKUNTA", "TURVAKIELTO"]), "TURVAKIELTO is always named when groups are")
        let vko = String(decoding: bodies("/perustiedot-vko").first ?? [], as: UTF8.self)
        #expect(vko == #"{"kuntakoodit":["091","049"],"tietoryhmat":["KOTIKUNTA","TURVAKIELTO"]}"#)
    }

    @Test("the sandbox's JSON answers keep to the contract's envelope schema")
    func sandboxAnswersKeepToTheSchema() async throws {
        try await SandboxFixture.withSandbox { server, _ in
            let registry = server.registry
            let persons = registry.basicData(hetus: Array(registry.population.hetus.prefix(200)), groups: nil, censor: true)
            let start = registry.latestKey
            _ = registry.advance(days: 2)
            let changes = registry.changes(after: start, restriction: .kuntarajaus([]), limit: 500, censor: true)
            let basic = try JSONSchemaCheck.problems([JSONResponseWriter.perustiedot(persons, page: PerustiedotPageInfo(upToDate: true))],
                                                     as: "PerustietoResponse")
            let changed = try JSONSchemaCheck.problems([JSONResponseWriter.muutokset(changes.changes, page: changes.page)], as: "MuutoksetResponse")
            let key = try JSONSchemaCheck.problems([JSONResponseWriter.logKey(start)], as: "KirjausavainResponse")
            #expect(basic == [] && changed == [] && key == [])
            #expect(!changes.changes.isEmpty && persons.contains { $0.records.contains(where: \.isCensoredPlaceholder) })
        }
    }
}

/// Reads the `tietoryhmat` of a request body.
enum JSONTreeText {
    static func groups(of body: [UInt8]) throws -> [String] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return [] }
        return object["tietoryhmat"] as? [String] ?? []
    }
}
