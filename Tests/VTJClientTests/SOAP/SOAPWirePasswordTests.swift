import Foundation
import Testing
@testable import VTJClient
import VTJCore
import VTJXML
import VTJTestSupport

/// The SOAP wire carries the DVV password in every message body. A server that echoes the
/// request back (whole, in a fault's text, in a return code's text, in an error page) must never
/// make the password reach an error message, a log line or a receipt's reason.
@Suite("SOAP wire: the password never comes back out", .serialized) struct SOAPWirePasswordTests {
    static let planted = "Pl4nted-Salasana-7x"

    static let echoes: [(String, @Sendable (LoopbackResponder.Seen) -> LoopbackResponder.Reply)] = [
        ("500 echoing the whole request", { seen in .init(status: 500, headers: [("Content-Type", "text/xml")], body: seen.body) }),
        ("a fault whose text is the request", { seen in
            SOAPTest.xml(String(decoding: SOAPAnswerWriter.fault(code: "Server.ServerProxy.ServiceFailed",
                                                                 text: String(decoding: seen.body, as: UTF8.self)), as: UTF8.self))
        }),
        ("a 500 fault whose code is the password", { _ in
            SOAPTest.xml(String(decoding: SOAPAnswerWriter.fault(code: "Server.\(planted)", text: planted), as: UTF8.self), status: 500)
        }),
        ("a credentials return code quoting the password", { seen in SOAPTest.answer(seen, code: "0003", text: "salasana \(planted) vanhentunut") }),
        ("a fault pair quoting the password", { seen in
            SOAPTest.xml(String(decoding: SOAPAnswerWriter.faultPair(code: "-1800", text: "virhe: \(planted)", echo: SOAPTest.query(seen)), as: UTF8.self))
        }),
        ("a person's return code quoting it", { seen in SOAPTest.answer(seen, code: "0005", text: "ILMOITUS \(planted)") }),
        ("malformed XML naming it", { _ in SOAPTest.xml("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><\(planted)></x>") }),
        ("a 400 page quoting it", { _ in .init(status: 400, headers: [("Content-Type", "text/plain")], body: Array("bad \(planted)".utf8)) }),
    ]

    @Test("no error, log line or reason carries the password", arguments: echoes.indices)
    func echoed(_ index: Int) async throws {
        let (name, reply) = Self.echoes[index]
        let responder = try LoopbackResponder(handler: reply)
        defer { responder.stop() }
        let capture = LogCapture()
        var configuration = ClientTestData.configuration(responder.baseURL, parallelism: 1, maxAttempts: 2)
        configuration.credentials = BasicCredentials(user: "kunta", password: Self.planted)
        configuration.wire = .soap
        configuration.soap = SOAPTest.settings
        let client = try VTJInterfaceClient(configuration: configuration, logger: capture.logger())
        var texts: [String] = []
        do {
            let report = try await client.basicData(hetus: TestHetu.distinct(1)) { _ in }
            texts += report.undelivered.map(\.reason)
        } catch {
            texts.append("\(error)")
            if let error = error as? VTJClientError { texts.append(error.serverMessage ?? "") }
        }
        let check = await client.checkConnection(on: CivilDate(year: 2026, month: 12, day: 6)!)
        texts.append(check.diagnosis.advice)
        texts += capture.all
        #expect(responder.requests.contains { String(decoding: $0.body, as: UTF8.self).contains(Self.planted) },
                "\(name): the password did travel in the body, so the test means something")
        #expect(!texts.isEmpty)
        let leaked = texts.filter { $0.contains(Self.planted) }
        #expect(leaked.isEmpty, "\(name): the password reached \(leaked)")
    }
}
