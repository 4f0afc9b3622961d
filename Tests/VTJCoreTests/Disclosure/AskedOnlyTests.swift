import Testing
import VTJCore

/// Persons nobody asked for never reach a result (issue 14, item 3: the rule in the core).
@Suite struct AskedOnlyTests {
    @Test func aListAdmitsOnlyItsOwnHenkilotunnus() throws {
        let values = Henkilotunnus.testValues(count: 3, seed: 11)
        let asked = AskedOnly(try values.prefix(2).map { try Henkilotunnus($0) })
        #expect(asked.admits(values[0]) && asked.admits(values[1]))
        #expect(!asked.admits(values[2]), "answered about, never asked for")
        #expect(!AskedOnly(HetuSequence()).admits(values[0]))
    }

    @Test func aMunicipalSelectionAdmitsWhoeverTheInterfaceNames() throws {
        #expect(AskedOnly.everyone.admits(try #require(Henkilotunnus.testValues(count: 1, seed: 2).first)))
    }
}
