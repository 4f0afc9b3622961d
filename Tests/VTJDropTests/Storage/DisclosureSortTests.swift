import Foundation
import GRDB
import Testing
import VTJCore
@testable import VTJDrop
import VTJTestSupport

/// The staged disclosure's persons sorted in bounded runs through a real scratch file: each
/// henkilötunnus once (the first filed stands), in SQLite's `BINARY` order, the same rows the
/// earlier sort by SQLite staged.
@Suite struct DisclosureSortTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    /// Persons with repeats (a later word with another status and groups), shuffled.
    func persons(_ count: Int) -> [DisclosedPerson] {
        let hetus = TestHetu.distinct(count).map(\.value)
        var persons = hetus.enumerated().map { DisclosureSpoolTests.person($0.offset, hetu: $0.element) }
        for (index, hetu) in hetus.enumerated() where index % 7 == 0 {
            persons.append(DisclosureSpoolTests.person(index + 1, hetu: hetu))
        }
        var generator = SeededGenerator(seed: UInt64(count))
        persons.shuffle(using: &generator)
        return persons
    }

    /// What the sort must give: the first filed of each henkilötunnus, by its bytes.
    func expected(_ persons: [DisclosedPerson]) -> [DisclosedPerson] {
        var seen = Set<[UInt8]>()
        return persons.filter { seen.insert(Array($0.hetu.utf8)).inserted }.sorted { Array($0.hetu.utf8).lexicographicallyPrecedes($1.hetu.utf8) }
    }

    func drained(_ sort: DisclosureSort, step: Int) throws -> [DisclosedPerson] {
        var out: [DisclosedPerson] = []
        while !sort.isFinished {
            _ = try sort.next(step) { hetu, pair in
                out.append(DisclosedPerson(hetu: hetu, status: sort.statuses[pair],
                                           groups: sort.groupTexts[pair].map { $0.split(separator: " ").map(String.init) }))
            }
        }
        return out
    }

    @Test(arguments: [1, 7, 100, 16_384])
    func everyPersonOnceInKeyOrderWhateverTheRunLength(runRows: Int) throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let persons = persons(1000)
        let sort = try #require(try DisclosureSort(persons, folder: folder.path, runRows: runRows))
        let out = try drained(sort, step: 33)
        let want = expected(persons)
        #expect(out.count == 1000)
        #expect(out.map(\.hetu) == want.map(\.hetu))
        #expect(out.map(\.status) == want.map(\.status), "the first filed of a repeated henkilötunnus stands")
        #expect(out.map { $0.groups ?? ["-"] } == want.map { $0.groups ?? ["-"] })
    }

    @Test func aCodeThatDoesNotFitARowAsksForAnotherSortAndOrderIsByBytes() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        #expect(try DisclosureSort([DisclosedPerson(hetu: String(repeating: "1", count: 17), status: "loytyi", groups: nil)],
                                   folder: folder.path) == nil)
        #expect(try DisclosureSort([DisclosedPerson(hetu: "010101-9\u{0}0", status: "loytyi", groups: nil)], folder: folder.path) == nil)
        // Bytes, not characters: "Z" (0x5A) before "a" (0x61) before "ä" (0xC3 0xA4); a prefix first.
        let odd = ["ä", "a", "Z", "ab", "a\u{308}", "0123456789abcdef"].map { DisclosedPerson(hetu: $0, status: "loytyi", groups: nil) }
        let sort = try #require(try DisclosureSort(odd, folder: folder.path, runRows: 2))
        #expect(try drained(sort, step: 4).map(\.hetu) == expected(odd).map(\.hetu))
    }

    @Test func aLargeResultIsStagedOnceEachInKeyOrderAndAnUnfitCodeStillStages() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        let persons = persons(5000)
        var steps: [Int] = []
        let staged = try #require(try database.auditLog.stageDisclosure(dropID: "req-1", at: t0, persons: persons, chunkSize: 700) {
            steps.append($0)
        })
        #expect(staged.personCount == 5000 && steps.last == 5000 && steps.count == 8)
        let rows = try DatabaseQueue(path: database.path).read { db in
            try Row.fetchAll(db, sql: "SELECT hetu, status, groups FROM audit_disclosed_person WHERE disclosure_id = ? ORDER BY hetu",
                             arguments: [staged.id]).map { "\($0["hetu"] as String) \($0["status"] as String) \(($0["groups"] as String?) ?? "NULL")" }
        }
        #expect(rows == expected(persons).map { "\($0.hetu) \($0.status) \($0.groups?.joined(separator: " ") ?? "NULL")" })

        // A code the rows cannot hold: SQLite sorts, the same persons are staged.
        let unfit = persons + [DisclosedPerson(hetu: String(repeating: "9", count: 20), status: "loytyi", groups: ["A"])]
        let again = try #require(try database.auditLog.stageDisclosure(dropID: "req-2", at: t0, persons: unfit, chunkSize: 700))
        #expect(again.personCount == 5001)
    }
}
