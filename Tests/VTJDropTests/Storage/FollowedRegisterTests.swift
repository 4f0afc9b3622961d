import Foundation
import GRDB
import Testing
import VTJCore
@testable import VTJDrop
import VTJTestSupport

@Suite struct FollowedRegisterTests {
    let day1 = CivilDate(year: 2026, month: 11, day: 2)!
    let day2 = CivilDate(year: 2026, month: 11, day: 20)!

    func hetus(_ texts: String...) throws -> [Henkilotunnus] { try texts.map { try Henkilotunnus($0) } }

    @Test func addIsIdempotentAndKeepsTheOriginalPurposeAndDate() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let register = try StateDatabase(stateFolder: folder.path).followedRegister
        let people = try hetus("010594Y9032", "010516B903X", "010594Y9032")
        #expect(try register.add(people, department: "kirjasto", purpose: "kirjasto", on: day1, dropID: "r1")
                == FollowAddOutcome(added: 2, alreadyFollowed: 0))
        #expect(try register.add(try hetus("010516B903X", "020516C903K"), department: "kirjasto", purpose: "kulttuuri", on: day2)
                == FollowAddOutcome(added: 1, alreadyFollowed: 1))
        let kept = try #require(try register.entry(people[1], department: "kirjasto"))
        #expect(kept.purpose == "kirjasto")
        #expect(kept.addedOn == day1)
        #expect(kept.addedByRequest == "r1")
        #expect(try register.count(department: "kirjasto") == 3)
        #expect(try register.entry(people[0], department: "sivistys") == nil, "registers are per department")
    }

    @Test func removeDeletesTheEntryOnlyInThatDepartment() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let register = try StateDatabase(stateFolder: folder.path).followedRegister
        let people = try hetus("010594Y9032", "010516B903X")
        try register.add(people, department: "kirjasto", purpose: "kirjasto", on: day1)
        try register.add(people, department: "sivistys", purpose: "perusopetus", on: day1)
        #expect(try register.remove([people[0], people[0]], department: "kirjasto") == 1)
        #expect(try register.remove([people[0]], department: "kirjasto") == 0)
        #expect(try register.counts() == ["kirjasto": 1, "sivistys": 2])
        #expect(try register.entry(people[0], department: "sivistys") != nil)
    }

    @Test func batchesWalkTheWholeRegisterInHetuOrder() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let register = try StateDatabase(stateFolder: folder.path).followedRegister
        // 2,500 distinct test hetus (individual numbers 900–999 over 25 birth dates).
        var people: [Henkilotunnus] = []
        for day in 1...25 {
            let datePart = (day < 10 ? "0\(day)" : "\(day)") + "0594"
            for number in 900...999 {
                let check = Henkilotunnus.checkCharacter(datePart: datePart, individualNumber: number)
                people.append(try Henkilotunnus("\(datePart)Y\(number)\(check)"))
            }
        }
        try register.add(people, department: "kirjasto", purpose: "kirjasto", on: day1)
        var seen: [Henkilotunnus] = []
        var sizes: [Int] = []
        try register.forEachBatch(department: "kirjasto", batchSize: 1000) { batch in
            sizes.append(batch.count)
            seen += batch.map(\.hetu)
        }
        #expect(sizes == [1000, 1000, 500])
        #expect(seen == people.sorted())
        #expect(try register.count(department: "kirjasto") == 2500)
    }

    @Test func rekeyMovesEveryDepartmentsEntryToTheCorrectedHetu() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let register = try StateDatabase(stateFolder: folder.path).followedRegister
        let old = try Henkilotunnus("010594Y9032"), new = try Henkilotunnus("020594X903P")
        try register.add([old], department: "kirjasto", purpose: "kirjasto", on: day1, dropID: "r1")
        try register.add([old], department: "sivistys", purpose: "perusopetus", on: day1)
        try register.add([new], department: "sivistys", purpose: "lukiokoulutus", on: day2)
        #expect(try register.rekey(from: old, to: new) == ["kirjasto", "sivistys"])
        let moved = try #require(try register.entry(new, department: "kirjasto"))
        #expect(moved.purpose == "kirjasto" && moved.addedOn == day1 && moved.addedByRequest == "r1")
        #expect(try register.entry(new, department: "sivistys")?.purpose == "lukiokoulutus", "an existing entry wins")
        #expect(try register.entry(old, department: "kirjasto") == nil)
        #expect(try register.entry(old, department: "sivistys") == nil)
        #expect(try register.counts() == ["kirjasto": 1, "sivistys": 1])
    }

    @Test func logKeysPersistPerDepartmentAndScope() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let when = Date(timeIntervalSince1970: 1_790_000_000)
        do {
            let register = try StateDatabase(stateFolder: folder.path).followedRegister
            #expect(try register.logKey(department: "kirjasto", scope: .hetuList) == nil)
            try register.storeLogKey(5_446_623_423, department: "kirjasto", scope: .hetuList, at: when)
            try register.storeLogKey(1, department: "kirjasto", scope: .municipalities, at: when)
            try register.storeLogKey(5_446_623_999, department: "kirjasto", scope: .hetuList, at: when.addingTimeInterval(60))
        }
        let register = try StateDatabase(stateFolder: folder.path).followedRegister
        #expect(try register.logKey(department: "kirjasto", scope: .hetuList) == 5_446_623_999, "beyond 32 bits")
        #expect(try register.logKey(department: "kirjasto", scope: .municipalities) == 1)
        #expect(try register.logKey(department: "sivistys", scope: .hetuList) == nil)
        let updated = try register.pool.read { db in
            try Date.fetchOne(db, sql: "SELECT updated_at FROM change_log_key WHERE department = 'kirjasto' AND scope = 'hetu'")
        }
        #expect(updated == when.addingTimeInterval(60))
    }
}
