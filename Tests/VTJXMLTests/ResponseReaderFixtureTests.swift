import Testing
import VTJCore
import VTJXML

/// The shapes a field takes on the wire (profile section 3).
enum Shape: Equatable, CustomStringConvertible {
    case text, date, bilingual, composite

    init(_ value: FieldValue) {
        switch value {
        case .text: self = .text
        case .date: self = .date
        case .bilingual: self = .bilingual
        case .composite: self = .composite
        }
    }

    var description: String { "\(self)" }
}

/// Parses the hand-written fixtures and checks the model the rules will see.
struct ResponseReaderFixtureTests {
    /// Every group of the profile's table with its fields' names and shapes, in wire order.
    static let groupTable: [(GroupName, [(String, Shape)])] = [
        (.henkilotunnusKorjaus, [("voimassaolo", .text), ("muutettuHenkilotunnus", .text), ("aktiivinenHenkilotunnus", .text), ("edellisetHenkilotunnukset", .composite)]),
        (.syntymapaiva, [("syntymapv", .date)]),
        (.aidinkieli, [("kielikoodi", .text), ("kielikoodiISO6392", .text), ("nimi", .bilingual), ("alkupv", .date), ("loppupv", .date)]),
        (.sukupuoli, [("sukupuoli", .text)]),
        (.henkilonNimi, [("etunimi", .text), ("sukunimi", .text), ("etunimiUTF8", .text), ("sukunimiUTF8", .text), ("alkupv", .date)]),
        (.nimenmuutos, [("nimilaji", .text), ("nimi", .text), ("nimiUTF8", .text), ("alkupv", .date), ("loppupv", .date)]),
        (.kansalaisuus, [("henkilonKansalaisuudet", .composite)]),
        (.syntymakotikunta, [("kuntakoodi", .text)]),
        (.ulkomainenSyntymapaikka, [("valtiokoodi", .text), ("ulkomainenSyntymapaikka", .text)]),
        (.siviilisaaty, [("siviilisaaty", .text)]),
        (.kuolinpaiva, [("kuollut", .text), ("kuolinpv", .date)]),
        (.kuolleeksijulistamispaiva, [("kuollut", .text), ("kuolleeksijulistamispv", .date)]),
        (.turvakielto, [("turvakieltoAktiivinen", .text), ("turvaLoppuPv", .date)]),
        (.vakinainenKotimainenOsoite, [("katunimi", .bilingual), ("katunumero", .text), ("huoneistokirjain", .text), ("huoneistonumero", .text), ("jakokirjain", .text), ("postinumero", .text), ("postitoimipaikka", .bilingual), ("rakennustunnus", .text), ("osoitenumero", .text), ("kuntakoodi", .text), ("alkupv", .date), ("loppupv", .date)]),
        (.kotimainenPostiosoite, [("postiosoite", .bilingual), ("postinumero", .text), ("postitoimipaikka", .bilingual), ("alkupv", .date), ("loppupv", .date)]),
        (.vakinainenKotimainenAsuinpaikkatunnus, asuinpaikka),
        (.edellinenKotimainenAsuinpaikkatunnus, asuinpaikka),
        (.vakinainenOlinpaikassaAsuminen, olinpaikka),
        (.vakinainenUlkomaillaAsuminen, ulkomailla),
        (.entinenOlinpaikassaAsuminen, olinpaikka),
        (.entinenUlkomaillaAsuminen, ulkomailla),
        (.kotikunta, [("kuntakoodi", .text), ("kuntaanMuuttopv", .date)]),
        (.edellinenKotikunta, [("kuntakoodi", .text), ("kuntaanMuuttopv", .date), ("kunnastaPoisMuuttopv", .date)]),
        (.vuodenvaihteenKunta, [("kuntakoodi", .text), ("vuodenvaihde", .date)]),
        (.poissaolo, [("poissaolo", .text), ("siirtopv", .date)]),
        (.suomeenMuuttopaiva, [("suomeenMuuttopv", .date)]),
        (.valtioJohonMuuttanut, [("valtiokoodi", .text), ("muuttopv", .date)]),
        (.valtioJostaMuuttanut, [("valtiokoodi", .text), ("muuttopv", .date)]),
        (.lapsi, [("lapsi", .composite), ("isaAiti", .text), ("lapsilaatu", .text), ("alkupv", .date)]),
        (.vanhempi, [("vanhempi", .composite), ("isaAiti", .text), ("lapsilaatu", .text), ("alkupv", .date)]),
        (.huoltaja, [("huoltaja", .composite)] + custody),
        (.huollettava, [("huollettava", .composite)] + custody),
        (.edunvalvonta, [("edunvalvojaOrganisaatio", .composite), ("tehtavienjako", .text), ("rajoitus", .text), ("alkupv", .date), ("loppupv", .date)]),
        (.edunvalvontavaltuutus, [("valtuutettu", .composite), ("alkupv", .date), ("loppupv", .date)]),
        (.huostaanotto, [("huostaanotettu", .text), ("alkupv", .date), ("loppupv", .date)]),
        (.avioliitto, [("puoliso", .composite), ("voimassaolo", .text), ("vihkipv", .date), ("vihkitapa", .text), ("jarjestysnumero", .text), ("loppupv", .date)]),
        (.rekisteroityParisuhde, [("osapuoli", .composite), ("voimassaolo", .text), ("virallistamispv", .date), ("virallistamistapa", .text), ("jarjestysnumero", .text), ("loppupv", .date)]),
        (.asumusero, [("puoliso", .composite), ("voimassaolo", .text), ("alkupv", .date), ("loppupv", .date)]),
        (.ammatti, [("ammattikoodi", .text), ("ammattinimi", .text)]),
        (.uskontokuntalaji, [("uskontokuntalaji", .text)]),
    ]
    static let asuinpaikka: [(String, Shape)] = [("asuinpaikantunnus", .text), ("rakennustunnus", .text), ("osoitenumero", .text), ("huoneistokirjain", .text), ("huoneistonumero", .text), ("jakokirjain", .text), ("kuntakoodi", .text), ("alkupv", .date), ("loppupv", .date)]
    static let olinpaikka: [(String, Shape)] = [("kuntakoodi", .text), ("lajikoodi", .text), ("numero", .text), ("laitos", .text), ("asuinpaikantunnus", .text), ("alkupv", .date), ("loppupv", .date)]
    static let ulkomailla: [(String, Shape)] = [("valtiokoodi", .text), ("asuinpaikantunnus", .text), ("alkupv", .date), ("loppupv", .date)]
    static let custody: [(String, Shape)] = [("huoltajanLaji", .text), ("huoltajanRooli", .text), ("huoltosuhteenAlkupv", .date), ("huoltosuhteenLoppupv", .date)]

    static func readAllGroups() throws -> (persons: [Person], page: PerustiedotPageInfo) {
        var persons: [Person] = []
        let reader = try ResponseReader(bytes: try Fixture.bytes("perustiedot-all-groups.xml"), documentName: "all-groups")
        let page = try reader.readPerustiedot { persons.append($0) }
        return (persons, page)
    }

    @Test func theTableCoversEveryProductGroup() {
        #expect(Self.groupTable.map(\.0) == GroupName.productGroupsInOrder)
    }

    @Test(arguments: groupTable.map(\.0))
    func everyGroupParsesWithItsFieldsAndShapes(group: GroupName) throws {
        let person = try #require(try Self.readAllGroups().persons.first)
        let record = try #require(person.record(group), "no \(group) record parsed")
        let expected = try #require(Self.groupTable.first { $0.0 == group }).1
        #expect(record.fields.map(\.name) == expected.map(\.0))
        #expect(record.fields.map { Shape($0.value) } == expected.map(\.1))
        #expect(record.change == nil)
        #expect(!record.isCensoredPlaceholder)
    }

    @Test func pageInfoAndPersonsInDocumentOrder() throws {
        let (persons, page) = try Self.readAllGroups()
        #expect(persons.map(\.hetu) == ["010594Y9032", "020594X903P", "030516D9037"])
        #expect(page == PerustiedotPageInfo(upToDate: false, continuation: "ab13"))
        #expect(persons[0].records.count == GroupName.productGroupsInOrder.count)
    }

    @Test func datesKeepTheirTextAndPrecision() throws {
        let person = try #require(try Self.readAllGroups().persons.first)
        #expect(person.record(.syntymapaiva)?.field("syntymapv")?.value == .date(PartialDate(text: "1994-05-01", precision: .day)))
        #expect(person.record(.henkilonNimi)?.field("alkupv")?.value == .date(PartialDate(text: "2020-01-01", precision: .month)))
        #expect(person.record(.vuodenvaihteenKunta)?.field("vuodenvaihde")?.value == .date(PartialDate(text: "2025-01-01", precision: .year)))
        #expect(person.record(.syntymapaiva)?.date("syntymapv") == CivilDate(year: 1994, month: 5, day: 1))
        // An empty date element is a date with empty text, not a missing field.
        #expect(person.record(.kuolinpaiva)?.field("kuolinpv")?.value == .date(PartialDate(text: "", precision: .day)))
    }

    @Test func textIsKeptExactlyIncludingTrailingSpacesAndLetters() throws {
        let person = try #require(try Self.readAllGroups().persons.first)
        #expect(person.record(.vakinainenKotimainenAsuinpaikkatunnus)?.text("asuinpaikantunnus") == "091123A005  ")
        #expect(person.record(.edellinenKotimainenAsuinpaikkatunnus)?.text("asuinpaikantunnus") == "049777     ")
        #expect(person.record(.henkilonNimi)?.text("etunimi") == "Äijä-Öljy Åsa")
        #expect(person.record(.henkilonNimi)?.text("sukunimi") == "O'Brien-Mäkelä")
        #expect(person.record(.ammatti)?.text("ammattinimi") == "Ohjelmistokehittäjä & <arkkitehti>")
        #expect(person.record(.vakinainenKotimainenAsuinpaikkatunnus)?.text("jakokirjain") == "")
    }

    @Test func bilingualValues() throws {
        let person = try #require(try Self.readAllGroups().persons.first)
        let address = try #require(person.record(.vakinainenKotimainenOsoite))
        #expect(address.bilingual("katunimi") == Bilingual(fi: "Mikkolantie", sv: "Mickelsvägen"))
        #expect(address.bilingual("postitoimipaikka") == Bilingual(fi: "HELSINKI", sv: "HELSINGFORS"))
        #expect(person.record(.kotimainenPostiosoite)?.bilingual("postiosoite") == Bilingual(fi: "PL 123", sv: nil))
        #expect(person.record(.aidinkieli)?.bilingual("nimi") == Bilingual(fi: "suomi", sv: "finska"))
    }

    @Test func citizenshipsAreAListInOrder() throws {
        let person = try #require(try Self.readAllGroups().persons.first)
        let list = try #require(person.record(.kansalaisuus)).list("henkilonKansalaisuudet")
        #expect(list.count == 2)
        #expect(list.map { $0.map(\.name) } == [
            ["kansalaisuuskoodi", "voimassaolo", "saamispv"],
            ["kansalaisuuskoodi", "voimassaolo", "saamispv", "menetyspv"],
        ])
        #expect(list[1].first?.value == .text("752"))
        #expect(list[1].last?.value == .date(PartialDate(text: "2010-03-01", precision: .month)))
        let previous = try #require(person.record(.henkilotunnusKorjaus)).list("edellisetHenkilotunnukset")
        #expect(previous.map { $0.first?.value.plainText } == ["020594X903P", "030594W903B"])
    }

    @Test func personStubsWithAndWithoutHetu() throws {
        let person = try #require(try Self.readAllGroups().persons.first)
        let guardian = try #require(person.record(.huoltaja)?.stub("huoltaja"))
        #expect(guardian.hetu == "020275-9862")
        #expect(guardian.etunimet == "Matti")
        #expect(guardian.sukunimi == "Meikäläinen")
        #expect(guardian.birthDate == CivilDate(year: 1975, month: 2, day: 2))
        let foreignParent = try #require(person.record(.vanhempi)?.stub("vanhempi"))
        #expect(foreignParent.hetu == nil)
        #expect(foreignParent.etunimet == "Ingrid")
        #expect(foreignParent.birthDate == CivilDate(year: 1960, month: 2, day: 29))
        #expect(person.record(.rekisteroityParisuhde)?.stub("osapuoli")?.sukunimi == "D'Arcy")
        let organisation = try #require(person.record(.edunvalvonta)?.field("edunvalvojaOrganisaatio"))
        #expect(organisation.value == .composite([.text("ytunnus", "0245437-2"), .bilingual("nimi", fi: "Oikeusaputoimisto", sv: "Rättshjälpsbyrån")]))
    }

    @Test func censoringPlaceholdersKeepTheSuppressedNames() throws {
        let persons = try Self.readAllGroups().persons
        let protected = persons[1]
        #expect(protected.isUnderTurvakielto(on: try #require(CivilDate(year: 2026, month: 11, day: 26))))
        let address = try #require(protected.records(.vakinainenKotimainenOsoite).first)
        #expect(address.isCensoredPlaceholder)
        #expect(address.censoredFields == ["katunimi", "katunumero", "postinumero"])
        #expect(address.fields.isEmpty)
        #expect(protected.records(.kotimainenPostiosoite).first?.censoredFields == ["KOTIMAINEN_POSTIOSOITE"])
        #expect(protected.records(.vakinainenKotimainenAsuinpaikkatunnus).first?.censoredFields == [])
        #expect(protected.record(.vakinainenKotimainenOsoite) == nil, "a placeholder is not a real record")
        #expect(protected.record(.kotikunta)?.text("kuntakoodi") == "091")
        #expect(persons[0].records.allSatisfy { !$0.isCensoredPlaceholder })
    }

    @Test func unknownGroupsElementsAndAttributesAreKeptOrSkipped() throws {
        let persons = try Self.readAllGroups().persons
        // The henkilo inside an unknown element is not a person of the page.
        #expect(!persons.contains { $0.hetu == "030594W903B" })
        let person = persons[2]
        #expect(person.records.map(\.group) == [GroupName(rawValue: "UUSI_TIETORYHMA"), .henkilonNimi, .kuolinpaiva])
        let unknown = person.records[0]
        #expect(unknown.fields.map(\.name) == ["uusiKentta", "sisakkainen", "tyhja", "valilyonnit", "merkit", "monirivinen", "pelkkaFi", "tuntematonTarkkuus"])
        #expect(unknown.text("uusiKentta") == "arvo")
        #expect(unknown.field("sisakkainen")?.value == .composite([.composite("taso1", [.date("taso2", PartialDate(text: "2024-01-01", precision: .year))])]))
        #expect(unknown.field("tyhja")?.value == .text(""))
        #expect(unknown.field("valilyonnit")?.value == .text("   "))
        #expect(unknown.text("merkit") == "<ei & elementti> & äö \"lainaus\" 'heittomerkki'")
        #expect(unknown.text("monirivinen") == "rivi 1\nrivi 2\r\nrivi 3")
        #expect(unknown.bilingual("pelkkaFi") == Bilingual(fi: "vain suomeksi", sv: nil))
        #expect(unknown.field("tuntematonTarkkuus")?.value == .date(PartialDate(text: "2024-W01", precision: nil)))
        #expect(person.record(.henkilonNimi)?.text("etunimi") == "Ñandú Ωmega Жанна")
        #expect(person.record(.henkilonNimi)?.text("sukunimi") == "Strauß")
    }

    @Test func changesKeepOrderAttributesAndSeveralEntriesPerPerson() throws {
        var changes: [Change] = []
        let reader = try ResponseReader(bytes: try Fixture.bytes("muutokset-several.xml"), documentName: "muutokset")
        let page = try reader.readMuutokset { changes.append($0) }
        #expect(page == MuutoksetPageInfo(logKey: 5_446_623_999, upToDate: false))
        #expect(page.logKey > Int64(UInt32.max))
        #expect(changes.map(\.hetu) == ["010594Y9032", "010594Y9032", "020594X903P", "010594Y9032"])
        #expect(changes.map(\.muutospv) == ["2026-11-24T21:00:00.000Z", "2026-11-25T08:30:00.000Z", "2026-11-25T09:00:00.000Z", "2026-11-25T07:00:00.000Z"])
        #expect(changes[0].records.map(\.change) == [.changed, .added])
        #expect(changes[0].records.map { $0.text("sukunimi") } == ["Virtanen", "Mäkelä"])
        #expect(changes[1].records.map(\.change) == [.added, .context])
        #expect(changes[2].records.map(\.change) == [.toBeCorrected, .corrected, .removed])
        #expect(changes[2].records[2].fields.isEmpty)
        #expect(changes[3].records.isEmpty)
    }

    @Test func logKeyUpToInt64Max() throws {
        #expect(try ResponseReader.readLogKey(try Fixture.bytes("kirjausavain.xml"), documentName: "k") == Int64.max)
    }

    @Test func errorBody() throws {
        #expect(ResponseReader.readError(try Fixture.bytes("virhe.xml")) == InterfaceErrorBody(code: "LIIAN_MONTA_HETUA", message: "at most 1000 hetu per message <ä>"))
        #expect(ResponseReader.readError(try Fixture.bytes("kirjausavain.xml")) == nil)
        #expect(ResponseReader.readError(Array("<virhe><koodi>X</koodi>".utf8)) == nil)
        #expect(ResponseReader.readError(Array("not xml".utf8)) == nil)
    }
}
