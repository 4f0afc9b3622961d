import Foundation
import Testing
@testable import VTJClient
import VTJCore
import VTJJSON
import VTJSandbox
import VTJTestSupport

/// Bad answers on the JSON wire get the XML path's treatment (issue 11, item 7), the body cap holds
/// on every wire, and a security server's X-Road errors become one clear message each.
@Suite("JSON wire: bad answers, body cap, X-Road errors", .serialized) struct JSONWireFaultTests {
    static let json = [("Content-Type", "application/json")]

    static func client(_ base: String, wire: WireKind = .json, cap: Int64 = VTJClientConfiguration.defaultMaxResponseBytes,
                       maxAttempts: Int = 3) throws -> VTJInterfaceClient {
        var configuration = ClientTestData.configuration(base, parallelism: 1, maxAttempts: maxAttempts)
        configuration.credentials = BasicCredentials(user: "kunta", password: "salasana")  // the sandbox's
        configuration.wire = wire
        configuration.maxResponseBytes = cap
        return try VTJInterfaceClient(configuration: configuration)
    }

    /// The error of a `perustiedot` call answered by `reply` every time.
    static func failure(_ reply: LoopbackResponder.Reply, wire: WireKind = .json) async throws -> VTJClientError {
        let responder = try LoopbackResponder { _ in reply }
        defer { responder.stop() }
        let client = try client(responder.baseURL, wire: wire)
        do {
            _ = try await client.basicData(hetus: TestHetu.distinct(2)) { _ in }
        } catch let error as VTJClientError {
            return error
        }
        throw ClientTestFailure("the call succeeded")
    }

    struct ClientTestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test("malformed, truncated and wrongly shaped 200s are retried like cut bodies, never an empty result", arguments: [
        #"{"perustiedot": [{"henkilotunnus": "010594Y9032", "tietoryhmat": []}"#,
        #"{"perustiedot": [], "ajanTasalla": true"#,
        #"{"perustiedot": []}"#,
        #"[]"#,
        "",
        #"{"perustiedot": [{"henkilotunnus": "010594Y9032", "tietoryhmat": [{"etunimi": "X"}]}], "ajanTasalla": true}"#,
    ])
    func malformedBodies(body: String) async throws {
        let error = try await Self.failure(.init(status: 200, headers: Self.json, body: Array(body.utf8)))
        guard case .unavailable(_, let attempts, .unreadableBody, _) = error else {
            Issue.record("expected an unreadable body after retries, got \(error)")
            return
        }
        #expect(attempts == 3 && error.isTransient)
    }

    @Test("a 200 that is not JSON names the wire mix-up, on both wires")
    func wrongContentType() async throws {
        let xmlAnswer = try await Self.failure(.init(status: 200, xml: #"<perustiedotVastaus ajanTasalla="true"/>"#))
        #expect(xmlAnswer.description.contains("answered XML") && xmlAnswer.description.contains("vtj.wire"))
        let html = try await Self.failure(.init(status: 200, headers: [("Content-Type", "text/html")], body: Array("<html/>".utf8)))
        #expect(html.description.contains("text/html, not application/json"))
        let jsonToXML = try await Self.failure(.init(status: 200, headers: Self.json, body: Array(#"{"ajanTasalla": true}"#.utf8)), wire: .xml)
        #expect(jsonToXML.description.contains("answered JSON"))
    }

    @Test("persons nobody asked for are reported, not lost in the count; a person twice is handed on twice, counted once")
    func unaskedAndTwice() async throws {
        let asked = TestHetu.distinct(2).map(\.value)
        let stranger = TestHetu.distinct(1, offset: 500)[0].value
        let persons = (asked + [stranger, asked[0]]).map(ClientTestData.person)
        let responder = try LoopbackResponder { _ in
            .init(status: 200, headers: Self.json, body: JSONResponseWriter.perustiedot(persons, page: PerustiedotPageInfo(upToDate: true)))
        }
        defer { responder.stop() }
        let collected = Collected<Person>()
        let report = try await Self.client(responder.baseURL).basicData(hetus: asked.map { try! Henkilotunnus($0) }) { collected.append($0) }
        #expect(report.unexpected == [stranger] && report.notFound.isEmpty)
        // Whether a second copy is harmless is the disclosure rules' call (AnswerLedger, issue 13).
        #expect(collected.all.filter { $0.hetu == asked[0] }.count == 2)
        #expect(report.returned == 3)
    }

    @Test("an error body on the JSON wire is quoted short, on one line, with henkilötunnus masked")
    func errorBodyExcerpt() async throws {
        let hetu = TestHetu.distinct(1)[0].value
        let body = "{\"virhe\": \"tuntematon\nhetu \(hetu)\", \"pitka\": \"\(String(repeating: "x", count: 500))\"}"
        let error = try await Self.failure(.init(status: 400, headers: Self.json, body: Array(body.utf8)))
        guard case .rejected(_, 400, let virhe?, _) = error else {
            Issue.record("expected a 400 rejection, got \(error)")
            return
        }
        #expect(!error.description.contains(hetu) && virhe.message.contains("***"))
        #expect(!virhe.message.contains("\n") && virhe.message.count <= 161)
    }

    @Test("an endless body stops at vtj.max_response_bytes, on both REST wires, and says which setting to raise", arguments: [WireKind.xml, .json])
    func endlessBody(wire: WireKind) async throws {
        var configuration = SandboxFixture.defaultConfiguration
        configuration.faults = SandboxFaults(endlessNext: 2, endlessBytes: 64 << 20)
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let client = try Self.client(base, wire: wire, cap: 1 << 20, maxAttempts: 2)
            let hetus = try server.registry.population.hetus.prefix(5).map { try Henkilotunnus($0) }
            do {
                _ = try await client.basicData(hetus: hetus) { _ in }
                Issue.record("an endless body must fail the message")
            } catch let error as VTJClientError {
                guard case .unavailable(_, 2, .transport(.tooLarge, _), _) = error else {
                    Issue.record("expected the cap to stop both attempts, got \(error)")
                    return
                }
                #expect(error.description.contains("vtj.max_response_bytes (1048576 bytes)"))
                #expect(error.isTransient, "the drop stays queued: nothing is lost")
            }
            #expect(server.counters.faults("endless") == 2)
            // The next call, without the fault, works on the same client.
            let persons = Collected<Person>()
            _ = try await client.basicData(hetus: hetus) { persons.append($0) }
            #expect(persons.all.count == 5)
        }
    }

    @Test("a Content-Length above the cap is refused before the body is read")
    func announcedTooLarge() async throws {
        let responder = try LoopbackResponder { _ in
            .init(status: 200, headers: Self.json, body: Array(repeating: UInt8(ascii: " "), count: 2 << 20))
        }
        defer { responder.stop() }
        let client = try Self.client(responder.baseURL, cap: 1 << 20, maxAttempts: 1)
        await #expect { _ = try await client.basicData(hetus: TestHetu.distinct(1)) { _ in } } throws: { error in
            guard case .unavailable(_, _, .transport(.tooLarge, _), _)? = error as? VTJClientError else { return false }
            return true
        }
    }

    @Test("X-Road errors: configuration faults stop new work with one clear message; network faults are retried", arguments: [
        ("Server.ServerProxy.AccessDenied", XRoadFault.Kind.accessDenied, false),
        ("Server.ClientProxy.UnknownMember", .unknownClient, false),
        ("Client.InvalidClientIdentifier", .unknownClient, false),
        ("Server.ServerProxy.UnknownService", .unknownService, false),
        ("Server.ClientProxy.SslAuthenticationFailed", .clientCertificateRefused, false),
        ("Server.ServerProxy.ServiceFailed.HttpError", .serviceUnreachable, true),
        ("Server.ClientProxy.NetworkError", .networkError, true),
        ("Server.ServerProxy.DatabaseError", .securityServerTrouble, true),
        ("Client.BadRequest", .badRequest, false),
    ])
    func xRoadErrors(type: String, kind: XRoadFault.Kind, transient: Bool) async throws {
        var configuration = SandboxFixture.defaultConfiguration
        configuration.faults = SandboxFaults(xRoadErrorNext: transient ? 1 : 100, xRoadErrorType: type)
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let client = try Self.client(base, maxAttempts: 3)
            let hetus = try server.registry.population.hetus.prefix(3).map { try Henkilotunnus($0) }
            if transient {
                // Retried, and the next attempt goes through.
                let report = try await client.basicData(hetus: hetus) { _ in }
                #expect(report.returned == 3 && client.statistics.retries == 1)
                return
            }
            do {
                _ = try await client.basicData(hetus: hetus) { _ in }
                Issue.record("\(type) must fail the call")
            } catch let error as VTJClientError {
                guard case .gatewayRefused(_, let fault, _) = error else {
                    Issue.record("expected a refusal by the security server, got \(error)")
                    return
                }
                #expect(fault.kind == kind && fault.type == type)
                #expect(error.stopsNewWork && !error.isTransient && client.statistics.attempts == 1)
                #expect(error.description.contains(fault.advice) && !error.description.contains("injected by the vtjdrop sandbox"),
                        "one operator message, never the server's raw text")
                #expect(error.status == (type.hasPrefix("Client") ? 400 : 500))
            }
        }
    }
}
