import Testing
import VTJCore
import VTJXML

/// Request bodies: what the client writes is what the sandbox reads, and the sandbox refuses
/// what the interface refuses.
struct RequestXMLTests {
    static func problem(_ body: String) -> XMLReadError? {
        do {
            _ = try RequestXML.read(Array(body.utf8), documentName: "pyynto")
            return nil
        } catch { return error }
    }

    @Test(arguments: 0..<200 as Range<UInt64>)
    func writtenRequestsReadBackEqual(seed: UInt64) throws {
        var generator = ModelGenerator(seed: seed)
        let restriction = generator.restriction()
        let perustiedot = PerustiedotRequest(
            restriction: restriction,
            groups: generator.bool() ? nil : (0..<generator.int(1...5)).map { _ in generator.pick(GroupName.productGroupsInOrder) },
            continuation: generator.bool() ? nil : "ab\(generator.int(0...999))")
        #expect(try RequestXML.read(RequestXML.write(perustiedot), documentName: "p") == .perustiedot(perustiedot))
        let key = Int64.random(in: 0...Int64.max, using: &generator.random)
        let muutokset = MuutoksetRequest(logKey: key, restriction: restriction)
        #expect(try RequestXML.read(RequestXML.write(muutokset), documentName: "m") == .muutokset(muutokset))
    }

    @Test func hetusAreWrittenExactlyAsGiven() throws {
        let request = PerustiedotRequest(restriction: .hetulista(["010594Y9032", "020275-9862", "010121A962W"]))
        let text = Fixture.text(RequestXML.write(request))
        #expect(text.contains("<hetu>010594Y9032</hetu>"))
        #expect(text.contains("<hetu>020275-9862</hetu>"))
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(!text.contains("tietoryhmat"), "no groups = all groups, so the element is left out")
    }

    @Test func thousandHetusIsTheLimit() throws {
        let hetus = (0..<1000).map { ModelGenerator.testHetus[$0 % ModelGenerator.testHetus.count] }
        let atLimit = RequestXML.write(PerustiedotRequest(restriction: .hetulista(hetus)))
        #expect(try RequestXML.read(atLimit, documentName: "p") == .perustiedot(PerustiedotRequest(restriction: .hetulista(hetus))))
        let over = RequestXML.write(MuutoksetRequest(logKey: 1, restriction: .hetulista(hetus + ["010594Y9032"])))
        #expect(throws: XMLReadError.self) { try RequestXML.read(over, documentName: "p") }
        do {
            _ = try RequestXML.read(over, documentName: "p")
        } catch {
            #expect(error.kind == .restriction(.tooManyHetus))
            #expect(error.interfaceCode == "LIIAN_MONTA_HETUA")
            #expect(error.line > 1000, "the error points at the 1001st hetu")
        }
    }

    @Test(arguments: [
        ("<perustiedotPyynto><hetulista><hetu>010594Y9032</hetu></hetulista><kuntarajaus/></perustiedotPyynto>", XMLReadError.Kind.restriction(.conflicting), "RISTIRIITAINEN_RAJAUS"),
        ("<muutoksetPyynto><viimeisinKirjausavain>1</viimeisinKirjausavain><kuntarajaus/><hetulista><hetu>010594Y9032</hetu></hetulista></muutoksetPyynto>", .restriction(.conflicting), "RISTIRIITAINEN_RAJAUS"),
        ("<perustiedotPyynto><tietoryhmat><tietoryhma>KOTIKUNTA</tietoryhma></tietoryhmat></perustiedotPyynto>", .restriction(.missing), "PUUTTUVA_RAJAUS"),
        ("<perustiedotPyynto/>", .restriction(.missing), "PUUTTUVA_RAJAUS"),
        ("<perustiedotPyynto><hetulista/></perustiedotPyynto>", .restriction(.emptyHetulista), "TYHJA_HETULISTA"),
        ("<perustiedotPyynto><hetulista>\n</hetulista></perustiedotPyynto>", .restriction(.emptyHetulista), "TYHJA_HETULISTA"),
        ("<muutoksetPyynto><hetulista><hetu>010594Y9032</hetu></hetulista></muutoksetPyynto>", .invalidMessage, "VIRHEELLINEN_SANOMA"),
        ("<muutoksetPyynto><viimeisinKirjausavain>-</viimeisinKirjausavain><kuntarajaus/></muutoksetPyynto>", .invalidMessage, "VIRHEELLINEN_SANOMA"),
        ("<perustiedotPyynto><hetulista><hetu>010594Y9032</hetu></hetulista><hetulista><hetu>010594Y9032</hetu></hetulista></perustiedotPyynto>", .invalidMessage, "VIRHEELLINEN_SANOMA"),
        ("<perustiedotVastaus ajanTasalla=\"true\"/>", .unexpectedRoot, "VIRHEELLINEN_SANOMA"),
        ("<perustiedotPyynto><hetulista><hetu>010594Y9032</hetu></hetulista>", .malformed, "VIRHEELLINEN_SANOMA"),
        ("<!DOCTYPE perustiedotPyynto [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><perustiedotPyynto><hetulista><hetu>&x;</hetu></hetulista></perustiedotPyynto>", .forbiddenConstruct, "VIRHEELLINEN_SANOMA"),
    ])
    func refusedRequests(body: String, kind: XMLReadError.Kind, code: String) throws {
        let error = try #require(Self.problem(body), "accepted: \(body)")
        #expect(error.kind == kind)
        #expect(error.interfaceCode == code)
        #expect(!error.reason.isEmpty)
    }

    @Test func bothRestrictionsReasonSaysSo() throws {
        let error = try #require(Self.problem("<perustiedotPyynto><kuntarajaus/><hetulista><hetu>010594Y9032</hetu></hetulista></perustiedotPyynto>"))
        #expect(error.reason.contains("both"))
        let neither = try #require(Self.problem("<perustiedotPyynto/>"))
        #expect(neither.reason.contains("exactly one"))
    }

    @Test func unknownElementsAreIgnoredAndCodesTrimmed() throws {
        let body = """
            <?xml version="1.0"?>
            <perustiedotPyynto versio="2">
              <uusiElementti><hetu>030594W903B</hetu></uusiElementti>
              <hetulista>
                <hetu> 010594Y9032 </hetu>
                <kommentti>x</kommentti>
                <hetu>010516B903X</hetu>
              </hetulista>
              <tietoryhmat><tietoryhma>KOTIKUNTA</tietoryhma><tietoryhma>UUSI_RYHMA</tietoryhma></tietoryhmat>
              <jatkoavain>ab12</jatkoavain>
            </perustiedotPyynto>
            """
        let request = try RequestXML.read(Array(body.utf8), documentName: "p")
        #expect(request == .perustiedot(PerustiedotRequest(
            restriction: .hetulista(["010594Y9032", "010516B903X"]),
            groups: [.kotikunta, GroupName(rawValue: "UUSI_RYHMA")],
            continuation: "ab12")))
    }

    @Test func municipalRequestsWithAndWithoutCodes() throws {
        #expect(try RequestXML.read(Array("<perustiedotPyynto><kuntarajaus/></perustiedotPyynto>".utf8), documentName: "p")
            == .perustiedot(PerustiedotRequest(restriction: .kuntarajaus([]))))
        let key: Int64 = 5_446_623_423
        let request = MuutoksetRequest(logKey: key, restriction: .kuntarajaus(["091", "049"]))
        #expect(try RequestXML.read(RequestXML.write(request), documentName: "m") == .muutokset(request))
    }

    @Test(arguments: 0..<50 as Range<UInt64>)
    func writtenRequestsValidateAgainstTheProfileSchema(seed: UInt64) throws {
        var generator = ModelGenerator(seed: seed)
        let restriction = generator.restriction()
        let perustiedot = PerustiedotRequest(restriction: restriction, groups: [.kotikunta, .henkilonNimi], continuation: generator.bool() ? "ab1" : nil)
        #expect(try XMLSchemaValidator.validate(document: RequestXML.write(perustiedot), schemaPath: Fixture.profileSchemaPath) == [])
        let muutokset = MuutoksetRequest(logKey: Int64(generator.int(0...Int.max)), restriction: restriction)
        #expect(try XMLSchemaValidator.validate(document: RequestXML.write(muutokset), schemaPath: Fixture.profileSchemaPath) == [])
    }
}
