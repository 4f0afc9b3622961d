import Testing
import VTJCore
import VTJSandbox
import VTJXML

@Suite struct SandboxPopulationTests {
    static let population = SandboxPopulation(size: 3000, seed: 1, referenceDate: testToday)

    @Test func sameSeedGivesTheSameBytes() {
        let again = SandboxPopulation(size: 3000, seed: 1, referenceDate: testToday)
        let indices = Array(stride(from: 0, to: 3000, by: 37))
        let first = ResponseXML.perustiedot(indices.map(Self.population.person(at:)), page: PerustiedotPageInfo(upToDate: true))
        let second = ResponseXML.perustiedot(indices.map(again.person(at:)), page: PerustiedotPageInfo(upToDate: true))
        #expect(first == second)
        #expect(Self.population.hetus == again.hetus)
    }

    @Test func anotherSeedGivesOtherPersons() {
        let other = SandboxPopulation(size: 3000, seed: 2, referenceDate: testToday)
        #expect(Set(other.hetus).intersection(Self.population.hetus).count < 300)
    }

    @Test func everyHetuIsAValidUniqueTestCode() throws {
        let all = Self.population.hetus + (0..<3000).compactMap(Self.population.previousHetu(at:))
        #expect(Set(all).count == all.count)
        for hetu in all {
            let code = try Henkilotunnus(hetu)
            #expect(code.individualNumber >= 900, "\(hetu.prefix(6)) has a non-test individual number")
        }
    }

    /// Looks a person up without the whole population ending up in a failure message.
    static func lookup(_ hetu: String) -> Person? { population.person(hetu: hetu) }

    @Test func stubsAndBirthDatesMatchTheirPersons() throws {
        for index in 0..<300 {
            let person = Self.population.person(at: index)
            let code = try Henkilotunnus(person.hetu)
            #expect(person.record(.syntymapaiva)?.date("syntymapv") == code.birthDate)
            #expect(person.record(.sukupuoli)?.text("sukupuoli") == (code.sex == .male ? "MIES" : "NAINEN"))
            for record in person.records where record.group != .henkilotunnusKorjaus {
                for field in record.fields {
                    guard let stub = record.stub(field.name), let hetu = stub.hetu else { continue }
                    let other = try #require(Self.lookup(hetu), "stub points outside the population")
                    #expect(other.record(.henkilonNimi)?.text("sukunimi") == stub.sukunimi)
                }
            }
        }
    }

    @Test func centurySignsIncludeTheNewLettersAndPlus() {
        let signs = Set(Self.population.hetus.map { Array($0)[6] })
        #expect(signs.isSuperset(of: Set("+-YXWVUABCDEF")))
    }

    @Test(arguments: SandboxPersonKind.allCases)
    func defaultPopulationHasEveryKind(_ kind: SandboxPersonKind) {
        #expect(!Self.population.hetus(where: kind, limit: 1).isEmpty)
    }

    @Test func aboutOnePercentAreUnderTurvakielto() {
        let protected = Self.population.hetus(where: .turvakielto).count
        #expect((15...90).contains(protected), "\(protected) of 3000")
    }

    @Test func everyProductGroupOccurs() {
        var seen: Set<GroupName> = []
        for index in 0..<3000 { seen.formUnion(Self.population.person(at: index).records.map(\.group)) }
        #expect(Set(GroupName.productGroupsInOrder).subtracting(seen).isEmpty, "missing \(Set(GroupName.productGroupsInOrder).subtracting(seen))")
    }

    @Test func namesAndAddressesCarryTheHardCharacters() {
        var text = ""
        var bilingualStreet = false
        for index in 0..<3000 {
            let person = Self.population.person(at: index)
            text += (person.record(.henkilonNimi)?.text("etunimi") ?? "") + " " + (person.record(.henkilonNimi)?.text("sukunimi") ?? "") + "|"
            if let street = person.record(.vakinainenKotimainenOsoite)?.bilingual("katunimi"), street.sv != nil, street.fi != street.sv {
                bilingualStreet = true
            }
        }
        for needle in ["ä", "ö", "å", "'", "-", "O'Brien"] { #expect(text.contains(needle), "no \(needle)") }
        #expect(bilingualStreet)
    }

    @Test func minorsWithTwoGuardiansAreListedByBothGuardians() throws {
        let child = try #require(Self.population.hetus(where: .minorWithTwoGuardians, limit: 1).first)
        let person = try #require(Self.population.person(hetu: child))
        let guardians = person.records(.huoltaja).compactMap { $0.stub("huoltaja")?.hetu }
        #expect(guardians.count == 2)
        for guardian in guardians {
            let adult = try #require(Self.population.person(hetu: guardian))
            #expect(adult.records(.huollettava).contains { $0.stub("huollettava")?.hetu == child })
        }
    }

    @Test func hundredThousandPersonsAreGeneratedOnDemand() {
        let big = SandboxPopulation(size: 100_000, seed: 9, referenceDate: testToday)
        #expect(big.hetus.count == 100_000)
        #expect(Set(big.hetus).count == 100_000)
        #expect(!big.person(at: 99_999).records.isEmpty)
    }
}
