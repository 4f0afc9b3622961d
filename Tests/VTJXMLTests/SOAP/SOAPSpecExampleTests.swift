import Foundation
import Testing
import VTJCore
import VTJXML

/// vtj-soap-kysely.md §13 as contract fixtures: the request vtjdrop writes is the spec's example
/// byte for byte (formatting aside), and the spec's answers read as the spec says.
struct SOAPSpecExampleTests {
    /// The document without the XML declaration and without blanks between elements.
    static func compact(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = String(text[end.upperBound...]) }
        return text.replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let example = SOAPQuery(
        messageID: "5f0c2a7e-3b1d-4e8a-9c61-0d2f7b4a9e13", client: XRoadClientID(path: "FI-TEST/MUN/0123456-7/vtjdrop")!,
        service: .dvvQuery(instance: "FI-TEST"), userID: "vtjdrop/sivistys", issue: "oppilaat.20261206T101500Z-k3x9q",
        product: "PERUSSANOMA 3", user: "kunta", password: "salasana", endUser: "vtjdrop/sivistys", hetu: "230885-913N")

    @Test("the request is the spec's example, element for element and prefix for prefix")
    func requestIsTheExample() throws {
        let written = try Self.example.envelope()
        #expect(String(decoding: written.prefix(38), as: UTF8.self) == #"<?xml version="1.0" encoding="UTF-8"?>"#)
        // The spec breaks lines inside start tags too; blanks there are one space either way.
        #expect(Self.compact(written) == Self.compact(try Fixture.bytes("SOAP/spec-request.xml")))
    }

    @Test("the example request reads back with every header and field, the fields in the schema's order")
    func requestReadsBack() throws {
        let query = try SOAPQueryReader.read(try Self.example.envelope())
        #expect(query.messageID == "5f0c2a7e-3b1d-4e8a-9c61-0d2f7b4a9e13" && query.protocolVersion == "4.0")
        #expect(query.client?.description == "FI-TEST/MUN/0123456-7/vtjdrop")
        #expect(query.service?.description == "FI-TEST/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1")
        #expect(query.operation == "HenkilonTunnusKysely" && query.product == "PERUSSANOMA 3" && query.hetu == "230885-913N")
        #expect(query.user == "kunta" && query.password == "salasana" && query.endUser == "vtjdrop/sivistys")
        let text = String(decoding: try Self.example.envelope(), as: UTF8.self)
        let order = ["SoSoNimi", "Kayttajatunnus", "Salasana", "Loppukayttaja", "Henkilotunnus"].compactMap { text.range(of: "<vk:\($0)>")?.lowerBound }
        #expect(order.count == 5 && order == order.sorted())
    }

    @Test("the example answer: Kaisa's data, her ban, and what the rules deliver and withhold")
    func exampleAnswer() throws {
        let answer = try SOAPAnswerReader(bytes: try Fixture.bytes("SOAP/spec-answer.xml"), documentName: "spec").read()
        #expect(answer.messageID == "5f0c2a7e-3b1d-4e8a-9c61-0d2f7b4a9e13")
        guard case .document(let document) = answer.content, let person = document.person else {
            Issue.record("expected a document with a person, got \(answer.content)")
            return
        }
        #expect(document.product == "PERUSSANOMA 3" && document.returnCode == "0000" && document.returnText == "Haku onnistui")
        #expect(document.queriedHetu == "230885-913N", "the criterion's trailing line break and blanks are trimmed")
        #expect(document.criterionCode == "1" && document.validity == "1" && person.hetu == "230885-913N")
        #expect(person.record(.henkilonNimi)?.text("etunimi") == "Kaisa Maria")
        #expect(person.record(.henkilonNimi)?.text("sukunimi") == "Koekäyttäjä")
        #expect(person.record(.kotikunta)?.text("kuntakoodi") == "091")
        #expect(person.record(.kotikunta)?.date("kuntaanMuuttopv") == CivilDate(year: 2020, month: 1, day: 31))
        #expect(person.record(.vakinainenKotimainenOsoite)?.bilingual("katunimi") == Bilingual(fi: "Koekuja 3 B 12", sv: "Provgränden 3 B 12"))
        #expect(person.record(.vakinainenKotimainenAsuinpaikkatunnus)?.text("asuinpaikantunnus") == "90000012345B012 ",
                "the trailing blank of the dwelling id is kept")
        #expect(person.record(.turvakielto)?.text("turvakieltoAktiivinen") == "true")
        #expect(person.record(.turvakielto)?.date("turvaLoppuPv") == CivilDate(year: 2031, month: 12, day: 31))
        #expect(person.record(.sukupuoli)?.text("sukupuoli") == "NAINEN")
        #expect(person.record(.syntymapaiva)?.date("syntymapv") == CivilDate(year: 1985, month: 8, day: 23))
        // Empty blocks make no records; the temporary and foreign addresses are never read at all.
        #expect(person.records(.nimenmuutos).isEmpty && person.records(.kotimainenPostiosoite).isEmpty)
        #expect(person.records(.kuolinpaiva).isEmpty && person.records(.edunvalvonta).isEmpty)
        #expect(person.records(.vakinainenUlkomaillaAsuminen).isEmpty)
        #expect(document.carriedGroups.isSuperset(of: [.henkilonNimi, .kotikunta, .turvakielto, .nimenmuutos, .edunvalvonta]))
        #expect(!document.carriedGroups.contains(.huoltaja) && document.hasTurvakielto)

        let today = CivilDate(year: 2026, month: 12, day: 6)!
        let granted: [GroupName] = [.henkilonNimi, .sukupuoli, .kotikunta, .turvakielto, .vakinainenKotimainenOsoite,
                                    .vakinainenKotimainenAsuinpaikkatunnus]
        let disclosed = DisclosureRules(groups: granted, purpose: .perusopetus, today: today).disclose(person)
        #expect(disclosed.isProtected)
        #expect(Set(disclosed.records.map(\.group)) == [.henkilonNimi, .sukupuoli, .kotikunta, .turvakielto])
        #expect(Set(disclosed.withheld.map(\.group)).isSuperset(of: [.vakinainenKotimainenOsoite, .vakinainenKotimainenAsuinpaikkatunnus]))
    }

    @Test("not found, as a document and as a fault pair; a security server's fault", arguments: ["spec-not-found.xml", "spec-not-found-pair.xml"])
    func notFound(_ name: String) throws {
        let answer = try SOAPAnswerReader(bytes: try Fixture.bytes("SOAP/" + name), documentName: name).read()
        switch answer.content {
        case .document(let document):
            #expect(document.returnCode == "0001" && document.person == nil && document.criterionCode == "0")
            #expect(document.queriedHetu == "150316A952X")
        case .faultPair(let code, let text):
            #expect(code == "0001" && text.hasPrefix("Hakuperusteella"))
        case .fault:
            Issue.record("not a SOAP Fault")
        }
    }

    @Test func securityServerFault() throws {
        let answer = try SOAPAnswerReader(bytes: try Fixture.bytes("SOAP/spec-fault.xml"), documentName: "fault").read()
        #expect(answer.content == .fault(code: "Server.ServerProxy.NetworkError", text: "Could not connect to any target host"))
        #expect(XRoadFault(type: "Server.ServerProxy.NetworkError", status: 200, viaSOAP: true).isTransient)
    }
}
