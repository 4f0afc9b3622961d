import Foundation
import Testing
import VTJCore
import VTJSandbox
import VTJXML
import VTJTestSupport

@Suite struct SandboxServerTests {
    static func perustiedot(_ hetus: [String], groups: [GroupName]? = nil) -> [UInt8] {
        MessageXML.write(PerustiedotMessage(restriction: .hetulista(hetus), groups: groups))
    }

    static func persons(_ reply: LoopbackHTTP.Reply) throws -> (persons: [Person], page: PerustiedotPageInfo) {
        var persons: [Person] = []
        let page = try ResponseReader(bytes: reply.body, documentName: "perustiedotVastaus").readPerustiedot { persons.append($0) }
        return (persons, page)
    }

    static func virhe(_ reply: LoopbackHTTP.Reply) -> String? { ResponseReader.readError(reply.body)?.code }

    @Test func logKeyForADayAndTheRequestIdEchoed() async throws {
        try await withSandbox { server, http in
            server.advance(days: 3)
            let reply = try await http.get("/api/v1/kirjausavain/2026-11-28", headers: ["X-Request-Id": "abc-123"])
            #expect(reply.status == 200)
            #expect(reply.headers["x-request-id"] == "abc-123")
            #expect(reply.headers["content-type"]?.hasPrefix("application/xml") == true)
            let key = try ResponseReader.readLogKey(reply.body, documentName: "kirjausavainVastaus")
            #expect(key == server.registry.logKey(atStartOf: CivilDate(year: 2026, month: 11, day: 28)!))
            #expect(key > 5_446_623_423)
        }
    }

    @Test func missingOrWrongCredentialsAre401() async throws {
        try await withSandbox { server, http in
            var anonymous = http
            anonymous.authorization = nil
            let none = try await anonymous.get("/api/v1/kirjausavain/2026-11-26")
            #expect(none.status == 401)
            #expect(Self.virhe(none) == "TUNNISTUS_EPAONNISTUI")
            var wrong = http
            wrong.authorization = LoopbackHTTP.basic(user: "kunta", password: "vaara")
            #expect(try await wrong.get("/api/v1/kirjausavain/2026-11-26").status == 401)
            #expect(server.counters.faults("unauthorized") == 2)
        }
    }

    @Test func unknownPathsAre404WithAVirheBody() async throws {
        try await withSandbox { _, http in
            for path in ["/api/v1/henkilot", "/api/v2/perustiedot"] {
                let reply = try await http.get(path)
                #expect(reply.status == 404)
                #expect(Self.virhe(reply) == "TUNTEMATON_POLKU")
            }
            // The root is the SOAP query interface's endpoint (a security server's): POST only.
            #expect(try await http.get("/").status == 405)
        }
    }

    @Test func invalidMessagesAre400() async throws {
        let tooMany = (0..<1001).map { n in
            let datePart = String(format: "%02d01%02d", 1 + n / 100, n % 100)
            return datePart + "A900" + String(Henkilotunnus.checkCharacter(datePart: datePart, individualNumber: 900))
        }
        let tooManyBody = Array("<perustiedotPyynto><hetulista>\(tooMany.map { "<hetu>\($0)</hetu>" }.joined())</hetulista></perustiedotPyynto>".utf8)
        let cases: [(String, [UInt8], String)] = [
            ("/api/v1/perustiedot", tooManyBody, "LIIAN_MONTA_HETUA"),
            ("/api/v1/perustiedot", Array("<perustiedotPyynto><hetulista><hetu>010594Y9032</hetu></hetulista><kuntarajaus/></perustiedotPyynto>".utf8), "RISTIRIITAINEN_RAJAUS"),
            ("/api/v1/perustiedot", Array("<perustiedotPyynto/>".utf8), "PUUTTUVA_RAJAUS"),
            ("/api/v1/perustiedot", Array("<perustiedotPyynto><hetulista/></perustiedotPyynto>".utf8), "TYHJA_HETULISTA"),
            ("/api/v1/muutokset", Array("<muutoksetPyynto><viimeisinKirjausavain>1</viimeisinKirjausavain>".utf8), "VIRHEELLINEN_SANOMA"),
        ]
        try await withSandbox { _, http in
            for (path, body, code) in cases {
                let reply = try await http.post(path, body)
                #expect(reply.status == 400, "\(code)")
                #expect(Self.virhe(reply) == code)
            }
            let badDate = try await http.get("/api/v1/kirjausavain/2026-02-30")
            #expect(badDate.status == 400)
            #expect(Self.virhe(badDate) == "VIRHEELLINEN_PAIVAMAARA")
        }
    }

    @Test func basicDataByHetuLeavesUnknownOutAndNarrowsGroups() async throws {
        try await withSandbox { server, http in
            let known = server.registry.hetus(where: [.otherMunicipality], excluding: [.turvakielto], limit: 2)
            let unknown = "010594Y9032"
            let reply = try await http.post("/api/v1/perustiedot", Self.perustiedot(known + [unknown, known[0]], groups: [.henkilonNimi, .kotikunta]))
            #expect(reply.status == 200)
            let (persons, page) = try Self.persons(reply)
            #expect(page.upToDate)
            #expect(persons.map(\.hetu).sorted() == known.sorted())
            #expect(persons.allSatisfy { Set($0.records.map(\.group)).isSubset(of: [.henkilonNimi, .kotikunta]) })
            #expect(persons.allSatisfy { !$0.records(.henkilonNimi).isEmpty })
        }
    }

    @Test func protectedPersonsArriveAsPlaceholdersUnlessUncensored() async throws {
        for uncensored in [false, true] {
            try await withSandbox(SandboxConfiguration(population: 400, referenceDate: testToday, uncensored: uncensored)) { server, http in
                let hetu = try #require(server.registry.hetus(where: .turvakielto, limit: 1).first)
                let (persons, _) = try Self.persons(try await http.post("/api/v1/perustiedot", Self.perustiedot([hetu])))
                let person = try #require(persons.first)
                #expect(!person.records(.kotikunta).isEmpty)
                #expect(person.records(.kotikunta).allSatisfy { !$0.isCensoredPlaceholder })
                for group in GroupName.censoredUnderTurvakielto {
                    let records = person.records(group)
                    if uncensored {
                        #expect(records.allSatisfy { !$0.isCensoredPlaceholder })
                    } else {
                        #expect(records.count == 1 && records[0].isCensoredPlaceholder && records[0].fields.isEmpty, "\(group)")
                        #expect(records.first?.censoredFields?.isEmpty == false)
                    }
                }
                #expect(uncensored == (person.record(.vakinainenKotimainenOsoite)?.bilingual("katunimi") != nil))
            }
        }
    }

    @Test func municipalBasicDataComesInPages() async throws {
        let configuration = SandboxConfiguration(population: 800, referenceDate: testToday, pageSize: 37)
        try await withSandbox(configuration) { server, http in
            var continuation: String?
            var seen: [String] = []
            var pages = 0
            repeat {
                let request = MessageXML.write(PerustiedotMessage(restriction: .kuntarajaus([]), continuation: continuation))
                let (persons, page) = try Self.persons(try await http.post("/api/v1/perustiedot", request))
                seen += persons.map(\.hetu)
                pages += 1
                #expect(persons.count <= 37)
                #expect(page.upToDate == (page.continuation == nil))
                continuation = page.continuation
            } while continuation != nil && pages < 100
            let residents = server.registry.hetus(where: .resident)
            #expect(pages > 5)
            #expect(Set(seen).count == seen.count)
            #expect(Set(seen) == Set(residents))
            let bad = try await http.post("/api/v1/perustiedot", MessageXML.write(PerustiedotMessage(restriction: .kuntarajaus([]), continuation: "zz")))
            #expect(bad.status == 400)
        }
    }

    @Test func changesComeInPagesUntilUpToDate() async throws {
        let configuration = SandboxConfiguration(population: 600, referenceDate: testToday, changesPageSize: 4)
        try await withSandbox(configuration) { server, http in
            let start = server.registry.latestKey
            server.advance(days: 8)
            var key = start
            var changes: [Change] = []
            var pages = 0
            while pages < 500 {
                let body = MessageXML.write(MuutoksetMessage(logKey: key, restriction: .kuntarajaus([])))
                let reply = try await http.post("/api/v1/muutokset", body)
                #expect(reply.status == 200)
                var page: [Change] = []
                let info = try ResponseReader(bytes: reply.body, documentName: "muutoksetVastaus").readMuutokset { page.append($0) }
                #expect(page.count <= 4)
                changes += page
                pages += 1
                key = info.logKey
                if info.upToDate { break }
            }
            let expected = server.registry.changes(after: start, restriction: .kuntarajaus([]), limit: 100_000, censor: true).changes
            #expect(pages > 3)
            #expect(changes == expected)
            #expect(key == server.registry.latestKey)
            #expect(changes.map(\.muutospv) == changes.map(\.muutospv).sorted())
        }
    }

    @Test func faultsCanBeSwitchedOnAndOff() async throws {
        try await withSandbox { server, http in
            server.updateFaults { $0.rateLimitNext = 1; $0.retryAfterSeconds = 7 }
            let limited = try await http.get("/api/v1/kirjausavain/2026-11-26")
            #expect(limited.status == 429)
            #expect(limited.headers["retry-after"] == "7")
            server.updateFaults { $0.errorNext = 2 }
            #expect(try await http.get("/api/v1/kirjausavain/2026-11-26").status == 500)
            #expect(try await http.get("/api/v1/kirjausavain/2026-11-26").status == 500)
            #expect(try await http.get("/api/v1/kirjausavain/2026-11-26").status == 200)

            server.updateFaults { $0.truncateNext = 1 }
            let hetus = server.registry.hetus(where: .adult, limit: 50)
            let cut = try await http.post("/api/v1/perustiedot", Self.perustiedot(hetus))
            #expect(cut.status == 200)
            #expect(cut.isTruncated)
            #expect(throws: (any Error).self) { try Self.persons(cut) }
            let whole = try await http.post("/api/v1/perustiedot", Self.perustiedot(hetus))
            #expect(!whole.isTruncated)
            #expect(try Self.persons(whole).persons.count == 50)

            server.updateFaults { $0.latencyMs = 300 }
            let clock = ContinuousClock()
            let started = clock.now
            #expect(try await http.get("/api/v1/kirjausavain/2026-11-26").status == 200)
            #expect(clock.now - started >= .milliseconds(300))
            server.setFaults(.none)

            server.setCredentials(user: "kunta", password: "uusi")
            #expect(try await http.get("/api/v1/kirjausavain/2026-11-26").status == 401)
            var renewed = http
            renewed.authorization = LoopbackHTTP.basic(user: "kunta", password: "uusi")
            #expect(try await renewed.get("/api/v1/kirjausavain/2026-11-26").status == 200)

            let counters = server.counters
            #expect(counters.faults("rateLimited") == 1)
            #expect(counters.faults("serverError") == 2)
            #expect(counters.faults("truncated") == 1)
            #expect(counters.faults("latency") == 1)
            #expect(counters.requests("kirjausavain") == 7)
            #expect(counters.requests("perustiedot") == 2)
        }
    }

    @Test func shareOfErrorsIsRoughlyAsConfigured() async throws {
        let configuration = SandboxConfiguration(population: 100, referenceDate: testToday, faults: SandboxFaults(errorRate: 0.5))
        try await withSandbox(configuration) { server, http in
            var failures = 0
            for _ in 0..<60 where try await http.get("/api/v1/kirjausavain/2026-11-26").status == 500 { failures += 1 }
            #expect((15...45).contains(failures))
            #expect(server.counters.responses(500) == failures)
        }
    }

    @Test func theHiddenClockTicksWhileServing() async throws {
        let configuration = SandboxConfiguration(population: 200, referenceDate: testToday, secondsPerDay: 0.2)
        try await withSandbox(configuration) { server, http in
            try await Task.sleep(for: .milliseconds(1200))
            #expect(server.registry.today >= testToday.adding(days: 2))
            #expect(try await http.get("/api/v1/kirjausavain/2026-11-27").status == 200)
        }
    }

    @Test func adminEndpointDrivesFaultsClockAndLookups() async throws {
        try await withSandbox { server, http in
            let set = try await http.send("POST", "/admin/faults", headers: ["Content-Type": "application/json"], body: Array(#"{"rateLimitNext":1,"retryAfterSeconds":3}"#.utf8))
            #expect(set.status == 200)
            #expect(server.faults.rateLimitNext == 1)
            #expect(try await http.get("/api/v1/kirjausavain/2026-11-26").headers["retry-after"] == "3")
            let before = server.registry.latestKey
            let advanced = try await http.send("POST", "/admin/advance?days=2", headers: [:], body: [])
            #expect(advanced.status == 200)
            #expect(server.registry.today == testToday.adding(days: 2))
            #expect(server.registry.latestKey > before)
            let persons = try await http.get("/admin/persons?kind=turvakielto&limit=1")
            #expect(persons.text.contains(server.registry.hetus(where: .turvakielto, limit: 1)[0]))
            let counters = try await http.get("/admin/counters")
            #expect(counters.text.contains("rateLimited"))
        }
    }
}
