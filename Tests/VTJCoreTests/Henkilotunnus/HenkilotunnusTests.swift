import Testing
import VTJCore

@Suite struct HenkilotunnusTests {
    struct Published: Sendable, CustomTestStringConvertible {
        let value: String
        let birth: String
        let sex: Henkilotunnus.Sex
        var testDescription: String { value }
    }

    /// DVV's published test ids (new and old century signs), with what they encode.
    static let published: [Published] = [
        .init(value: "010594Y9032", birth: "1994-05-01", sex: .male),
        .init(value: "020594X903P", birth: "1994-05-02", sex: .male),
        .init(value: "030594W903B", birth: "1994-05-03", sex: .male),
        .init(value: "040594V9030", birth: "1994-05-04", sex: .male),
        .init(value: "050594U903M", birth: "1994-05-05", sex: .male),
        .init(value: "010516B903X", birth: "2016-05-01", sex: .male),
        .init(value: "020516C903K", birth: "2016-05-02", sex: .male),
        .init(value: "030516D9037", birth: "2016-05-03", sex: .male),
        .init(value: "010501E9032", birth: "2001-05-01", sex: .male),
        .init(value: "020503F9037", birth: "2003-05-02", sex: .male),
        .init(value: "020504A902E", birth: "2004-05-02", sex: .female),
        .init(value: "020275-9862", birth: "1975-02-02", sex: .female),
        .init(value: "010121A962W", birth: "2021-01-01", sex: .female),
    ]

    @Test(arguments: published)
    func publishedTestIdsAreValid(_ sample: Published) throws {
        let code = try Henkilotunnus(sample.value)
        #expect(code.value == sample.value)
        #expect(code.birthDate.description == sample.birth)
        #expect(code.sex == sample.sex)
        #expect(code.isTemporary)
    }

    @Test func centurySignIsPartOfTheIdentity() throws {
        // Same digits, different century signs of the same century: two different people.
        let dash = try Henkilotunnus("290296-911F")
        let y = try Henkilotunnus("290296Y911F")
        #expect(dash != y)
        #expect(dash.birthDate == y.birthDate)
        #expect(y.value == "290296Y911F")
        #expect(y.centurySign == "Y")
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let value: String
        let error: HenkilotunnusError
        var testDescription: String { value.isEmpty ? "(empty)" : value }
    }

    static let invalid: [Invalid] = [
        .init(value: "", error: .empty),
        .init(value: "010594Y903", error: .length(10)),
        .init(value: "010594Y90322", error: .length(12)),
        .init(value: "01A594Y9032", error: .format(.date)),
        .init(value: "010594Y9X32", error: .format(.individualNumber)),
        .init(value: "010594Z9032", error: .centurySign("Z")),
        .init(value: "010594G9032", error: .centurySign("G")),
        .init(value: "010594y9032", error: .centurySign("y")),
        .init(value: "310294-9129", error: .date("310294", century: 1900)),
        .init(value: "290201A904R", error: .date("290201", century: 2000)),
        .init(value: "290200-904F", error: .date("290200", century: 1900)),
        .init(value: "290200+904F", error: .date("290200", century: 1800)),
        .init(value: "001294-9032", error: .date("001294", century: 1900)),
        .init(value: "011394-9032", error: .date("011394", century: 1900)),
        .init(value: "010594Y000X", error: .individualNumber("000")),
        .init(value: "010594Y001Y", error: .individualNumber("001")),
        .init(value: "010594Y9033", error: .checkCharacter(found: "3", expected: "2")),
        .init(value: "010594Y903G", error: .checkCharacter(found: "G", expected: "2")),
    ]

    @Test(arguments: invalid)
    func everyInvalidClassHasItsReason(_ sample: Invalid) {
        #expect(throws: sample.error) { try Henkilotunnus(sample.value) }
    }

    @Test func leapYearRulesOfThreeCenturies() throws {
        #expect(try Henkilotunnus("290200A904F").birthDate.description == "2000-02-29")  // 2000: leap (÷400)
        #expect(try Henkilotunnus("290204+904H").birthDate.description == "1804-02-29")  // 1804: leap
        #expect(try Henkilotunnus("290296-911F").birthDate.description == "1996-02-29")
    }

    @Test func reasonsAreReadable() {
        #expect(HenkilotunnusError.checkCharacter(found: "3", expected: "2").description
            == "bad check character '3': the date and individual number give '2'")
        #expect(HenkilotunnusError.centurySign("Z").description.contains("unknown century sign 'Z'"))
        #expect(HenkilotunnusError.individualNumber("000").description.contains("000 and 001"))
        #expect(HenkilotunnusError.date("310294", century: 1900).description.contains("not a real date"))
    }

    @Test func maskedFormHidesTheIndividualNumber() throws {
        #expect(try Henkilotunnus("010594Y9032").masked == "010594Y***2")
        #expect(Henkilotunnus.mask("short") == "***")
    }

    @Test func sexFollowsTheIndividualNumber() throws {
        #expect(try Henkilotunnus("020504A902E").sex == .female)
        #expect(try Henkilotunnus("010594Y9032").sex == .male)
    }
}
