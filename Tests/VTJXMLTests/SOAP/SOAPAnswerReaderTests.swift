import Foundation
import Testing
import VTJCore
import VTJXML

/// Answers in the shape of the captured real envelopes (S1, S2: prefixes `s:` and `h:`, default
/// namespaces, pretty-printed values), with synthetic persons: every product's blocks read
/// wherever they stand, and the conventions of §6.
struct SOAPAnswerReaderTests {
    static func document(_ name: String) throws -> SOAPDocument {
        let answer = try SOAPAnswerReader(bytes: try Fixture.bytes("SOAP/" + name), documentName: name).read()
        guard case .document(let document) = answer.content else { throw ReadFailure("not a document: \(answer.content)") }
        return document
    }

    struct ReadFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test("PERUSSANOMA 3 as the real answers shape it: previous names, postal address, two citizenships, a guardian of an adult")
    func perussanoma3() throws {
        let document = try Self.document("realistic-perussanoma3.xml")
        let person = try #require(document.person)
        #expect(person.hetu == "040880-961N" && document.product == "PERUSSANOMA 3")
        let previous = person.records(.nimenmuutos)
        #expect(previous.map { $0.text("nimilaji") } == ["05", "07"] && previous.allSatisfy { $0.text("nimi") == "Koekari" })
        #expect(previous[0].date("alkupv") == CivilDate(year: 1980, month: 8, day: 4) && previous[1].field("loppupv") == nil)
        #expect(person.record(.kotimainenPostiosoite)?.bilingual("postiosoite") == Bilingual(fi: "PL 421", sv: "PB 421"))
        let citizenships = try #require(person.record(.kansalaisuus)).list("henkilonKansalaisuudet")
        #expect(citizenships.map { $0.first { $0.name == "kansalaisuuskoodi" }?.value.plainText } == ["246", "752"])
        let guardianship = try #require(person.record(.edunvalvonta))
        #expect(guardianship.stub("edunvalvoja")?.hetu == "070275-933K" && guardianship.stub("edunvalvoja")?.sukunimi == "Edunvalvoja")
        #expect(guardianship.stub("edunvalvoja")?.birthDate == CivilDate(year: 1975, month: 2, day: 7), "from the henkilötunnus")
        #expect(guardianship.text("rajoitus") == "1" && guardianship.text("tehtavienjako") == "2")
        #expect(person.records(.edunvalvonta).count == 1, "the empty company and legal-aid blocks make no records")
        #expect(person.records(.edunvalvontavaltuutus).isEmpty)
        #expect(person.record(.turvakielto)?.text("turvakieltoAktiivinen") == "false", "an empty ban field is no ban")
        #expect(person.record(.aidinkieli)?.text("kielikoodi") == "fi" && person.record(.aidinkieli)?.field("nimi") == nil)
        #expect(!document.carriedGroups.contains(.huoltaja) && !document.carriedGroups.contains(.huollettava))
    }

    @Test("HUOLLETTAVA-HUOLTAJAT: another block order, the guardians, a ban in force")
    func dependantsGuardians() throws {
        let document = try Self.document("realistic-huollettava-huoltajat.xml")
        let person = try #require(document.person)
        #expect(person.hetu == "150612A9785")
        let guardians = person.records(.huoltaja).compactMap { $0.stub("huoltaja") }
        #expect(guardians.map(\.hetu) == ["040880-961N", "120583-944M"])
        #expect(guardians.map(\.etunimet) == ["Aino Helmi", "Veikko Olavi"] && guardians[0].birthDate == CivilDate(year: 1980, month: 8, day: 4))
        #expect(person.record(.vakinainenKotimainenAsuinpaikkatunnus) != nil, "read wherever the product puts it")
        #expect(person.isUnderTurvakielto(on: CivilDate(year: 2026, month: 12, day: 6)!))
        #expect(document.carriedGroups.contains(.huoltaja) && !document.carriedGroups.contains(.nimenmuutos)
                && !document.carriedGroups.contains(.kansalaisuus))
    }

    @Test("HUOLTAJA-HUOLLETTAVAT: the dependants")
    func guardianDependants() throws {
        let person = try #require(try Self.document("realistic-huoltaja-huollettavat.xml").person)
        #expect(person.records(.huollettava).compactMap { $0.stub("huollettava")?.hetu } == ["150612A9785", "300110A902U"])
        #expect(person.records(.huollettava).compactMap { $0.stub("huollettava")?.birthDate }
                == [CivilDate(year: 2012, month: 6, day: 15)!, CivilDate(year: 2010, month: 1, day: 30)!])
    }

    @Test("dates: vvvvkkpp, 00 for an unknown day or month, anything else is no date")
    func dates() throws {
        for (text, iso, precision) in [("20200131", "2020-01-31", PartialDate.Precision.day), ("20200100", "2020-01-01", .month),
                                       ("20200000", "2020-01-01", .year)] {
            let person = try Self.person(block: "<Kotikunta><Kuntanumero>091</Kuntanumero><KuntasuhdeAlkupvm>\(text)</KuntasuhdeAlkupvm></Kotikunta>")
            let date = person.record(.kotikunta)?.field("kuntaanMuuttopv")?.value
            #expect(date == .date(PartialDate(text: iso, precision: precision)), "\(text)")
        }
        let bad = try Self.person(block: "<Turvakielto><TurvakieltoTieto>1</TurvakieltoTieto><TurvakieltoPaattymispvm>31.12.2031</TurvakieltoPaattymispvm></Turvakielto>")
        let ban = try #require(bad.record(.turvakielto))
        #expect(ban.date("turvaLoppuPv") == nil && bad.isUnderTurvakielto(on: CivilDate(year: 2040, month: 1, day: 1)!),
                "an end date that is not a date never ends a ban")
        #expect(ban.text("turvaLoppuPv") == "31.12.2031", "kept as it came, for the reader of the result")
    }

    @Test("a ban value other than 1, 0 or empty counts as in force; no Turvakielto element makes no ban record")
    func unknownBanValues() throws {
        let nine = try Self.person(block: "<Turvakielto><TurvakieltoTieto>9</TurvakieltoTieto><TurvakieltoPaattymispvm/></Turvakielto>")
        #expect(nine.isUnderTurvakielto(on: CivilDate(year: 2026, month: 12, day: 6)!))
        let answer = try SOAPAnswerReader(bytes: Array(Self.answer(block: "<Kotikunta><Kuntanumero>091</Kuntanumero></Kotikunta>").utf8),
                                          documentName: "no-ban").read()
        guard case .document(let document) = answer.content else { Issue.record("expected a document"); return }
        #expect(document.person?.records(.turvakielto).isEmpty == true && !document.hasTurvakielto,
                "the reader reports a missing ban element as missing (the wire then fails closed), never as 'no ban'")
    }

    @Test("unknown elements, elements of other namespaces and comments are skipped, with their subtrees")
    func unknownElements() throws {
        let person = try Self.person(block: """
            <Tuntematon><Kotikunta><Kuntanumero>999</Kuntanumero></Kotikunta></Tuntematon>
            <x:Kotikunta xmlns:x="urn:other"><x:Kuntanumero>998</x:Kuntanumero></x:Kotikunta>
            <!-- a comment --><Kotikunta><Kuntanumero> 049 </Kuntanumero></Kotikunta>
            """)
        #expect(person.records(.kotikunta).map { $0.text("kuntakoodi") } == ["049"], "codes are trimmed, never padded")
    }

    /// An answer document for `230885-913N` with `block` inside `Henkilo`.
    static func answer(block: String) -> String {
        """
        <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
        <HenkilonTunnusKyselyResponse xmlns="http://xml.vrk.fi/ws/vtj/vtjkysely/1"><response>
        <VTJHenkiloVastaussanoma xmlns="http://xml.vrk.fi/schema/vtjkysely" sanomatunnus="PERUSSANOMA 3">
        <Paluukoodi koodi="0000">Haku onnistui</Paluukoodi>
        <Henkilo><Henkilotunnus>230885-913N</Henkilotunnus>\(block)</Henkilo>
        </VTJHenkiloVastaussanoma></response></HenkilonTunnusKyselyResponse></s:Body></s:Envelope>
        """
    }

    static func person(block: String) throws -> Person {
        let answer = try SOAPAnswerReader(bytes: Array(answer(block: block).utf8), documentName: "block").read()
        guard case .document(let document) = answer.content, let person = document.person else { throw ReadFailure("no person") }
        return person
    }
}
