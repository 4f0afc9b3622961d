import Testing
@testable import VTJCore
import VTJTestSupport

/// The rules rewritten for speed (issue 15, fifth round: one group lookup per record, records
/// and fields shared when they pass unchanged, the age read only when a rule needs it, the tally
/// inline) against the rules as they were (``ReferenceDisclosureRules``), over thousands of
/// random persons and change entries: the same records delivered, the same groups marked
/// withheld by the same rules, the same counts, the same fail-closed verdicts.
@Suite struct DisclosureRulesDifferentialTests {
    static let days = [CivilDate(year: 2026, month: 11, day: 26)!, CivilDate(year: 2028, month: 2, day: 29)!]

    @Test(arguments: 0..<8)
    func basicDataDecidesAsBefore(seed: Int) {
        var random = RandomAnswers(seed: UInt64(seed + 1), today: Self.days[seed % 2])
        var seen = (protected: 0, missing: 0, delivered: 0, dropped: 0)
        for _ in 0..<40 {
            let rules = random.rules()
            let reference = ReferenceDisclosureRules(groups: rules.groups, purpose: rules.purpose, today: rules.today)
            for _ in 0..<50 {
                let person = random.person()
                let now = rules.disclose(person)
                let before = reference.disclose(person)
                #expect(now == before, "\(person) under \(rules.groups) for \(rules.purpose)")
                seen.protected += before.isProtected ? 1 : 0
                seen.missing += before.failedClosed == nil ? 0 : 1
                seen.delivered += before.records.count
                seen.dropped += before.tally.droppedFields
            }
        }
        // The population reaches every branch the rules have (else the comparison proves little).
        #expect(seen.protected > 200 && seen.missing > 50 && seen.delivered > 2_000 && seen.dropped > 100, "\(seen)")
    }

    @Test(arguments: 0..<4)
    func changeEntriesDecideAsBefore(seed: Int) {
        var random = RandomAnswers(seed: UInt64(seed + 100), today: Self.days[seed % 2])
        for _ in 0..<40 {
            let rules = random.rules()
            let reference = ReferenceDisclosureRules(groups: rules.groups, purpose: rules.purpose, today: rules.today)
            for _ in 0..<50 {
                let change = random.change()
                let prior = random.pick([ProtectionKnowledge.protected, .notProtected, .unknown])
                let now = rules.disclose(change, prior: prior)
                let (isProtected, before) = reference.discloseRecords(of: change, prior: prior)
                #expect(now.isProtected == isProtected)
                #expect(now.records == before.records, "\(change)")
                #expect(now.withheld == before.withheld, "\(change)")
                #expect(now.tally == before.tally, "\(change)")
            }
        }
    }

    @Test func everyRuleIsReached() {
        var random = RandomAnswers(seed: 7, today: Self.days[0])
        var tally = WithholdingTally()
        for _ in 0..<200 {
            let rules = random.rules()
            for _ in 0..<20 { tally.add(rules.disclose(random.person()).tally) }
        }
        let unreached = WithholdingRule.allCases.filter { tally[$0] == 0 && $0 != .contradictoryAnswer }
        #expect(unreached.isEmpty, "rules the random persons never reach: \(unreached)")
    }

    /// A record delivered unchanged is the parse's own (its field storage shared, not copied).
    @Test func unchangedRecordsShareTheirStorage() {
        let fields: [Field] = [.text("etunimi", "Aino"), .text("sukunimi", "Testinen")]
        let person = Person(hetu: TestHetu.born(CivilDate(year: 2016, month: 5, day: 1)!),
                            records: [Record(group: .henkilonNimi, fields: fields),
                                      Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", "false")])])
        let rules = DisclosureRules(groups: [.henkilonNimi], purpose: .perusopetus, today: Self.days[0])
        let delivered = rules.disclose(person).records
        #expect(delivered.count == 1)
        #expect(delivered[0].fields.withUnsafeBufferPointer { $0.baseAddress }
            == person.records[0].fields.withUnsafeBufferPointer { $0.baseAddress })
    }
}

/// The sanitiser finds a field's spec from where the last one matched: that is the first spec
/// of that name only because names are unique within every spec.
@Suite struct GroupSchemaNamesTests {
    static func specs(_ spec: [FieldSpec]) -> [[FieldSpec]] {
        [spec] + spec.flatMap { field -> [[FieldSpec]] in
            switch field.kind {
            case .list(_, let inner), .composite(let inner): specs(inner)
            default: []
            }
        }
    }

    @Test func namesAreUniqueWithinEverySpec() {
        for (group, spec) in GroupSchema.table {
            for inner in Self.specs(spec) {
                let names = inner.map(\.name)
                #expect(Set(names).count == names.count, "\(group): \(names)")
            }
        }
        let stub = FieldSpec.stubFields.map(\.name)
        #expect(Set(stub).count == stub.count)
    }
}
