import Testing
import VTJCore
import VTJXML

/// Responses written by the sandbox's writers read back equal, and validate against the profile.
struct ResponseXMLTests {
    static func readPersons(_ bytes: [UInt8]) throws -> ([Person], PerustiedotPageInfo) {
        var persons: [Person] = []
        let page = try ResponseReader(bytes: bytes, documentName: "w").readPerustiedot { persons.append($0) }
        return (persons, page)
    }

    static func readChanges(_ bytes: [UInt8]) throws -> ([Change], MuutoksetPageInfo) {
        var changes: [Change] = []
        let page = try ResponseReader(bytes: bytes, documentName: "w").readMuutokset { changes.append($0) }
        return (changes, page)
    }

    @Test(arguments: 0..<300 as Range<UInt64>)
    func personsRoundTrip(seed: UInt64) throws {
        var generator = ModelGenerator(seed: seed)
        let persons = (0..<generator.int(0...4)).map { _ in generator.person() }
        let page = PerustiedotPageInfo(upToDate: generator.bool(), continuation: generator.bool() ? nil : "jatko-\(seed)")
        let (read, readPage) = try Self.readPersons(ResponseXML.perustiedot(persons, page: page))
        #expect(read == persons)
        #expect(readPage == page)
    }

    @Test(arguments: 0..<300 as Range<UInt64>)
    func changesRoundTrip(seed: UInt64) throws {
        var generator = ModelGenerator(seed: seed)
        let changes = (0..<generator.int(0...4)).map { _ in generator.change() }
        let page = MuutoksetPageInfo(logKey: Int64.random(in: Int64(UInt32.max)...Int64.max, using: &generator.random), upToDate: generator.bool())
        let (read, readPage) = try Self.readChanges(ResponseXML.muutokset(changes, page: page))
        #expect(read == changes)
        #expect(readPage == page)
    }

    @Test(arguments: [Int64.min, -1, 0, 1, Int64(UInt32.max), Int64(UInt32.max) + 1, 5_446_623_423, Int64.max])
    func logKeysRoundTrip(key: Int64) throws {
        #expect(try ResponseReader.readLogKey(ResponseXML.logKey(key), documentName: "k") == key)
    }

    @Test(arguments: ModelGenerator.hardStrings)
    func errorBodiesRoundTrip(text: String) {
        let body = InterfaceErrorBody(code: "RISTIRIITAINEN_RAJAUS", message: text)
        #expect(ResponseReader.readError(ResponseXML.error(body)) == body)
    }

    @Test func hardStringsSurviveInEveryPosition() throws {
        for text in ModelGenerator.hardStrings {
            let person = Person(hetu: text, records: [
                Record(group: .henkilonNimi, fields: [.text("etunimi", text), .date("alkupv", PartialDate(text: text, precision: .year)),
                                                      .bilingual("katunimi", fi: text, sv: text)],
                       censoredFields: [text.isEmpty ? "x" : "kentta"]),
            ])
            let (read, _) = try Self.readPersons(ResponseXML.perustiedot([person], page: PerustiedotPageInfo(upToDate: true)))
            #expect(read == [person], "\(text.debugDescription)")
        }
    }

    @Test func charactersXMLCannotCarryBecomeReplacementCharacters() throws {
        let person = Person(hetu: "010594Y9032", records: [Record(group: .henkilonNimi, fields: [.text("etunimi", "a\u{0}b\u{1B}c\u{FFFE}")])])
        let (read, _) = try Self.readPersons(ResponseXML.perustiedot([person], page: PerustiedotPageInfo(upToDate: true)))
        #expect(read.first?.records.first?.text("etunimi") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
    }

    @Test(arguments: 0..<40 as Range<UInt64>)
    func writtenResponsesValidateAgainstTheProfileSchema(seed: UInt64) throws {
        var generator = ModelGenerator(seed: seed)
        // The schema's envelope is strict about hetus, so use valid ones here.
        let persons = (0..<generator.int(0...3)).map { _ in
            var person = generator.person()
            person.hetu = generator.pick(ModelGenerator.testHetus)
            return person
        }
        let changes = (0..<generator.int(0...3)).map { _ in
            var change = generator.change()
            change.muutospv = "2026-11-24T21:00:00.000Z"
            return change
        }
        let schema = Fixture.profileSchemaPath
        #expect(try XMLSchemaValidator.validate(document: ResponseXML.perustiedot(persons, page: PerustiedotPageInfo(upToDate: false, continuation: "ab13")), schemaPath: schema) == [])
        #expect(try XMLSchemaValidator.validate(document: ResponseXML.muutokset(changes, page: MuutoksetPageInfo(logKey: 5_446_623_999, upToDate: true)), schemaPath: schema) == [])
        #expect(try XMLSchemaValidator.validate(document: ResponseXML.logKey(5_446_623_423), schemaPath: schema) == [])
        #expect(try XMLSchemaValidator.validate(document: ResponseXML.error(InterfaceErrorBody(code: "X", message: "<&>")), schemaPath: schema) == [])
    }

    @Test func aLargePageStreamsThroughAFileDescriptor() throws {
        var generator = ModelGenerator(seed: 7)
        let persons = (0..<2000).map { _ in generator.person() }
        let bytes = ResponseXML.perustiedot(persons, page: PerustiedotPageInfo(upToDate: true))
        let file = try TemporaryFile(bytes: bytes)
        let reader = try ResponseReader(fileDescriptor: file.descriptor, documentName: "page.xml")
        var read: [Person] = []
        _ = try reader.readPerustiedot { read.append($0) }
        #expect(read == persons)
    }
}
