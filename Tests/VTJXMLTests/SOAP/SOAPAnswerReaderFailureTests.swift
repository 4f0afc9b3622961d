import Foundation
import Testing
import VTJCore
import VTJXML

/// Answers that must never become a person: broken, cut, hostile, ambiguous, in the wrong
/// namespace. Each is an ``XMLReadError`` naming the line and the reason, after bounded work.
struct SOAPAnswerReaderFailureTests {
    static func error(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLReadError? {
        do {
            let answer = try SOAPAnswerReader(bytes: Array(text.utf8), documentName: "answer").read()
            Issue.record("read returned normally: \(answer)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    static let valid = SOAPAnswerReaderTests.answer(block: "<Kotikunta><Kuntanumero>091</Kuntanumero></Kotikunta>")

    @Test("every cut of a valid answer is an error, never a person with less data")
    func everyTruncation() throws {
        let bytes = try Fixture.bytes("SOAP/spec-answer.xml")
        _ = try SOAPAnswerReader(bytes: bytes, documentName: "whole").read()
        var cuts = 0
        for length in stride(from: 0, to: bytes.count - 1, by: 37) {
            let text = String(decoding: bytes.prefix(length), as: UTF8.self)
            if Self.error(text) != nil { cuts += 1 }
        }
        #expect(cuts == (bytes.count - 1 + 36) / 37)
    }

    @Test("malformed XML names the line")
    func malformed() throws {
        let error = try #require(Self.error(Self.valid.replacingOccurrences(of: "</Kuntanumero>", with: "</Kuntakoodi>")))
        #expect(error.kind == .malformed && error.line == 5)
    }

    @Test("a SOAP 1.2 envelope, a foreign root, a response in another namespace, an answer document in another namespace")
    func wrongNamespaces() throws {
        let soap12 = try #require(Self.error(Self.valid.replacingOccurrences(of: "http://schemas.xmlsoap.org/soap/envelope/",
                                                                               with: "http://www.w3.org/2003/05/soap-envelope")))
        #expect(soap12.kind == .unexpectedRoot && soap12.reason.contains("SOAP 1.2"))
        let foreign = try #require(Self.error("<perustiedotVastaus ajanTasalla=\"true\"/>"))
        #expect(foreign.kind == .unexpectedRoot && foreign.reason.contains("Envelope"))
        let response = try #require(Self.error(Self.valid.replacingOccurrences(of: "http://xml.vrk.fi/ws/vtj/vtjkysely/1",
                                                                                 with: "http://xml.vrk.fi/ws/vtj/vtjkysely/2")))
        #expect(response.reason.contains("neither a SOAP Fault nor") && response.reason.contains("vtjkysely/2"))
        let document = try #require(Self.error(Self.valid.replacingOccurrences(of: "xmlns=\"http://xml.vrk.fi/schema/vtjkysely\"",
                                                                                 with: "xmlns=\"urn:other\"")))
        #expect(document.reason.contains("urn:other") && document.kind == .invalidMessage)
    }

    @Test("two persons, two documents, a document with a fault pair, an empty response: refused, never guessed")
    func ambiguous() throws {
        let twoPersons = Self.valid.replacingOccurrences(of: "</Henkilo>", with: "</Henkilo><Henkilo><Henkilotunnus>150316A952X</Henkilotunnus></Henkilo>")
        #expect(Self.error(twoPersons)?.reason.contains("two Henkilo") == true)
        let start = try #require(Self.valid.range(of: "<VTJHenkilo")).lowerBound
        let end = try #require(Self.valid.range(of: "</VTJHenkiloVastaussanoma>")).upperBound
        let document = String(Self.valid[start..<end])
        #expect(Self.error(Self.valid.replacingOccurrences(of: document, with: document + document))?.reason.contains("two answer documents") == true)
        #expect(Self.error(Self.valid.replacingOccurrences(of: document, with: document + "<faultCode>0001</faultCode>"))?
            .reason.contains("both") == true)
        #expect(Self.error(Self.valid.replacingOccurrences(of: document, with: ""))?.reason.contains("neither") == true)
        #expect(Self.error(Self.valid.replacingOccurrences(of: "<Henkilotunnus>230885-913N</Henkilotunnus>", with: ""))?
            .reason.contains("no Henkilotunnus") == true)
    }

    @Test("XXE, a DTD, an entity bomb: refused before anything is expanded or fetched")
    func hostile() throws {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE s:Envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            """ + Self.valid.replacingOccurrences(of: "<Kuntanumero>091", with: "<Kuntanumero>&x;091")
        #expect(Self.error(xxe)?.kind == .forbiddenConstruct)
        let dtd = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope SYSTEM \"http://127.0.0.1:9/evil.dtd\">" + Self.valid
        #expect(Self.error(dtd)?.kind == .forbiddenConstruct)
        let entity = Self.valid.replacingOccurrences(of: "<Kuntanumero>091", with: "<Kuntanumero>&lol;")
        #expect(Self.error(entity) != nil)
    }

    @Test("an answer with too many elements in one person, or nested too deep, stops at the bound")
    func bounded() throws {
        let many = String(repeating: "<Kansalaisuus><Kansalaisuuskoodi3>246</Kansalaisuuskoodi3></Kansalaisuus>", count: SOAPAnswerReader.maxPersonElements + 5)
        let started = ContinuousClock.now
        #expect(Self.error(SOAPAnswerReaderTests.answer(block: many))?.reason.contains("more than 2000 elements") == true)
        let deep = String(repeating: "<Huoltaja>", count: 40) + String(repeating: "</Huoltaja>", count: 40)
        #expect(Self.error(SOAPAnswerReaderTests.answer(block: "<Edunvalvonta>\(deep)</Edunvalvonta>"))?.reason.contains("nested deeper") == true)
        let wide = String(repeating: "<Alkupvm/>", count: 300)
        #expect(Self.error(SOAPAnswerReaderTests.answer(block: "<Edunvalvonta>\(wide)</Edunvalvonta>"))?.reason.contains("256") == true)
        // Not a timing assertion: a hang would show here long before any benchmark.
        _ = started
    }
}
