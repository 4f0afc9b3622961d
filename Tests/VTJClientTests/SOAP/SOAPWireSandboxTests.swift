import Foundation
import Testing
@testable import VTJClient
import VTJCore
import VTJSandbox
import VTJTestSupport

/// The client against the real sandbox's SOAP endpoint: a list becomes one message per person,
/// kept-alive connections, at most `parallelism` in flight; the probe and `vtjdrop check` use
/// the wire's own harmless call; refusals and faults end as on the other wires.
@Suite("SOAP wire against the sandbox", .serialized) struct SOAPWireSandboxTests {
    @Test("a list: one message per distinct henkilötunnus, connections reused, persons as the registry has them")
    func list() async throws {
        try await SOAPTest.withSandbox { server, url in
            let known = try server.registry.population.hetus.prefix(60).map { try Henkilotunnus($0) }
            let unknown = TestHetu.distinct(3, offset: 50)
            let client = try SOAPTest.client(url, parallelism: 4)
            let persons = Collected<Person>()
            let report = try await client.basicData(hetus: known + unknown + known.prefix(5)) { persons.append($0) }
            #expect(report.returned == 60 && Array(report.notFound) == unknown.map(\.value) && report.messages == 63 && report.duplicatesDropped == 5)
            #expect(server.counters.requests("HenkilonTunnusKysely") == 63)
            #expect(client.statistics.newConnections <= 4, "kept-alive connections: \(client.statistics.newConnections) for 63 messages")
            #expect(Set(persons.all.map(\.hetu)) == Set(known.map(\.value)))
            for person in persons.all {
                let expected = try #require(server.registry.person(hetu: person.hetu))
                #expect(person.record(.henkilonNimi)?.text("sukunimi") == expected.record(.henkilonNimi)?.text("sukunimi"))
            }
            #expect(report.groupsDelivered?.contains(.henkilonNimi) == true && report.groupsDelivered?.contains(.huoltaja) == false)
        }
    }

    @Test("at most parallelism messages in flight at the interface, and more than one")
    func parallelism() async throws {
        var configuration = SandboxFixture.defaultConfiguration
        configuration.faults = SandboxFaults(latencyMs: 40)
        try await SOAPTest.withSandbox(configuration) { server, url in
            let hetus = try server.registry.population.hetus.prefix(24).map { try Henkilotunnus($0) }
            // 24 messages held 40 ms each, so they overlap whenever the client lets them.
            let report = try await SOAPTest.client(url, parallelism: 8).basicData(hetus: hetus) { _ in }
            #expect(report.notFound.isEmpty, "every listed person answered")
            // Counted where they arrive, not timed: never more than the parallelism at once, and more than one.
            let peak = server.counters.soapInFlightPeak
            #expect(peak <= 8 && peak >= 2, "messages in flight at the sandbox at once: \(peak)")
        }
    }

    @Test("the probe and the check ask about the test henkilötunnus and name what they found")
    func probeAndCheck() async throws {
        try await SOAPTest.withSandbox { server, url in
            let client = try SOAPTest.client(url)
            try await client.probe(on: SandboxFixture.day)
            let report = await client.checkConnection(on: SandboxFixture.day)
            #expect(report.diagnosis.isHealthy && report.wire == .soap && report.url == url)
            #expect(report.diagnosis.advice.contains("010101A***X") && report.diagnosis.advice.contains("PERUSSANOMA 3"))
            let wrong = try await SOAPTest.client(url, password: "väärä").checkConnection(on: SandboxFixture.day)
            guard case .serviceRefused(let code) = wrong.diagnosis else {
                Issue.record("expected the credentials' return code, got \(wrong.diagnosis)")
                return
            }
            #expect(code.kind == .credentials && code.code == "0003")
            #expect(wrong.diagnosis.failedPhase == .authentication && !wrong.diagnosis.isHealthy)
            #expect(server.counters.requests("HenkilonTunnusKysely") == 3)
            await #expect(throws: VTJClientError.self) { try await SOAPTest.client(url, password: "väärä").probe(on: SandboxFixture.day) }
        }
    }

    @Test("the operations the query interface does not have are refused before anything is sent")
    func unsupported() async throws {
        try await SOAPTest.withSandbox { server, url in
            let client = try SOAPTest.client(url)
            await #expect(throws: VTJClientError.self) { _ = try await client.logKey(on: SandboxFixture.day) }
            await #expect(throws: VTJClientError.self) { _ = try await client.municipalBasicData { _ in } }
            await #expect(throws: VTJClientError.self) { try await client.changes(after: 1, restriction: .kuntarajaus([])) { _ in } }
            #expect(server.counters.requests("HenkilonTunnusKysely") == 0)
        }
    }

    @Test("a security server's refusal stops; its network trouble and the service's -1800 are retried and pass")
    func faultsThroughTheSandbox() async throws {
        try await SOAPTest.withSandbox { server, url in
            let hetus = try server.registry.population.hetus.prefix(3).map { try Henkilotunnus($0) }
            server.setFaults(SandboxFaults(xRoadErrorNext: 1, xRoadErrorType: "Server.ServerProxy.AccessDenied"))
            await #expect { _ = try await SOAPTest.client(url, parallelism: 1).basicData(hetus: hetus) { _ in } } throws: { error in
                (error as? VTJClientError)?.stopsNewWork == true
            }
            server.setFaults(SandboxFaults(xRoadErrorNext: 2, xRoadErrorType: "Server.ServerProxy.NetworkError"))
            server.setSOAPFaults(SandboxSOAPFaults(returnCode: "-1800", returnCodeNext: 1))
            let report = try await SOAPTest.client(url, parallelism: 1, maxAttempts: 4).basicData(hetus: hetus) { _ in }
            #expect(report.returned == 3)
        }
    }
}
