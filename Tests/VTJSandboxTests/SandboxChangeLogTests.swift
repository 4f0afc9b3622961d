import Testing
import VTJCore
import VTJSandbox

@Suite struct SandboxChangeLogTests {
    func registry(size: Int = 600) -> SandboxRegistry {
        SandboxRegistry(population: SandboxPopulation(size: size, seed: 3, referenceDate: testToday))
    }

    /// Every change visible to `restriction` after `key`, page by page.
    func allChanges(_ registry: SandboxRegistry, after key: Int64, _ restriction: Restriction, pageSize: Int = 1000, censor: Bool = true) -> [Change] {
        var key = key
        var out: [Change] = []
        for _ in 0..<10_000 {
            let page = registry.changes(after: key, restriction: restriction, limit: pageSize, censor: censor)
            out += page.changes
            #expect(page.page.logKey >= key)
            key = page.page.logKey
            if page.page.upToDate { break }
        }
        return out
    }

    @Test func advancingTimeProducesEveryKind() {
        let registry = registry()
        let start = registry.latestKey
        registry.advance(days: 12)
        #expect(start > Int64(UInt32.max))
        #expect(registry.latestKey > start)
        for kind in SandboxEventKind.allCases { #expect(registry.changeCountsByKind[kind, default: 0] > 0, "no \(kind)") }
    }

    @Test func logKeyAtTheStartOfADayGrowsWithTheDays() {
        let registry = registry()
        registry.advance(days: 5)
        let keys = (0...6).map { registry.logKey(atStartOf: testToday.adding(days: $0)) }
        #expect(keys[0] == 5_446_623_423)
        #expect(keys == keys.sorted())
        #expect(keys[5] < keys[6] || keys[6] == registry.latestKey)
        #expect(registry.logKey(atStartOf: testToday.adding(days: 100)) == registry.latestKey)
    }

    @Test func pagingOverManySmallPagesGivesTheSameChanges() {
        let registry = registry()
        registry.advance(days: 10)
        let whole = allChanges(registry, after: 0, .kuntarajaus([]), pageSize: 10_000)
        let paged = allChanges(registry, after: 0, .kuntarajaus([]), pageSize: 3)
        #expect(whole.count > 9)
        #expect(paged == whole)
    }

    @Test func aMoveOutIsTheLastChangeUnderKuntarajaus() throws {
        let registry = registry()
        let hetu = try #require(registry.hetus(where: [.resident, .adult], excluding: [.turvakielto], limit: 1).first)
        let key = registry.latestKey
        #expect(registry.apply(.moveOut, hetu: hetu).count == 1)
        #expect(registry.apply(.nameChange, hetu: hetu).count == 1)
        let seen = allChanges(registry, after: key, .kuntarajaus([])).filter { $0.hetu == hetu }
        #expect(seen.count == 1)
        let last = try #require(seen.first)
        let newHome = try #require(last.records(.kotikunta).first { $0.change == .added }?.text("kuntakoodi"))
        #expect(newHome != "091")
        #expect(last.records(.vakinainenKotimainenOsoite).contains { $0.change == .added })
        // Asked by hetu, the name change still comes.
        #expect(allChanges(registry, after: key, .hetulista([hetu])).count == 2)
    }

    @Test func aMoveWithinGivesTwoEntriesForOnePersonInOnePage() throws {
        let registry = registry()
        let hetu = try #require(registry.hetus(where: [.resident, .adult], excluding: [.turvakielto], limit: 1).first)
        let key = registry.latestKey
        #expect(registry.apply(.moveWithin, hetu: hetu).count == 2)
        let page = registry.changes(after: key, restriction: .hetulista([hetu]), limit: 10, censor: true)
        #expect(page.changes.map(\.hetu) == [hetu, hetu])
        #expect(page.changes[0].muutospv < page.changes[1].muutospv)
        #expect(page.changes[0].records(.vakinainenKotimainenOsoite).map(\.change) == [.changed, .added])
        #expect(page.changes[1].records(.edellinenKotimainenAsuinpaikkatunnus).first?.change == .added)
        #expect(registry.person(hetu: hetu)?.record(.kotikunta)?.text("kuntakoodi") == "091")
    }

    @Test func aNameChangeIsAnOldNewPair() throws {
        let registry = registry()
        let hetu = try #require(registry.hetus(where: .adult, limit: 1).first)
        let key = registry.latestKey
        registry.apply(.nameChange, hetu: hetu)
        let change = try #require(allChanges(registry, after: key, .hetulista([hetu])).first)
        let names = change.records(.henkilonNimi)
        #expect(names.map(\.change) == [.changed, .added])
        #expect(names[0].text("sukunimi") != names[1].text("sukunimi"))
        #expect(registry.person(hetu: hetu)?.record(.henkilonNimi)?.text("sukunimi") == names[1].text("sukunimi"))
    }

    @Test func turvakieltoStartCensorsAndEndBringsTheAddressBack() throws {
        let registry = registry()
        let hetu = try #require(registry.hetus(where: [.resident, .adult], excluding: [.turvakielto], limit: 1).first)
        let key = registry.latestKey
        registry.apply(.turvakieltoStart, hetu: hetu)
        registry.apply(.turvakieltoEnd, hetu: hetu)
        let censored = allChanges(registry, after: key, .hetulista([hetu]))
        #expect(censored.count == 2)
        let start = censored[0]
        #expect(start.records(.turvakielto).first?.change == .added)
        #expect(start.records(.turvakielto).first?.bool("turvakieltoAktiivinen") == true)
        let placeholder = try #require(start.records(.vakinainenKotimainenOsoite).first)
        #expect(placeholder.isCensoredPlaceholder && placeholder.change == .changed && placeholder.fields.isEmpty)
        let end = censored[1]
        #expect(end.records(.turvakielto).first?.change == .changed)
        #expect(end.records(.turvakielto).first?.bool("turvakieltoAktiivinen") == false)
        #expect(end.records(.vakinainenKotimainenOsoite).first?.bilingual("katunimi")?.fi != nil)
        let uncensored = allChanges(registry, after: key, .hetulista([hetu]), censor: false)
        #expect(uncensored[0].records(.vakinainenKotimainenOsoite).first?.isCensoredPlaceholder == false)
    }

    @Test func aHetuCorrectionArrivesUnderTheOldCode() throws {
        let registry = registry()
        let old = try #require(registry.hetus(where: [.adult, .resident], excluding: [.hetuCorrected], limit: 1).first)
        let key = registry.latestKey
        registry.apply(.hetuCorrection, hetu: old)
        let change = try #require(allChanges(registry, after: key, .hetulista([old])).first)
        let correction = try #require(change.records(.henkilotunnusKorjaus).first)
        let new = try #require(correction.text("aktiivinenHenkilotunnus"))
        #expect(change.hetu == old)
        #expect(new != old)
        #expect(try Henkilotunnus(new).individualNumber >= 900)
        #expect(registry.person(hetu: old) == nil)
        #expect(registry.person(hetu: new)?.records(.henkilotunnusKorjaus).isEmpty == false)
        #expect(registry.currentHetu(of: old) == new)
        // Later changes come under the new code.
        registry.apply(.nameChange, hetu: new)
        #expect(allChanges(registry, after: key, .hetulista([new])).count == 1)
    }

    @Test func anEarlierCorrectionIsFoundFromTheOldCode() throws {
        let registry = registry()
        let hetu = try #require(registry.hetus(where: .hetuCorrected, limit: 1).first)
        let record = try #require(registry.person(hetu: hetu)?.record(.henkilotunnusKorjaus))
        let old = try #require(record.text("muutettuHenkilotunnus"))
        #expect(record.text("aktiivinenHenkilotunnus") == hetu)
        #expect(registry.person(hetu: old) == nil)
        #expect(registry.currentHetu(of: old) == hetu)
    }

    @Test func deathAndGuardianshipReachBothSides() throws {
        let registry = registry()
        let adult = try #require(registry.hetus(where: [.adult], excluding: [.deceased], limit: 40).last)
        let minor = try #require(registry.hetus(where: .minor, limit: 1).first)
        let key = registry.latestKey
        registry.apply(.death, hetu: adult)
        #expect(registry.person(hetu: adult)?.records(.kuolinpaiva).isEmpty == false)
        #expect(registry.apply(.newGuardianship, hetu: minor).count == 2)
        let changes = allChanges(registry, after: key, .hetulista([adult, minor]))
        #expect(changes.contains { $0.hetu == adult && $0.records(.kuolinpaiva).first?.change == .added })
        let appointed = try #require(changes.first { $0.hetu == minor }?.records(.huoltaja).first)
        #expect(appointed.text("huoltajanLaji") == "MAARATTY_HUOLTAJA")
        let guardian = try #require(appointed.stub("huoltaja")?.hetu)
        #expect(registry.person(hetu: guardian)?.records(.huollettava).contains { $0.stub("huollettava")?.hetu == minor } == true)
    }

    @Test func aMoveInArrivesWithTheBasicData() throws {
        let registry = registry()
        let hetu = try #require(registry.hetus(where: [.otherMunicipality, .adult], limit: 1).first)
        let key = registry.latestKey
        registry.apply(.moveIn, hetu: hetu)
        let change = try #require(allChanges(registry, after: key, .kuntarajaus([])).first { $0.hetu == hetu })
        #expect(change.records(.henkilonNimi).first?.change == .added)
        #expect(change.records(.kotikunta).contains { $0.text("kuntakoodi") == "091" })
        #expect(registry.hetus(where: .resident).contains(hetu))
    }
}
