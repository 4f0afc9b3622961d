import Testing
@testable import VTJCore

/// The tally kept inline (counts per rule and which rules were counted) behaves as the
/// dictionary it replaced: a rule counted with 0 is still listed, sums add up, equality holds.
@Suite struct WithholdingTallyTests {
    @Test func countsAsTheDictionaryDid() {
        var tally = WithholdingTally()
        var model: [WithholdingRule: Int] = [:]
        var random = RandomAnswers(seed: 3, today: CivilDate(year: 2026, month: 11, day: 26)!)
        for _ in 0..<500 {
            let rule = random.pick(WithholdingRule.allCases)
            let amount = random.pick([0, 1, 1, 2, 1000])
            tally.count(rule, amount)
            model[rule, default: 0] += amount
        }
        #expect(tally.records == model)
        #expect(tally.totalRecords == model.values.reduce(0, +))
        for rule in WithholdingRule.allCases { #expect(tally[rule] == model[rule] ?? 0) }
        #expect(Array(tally.countedRules) == WithholdingRule.allCases.filter { model[$0] != nil })
    }

    /// The withheld cell appended in one string reads as each group's description joined by spaces,
    /// as it was made before (empty for none; unknown and non-ASCII group names kept as sent).
    @Test func withheldCellIsTheDescriptionsJoined() {
        var random = RandomAnswers(seed: 15, today: CivilDate(year: 2026, month: 11, day: 26)!)
        let groups = GroupName.productGroupsInOrder + ["MUU_RYHMA", "HENKILO\u{308}N_NIMI", ""]
        var lengths: Set<Int> = []
        for _ in 0..<500 {
            let count = random.pick([0, 1, 2, 3, 7])
            let withheld = (0..<count).map { _ in
                WithheldGroup(group: random.pick(groups), rule: random.pick(WithholdingRule.allCases))
            }
            #expect(WithheldGroup.cellText(withheld) == withheld.map(\.description).joined(separator: " "))
            #expect(Array(WithheldGroup.cellText(withheld).utf8) == Array(withheld.map(\.description).joined(separator: " ").utf8))
            lengths.insert(count)
        }
        #expect(lengths.count == 5)
    }

    @Test func aRuleCountedWithZeroIsStillListed() {
        var tally = WithholdingTally()
        tally.count(.contradictoryAnswer, 0)
        #expect(tally.records == [.contradictoryAnswer: 0])
        #expect(Array(tally.countedRules) == [.contradictoryAnswer])
        #expect(tally != WithholdingTally())
    }

    @Test func addingSumsCountsRulesAndDroppedFields() {
        var first = WithholdingTally()
        first.count(.notGranted, 2)
        first.droppedFields = 3
        var second = WithholdingTally()
        second.count(.notGranted)
        second.count(.turvakielto, 0)
        second.droppedFields = 1
        first.add(second)
        #expect(first.records == [.notGranted: 3, .turvakielto: 0])
        #expect(first.droppedFields == 4)
        var same = WithholdingTally()
        same.count(.turvakielto, 0)
        same.count(.notGranted, 3)
        same.droppedFields = 4
        #expect(first == same && first.hashValue == same.hashValue)
    }

    @Test func rulesSortInDeclarationOrder() {
        #expect(WithholdingRule.allCases.sorted() == WithholdingRule.allCases)
        #expect(WithholdingRule.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
    }
}
