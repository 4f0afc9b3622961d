import Foundation
import Testing
import VTJCore
import VTJXML
import VTJTestSupport

@Suite struct ResultXMLWriterTests {
    static let today = CivilDate(year: 2026, month: 11, day: 26)!
    static let docs = URL(fileURLWithPath: repositoryRoot).appendingPathComponent("docs")
    static let schemaPath = docs.appendingPathComponent("vtjdrop-result.xsd").path
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ResultXML")
    static let secrets = ["Salainenpolku", "00947", "Piilola", "PIILO123456", "VANHAPIILO42"]

    static func stub(_ hetu: String, _ first: String, _ last: String) -> [Field] {
        [.text("henkilotunnus", hetu), .text("etunimet", first), .text("sukunimi", last)]
    }

    static func people(_ rules: DisclosureRules) -> [PersonDisclosure] {
        let child = Person(hetu: "010516B903X", records: [
            Record(group: .henkilonNimi, fields: [.text("etunimi", "Åsa <Ninni> & \"Nina\""), .text("sukunimi", "O'Brien\r\nTesti"),
                                                  .date("alkupv", PartialDate(text: "2016-05-01", precision: .day))]),
            Record(group: .aidinkieli, fields: [.text("kielikoodi", "fi"), .bilingual("nimi", fi: "suomi", sv: "finska")]),
            Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", "false")]),
            Record(group: .kansalaisuus, fields: [.composite("henkilonKansalaisuudet", [
                .composite("kansalaisuus", [.text("kansalaisuuskoodi", "246"), .date("saamispv", PartialDate(text: "2016-01-01", precision: .year))]),
            ])]),
            Record(group: .kotikunta, fields: [.text("kuntakoodi", "091")]),
            Record(group: .vakinainenKotimainenOsoite, fields: [
                .bilingual("katunimi", fi: "Mikkolantie", sv: "Mickelsvägen"), .text("katunumero", "1"),
                .text("postinumero", "00640"), .bilingual("postitoimipaikka", fi: "Helsinki", sv: "Helsingfors"),
            ]),
            Record(group: .huoltaja, fields: [.composite("huoltaja", stub("020594X903P", "Maija", "Testinen")),
                                              .text("huoltajanLaji", "LAKISAATEINEN")]),
            Record(group: .uskontokuntalaji, fields: [.text("uskontokuntalaji", "EV_LUT")]),
            Record(group: .henkilotunnusKorjaus, fields: [.text("voimassaolo", "AKTIIVI"),
                                                          .composite("edellisetHenkilotunnukset", [.text("henkilotunnus", "020516C903K")])]),
            Record(group: .edunvalvonta, fields: [.composite("edunvalvojaOrganisaatio", [.text("ytunnus", "0245437-2"), .text("nimi", "Holhous Oy")])]),
        ])
        let protected = Person(hetu: "030594W903B", records: [
            Record(group: .henkilonNimi, fields: [.text("etunimi", "Turva"), .text("sukunimi", "Henkilö")]),
            Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", "true")]),
            Record(group: .kotikunta, fields: [.text("kuntakoodi", "049"), .text("katunimi", "Salainenpolku")]),
            Record(group: .vakinainenKotimainenOsoite, fields: [.bilingual("katunimi", fi: "Salainenpolku"), .text("postinumero", "00947"),
                                                                .bilingual("postitoimipaikka", fi: "Piilola")]),
            Record(group: .vakinainenKotimainenAsuinpaikkatunnus, fields: [.text("asuinpaikantunnus", "PIILO123456")]),
            Record(group: .edellinenKotimainenAsuinpaikkatunnus, fields: [.text("asuinpaikantunnus", "VANHAPIILO42")]),
            Record(group: .kotimainenPostiosoite, censoredFields: ["postiosoite"]),
            Record(group: .huoltaja, fields: [.composite("huoltaja", stub("020594X903P", "Maija", "Testinen") + [.text("postinumero", "00947")])]),
        ])
        return [rules.disclose(child), rules.disclose(protected)]
    }

    static func basicDocument() throws -> [UInt8] {
        let rules = DisclosureRules(groups: GroupName.productGroupsInOrder, purpose: .perusopetus, today: today)
        let writer = ResultXMLWriter(writer: XMLWriter(), header: .init(
            dropID: "20261126T101500-7f3a", operation: "perustiedot", purpose: .perusopetus, processingDate: today,
            reference: "oma-viite <42>", groups: rules.groups))
        writer.begin()
        for person in people(rules) { writer.write(person) }
        writer.writeNotFound(hetu: "040594V9030")
        try writer.finish()
        return try writer.writer.bytes()
    }

    static func changeDocument() throws -> [UInt8] {
        let groups: [GroupName] = [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite, .kotikunta]
        let rules = DisclosureRules(groups: groups, purpose: .kirjasto, today: today)
        var tracker = ProtectionTracker(states: ["010594Y9032": .notProtected])
        let address = Record(group: .vakinainenKotimainenOsoite, change: .added, fields: [.bilingual("katunimi", fi: "Salainenpolku")])
        let changes = [
            Change(hetu: "010594Y9032", muutospv: "2026-11-24T21:00:00.000Z", records: [
                Record(group: .henkilonNimi, change: .changed, fields: [.text("etunimi", "Vanha")]),
                Record(group: .henkilonNimi, change: .added, fields: [.text("etunimi", "Uusi")]),
            ]),
            Change(hetu: "010594Y9032", muutospv: "2026-11-25T08:30:00.000Z", records: [
                Record(group: .turvakielto, change: .added, fields: [.text("turvakieltoAktiivinen", "true")]), address,
            ]),
        ]
        let writer = ResultXMLWriter(writer: XMLWriter(), header: .init(
            dropID: "r2", operation: "muutokset", purpose: .kirjasto, processingDate: today, groups: groups))
        writer.begin()
        for change in changes { writer.write(tracker.disclose(change, with: rules)) }
        try writer.finish()
        return try writer.writer.bytes()
    }

    @Test func schemaInDocsIsTheGeneratedOne() throws {
        let generated = ResultXMLSchemaText.text()
        if ProcessInfo.processInfo.environment["VTJDROP_UPDATE_GOLDEN"] == "1" {
            try generated.write(toFile: Self.schemaPath, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOfFile: Self.schemaPath, encoding: .utf8) == generated,
                "docs/vtjdrop-result.xsd is stale; run the tests with VTJDROP_UPDATE_GOLDEN=1")
    }

    @Test func basicResultValidatesAndMatchesGolden() throws {
        let bytes = try Self.basicDocument()
        let problems = try XMLSchemaValidator.validate(document: bytes, schemaPath: Self.schemaPath)
        #expect(problems.isEmpty, "\(problems)")
        try Self.checkGolden(bytes, "perustiedot.xml")
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in Self.secrets { #expect(!text.contains(secret), "\(secret) leaked into the XML") }
        #expect(text.contains(#"<pidatetty tietoryhma="VAKINAINEN_KOTIMAINEN_OSOITE" saanto="turvakielto"></pidatetty>"#))
        #expect(text.contains(#"henkilotunnus="040594V9030" tila="ei-loytynyt""#))
        #expect(text.contains(#"tunniste="oma-viite &lt;42&gt;""#))
    }

    @Test func changeResultValidatesAndMatchesGolden() throws {
        let bytes = try Self.changeDocument()
        let problems = try XMLSchemaValidator.validate(document: bytes, schemaPath: Self.schemaPath)
        #expect(problems.isEmpty, "\(problems)")
        try Self.checkGolden(bytes, "muutokset.xml")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("Salainenpolku"))
        #expect(text.contains(#"<ohje tietoryhma="VAKINAINEN_KOTIMAINEN_OSOITE" toimenpide="TYHJENNA"></ohje>"#))
    }

    /// The schema is not vacuous: documents a writer must never produce are rejected.
    @Test(arguments: [
        #"<henkilo henkilotunnus="010594Y9032" tila="ehka"/>"#,
        #"<henkilo henkilotunnus="010594Y9032" tila="loytyi"><tietoryhma nimi="OSOITE"/></henkilo>"#,
        #"<henkilo henkilotunnus="010594Y9032" tila="loytyi"><tietoryhma nimi="KOTIKUNTA"><salaisuus>x</salaisuus></tietoryhma></henkilo>"#,
        #"<henkilo henkilotunnus="010594Y9032" tila="loytyi"><tietoryhma nimi="HUOLTAJA"><huoltaja><katunimi>x</katunimi></huoltaja></tietoryhma></henkilo>"#,
        #"<henkilo henkilotunnus="010594Y9032" tila="loytyi"><pidatetty tietoryhma="KOTIKUNTA" saanto="koska"/></henkilo>"#,
    ])
    func schemaRejects(_ body: String) throws {
        let document = #"<?xml version="1.0" encoding="UTF-8"?><tulos versio="1" pyynto="r" toiminto="perustiedot" kayttotarkoitus="kirjasto" kasittelypaiva="2026-11-26"><tietoryhmat/>"#
            + body + "</tulos>"
        let problems = try XMLSchemaValidator.validate(document: Array(document.utf8), schemaPath: Self.schemaPath)
        #expect(!problems.isEmpty)
    }

    @Test func writesOntoAFileDescriptor() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vtjdrop-result-\(UUID().uuidString).xml").path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        try #require(fd >= 0)
        defer { unlink(path) }
        let rules = DisclosureRules(groups: [.henkilonNimi], purpose: .kirjasto, today: Self.today)
        let writer = ResultXMLWriter(writer: try XMLWriter(fileDescriptor: fd, documentName: path),
                                     header: .init(dropID: "r", operation: "perustiedot", purpose: .kirjasto,
                                                   processingDate: Self.today, groups: rules.groups))
        writer.begin()
        for index in 0..<2000 {
            let hetu = "010594Y9032"
            writer.write(rules.disclose(Person(hetu: hetu, records: [
                Record(group: .henkilonNimi, fields: [.text("etunimi", "N\(index)")]),
            ])))
        }
        try writer.finish()
        close(fd)
        #expect(try XMLSchemaValidator.validate(file: path, schemaPath: Self.schemaPath).isEmpty)
    }

    static func checkGolden(_ bytes: [UInt8], _ name: String) throws {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["VTJDROP_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        #expect(try Data(contentsOf: url) == Data(bytes), "differs from Fixtures/ResultXML/\(name)")
    }
}
