import Foundation
import Testing
@testable import VTJClient
import VTJCore
import VTJSandbox
import VTJXML
import VTJTestSupport

/// Clients and canned answers for the SOAP wire's tests.
enum SOAPTest {
    static let settings = SOAPSettings(product: "PERUSSANOMA 3", client: XRoadClientID(path: "FI-TEST/MUN/0123456-7/vtjdrop")!)

    static func client(_ url: String, parallelism: Int = 4, maxAttempts: Int = 3, password: String = "salasana",
                       settings: SOAPSettings = settings, cap: Int64 = VTJClientConfiguration.defaultMaxResponseBytes) throws -> VTJInterfaceClient {
        var configuration = ClientTestData.configuration(url, parallelism: parallelism, maxAttempts: maxAttempts)
        configuration.credentials = BasicCredentials(user: "kunta", password: password)
        configuration.wire = .soap
        configuration.soap = settings
        configuration.maxResponseBytes = cap
        return try VTJInterfaceClient(configuration: configuration)
    }

    /// A sandbox with its SOAP endpoint.
    static func withSandbox<T>(_ configuration: SandboxConfiguration = SandboxFixture.defaultConfiguration,
                               _ body: (SandboxServer, String) async throws -> T) async throws -> T {
        try await SandboxFixture.withSandbox(configuration) { server, _ in
            try await body(server, try #require(server.soapURL))
        }
    }

    /// The request a scripted server received, read as the interface would.
    static func query(_ seen: LoopbackResponder.Seen) -> ReceivedSOAPQuery {
        (try? SOAPQueryReader.read(seen.body)) ?? ReceivedSOAPQuery()
    }

    /// An answer document for what `seen` asked: `person` under return code `code` (by default
    /// `0000` with a person, `0001` without).
    static func answer(_ seen: LoopbackResponder.Seen, code: String? = nil, text: String = "Haku onnistui", person: Person? = nil,
                       product: SOAPProductLayout = .perussanoma3) -> LoopbackResponder.Reply {
        let query = query(seen)
        let code = code ?? (person == nil ? "0001" : "0000")
        let document = SOAPAnswerWriter.Document(product: product, returnCode: code, returnText: text,
                                                 criterionCode: person == nil ? "0" : "1", person: person, extractionTime: "20261206101502")
        return .init(status: 200, headers: [("Content-Type", "text/xml; charset=utf-8")],
                     body: SOAPAnswerWriter.document(document, echo: query))
    }

    /// A person with a name and a home municipality.
    static func person(_ hetu: String) -> Person {
        Person(hetu: hetu, records: [
            Record(group: .henkilonNimi, fields: [.text("etunimi", "Äijä-Öörni"), .text("sukunimi", "O'Brien Åberg")]),
            Record(group: .kotikunta, fields: [.text("kuntakoodi", "091")]),
        ])
    }

    static func text(_ reply: LoopbackResponder.Reply) -> String { String(decoding: reply.body, as: UTF8.self) }

    /// `body` as a reply of type text/xml.
    static func xml(_ body: String, status: Int = 200) -> LoopbackResponder.Reply {
        .init(status: status, headers: [("Content-Type", "text/xml; charset=utf-8")], body: Array(body.utf8))
    }

    /// The error a `perustiedot` call of one person fails with.
    static func failure(_ url: String, maxAttempts: Int = 2, password: String = "salasana",
                        hetu: Henkilotunnus = TestHetu.distinct(1)[0]) async throws -> VTJClientError {
        let client = try client(url, parallelism: 1, maxAttempts: maxAttempts, password: password)
        do {
            _ = try await client.basicData(hetus: [hetu]) { _ in }
        } catch let error as VTJClientError {
            return error
        }
        throw JSONWireFaultTests.ClientTestFailure("the call succeeded")
    }
}
