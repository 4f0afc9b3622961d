import Foundation
import Synchronization
import Testing
import VTJCore
import VTJSandbox
import VTJXML
import VTJTestSupport

/// The sandbox's SOAP query interface over real loopback HTTP: the same population as the REST
/// wires mapped onto each product's blocks, the X-Road headers checked as a security server
/// would, credentials in the body, and the SOAP faults layered over the shared ones.
@Suite(.serialized) struct SandboxSOAPTests {
    static let client = XRoadClientID(path: "FI-TEST/MUN/0123456-7/vtjdrop")!

    static func envelope(_ hetu: String, product: String = "PERUSSANOMA 3", password: String = "salasana", user: String = "kunta",
                         service: XRoadServiceID = .dvvQuery(instance: "FI-TEST"), id: String = "11111111-2222-7333-8444-555555555555") throws -> [UInt8] {
        try SOAPQuery(messageID: id, client: client, service: service, userID: "vtjdrop/test", issue: nil, product: product,
                      user: user, password: password, endUser: "vtjdrop/test", hetu: hetu).envelope()
    }

    static func ask(_ http: LoopbackHTTP, _ body: [UInt8]) async throws -> (LoopbackHTTP.Reply, SOAPAnswer?) {
        var anonymous = http
        anonymous.authorization = nil
        let headers = ["Content-Type": "text/xml; charset=utf-8", "SOAPAction": "\"\""]
        let reply: LoopbackHTTP.Reply
        do {
            reply = try await anonymous.send("POST", "/", headers: headers, body: body)
        } catch let failure as LoopbackHTTP.Failure where failure.description.hasPrefix("no complete HTTP head in 0 bytes") {
            // In the full suite (load 13+, hundreds of tests) one of the population test's 750
            // fresh connections has twice come back empty; alone it never does. The same query is
            // asked once more: a fault of the answer itself would come back the same way.
            emptyReplies.add(1, ordering: .relaxed)
            reply = try await anonymous.send("POST", "/", headers: headers, body: body)
        }
        return (reply, try? SOAPAnswerReader(bytes: reply.body, documentName: "answer").read())
    }

    /// Connections that came back empty and were asked again (see ``ask(_:_:)``).
    static let emptyReplies = Atomic<Int>(0)

    static func document(_ answer: SOAPAnswer?) -> SOAPDocument? {
        if case .document(let document)? = answer?.content { return document }
        return nil
    }

    @Test("every person of the population, in all three products, carries what the REST wires carry", arguments: SOAPProductLayout.known)
    func population(product: SOAPProductLayout) async throws {
        try await withSandbox(SandboxConfiguration(population: 250, referenceDate: testToday, uncensored: true)) { server, http in
            var guardiansSeen = 0
            let emptyBefore = Self.emptyReplies.load(ordering: .relaxed)
            for hetu in server.registry.population.hetus {
                let (reply, answer) = try await Self.ask(http, try Self.envelope(hetu, product: product.name.capitalized))
                #expect(reply.status == 200 && reply.headers["content-type"]?.hasPrefix("text/xml") == true)
                let document = try #require(Self.document(answer), "\(hetu): \(reply.text.prefix(300))")
                let person = try #require(document.person)
                let expected = try #require(server.registry.person(hetu: hetu))
                #expect(document.product == product.name && document.returnCode == "0000" && document.queriedHetu == hetu)
                #expect(answer?.messageID == "11111111-2222-7333-8444-555555555555")
                #expect(person.hetu == hetu)
                #expect(person.record(.henkilonNimi)?.text("etunimi") == expected.record(.henkilonNimi)?.text("etunimi"))
                #expect(person.record(.henkilonNimi)?.text("sukunimi") == expected.record(.henkilonNimi)?.text("sukunimi"))
                #expect(person.record(.kotikunta)?.text("kuntakoodi") == expected.record(.kotikunta)?.text("kuntakoodi"))
                #expect(person.record(.kotikunta)?.date("kuntaanMuuttopv") == expected.record(.kotikunta)?.date("kuntaanMuuttopv"))
                #expect(person.isUnderTurvakielto(on: testToday) == expected.isUnderTurvakielto(on: testToday))
                #expect(person.record(.sukupuoli)?.text("sukupuoli") == expected.record(.sukupuoli)?.text("sukupuoli"))
                let address = expected.record(.vakinainenKotimainenOsoite)
                #expect(person.record(.vakinainenKotimainenOsoite)?.text("postinumero") == address?.text("postinumero"))
                #expect(person.record(.vakinainenKotimainenOsoite)?.bilingual("katunimi")?.fi?.hasPrefix(address?.bilingual("katunimi")?.fi ?? "") ?? (address == nil),
                        "the joined street line starts with the street")
                #expect(person.record(.vakinainenKotimainenAsuinpaikkatunnus)?.text("asuinpaikantunnus")
                        == expected.record(.vakinainenKotimainenAsuinpaikkatunnus)?.text("asuinpaikantunnus"))
                #expect(person.records(.kuolinpaiva).count == expected.records(.kuolinpaiva).count)
                switch product.name {
                case "PERUSSANOMA 3":
                    #expect(person.records(.huoltaja).isEmpty && !document.carriedGroups.contains(.huoltaja))
                    let codes = { (p: Person) in p.record(.kansalaisuus)?.list("henkilonKansalaisuudet").compactMap { $0.first?.value.plainText } ?? [] }
                    #expect(codes(person) == codes(expected))
                case "HUOLLETTAVA-HUOLTAJAT":
                    let guardians = expected.records(.huoltaja).compactMap { $0.stub("huoltaja")?.hetu }
                    #expect(person.records(.huoltaja).compactMap { $0.stub("huoltaja")?.hetu } == guardians)
                    guardiansSeen += guardians.count
                default:
                    let dependants = expected.records(.huollettava).compactMap { $0.stub("huollettava")?.hetu }
                    #expect(person.records(.huollettava).compactMap { $0.stub("huollettava")?.hetu } == dependants)
                }
            }
            if product.name == "HUOLLETTAVA-HUOLTAJAT" { #expect(guardiansSeen > 20) }
            let askedAgain = Self.emptyReplies.load(ordering: .relaxed) - emptyBefore
            #expect(askedAgain <= 2, "empty replies are rare hiccups, not the sandbox's answer")
            #expect(server.counters.requests("HenkilonTunnusKysely") == 250 + askedAgain)
        }
    }

    @Test("a protected person's location blocks come empty from the censoring sandbox, and in clear from the uncensored one", arguments: [false, true])
    func censoring(uncensored: Bool) async throws {
        try await withSandbox(SandboxConfiguration(population: 400, referenceDate: testToday, uncensored: uncensored)) { server, http in
            let hetu = try #require(server.registry.hetus(where: [.turvakielto, .resident], limit: 1).first)
            let (reply, answer) = try await Self.ask(http, try Self.envelope(hetu))
            let person = try #require(Self.document(answer)?.person)
            #expect(person.record(.turvakielto)?.text("turvakieltoAktiivinen") == "true")
            #expect(person.records(.vakinainenKotimainenOsoite).isEmpty == !uncensored)
            #expect(reply.text.contains("<VakinainenKotimainenLahiosoite>"), "the block is there, empty or not")
            #expect(person.record(.kotikunta) != nil, "the home municipality is delivered either way")
        }
    }

    @Test("not found, wrong password, unknown user, unknown product: return codes, as documents or as pairs")
    func returnCodes() async throws {
        try await withSandbox { server, http in
            let hetu = try #require(server.registry.population.hetus.first)
            #expect(Self.document(try await Self.ask(http, try Self.envelope("010594Y9032")).1)?.returnCode == "0001")
            #expect(Self.document(try await Self.ask(http, try Self.envelope(hetu, password: "väärä")).1)?.returnCode == "0003")
            #expect(Self.document(try await Self.ask(http, try Self.envelope(hetu, user: "joku")).1)?.returnCode == "0004")
            #expect(Self.document(try await Self.ask(http, try Self.envelope(hetu, product: "OPHREK")).1)?.returnCode == "-1900")
            server.setSOAPFaults(SandboxSOAPFaults(returnCode: "0019", returnCodeNext: 1, returnCodeForm: "pair"))
            #expect(try await Self.ask(http, try Self.envelope(hetu)).1?.content == .faultPair(code: "0019", text: "Tietoja ei voida luovuttaa"))
            #expect(try await Self.ask(http, try Self.envelope("010594Y9032")).1?.content
                    == .faultPair(code: "0001", text: "Hakuperusteella (henkilötunnus) ei löydy tietoja vtj:stä."))
        }
    }

    @Test("a corrected henkilötunnus is answered passive (0002) with the person under the active code")
    func passive() async throws {
        try await withSandbox(SandboxConfiguration(population: 400, referenceDate: testToday)) { server, http in
            let active = try #require(server.registry.hetus(where: [.hetuCorrected], limit: 1).first)
            let index = try #require(server.registry.population.index(of: active))
            let old = try #require(server.registry.population.previousHetu(at: index))
            let document = try #require(Self.document(try await Self.ask(http, try Self.envelope(old)).1))
            #expect(document.returnCode == "0002" && document.criterionCode == "2" && document.person?.hetu == active)
        }
    }

    @Test("X-Road headers are checked as a security server would: SOAP Faults with status 200")
    func headers() async throws {
        try await withSandbox { server, http in
            let hetu = try #require(server.registry.population.hetus.first)
            let unknown = try #require(XRoadServiceID(path: "FI-TEST/GOV/0245437-2/VTJmutpa/HenkilonTunnusKysely/v1"))
            let (reply, answer) = try await Self.ask(http, try Self.envelope(hetu, service: unknown))
            #expect(reply.status == 200 && answer?.content == .fault(code: "Server.ServerProxy.UnknownService", text: "Unknown service: \(unknown)"))
            let broken = Array(String(decoding: try Self.envelope(hetu), as: UTF8.self).replacingOccurrences(of: "<xrd:protocolVersion>4.0", with: "<xrd:protocolVersion>3.1").utf8)
            if case .fault(let code, _)? = try await Self.ask(http, broken).1?.content { #expect(code == "Client.InvalidProtocolVersion") } else { Issue.record("no fault") }
            let notSOAP = try await Self.ask(http, Array("<perustiedotPyynto/>".utf8))
            if case .fault(let code, _)? = notSOAP.1?.content { #expect(code == "Client.InvalidSoap") } else { Issue.record("no fault") }
            var anonymous = http
            anonymous.authorization = nil
            #expect(try await anonymous.get("/").status == 405)
        }
    }

    @Test("the shared faults on the SOAP wire: X-Road errors as SOAP Faults, 500, 429, cut bodies, slow answers")
    func sharedFaults() async throws {
        try await withSandbox { server, http in
            let hetu = try #require(server.registry.population.hetus.first)
            server.setFaults(SandboxFaults(xRoadErrorNext: 1, xRoadErrorType: "Server.ServerProxy.AccessDenied"))
            let (denied, answer) = try await Self.ask(http, try Self.envelope(hetu))
            #expect(denied.status == 200 && answer?.content == .fault(code: "Server.ServerProxy.AccessDenied", text: "injected by the vtjdrop sandbox"))
            server.setFaults(SandboxFaults(errorNext: 1))
            let (failed, fault) = try await Self.ask(http, try Self.envelope(hetu))
            #expect(failed.status == 500 && fault?.content == .fault(code: "Server", text: "injected server error"))
            server.setFaults(SandboxFaults(rateLimitNext: 1, retryAfterSeconds: 7))
            let limited = try await Self.ask(http, try Self.envelope(hetu)).0
            #expect(limited.status == 429 && limited.headers["retry-after"] == "7")
            server.setFaults(SandboxFaults(truncateNext: 1))
            #expect(try await Self.ask(http, try Self.envelope(hetu)).0.isTruncated)
            server.setFaults(SandboxFaults(latencyMs: 50))
            let started = ContinuousClock.now
            #expect(Self.document(try await Self.ask(http, try Self.envelope(hetu)).1) != nil)
            #expect(ContinuousClock.now - started >= .milliseconds(50))
            #expect(server.counters.faults("latency") == 1 && server.counters.faults("xRoadError") == 1)
        }
    }

    @Test("the SOAP wire's own faults: another person, a missing Henkilo, a missing Turvakielto, a wrong namespace")
    func soapFaults() async throws {
        try await withSandbox { server, http in
            let hetu = try #require(server.registry.hetus(where: [.adult], limit: 5).last)
            server.setSOAPFaults(SandboxSOAPFaults(wrongPersonNext: 1, missingPersonNext: 0))
            #expect(Self.document(try await Self.ask(http, try Self.envelope(hetu)).1)?.person?.hetu != hetu)
            server.setSOAPFaults(SandboxSOAPFaults(missingPersonNext: 1))
            let missing = try #require(Self.document(try await Self.ask(http, try Self.envelope(hetu)).1))
            #expect(missing.returnCode == "0000" && missing.person == nil)
            server.setSOAPFaults(SandboxSOAPFaults(withoutTurvakieltoNext: 1))
            let noBan = try #require(Self.document(try await Self.ask(http, try Self.envelope(hetu)).1))
            #expect(!noBan.hasTurvakielto && noBan.person?.records(.turvakielto).isEmpty == true)
            server.setSOAPFaults(SandboxSOAPFaults(wrongNamespaceNext: 1))
            let (reply, answer) = try await Self.ask(http, try Self.envelope(hetu))
            #expect(answer == nil && reply.text.contains("vtjkysely/2"))
            #expect(Self.document(try await Self.ask(http, try Self.envelope(hetu)).1)?.person?.hetu == hetu, "each fault once")
        }
    }
}
