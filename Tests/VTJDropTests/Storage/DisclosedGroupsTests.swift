import Testing
import VTJCore
@testable import VTJDrop
import VTJTestSupport

/// The disclosure log's group list of a person, as a bitset (issue 15): the same names, in the
/// same order, as the `Set` and sort it replaces, and the same rows read back from the spool.
@Suite struct DisclosedGroupsTests {
    static func records(_ groups: [GroupName]) -> [Record] { groups.map { Record(group: $0, fields: [.text("x", "1")]) } }

    @Test func namesAreWhatASetAndASortGave() {
        var random = SeededGenerator(seed: 1515)
        let product = GroupName.productGroupsInOrder
        for _ in 0..<500 {
            // Any subset, in any order, with a group's records together or apart, repeated or not.
            let groups = (0..<Int.random(in: 0...25, using: &random)).map { _ in product[Int.random(in: 0..<product.count, using: &random)] }
            let records = Self.records(groups)
            #expect(DisclosedGroups(records)?.sortedNames == Set(groups.map(\.rawValue)).sorted())
        }
        #expect(DisclosedGroups([])?.sortedNames == [])
        #expect(DisclosedGroups(Self.records(product))?.sortedNames == product.map(\.rawValue).sorted())
    }

    @Test func aGroupOutsideTheProductIsLeftToTheLongWay() {
        #expect(DisclosedGroups(Self.records([.henkilonNimi, GroupName("UUSI_RYHMA")])) == nil)
        #expect(DisclosedGroups(Self.records([GroupName("henkilon_nimi")])) == nil, "names are compared exactly")
    }

    @Test func theSpoolReadsBitsetRowsBackAsNamedRows() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let spool = try DisclosureSpool(folder: folder.path)
        var random = SeededGenerator(seed: 1516)
        let product = GroupName.productGroupsInOrder
        var expected: [DisclosedPerson] = []
        for (index, hetu) in TestHetu.distinct(5000).enumerated() {
            let groups = product.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
            let status = index % 7 == 0 ? "turvakielto" : "loytyi"
            let person = DisclosedPerson(hetu: hetu.value, status: status, groups: Set(groups.map(\.rawValue)).sorted())
            // Both ways into one spool: the replacements and fall-backs still name their groups.
            if index % 3 == 0 {
                try spool.append(person)
            } else {
                try spool.append(hetu: hetu.value, status: status, groups: try #require(DisclosedGroups(Self.records(groups))))
            }
            expected.append(person)
        }
        var read: [DisclosedPerson] = []
        try spool.forEachPerson { read.append($0) }
        #expect(read == expected)
    }
}
