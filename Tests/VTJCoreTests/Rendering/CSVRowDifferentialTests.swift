import Testing
@testable import VTJCore

/// A row's group cells are put straight from the person's records (each record's layout found
/// once, no array of records per layout): over random disclosed persons — several records of a
/// group, ended and open ones mixed, wrong shapes, overflow — they are each layout's own cells
/// (``CSVGroupLayout/cells(of:)``, which collects the records first), and the row is their line.
@Suite struct CSVRowDifferentialTests {
    @Test(arguments: 0..<4)
    func rowsAreEachLayoutsCells(seed: Int) {
        let today = CivilDate(year: 2026, month: 11, day: 26)!
        var random = RandomAnswers(seed: UInt64(seed + 500), today: today)
        var overflowing = 0
        for round in 0..<20 {
            let groups = round % 4 == 0 ? GroupName.productGroupsInOrder : random.rules().groups
            let rules = DisclosureRules(groups: groups, purpose: .perusopetus, today: today)
            let csv = CSVRenderer(groups: groups, reference: round % 2 == 0 ? "viite" : nil)
            for _ in 0..<40 {
                var person = random.person()
                // More records of the numbered groups, some ended, to fill and overflow their slots.
                for _ in 0..<random.int(0...8) { person.records.append(random.record(random.pick([.nimenmuutos, .huoltaja, .lapsi, .kansalaisuus]))) }
                let disclosed = rules.disclose(person)
                let (cells, overflow) = csv.cells(disclosed)
                var expected = [disclosed.hetu, disclosed.isProtected ? "turvakielto" : "loytyi",
                                disclosed.withheld.map(\.description).joined(separator: " ")]
                var expectedOverflow: [GroupName: Int] = [:]
                for layout in csv.groups.compactMap(CSVGroupLayout.layout(of:)) {
                    let (own, extra) = layout.cells(of: disclosed.records)
                    expected += own
                    if extra > 0 { expectedOverflow[layout.group] = extra }
                }
                if let reference = csv.reference { expected.append(reference) }
                #expect(cells == expected)
                #expect(overflow == expectedOverflow)
                let row = csv.row(disclosed)
                #expect(row.bytes == csv.encoder.lineBytes(expected))
                #expect(row.overflow == expectedOverflow)
                overflowing += overflow.isEmpty ? 0 : 1
            }
        }
        #expect(overflowing > 20, "the persons must overflow some numbered groups")
    }
}
