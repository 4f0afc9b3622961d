import Foundation
import Testing
import VTJCore
import VTJJSON
import VTJSandbox
import VTJXML
import VTJTestSupport

/// The sandbox's JSON wire seen from outside over a raw socket: negotiation by Content-Type and
/// Accept, DVV's paths, the request schema's rules, error bodies in the request's wire, and the
/// same population on both wires.
@Suite struct SandboxJSONWireTests {
    static let json = ["Content-Type": "application/json", "Accept": "application/json"]

    static func persons(_ reply: LoopbackHTTP.Reply) throws -> ([Person], PerustiedotPageInfo) {
        var persons: [Person] = []
        let info = try JSONResponseReader(bytes: reply.body, documentName: "json").readPerustiedot { persons.append($0) }
        return (persons, info)
    }

    static func koodi(_ reply: LoopbackHTTP.Reply) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])?["koodi"] as? String
    }

    @Test func sameHetusGiveTheSamePersonsOnBothWires() async throws {
        try await withSandbox { server, http in
            let hetus = Array(server.registry.population.hetus.prefix(60)) + ["010594Y9032"]
            let body = Array(#"{"hetulista": [\#(hetus.map { "\"\($0)\"" }.joined(separator: ","))]}"#.utf8)
            let reply = try await http.post("/api/v1/perustiedot", body, headers: Self.json)
            #expect(reply.status == 200 && reply.headers["content-type"] == "application/json")
            let (persons, info) = try Self.persons(reply)
            let xmlReply = try await http.post("/api/v1/perustiedot", SandboxServerTests.perustiedot(hetus))
            #expect(xmlReply.headers["content-type"]?.hasPrefix("application/xml") == true)
            let (xmlPersons, xmlInfo) = try SandboxServerTests.persons(xmlReply)
            #expect(persons == xmlPersons && info == xmlInfo && persons.count == 60)
        }
    }

    @Test(arguments: [true, false])
    func everyPersonAndChangeReadsTheSameFromBothEncodings(censor: Bool) throws {
        let registry = SandboxRegistry(population: SandboxPopulation(size: 1500, seed: 5, referenceDate: testToday, licensedMunicipality: "091"),
                                       baseKey: 1000, changesPerDay: 40)
        let start = registry.latestKey
        _ = registry.advance(days: 10)
        let persons = registry.basicData(hetus: registry.population.hetus, groups: nil, censor: censor)
        let page = PerustiedotPageInfo(upToDate: false, continuation: "S1")
        var fromXML: [Person] = []
        let xmlInfo = try ResponseReader(bytes: ResponseXML.perustiedot(persons, page: page), documentName: "x").readPerustiedot { fromXML.append($0) }
        var fromJSON: [Person] = []
        let jsonInfo = try JSONResponseReader(bytes: JSONResponseWriter.perustiedot(persons, page: page), documentName: "j")
            .readPerustiedot { fromJSON.append($0) }
        #expect(fromJSON == fromXML && jsonInfo == xmlInfo && fromJSON.count > 1400)
        let changes = registry.changes(after: start, restriction: .kuntarajaus([]), limit: 10_000, censor: censor)
        var changesXML: [Change] = []
        _ = try ResponseReader(bytes: ResponseXML.muutokset(changes.changes, page: changes.page), documentName: "x").readMuutokset { changesXML.append($0) }
        var changesJSON: [Change] = []
        _ = try JSONResponseReader(bytes: JSONResponseWriter.muutokset(changes.changes, page: changes.page), documentName: "j")
            .readMuutokset { changesJSON.append($0) }
        #expect(changesJSON == changesXML && changesJSON.count > 100)
    }

    @Test func logKeyAnswersInTheWireTheRequestAccepts() async throws {
        try await withSandbox { server, http in
            let path = "/api/v1/kirjausavain/\(testToday)"
            let json = try await http.get(path, headers: ["Accept": "application/json"])
            #expect(json.text == #"{"viimeisinKirjausavain":\#(server.registry.logKey(atStartOf: testToday))}"#)
            let xml = try await http.get(path, headers: ["Accept": "application/xml"])
            #expect(try ResponseReader.readLogKey(xml.body, documentName: "k") == server.registry.logKey(atStartOf: testToday))
            // Without Accept: the sandbox's default wire (XML unless started with --wire json).
            #expect(try await http.get(path).headers["content-type"]?.hasPrefix("application/xml") == true)
        }
        try await withSandbox(SandboxConfiguration(population: 50, referenceDate: testToday, wire: .json)) { _, http in
            let reply = try await http.get("/api/v1/kirjausavain/\(testToday)")
            #expect(reply.headers["content-type"] == "application/json")
        }
    }

    @Test func municipalSnapshotPagesOnPerustiedotVko() async throws {
        try await withSandbox(SandboxConfiguration(population: 400, referenceDate: testToday, pageSize: 150)) { server, http in
            var continuation: String?
            var delivered: [String] = []
            var pages = 0
            repeat {
                var text = #"{"kuntakoodit": ["091"], "tietoryhmat": ["KOTIKUNTA", "TURVAKIELTO"]"#
                if let continuation { text += #", "jatkoavain": "\#(continuation)""# }
                let reply = try await http.post("/api/v1/perustiedot-vko", Array((text + "}").utf8), headers: Self.json)
                #expect(reply.status == 200 && reply.text.contains(#""poimintapv":"\#(testToday)""#))
                let (persons, info) = try Self.persons(reply)
                delivered += persons.map(\.hetu)
                continuation = info.upToDate ? nil : info.continuation
                pages += 1
            } while continuation != nil && pages < 20
            #expect(Set(delivered) == Set(server.registry.hetus(where: [.resident])) && pages > 1)
        }
    }

    @Test(arguments: [
        ("/api/v1/perustiedot", #"{"hetulista": ["010594Y9032"], "tuotekoodi": "PERUS"}"#, "VIRHEELLINEN_SANOMA"),
        ("/api/v1/perustiedot", #"{"kuntakoodit": ["091"]}"#, "VIRHEELLINEN_SANOMA"),
        ("/api/v1/perustiedot", #"{"hetulista": []}"#, "TYHJA_HETULISTA"),
        ("/api/v1/perustiedot", #"{"hetulista": ["010594Y9032"], "tietoryhmat": null}"#, "VIRHEELLINEN_SANOMA"),
        ("/api/v1/perustiedot", #"{"hetulista": ["not-a-hetu"]}"#, "VIRHEELLINEN_SANOMA"),
        ("/api/v1/perustiedot", #"{"hetulista": ["010594Y9032"]"#, "VIRHEELLINEN_SANOMA"),
        ("/api/v1/perustiedot-vko", #"{"hetulista": ["010594Y9032"], "kuntakoodit": ["091"]}"#, "RISTIRIITAINEN_RAJAUS"),
        ("/api/v1/perustiedot-vko", #"{"tietoryhmat": ["KOTIKUNTA"]}"#, "PUUTTUVA_RAJAUS"),
        ("/api/v1/perustiedot-vko", #"{"kuntakoodit": ["91"]}"#, "VIRHEELLINEN_SANOMA"),
        ("/api/v1/muutokset", #"{"viimeisinKirjausavain": "5446623423", "hetulista": ["010594Y9032"]}"#, "VIRHEELLINEN_SANOMA"),
        ("/api/v1/muutokset", #"{"hetulista": ["010594Y9032"]}"#, "VIRHEELLINEN_SANOMA"),
        ("/api/v1/muutokset", #"{"viimeisinKirjausavain": 1}"#, "PUUTTUVA_RAJAUS"),
    ])
    func requestsOutsideTheSchemaAre400InJSON(path: String, body: String, code: String) async throws {
        try await withSandbox { _, http in
            let reply = try await http.post(path, Array(body.utf8), headers: Self.json)
            #expect(reply.status == 400, "\(body)")
            #expect(reply.headers["content-type"] == "application/json")
            #expect(Self.koodi(reply) == code, "\(body): \(reply.text)")
        }
    }

    @Test func tooManyHetusAre400() async throws {
        try await withSandbox { _, http in
            let hetus = (0..<1001).map { _ in "\"010594Y9032\"" }.joined(separator: ",")
            let reply = try await http.post("/api/v1/perustiedot", Array(#"{"hetulista": [\#(hetus)]}"#.utf8), headers: Self.json)
            #expect(reply.status == 400 && Self.koodi(reply) == "LIIAN_MONTA_HETUA")
        }
    }

    @Test func unknownMediaTypeIs415AndXMLOnTheJSONPathToo() async throws {
        try await withSandbox { _, http in
            let text = try await http.send("POST", "/api/v1/perustiedot", headers: ["Content-Type": "text/plain"], body: Array("x".utf8))
            #expect(text.status == 415)
            // /admin takes its JSON whatever the client calls it (curl's default form type included).
            let admin = try await http.send("POST", "/admin/faults", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                            body: Array(#"{"latencyMs": 1}"#.utf8))
            #expect(admin.status == 200 && admin.text.contains(#""latencyMs":1"#))
            let xmlOnVko = try await http.post("/api/v1/perustiedot-vko", SandboxServerTests.perustiedot(["010594Y9032"]))
            #expect(xmlOnVko.status == 415 && SandboxServerTests.virhe(xmlOnVko) == "VIRHEELLINEN_SISALTOTYYPPI")
        }
    }

    @Test func errorsAndFaultsComeInTheRequestsWire() async throws {
        try await withSandbox { server, http in
            var anonymous = http
            anonymous.authorization = nil
            let refused = try await anonymous.post("/api/v1/perustiedot", Array(#"{"hetulista": ["010594Y9032"]}"#.utf8), headers: Self.json)
            #expect(refused.status == 401 && Self.koodi(refused) == "TUNNISTUS_EPAONNISTUI")
            server.setFaults(SandboxFaults(errorNext: 1, xRoadErrorNext: 1, xRoadErrorType: "Server.ServerProxy.AccessDenied"))
            let injected = try await http.post("/api/v1/perustiedot", Array(#"{"hetulista": ["010594Y9032"]}"#.utf8), headers: Self.json)
            #expect(injected.status == 500 && Self.koodi(injected) == "PALVELINVIRHE")
            let gateway = try await http.get("/api/v1/kirjausavain/\(testToday)", headers: ["Accept": "application/xml"])
            #expect(gateway.status == 500 && gateway.headers["x-road-error"] == "Server.ServerProxy.AccessDenied")
            #expect(gateway.text.contains(#""type":"Server.ServerProxy.AccessDenied""#))
            #expect(server.counters.faults("xRoadError") == 1)
        }
    }

    @Test func cutBodiesOnTheJSONWireToo() async throws {
        try await withSandbox { server, http in
            server.setFaults(SandboxFaults(truncateNext: 1))
            let reply = try await http.post("/api/v1/perustiedot", Array(#"{"hetulista": ["\#(server.registry.population.hetus[0])"]}"#.utf8),
                                            headers: Self.json)
            #expect(reply.isTruncated)
            #expect(throws: JSONReadError.self) { try Self.persons(reply) }
        }
    }
}
