import Foundation
import Testing
@testable import VTJClient
import VTJCore
import VTJXML
import VTJTestSupport

/// How each answer of the SOAP interface ends up (vtj-soap-kysely.md §8): return codes as the
/// table says, in a document or as a fault pair; a passive henkilötunnus followed once to its
/// active successor; every answer that does not fit the message refused and retried, never read
/// as "not found" or as someone else's row.
@Suite("SOAP wire: answers and return codes", .serialized) struct SOAPWireAnswerTests {
    enum Expected: Sendable, CustomStringConvertible {
        case notFound, undelivered(ResultStatus), refused(ServiceReturnCode.Kind, stopsWork: Bool), retried

        var description: String {
            switch self {
            case .notFound: "not found"
            case .undelivered(let status): "undelivered \(status)"
            case .refused(let kind, _): "refused \(kind)"
            case .retried: "retried"
            }
        }
    }

    static let table: [(String, Expected)] = [
        ("0001", .notFound), ("0006", .notFound),
        ("0007", .undelivered(.notDisclosed)), ("0018", .undelivered(.notDisclosed)), ("0019", .undelivered(.notDisclosed)),
        ("0002", .undelivered(.passive)),
        ("0005", .undelivered(.failed)), ("0012", .undelivered(.failed)), ("0017", .undelivered(.failed)), ("4242", .undelivered(.failed)),
        ("0003", .refused(.credentials, stopsWork: true)), ("0004", .refused(.credentials, stopsWork: true)),
        ("-1500", .refused(.credentials, stopsWork: true)), ("-1900", .refused(.product, stopsWork: true)),
        ("-1901", .refused(.product, stopsWork: true)), ("-1505", .refused(.billing, stopsWork: true)),
        ("-1805", .refused(.rejectedRequest, stopsWork: false)), ("-1800", .retried),
    ]

    @Test("every return code of §8.3, in an answer document and as a faultCode pair", arguments: table, [false, true])
    func returnCodes(_ row: (String, Expected), pair: Bool) async throws {
        let (code, expected) = row
        let responder = try LoopbackResponder { seen in
            pair ? SOAPTest.xml(String(decoding: SOAPAnswerWriter.faultPair(code: code, text: "teksti \(code)", echo: SOAPTest.query(seen)), as: UTF8.self))
                : SOAPTest.answer(seen, code: code, text: "teksti \(code)")
        }
        defer { responder.stop() }
        let client = try SOAPTest.client(responder.baseURL, parallelism: 1, maxAttempts: 2)
        let hetu = TestHetu.distinct(1)[0]
        switch expected {
        case .notFound:
            let report = try await client.basicData(hetus: [hetu]) { _ in }
            #expect(report.notFound == [hetu.value] && report.undelivered.isEmpty && responder.requests.count == 1)
        case .undelivered(let status):
            let report = try await client.basicData(hetus: [hetu]) { _ in }
            #expect(report.undelivered == [UndeliveredPerson(hetu: hetu.value, status: status, reason: "\(code) teksti \(code)")])
            #expect(report.notFound.isEmpty && report.returned == 0, "never counted as not found")
        case .refused(let kind, let stops):
            await #expect { _ = try await client.basicData(hetus: [hetu]) { _ in } } throws: { error in
                guard case .serviceRefused(_, let returned, _)? = error as? VTJClientError else { return false }
                return returned.kind == kind && returned.code == code && (error as? VTJClientError)?.stopsNewWork == stops
            }
            #expect(responder.requests.count == 1, "a refusal is not retried")
        case .retried:
            await #expect { _ = try await client.basicData(hetus: [hetu]) { _ in } } throws: { error in
                guard case .unavailable(_, 2, .service(let returned), _)? = error as? VTJClientError else { return false }
                return returned.code == code && (error as? VTJClientError)?.isTransient == true
            }
        }
    }

    @Test("a passive henkilötunnus is followed once to the active one, delivered under the row asked, with the correction")
    func passiveFollowed() async throws {
        let (old, active) = (TestHetu.distinct(2)[0].value, TestHetu.distinct(2)[1].value)
        let responder = try LoopbackResponder { seen in
            SOAPTest.query(seen).hetu == old ? SOAPTest.answer(seen, code: "0002", text: "passivoitu", person: SOAPTest.person(active))
                : SOAPTest.answer(seen, person: SOAPTest.person(active))
        }
        defer { responder.stop() }
        let persons = Collected<Person>()
        let report = try await SOAPTest.client(responder.baseURL).basicData(hetus: [try Henkilotunnus(old)]) { persons.append($0) }
        let person = try #require(persons.all.first)
        #expect(persons.all.count == 1 && person.hetu == old && report.notFound.isEmpty && report.undelivered.isEmpty)
        let correction = try #require(person.record(.henkilotunnusKorjaus))
        #expect(correction.text("voimassaolo") == "PASSIIVI" && correction.text("muutettuHenkilotunnus") == old
                && correction.text("aktiivinenHenkilotunnus") == active)
        #expect(person.record(.kotikunta)?.text("kuntakoodi") == "091")
        #expect(responder.requests.map { SOAPTest.query($0).hetu ?? "" } == [old, active])
    }

    @Test("0018 with a person is a success, as OPH reads it")
    func underFifteenWithData() async throws {
        let responder = try LoopbackResponder { seen in SOAPTest.answer(seen, code: "0018", person: SOAPTest.person(SOAPTest.query(seen).hetu ?? "")) }
        defer { responder.stop() }
        let report = try await SOAPTest.client(responder.baseURL).basicData(hetus: TestHetu.distinct(1)) { _ in }
        #expect(report.returned == 1 && report.undelivered.isEmpty)
    }

    static let badAnswers: [(String, @Sendable (LoopbackResponder.Seen) -> LoopbackResponder.Reply, String)] = [
        ("Henkilo of another henkilötunnus", { SOAPTest.answer($0, person: SOAPTest.person("010594Y9032")) }, "Henkilo is another henkilötunnus"),
        ("found without Henkilo", { SOAPTest.answer($0, code: "0000") }, "has no Henkilo"),
        ("not found with a Henkilo", { SOAPTest.answer($0, code: "0001", person: SOAPTest.person(SOAPTest.query($0).hetu ?? "")) }, "contradictory"),
        ("another message's answer", { seen in
            var query = SOAPTest.query(seen)
            query.messageID = "0000aaaa-0000-7000-8000-000000000000"
            return SOAPTest.xml(String(decoding: SOAPAnswerWriter.faultPair(code: "0001", text: "", echo: query), as: UTF8.self))
        }, "echoes message id"),
        ("another search criterion", { seen in
            var query = SOAPTest.query(seen)
            query.hetu = "010594Y9032"
            return SOAPTest.xml(String(decoding: SOAPAnswerWriter.document(.init(product: .perussanoma3, returnCode: "0001", returnText: "",
                                                                                 criterionCode: "0", person: nil, extractionTime: "20261206101502"),
                                                                           echo: query), as: UTF8.self))
        }, "another henkilötunnus"),
        ("malformed XML", { _ in SOAPTest.xml("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>") }, "ends before"),
        ("the answer document in another namespace", { seen in
            var reply = SOAPTest.answer(seen, person: SOAPTest.person(SOAPTest.query(seen).hetu ?? ""))
            reply.body = Array(SOAPTest.text(reply).replacingOccurrences(of: "\"http://xml.vrk.fi/schema/vtjkysely\"", with: "\"urn:x\"").utf8)
            return reply
        }, "urn:x"),
        ("XXE", { _ in SOAPTest.xml("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>") }, "DOCTYPE"),
        ("JSON", { _ in .init(status: 200, headers: [("Content-Type", "application/json")], body: Array("{}".utf8)) }, "vtj.wire"),
        ("HTML", { _ in .init(status: 200, headers: [("Content-Type", "text/html")], body: Array("<html/>".utf8)) }, "text/html"),
        ("an empty body", { _ in SOAPTest.xml("") }, "empty"),
    ]

    @Test("answers that do not fit the message are refused, retried, and never delivered", arguments: badAnswers.indices)
    func badAnswer(_ index: Int) async throws {
        let (name, reply, words) = Self.badAnswers[index]
        let responder = try LoopbackResponder(handler: reply)
        defer { responder.stop() }
        let error = try await SOAPTest.failure(responder.baseURL)
        guard case .unavailable(_, 2, .unreadableBody(let reason), _) = error else {
            Issue.record("\(name): expected an unreadable answer after both attempts, got \(error)")
            return
        }
        #expect(reason.contains(words), "\(name): \(reason)")
        #expect(error.isTransient, "\(name): the drop stays queued")
    }

    @Test("an answer longer than vtj.max_response_bytes is cut at the cap and retried")
    func oversized() async throws {
        let responder = try LoopbackResponder { seen in
            SOAPTest.answer(seen, person: Person(hetu: SOAPTest.query(seen).hetu ?? "", records: [
                Record(group: .henkilonNimi, fields: [.text("etunimi", String(repeating: "Aino ", count: 2000))]),
            ]))
        }
        defer { responder.stop() }
        let client = try SOAPTest.client(responder.baseURL, parallelism: 1, maxAttempts: 2, cap: 4096)
        await #expect { _ = try await client.basicData(hetus: TestHetu.distinct(1)) { _ in } } throws: { error in
            guard case .unavailable(_, _, .transport(.tooLarge, _), _)? = error as? VTJClientError else { return false }
            return true
        }
    }

    @Test("SOAP Faults with status 200: network trouble is retried, a refused client stops, a broken request is permanent")
    func faults() async throws {
        for (code, status, transient) in [("Server.ServerProxy.NetworkError", 200, true), ("Server.ServerProxy.AccessDenied", 200, false),
                                          ("Client.InvalidSoap", 500, false)] {
            let responder = try LoopbackResponder { _ in SOAPTest.xml(String(decoding: SOAPAnswerWriter.fault(code: "SOAP-ENV:" + code, text: "x"), as: UTF8.self), status: status) }
            defer { responder.stop() }
            let error = try await SOAPTest.failure(responder.baseURL)
            switch error {
            case .unavailable(_, 2, .gateway(let fault), _):
                #expect(transient && fault.type == code && fault.viaSOAP, "\(code)")
            case .gatewayRefused(_, let fault, _):
                #expect(!transient && fault.type == code && error.stopsNewWork, "\(code)")
                if fault.kind == .accessDenied { #expect(fault.advice.contains("vtj.x_road_service")) }
                #expect(responder.requests.count == 1)
            default:
                Issue.record("\(code): unexpected \(error)")
            }
        }
    }
}
