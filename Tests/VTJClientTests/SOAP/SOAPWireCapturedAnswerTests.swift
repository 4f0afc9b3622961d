import Foundation
import Testing
@testable import VTJClient
import VTJCore
import VTJTestSupport

/// An independent server speaking the contract: a scripted loopback server (not the sandbox)
/// answers with the spec's example and with answers shaped like the captured real envelopes
/// (other prefixes, default namespaces, the X-Road header echo, pretty-printing), only the echoed
/// message id set to the one sent. The client must deliver each person as the answer says.
struct SOAPWireCapturedAnswerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("VTJXMLTests/Fixtures/SOAP").path

    /// The fixture with its echoed message id replaced by the one this request sent.
    static func reply(_ file: String, for seen: LoopbackResponder.Seen) throws -> LoopbackResponder.Reply {
        let text = try String(contentsOfFile: fixtures + "/" + file, encoding: .utf8)
        let id = SOAPTest.query(seen).messageID ?? ""
        let echoed = text.replacingOccurrences(of: #"(<(?:xrd|h):id[^>]*>)[^<]*(</(?:xrd|h):id>)"#, with: "$1\(id)$2", options: .regularExpression)
        #expect(echoed != text || id.isEmpty, "\(file): the echoed id was replaced")
        return SOAPTest.xml(echoed)
    }

    @Test("the spec's example and the captured-shape answers of three products are delivered as they say",
          arguments: [("spec-answer.xml", "230885-913N", "Kaisa Maria", true, 0),
                      ("realistic-perussanoma3.xml", "040880-961N", nil, false, 0),
                      ("realistic-huollettava-huoltajat.xml", "150612A9785", nil, true, 1),
                      ("realistic-huoltaja-huollettavat.xml", "040880-961N", nil, false, 0)] as [(String, String, String?, Bool, Int)])
    func capturedAnswers(_ file: String, _ hetu: String, _ firstNames: String?, _ protected: Bool, _ guardians: Int) async throws {
        let responder = try LoopbackResponder { seen in (try? Self.reply(file, for: seen)) ?? SOAPTest.xml("", status: 500) }
        defer { responder.stop() }
        let persons = Collected<Person>()
        let report = try await SOAPTest.client(responder.baseURL, maxAttempts: 1).basicData(hetus: [try Henkilotunnus(hetu)]) { persons.append($0) }
        let person = try #require(persons.all.first, "\(file): \(report)")
        #expect(persons.all.count == 1 && person.hetu == hetu && report.returned == 1 && report.notFound.isEmpty && report.undelivered.isEmpty)
        #expect(person.record(.henkilonNimi)?.text("sukunimi")?.isEmpty == false, "\(file)")
        if let firstNames { #expect(person.record(.henkilonNimi)?.text("etunimi") == firstNames) }
        #expect(person.isUnderTurvakielto(on: CivilDate(year: 2026, month: 12, day: 6)!) == protected, "\(file)")
        #expect(person.records(.huoltaja).count >= guardians, "\(file)")
        #expect(report.groupsDelivered?.contains(.huoltaja) == (guardians > 0), "\(file): \(report.groupsDelivered ?? [])")
        #expect(responder.requests.count == 1)
    }
}
