import Foundation
import Testing
import VTJClient
import VTJCore
import VTJSandbox
import VTJTestSupport

/// The operator's connection check: one call, classified. Certificate problems against a real TLS
/// server (`openssl s_server`) on loopback; the rest against the sandbox.
@Suite("Connection check", .serialized) struct ConnectionCheckTests {
    static let day = CivilDate(year: 2026, month: 11, day: 20)!

    static func check(_ base: String, wire: WireKind = .xml, tls: TLSOptions = TLSOptions(), password: String = "salasana",
                      xRoadClient: String? = nil) async throws -> ConnectionReport {
        var configuration = ClientTestData.configuration(base, parallelism: 1)
        configuration.credentials = BasicCredentials(user: "kunta", password: password)
        configuration.wire = wire
        configuration.tls = tls
        configuration.xRoadClient = xRoadClient
        return try await VTJInterfaceClient(configuration: configuration).checkConnection(on: day)
    }

    @Test("an unknown CA is named, and vtj.ca_bundle fixes it", .enabled(if: OpenSSLTool.path != nil))
    func unknownCAThenBundle() async throws {
        let fixture = try TLSTests.Fixture(requireClientCertificate: false)
        let base = "https://127.0.0.1:\(fixture.port)/api/v1"
        let untrusted = try await Self.check(base)
        guard case .tls(.unknownCA, _) = untrusted.diagnosis else {
            Issue.record("expected an unknown CA, got \(untrusted.diagnosis)")
            return
        }
        #expect(untrusted.diagnosis.advice.contains("vtj.ca_bundle"))
        #expect(untrusted.outcome(of: .nameLookup) == true && untrusted.outcome(of: .connect) == true)
        #expect(untrusted.outcome(of: .tls) == false && untrusted.outcome(of: .answer) == nil)
        let trusted = try await Self.check(base, tls: TLSOptions(caBundlePath: fixture.path("ca.pem")))
        #expect(trusted.diagnosis == .answered(logKey: 9_876_543_210_123))
        #expect(trusted.timing.tlsHandshake > 0 && trusted.timing.total >= trusted.timing.tlsHandshake)
        withExtendedLifetime(fixture) {}
    }

    @Test("a certificate for another host name is named", .enabled(if: OpenSSLTool.path != nil))
    func hostnameMismatch() async throws {
        let fixture = try TLSTests.Fixture(requireClientCertificate: false, subjectAltName: "DNS:vtj.example.invalid")
        let report = try await Self.check("https://127.0.0.1:\(fixture.port)/api/v1", tls: TLSOptions(caBundlePath: fixture.path("ca.pem")))
        guard case .tls(.hostnameMismatch, _) = report.diagnosis else {
            Issue.record("expected a host name mismatch, got \(report.diagnosis)")
            return
        }
        withExtendedLifetime(fixture) {}
    }

    @Test("mutual TLS: no client certificate is named as such; the right one passes", .enabled(if: OpenSSLTool.path != nil))
    func mutualTLS() async throws {
        let fixture = try TLSTests.Fixture(requireClientCertificate: true)
        let base = "https://127.0.0.1:\(fixture.port)/api/v1"
        let without = try await Self.check(base, tls: TLSOptions(caBundlePath: fixture.path("ca.pem")))
        guard case .tls(.clientCertificateRefused, _) = without.diagnosis else {
            Issue.record("expected the server to refuse the missing client certificate, got \(without.diagnosis)")
            return
        }
        let with = try await Self.check(base, tls: TLSOptions(clientCertificatePath: fixture.path("client.pem"),
                                                              clientKeyPath: fixture.path("client.key"), caBundlePath: fixture.path("ca.pem")))
        #expect(with.diagnosis == .answered(logKey: 9_876_543_210_123))
        // A key that does not belong to the certificate cannot be used at all.
        let mismatched = try await Self.check(base, tls: TLSOptions(clientCertificatePath: fixture.path("client.pem"),
                                                                    clientKeyPath: fixture.path("server.key"), caBundlePath: fixture.path("ca.pem")))
        guard case .tls(.clientCertificateUnusable, _) = mismatched.diagnosis else {
            Issue.record("expected an unusable client certificate, got \(mismatched.diagnosis)")
            return
        }
        withExtendedLifetime(fixture) {}
    }

    @Test("the sandbox in JSON mode answers the check; wrong password, wrong wire, wrong path and X-Road errors are named")
    func sandboxVerdicts() async throws {
        var configuration = SandboxFixture.defaultConfiguration
        configuration.wire = .json
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let ok = try await Self.check(base, wire: .json, xRoadClient: "FI/MUN/0123456-7/vtjdrop")
            #expect(ok.diagnosis == .answered(logKey: server.registry.logKey(atStartOf: Self.day)))
            #expect(ok.url.hasSuffix("/api/v1/kirjausavain/2026-11-20") && ok.status == 200 && ok.contentType == "application/json")
            let wrongPassword = try await Self.check(base, wire: .json, password: "väärä")
            #expect(wrongPassword.diagnosis == .unauthorized(status: 401) && wrongPassword.outcome(of: .authentication) == false)
            let wrongPath = try await Self.check(base.replacingOccurrences(of: "/api/v1", with: "/api/v2"), wire: .json)
            #expect(wrongPath.diagnosis == .wrongPath(status: 404))
            server.setFaults(SandboxFaults(xRoadErrorNext: 1, xRoadErrorType: "Server.ClientProxy.UnknownMember"))
            let unknownClient = try await Self.check(base, wire: .json)
            #expect(unknownClient.diagnosis == .gateway(XRoadFault(type: "Server.ClientProxy.UnknownMember", status: 500)))
            #expect(unknownClient.diagnosis.advice.contains("vtj.x_road_client") && unknownClient.outcome(of: .xRoad) == false)
        }
        // The XML-profile sandbox asked in JSON still answers JSON (it negotiates); an XML-only server asked
        // for JSON is named as a wire mix-up.
        let responder = try LoopbackResponder { _ in .init(status: 200, xml: "<kirjausavainVastaus><viimeisinKirjausavain>1</viimeisinKirjausavain></kirjausavainVastaus>") }
        defer { responder.stop() }
        let mixed = try await Self.check(responder.baseURL, wire: .json)
        guard case .wrongWire(let detail) = mixed.diagnosis else {
            Issue.record("expected a wire mix-up, got \(mixed.diagnosis)")
            return
        }
        #expect(detail.contains("vtj.wire"))
        let unreachable = try await Self.check("http://127.0.0.1:1/api/v1")
        guard case .connectFailed = unreachable.diagnosis else {
            Issue.record("expected no connection, got \(unreachable.diagnosis)")
            return
        }
    }

    @Test("a client error after retries classifies the same way (for probes that use the operations)")
    func fromClientErrors() {
        #expect(ConnectionDiagnosis(VTJClientError.refused(.logKey, status: 401, virhe: nil, messageID: "r")) == .unauthorized(status: 401))
        // (A name that does not resolve is not tried for real: that would ask this machine's resolver.)
        #expect(ConnectionDiagnosis(HTTPTransportError.transfer(code: 6, reason: "Could not resolve host: vtj.example.invalid"))
            == .nameNotResolved(detail: "Could not resolve host: vtj.example.invalid"))
        #expect(ConnectionDiagnosis(VTJClientError.rejected(.logKey, status: 404, virhe: nil, messageID: "r")) == .wrongPath(status: 404))
        let fault = XRoadFault(type: "Server.ServerProxy.AccessDenied", status: 500)
        #expect(ConnectionDiagnosis(VTJClientError.gatewayRefused(.logKey, fault: fault, messageID: "r")) == .gateway(fault))
        let tls = VTJClientError.transportMisconfigured(.logKey, problem: .tls,
            detail: "HTTP transfer failed (curl 60): SSL certificate problem: unable to get local issuer certificate", messageID: "r")
        guard case .tls(.unknownCA, _) = ConnectionDiagnosis(tls) else {
            Issue.record("expected unknown CA")
            return
        }
    }
}
