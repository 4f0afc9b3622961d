import Foundation
import Testing
import VTJClient
import VTJCore
import VTJSandbox
import VTJTestSupport

/// Client ↔ sandbox over real loopback HTTP (Hummingbird server, libcurl client, libxml2 both ends).
@Suite("Client against the sandbox")
struct SandboxRoundTripTests {
    static let day = SandboxFixture.day

    @Test("perustiedot: every person as the sandbox holds it, unknown hetus reported not found")
    func perustiedotRoundTrip() async throws {
        try await SandboxFixture.withSandbox(SandboxConfiguration(population: 2400, seed: 3, referenceDate: Self.day)) { server, base in
            let known = try server.registry.population.hetus.map { try Henkilotunnus($0) }
            let unknown = TestHetu.distinct(25, offset: 70_000)
            let asked = known + unknown + known.prefix(40)  // duplicates are sent once
            let client = try SandboxFixture.client(base)
            let persons = Collected<Person>()
            let report = try await client.basicData(hetus: asked) { persons.append($0) }

            #expect(report.messages == 3)
            #expect(report.duplicatesDropped == 40)
            #expect(report.asked == known.count + unknown.count)
            #expect(Set(report.notFound) == Set(unknown.map(\.value)))
            #expect(report.returned == known.count)
            #expect(report.unexpected.isEmpty)
            #expect(server.counters.requests("perustiedot") == 3)
            let expected = server.registry.basicData(hetus: known.map(\.value), groups: nil, censor: true)
            let byHetu = Dictionary(uniqueKeysWithValues: persons.all.map { ($0.hetu, $0) })
            #expect(byHetu.count == persons.all.count, "a person was delivered twice")
            for person in expected { #expect(byHetu[person.hetu] == person) }
        }
    }

    @Test("perustiedot narrowed to groups delivers only those groups, and TURVAKIELTO which is always asked for")
    func groupsNarrowing() async throws {
        try await SandboxFixture.withSandbox { server, base in
            let asked = try server.registry.population.hetus.prefix(50).map { try Henkilotunnus($0) }
            let persons = Collected<Person>()
            _ = try await SandboxFixture.client(base).basicData(hetus: asked, groups: [.henkilonNimi, .kotikunta]) { persons.append($0) }
            #expect(persons.all.count == 50)
            let groups = Set(persons.all.flatMap { $0.records.map(\.group) })
            #expect(groups.isSubset(of: [.henkilonNimi, .kotikunta, .turvakielto]))
            #expect(groups.contains(.henkilonNimi) && groups.contains(.turvakielto))
        }
    }

    @Test("municipal basic data follows jatkoavain across many pages")
    func municipalPaging() async throws {
        let configuration = SandboxConfiguration(population: 900, seed: 11, referenceDate: Self.day, pageSize: 37)
        try await SandboxFixture.withSandbox(configuration) { server, base in
            var expected: [Person] = []
            var start: Int? = 0
            while let from = start {
                let page = server.registry.municipalPage(from: from, limit: 37, groups: nil, censor: true)
                expected += page.persons
                start = page.next
            }
            let persons = Collected<Person>()
            let report = try await SandboxFixture.client(base).municipalBasicData { persons.append($0) }
            #expect(report.persons == expected.count)
            #expect(report.pages >= expected.count / 37)
            #expect(report.pages > 5)
            #expect(persons.all == expected)
            #expect(server.counters.requests("perustiedot") == report.pages)
        }
    }

    @Test("municipal basic data outside the licence is 403 with the server's text")
    func unlicensedMunicipality() async throws {
        try await SandboxFixture.withSandbox { _, base in
            do {
                _ = try await SandboxFixture.client(base).municipalBasicData(municipalities: ["049"]) { _ in }
                Issue.record("an unlicensed municipality was served")
            } catch let error as VTJClientError {
                #expect(error.status == 403)
                #expect(error.stopsNewWork)
                #expect(error.serverMessage?.contains("EI_KAYTTOOIKEUTTA") == true)
            }
        }
    }

    @Test("log key and changes page by page until ajanTasalla, keys beyond 32 bits")
    func changesPaging() async throws {
        let configuration = SandboxConfiguration(population: 800, seed: 5, referenceDate: Self.day, changesPageSize: 9,
                                                 historyDays: 20, changesPerDay: 6)
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let client = try SandboxFixture.client(base)
            let start = Self.day.adding(days: -20)
            let key = try await client.logKey(on: start)
            #expect(key == server.registry.logKey(atStartOf: start))
            #expect(key > Int64(UInt32.max))

            let pages = PageLog()
            let last = try await client.changes(after: key, restriction: .kuntarajaus([])) { page in
                await pages.add(page)
            }
            let seen = await pages.pages
            #expect(seen.count > 3)
            #expect(seen.last?.upToDate == true)
            #expect(seen.dropLast().allSatisfy { !$0.upToDate })
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.logKey < $1.logKey })
            #expect(seen.map(\.number) == Array(1...seen.count))
            #expect(last == seen.last?.logKey)

            // The same walk straight from the registry.
            var expected: [Change] = []
            var current = key
            while true {
                let page = server.registry.changes(after: current, restriction: .kuntarajaus([]), limit: 9, censor: true)
                expected += page.changes
                current = page.page.logKey
                if page.page.upToDate { break }
            }
            #expect(seen.flatMap(\.changes) == expected)
            #expect(!expected.isEmpty)
            #expect(last == current)
        }
    }

    @Test("changes for a hetu list, and over 1000 hetus refused before sending")
    func changesForHetus() async throws {
        let configuration = SandboxConfiguration(population: 500, seed: 9, referenceDate: Self.day, historyDays: 10, changesPerDay: 8)
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let client = try SandboxFixture.client(base)
            let key = try await client.logKey(on: Self.day.adding(days: -10))
            let hetus = Array(server.registry.population.hetus.prefix(1000))
            let pages = PageLog()
            try await client.changes(after: key, restriction: .hetulista(hetus)) { await pages.add($0) }
            let wanted = Set(hetus)
            #expect(await pages.pages.flatMap(\.changes).allSatisfy { wanted.contains($0.hetu) })

            let tooMany = TestHetu.distinct(1001).map(\.value)
            let before = server.counters.requests("muutokset")
            await #expect(throws: VTJClientError.self) {
                try await client.changes(after: key, restriction: .hetulista(tooMany)) { _ in }
            }
            #expect(server.counters.requests("muutokset") == before)
        }
    }

    @Test("each worker keeps its connection: far fewer connections than requests")
    func connectionReuse() async throws {
        try await SandboxFixture.withSandbox { server, base in
            let asked = try server.registry.population.hetus.map { try Henkilotunnus($0) }
            let client = try SandboxFixture.client(base, parallelism: 2, maxHetusPerMessage: 20)
            _ = try await client.basicData(hetus: asked) { _ in }
            let statistics = client.statistics
            #expect(statistics.attempts == 30)
            #expect(statistics.newConnections >= 1 && statistics.newConnections <= 2)
            #expect(statistics.missingEchoes == 0)
        }
    }
}
