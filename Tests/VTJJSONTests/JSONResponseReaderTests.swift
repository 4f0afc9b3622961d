import Foundation
import Testing
import VTJCore
import VTJJSON
import VTJXML

/// The answer reader against the contract's examples: the same content on both wires must give
/// exactly the same `Person` and `Change` values, whatever the key order or the unknown keys.
@Suite struct JSONResponseReaderTests {
    static func persons(json: [UInt8]) throws -> ([Person], PerustiedotPageInfo) {
        var persons: [Person] = []
        let info = try JSONResponseReader(bytes: json, documentName: "json").readPerustiedot { persons.append($0) }
        return (persons, info)
    }

    static func persons(json text: String) throws -> ([Person], PerustiedotPageInfo) { try persons(json: Array(text.utf8)) }

    static func persons(xml text: String) throws -> ([Person], PerustiedotPageInfo) {
        var persons: [Person] = []
        let info = try ResponseReader(bytes: Array(text.utf8), documentName: "xml").readPerustiedot { persons.append($0) }
        return (persons, info)
    }

    static func changes(json text: String) throws -> ([Change], MuutoksetPageInfo) {
        var changes: [Change] = []
        let info = try JSONResponseReader(bytes: Array(text.utf8), documentName: "json").readMuutokset { changes.append($0) }
        return (changes, info)
    }

    /// Fields sorted by name at every depth (the order of an object's keys carries no meaning).
    static func canonical(_ fields: [Field]) -> [Field] {
        fields.map { field in
            guard case .composite(let children) = field.value else { return field }
            return Field(field.name, .composite(canonical(children)))
        }.sorted { $0.name < $1.name }
    }

    /// Fields without any named `name`, at every depth.
    static func without(_ name: String, _ fields: [Field]) -> [Field] {
        fields.filter { $0.name != name }.map { field in
            guard case .composite(let children) = field.value else { return field }
            return Field(field.name, .composite(without(name, children)))
        }
    }

    @Test func specExampleReadsAsTheXMLProfileReadsTheSameContent() throws {
        let (json, jsonInfo) = try Self.persons(json: SpecExamples.perustiedotResponse)
        let (xml, xmlInfo) = try Self.persons(xml: SpecExamples.perustiedotResponseXML)
        #expect(json == xml)
        #expect(jsonInfo == xmlInfo)
        #expect(json.map(\.hetu) == ["010594Y9032", "020594X902N"])  // 030594W903B absent: not found
        let eero = json[0]
        #expect(eero.record(.vakinainenKotimainenOsoite)?.text("osoitenumero") == "1")
        #expect(eero.record(.vakinainenKotimainenOsoite)?.bilingual("katunimi") == Bilingual(fi: "Koekuja", sv: "Provgränden"))
        #expect(eero.record(.vakinainenKotimainenOsoite)?.text("huoneistonumero") == "012")
        #expect(eero.record(.huollettava)?.stub("huollettava")?.hetu == "010516B902W")
        #expect(eero.record(.turvakielto)?.bool("turvakieltoAktiivinen") == false)
        let kaisa = json[1]
        #expect(kaisa.isUnderTurvakielto(on: CivilDate(year: 2026, month: 12, day: 1)!))
        #expect(kaisa.records(.vakinainenKotimainenOsoite).first?.isCensoredPlaceholder == true)
        #expect(kaisa.records(.kotikunta).first?.censoredFields == ["kuntakoodi", "kuntaanMuuttopv"])
    }

    @Test func specExampleChangePagesAndLogKey() throws {
        let (changes, info) = try Self.changes(json: SpecExamples.muutoksetResponse1)
        var xmlChanges: [Change] = []
        let xmlInfo = try ResponseReader(bytes: Array(SpecExamples.muutoksetResponse1XML.utf8), documentName: "xml")
            .readMuutokset { xmlChanges.append($0) }
        #expect(changes == xmlChanges)
        #expect(info == xmlInfo)
        #expect(info == MuutoksetPageInfo(logKey: 5_446_623_500, upToDate: false))
        #expect(changes.first?.records.map(\.change) == [.added, .changed])
        let (none, last) = try Self.changes(json: SpecExamples.muutoksetResponse2)
        #expect(none.isEmpty && last == MuutoksetPageInfo(logKey: 5_446_623_500, upToDate: true))
        #expect(try JSONResponseReader.readLogKey(Array(SpecExamples.kirjausavainResponse.utf8), documentName: "k") == 5_446_623_423)
    }

    @Test func keyOrderCarriesNoMeaning() throws {
        let reversed = try JSONTree.parse(SpecExamples.perustiedotResponse).reversedKeys
        #expect(reversed.text.hasPrefix(#"{"ajanTasalla":true,"perustiedot":[{"tietoryhmat":"#))
        let (baseline, _) = try Self.persons(json: SpecExamples.perustiedotResponse)
        let (read, _) = try Self.persons(json: reversed.bytes)
        // Records keep their order (an array's order is content); fields follow their keys' order.
        #expect(read.map(\.hetu) == baseline.map(\.hetu))
        for (a, b) in zip(read, baseline) {
            #expect(a.records.map(\.group) == b.records.map(\.group))
            for (ra, rb) in zip(a.records, b.records) {
                #expect(Self.canonical(ra.fields) == Self.canonical(rb.fields), "\(rb.group)")
                #expect(ra.censoredFields == rb.censoredFields)
            }
        }
        let changes = try JSONTree.parse(SpecExamples.muutoksetResponse1).reversedKeys
        let (reordered, info) = try Self.changes(json: changes.text)
        #expect(info.logKey == 5_446_623_500 && reordered.first?.records.map(\.change) == [.added, .changed])
    }

    @Test func unknownKeysAreIgnoredAtEveryLevelAndUnknownGroupsKept() throws {
        let extra: (String, JSONTree) = ("lisakentta", .object([("syva", .array([.number("1"), .object([("x", .null)])]))]))
        var tree = try JSONTree.parse(SpecExamples.perustiedotResponse)
        tree = tree.adding(extra)
        let (read, info) = try Self.persons(json: tree.bytes)
        let (baseline, _) = try Self.persons(json: SpecExamples.perustiedotResponse)
        #expect(info.upToDate)
        #expect(read.map(\.hetu) == baseline.map(\.hetu))
        // Inside records an unknown key is an unknown field (dropped later by the group schema, as on XML).
        for (a, b) in zip(read, baseline) {
            #expect(a.records.map { Self.without("lisakentta", $0.fields) } == b.records.map(\.fields))
        }
        let unknownGroup = SpecExamples.perustiedotResponse.replacingOccurrences(
            of: #"{"tietoryhma": "TURVAKIELTO", "turvakieltoAktiivinen": false}"#,
            with: #"{"tietoryhma": "KUTSUMANIMI", "nimi": "Eki"}, {"tietoryhma": "TURVAKIELTO", "turvakieltoAktiivinen": false}"#)
        let (withGroup, _) = try Self.persons(json: unknownGroup)
        #expect(withGroup[0].records.map(\.group.rawValue).contains("KUTSUMANIMI"))
    }

    @Test func nullAbsentAndEmptyMeanNoValue() throws {
        let text = #"""
            {"perustiedot": [{"henkilotunnus": "010594Y9032", "tietoryhmat": [
              {"tietoryhma": "VAKINAINEN_KOTIMAINEN_OSOITE", "katunimi": {"fi": "Koekuja", "sv": null},
               "huoneistokirjain": "", "jakokirjain": null, "alkupv": {"arvo": null, "tarkkuus": "PAIVA"},
               "postitoimipaikka": {}},
              null]},
              {"henkilotunnus": "020594X902N", "tietoryhmat": null},
              {"henkilotunnus": "030594W903B"}],
             "ajanTasalla": true, "jatkoavain": null}
            """#
        let (persons, info) = try Self.persons(json: text)
        #expect(info == PerustiedotPageInfo(upToDate: true, continuation: nil))
        let record = try #require(persons.first?.records.first)
        #expect(record.bilingual("katunimi") == Bilingual(fi: "Koekuja", sv: nil))
        #expect(record.text("huoneistokirjain") == "")
        #expect(record.field("jakokirjain") == nil)
        #expect(record.field("alkupv") == nil)
        #expect(record.text("postitoimipaikka") == "")
        #expect(persons.count == 3 && persons[1].records.isEmpty && persons[2].records.isEmpty)
        let (nobody, _) = try Self.persons(json: #"{"perustiedot": null, "ajanTasalla": true}"#)
        let (absent, _) = try Self.persons(json: #"{"ajanTasalla": true}"#)
        let (empty, _) = try Self.persons(json: #"{"perustiedot": [], "ajanTasalla": true}"#)
        #expect(nobody.isEmpty && absent.isEmpty && empty.isEmpty)
    }

    @Test func wrongTypesAreReadAsTextAndAnUnreadableBanFailsClosed() throws {
        let text = #"""
            {"perustiedot": [
              {"henkilotunnus": "010594Y9032", "tietoryhmat": [
                {"tietoryhma": "VAKINAINEN_KOTIMAINEN_OSOITE", "osoitenumero": "12", "postinumero": 100},
                {"tietoryhma": "TURVAKIELTO", "turvakieltoAktiivinen": "false"}]},
              {"henkilotunnus": "020594X902N", "tietoryhmat": [{"tietoryhma": "TURVAKIELTO", "turvakieltoAktiivinen": 0}]},
              {"henkilotunnus": "030594W903B", "tietoryhmat": [
                {"tietoryhma": "VAKINAINEN_KOTIMAINEN_OSOITE", "turvakiellonAlaisetKentat": null}]}],
             "ajanTasalla": true}
            """#
        let (persons, _) = try Self.persons(json: text)
        let day = CivilDate(year: 2026, month: 12, day: 1)!
        #expect(persons[0].records[0].text("osoitenumero") == "12")
        #expect(persons[0].records[0].text("postinumero") == "100")
        #expect(!persons[0].isUnderTurvakielto(on: day))
        #expect(persons[1].isUnderTurvakielto(on: day), "a ban that cannot be read must count as in force")
        #expect(persons[2].records[0].isCensoredPlaceholder, "the key is the marker, whatever its value")
    }

    @Test func aPersonAnsweredTwiceIsReadTwiceAsTheXMLReaderDoes() throws {
        let text = #"""
            {"perustiedot": [
              {"henkilotunnus": "010594Y9032", "tietoryhmat": [{"tietoryhma": "TURVAKIELTO", "turvakieltoAktiivinen": false}]},
              {"henkilotunnus": "010594Y9032", "tietoryhmat": [{"tietoryhma": "TURVAKIELTO", "turvakieltoAktiivinen": true}]}],
             "ajanTasalla": true}
            """#
        let (persons, _) = try Self.persons(json: text)
        #expect(persons.count == 2 && persons[0] != persons[1])
    }

    @Test func olderSpellingReadsAsTheCurrentOne() throws {
        let text = #"""
            {"perustiedot": [{"henkilotunnus": "010594Y9032", "tietoryhmat": [
              {"kuntakoodi": "091", "tietoryhma": "KOTIKUNTA", "kuntaanMuuttoPv": {"tarkkuus": "PAIVA", "arvo": "2019-05-04"}},
              {"kuntakoodi": "049", "tietoryhma": "KOTIKUNTA", "kuntaanMuuttopv": {"arvo": "2024-01-01", "tarkkuus": "PAIVA"},
               "kuntaanMuuttoPv": {"arvo": "2024-01-01", "tarkkuus": "PAIVA"}}]}],
             "ajanTasalla": true}
            """#
        let (persons, _) = try Self.persons(json: text)
        #expect(persons[0].records[0].fields.map(\.name) == ["kuntakoodi", "kuntaanMuuttopv"])
        #expect(persons[0].records[0].date("kuntaanMuuttopv") == CivilDate(year: 2019, month: 5, day: 4))
        #expect(persons[0].records[1].fields.map(\.name) == ["kuntakoodi", "kuntaanMuuttopv"])
    }

    @Test func everyTruncationOfAnAnswerIsAnError() throws {
        let bytes = Array(SpecExamples.perustiedotResponse.utf8)
        var accepted: [Int] = []
        for length in 0..<bytes.count {
            do {
                _ = try Self.persons(json: Array(bytes[0..<length]))
                accepted.append(length)
            } catch is JSONReadError {}
        }
        // Only blanks after the closing brace may be dropped.
        #expect(accepted.allSatisfy { bytes[$0...].allSatisfy { $0 == 0x20 || $0 == 0x0A } }, "accepted \(accepted.prefix(5))")
    }

    @Test(arguments: [
        (#"[]"#, "not a JSON object"),
        (#"{"perustiedot": []}"#, "no \"ajanTasalla\""),
        (#"{"perustiedot": [], "ajanTasalla": "true"}"#, "is not true or false"),
        (#"{"perustiedot": {}, "ajanTasalla": true}"#, "expected an array"),
        (#"{"perustiedot": [{"tietoryhmat": []}], "ajanTasalla": true}"#, "no \"henkilotunnus\""),
        (#"{"perustiedot": [{"henkilotunnus": 5, "tietoryhmat": []}], "ajanTasalla": true}"#, "is not a string"),
        (#"{"perustiedot": [{"henkilotunnus": "010594Y9032", "tietoryhmat": [{"etunimi": "X"}]}], "ajanTasalla": true}"#, "no \"tietoryhma\""),
        (#"{"perustiedot": [{"henkilotunnus": "010594Y9032", "tietoryhmat": {}}], "ajanTasalla": true}"#, "is not an array"),
        (#"{"perustiedot": ["010594Y9032"], "ajanTasalla": true}"#, "is not an object"),
        ("<perustiedotVastaus ajanTasalla=\"true\"/>", "cannot start a value"),
    ])
    func answersOfTheWrongShapeAreErrors(text: String, reason: String) {
        #expect(throws: JSONReadError.self, "\(text)") { try Self.persons(json: text) }
        do { _ = try Self.persons(json: text) } catch let error as JSONReadError {
            #expect(error.reason.contains(reason), "\(text): \(error.reason)")
        } catch {}
    }

    @Test func changeAnswersOfTheWrongShapeAreErrors() {
        #expect(throws: JSONReadError.self) { try Self.changes(json: #"{"muutokset": [], "ajanTasalla": true}"#) }
        #expect(throws: JSONReadError.self) { try Self.changes(json: #"{"viimeisinKirjausavain": -1, "muutokset": [], "ajanTasalla": true}"#) }
        #expect(throws: JSONReadError.self) { try Self.changes(json: #"{"viimeisinKirjausavain": 1.5, "muutokset": [], "ajanTasalla": true}"#) }
        #expect(throws: JSONReadError.self) {
            try Self.changes(json: #"{"viimeisinKirjausavain": 1, "ajanTasalla": true, "muutokset": [{"henkilotunnus": "010594Y9032", "tietoryhmat": []}]}"#)
        }
        #expect(throws: JSONReadError.self) {
            try Self.changes(json: #"{"viimeisinKirjausavain": 1, "ajanTasalla": true, "muutokset": [{"henkilotunnus": "010594Y9032", "muutospv": "x", "tietoryhmat": [{"tietoryhma": "KOTIKUNTA", "muutosattribuutti": "KEKSITTY"}]}]}"#)
        }
    }

    @Test func theCallersErrorEndsTheReadAndComesBackAsItIs() {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            _ = try JSONResponseReader(bytes: Array(SpecExamples.perustiedotResponse.utf8), documentName: "j").readPerustiedot { _ in throw Stop() }
        }
    }

    @Test func writerAndReaderRoundTripTheSameValues() throws {
        let (persons, info) = try Self.persons(json: SpecExamples.perustiedotResponse)
        let written = JSONResponseWriter.perustiedot(persons, page: info)
        let (again, againInfo) = try Self.persons(json: written)
        #expect(again == persons && againInfo == info)
        // The writer types what DVV types: integers, booleans, dates, bilingual texts, lists.
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains(#""osoitenumero":1,"#))
        #expect(text.contains(#""huoneistonumero":"012""#))
        #expect(text.contains(#""turvakieltoAktiivinen":false"#))
        #expect(text.contains(#""alkupv":{"arvo":"2020-01-31","tarkkuus":"PAIVA"}"#))
        #expect(text.contains(#""oikeudet":"""#), "an empty list read from either wire is an empty text")
    }
}
