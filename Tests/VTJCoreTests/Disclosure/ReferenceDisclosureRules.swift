@testable import VTJCore

/// The disclosure rules as they were before issue 15's fifth round (d68b43c), kept verbatim as
/// the differential tests' oracle: the rewritten rules must decide, mark, count and deliver
/// exactly as these do for every person and change entry.
struct ReferenceDisclosureRules {
    let groups: [GroupName]
    let purpose: Purpose
    let today: CivilDate
    let granted: Set<GroupName>

    init(groups: [GroupName], purpose: Purpose, today: CivilDate) {
        let productOnly = Set(groups).intersection(GroupName.productGroups)
        self.groups = GroupName.productGroupsInOrder.filter(productOnly.contains)
        self.granted = productOnly
        self.purpose = purpose
        self.today = today
    }

    func disclose(_ person: Person) -> PersonDisclosure {
        let protected = person.records.contains { record in
            record.isCensoredPlaceholder || (record.group == .turvakielto && TurvakieltoReading.inForce(record, on: today))
        }
        let missing = !protected && !person.records.contains { $0.group == .turvakielto }
        let protection: DisclosureRules.Protection = protected ? .protected : missing ? .unknown : .notProtected
        let outcome = apply(person.records, hetu: person.hetu, protection: protection)
        return PersonDisclosure(hetu: person.hetu, isProtected: protected || missing, records: outcome.records,
                                withheld: outcome.withheld, tally: outcome.tally,
                                failedClosed: missing ? .turvakieltoMissing : nil)
    }

    /// The change path's record handling with the protection the (unchanged) change code derives.
    func discloseRecords(of change: Change, prior: ProtectionKnowledge) -> (isProtected: Bool, outcome: Outcome) {
        let statement = TurvakieltoReading.statement(in: change, on: today)
        let censored = change.records.contains(where: \.isCensoredPlaceholder)
        let protection: DisclosureRules.Protection
        if statement == true || censored {
            protection = .protected
        } else if statement == false {
            protection = .notProtected
        } else {
            switch prior {
            case .protected: protection = .protected
            case .notProtected: protection = .notProtected
            case .unknown: protection = .unknown
            }
        }
        return (protection == .protected, apply(change.records, hetu: change.hetu, protection: protection))
    }

    struct Outcome {
        var records: [Record] = []
        var withheld: [WithheldGroup] = []
        var tally = WithholdingTally()

        mutating func mark(_ group: GroupName, _ rule: WithholdingRule) {
            guard rule.isMarkedInResult, !withheld.contains(where: { $0.group == group }) else { return }
            withheld.append(WithheldGroup(group: group, rule: rule))
        }
    }

    func apply(_ records: [Record], hetu: String, protection: DisclosureRules.Protection) -> Outcome {
        var outcome = Outcome()
        let age = personAge(hetu: hetu, records: records)
        if protection != .notProtected {
            let rule: WithholdingRule = protection == .protected ? .turvakielto : .turvakieltoUnknown
            for group in DisclosureRules.addressGroups where granted.contains(group) { outcome.mark(group, rule) }
            let other: WithholdingRule = protection == .protected ? .turvakieltoWhereabouts : .turvakieltoUnknown
            for group in DisclosureRules.whereaboutsGroups where granted.contains(group) { outcome.mark(group, other) }
        }
        for record in records {
            if let rule = decide(record, protection: protection, age: age) {
                outcome.tally.count(rule)
                outcome.mark(record.group, rule)
                continue
            }
            guard let spec = GroupSchema.fields(of: record.group) else {
                outcome.tally.count(.notProductGroup)
                continue
            }
            let (fields, dropped) = Self.sanitise(record.fields, spec: spec)
            outcome.tally.droppedFields += dropped
            outcome.records.append(Record(group: record.group, change: record.change, fields: fields))
        }
        return outcome
    }

    func decide(_ record: Record, protection: DisclosureRules.Protection, age: Int?) -> WithholdingRule? {
        let group = record.group
        guard group.isProductGroup else { return .notProductGroup }
        guard granted.contains(group) else { return .notGranted }
        if DisclosureRules.addressGroups.contains(group) || DisclosureRules.whereaboutsGroups.contains(group) {
            switch protection {
            case .protected:
                return DisclosureRules.addressGroups.contains(group) ? .turvakielto : .turvakieltoWhereabouts
            case .unknown: return .turvakieltoUnknown
            case .notProtected: break
            }
        }
        if record.isCensoredPlaceholder { return .censoringPlaceholder }
        switch group {
        case .huoltaja:
            guard let age, age < 18 else { return .guardianOfAdult }
        case .huollettava:
            guard let birth = record.stub("huollettava")?.birthDate else { return .dependantAgeUnknown }
            if birth.age(on: today) >= 18 { return .dependantAdult }
        case .uskontokuntalaji:
            guard let age, age < 18 else { return .religionNotMinor }
            if !Purpose.religionPurposes.contains(purpose) { return .religionPurpose }
        case .avioliitto, .rekisteroityParisuhde, .asumusero:
            if record.hasEnded(on: today) { return .endedRelationship }
        default:
            break
        }
        return nil
    }

    func personAge(hetu: String, records: [Record]) -> Int? {
        if let code = try? Henkilotunnus(hetu) { return Self.birthDate(of: code.value).age(on: today) }
        let birth = records.lazy.filter { $0.group == .syntymapaiva && !$0.isCensoredPlaceholder }
            .compactMap { $0.date("syntymapv") }.first
        return birth?.age(on: today)
    }

    /// `Henkilotunnus.birthDate` as it was (read from an array of the bytes).
    static func birthDate(of value: String) -> CivilDate {
        let bytes = Array(value.utf8)
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1) - 0x30 } }
        let century = switch bytes[6] {
        case UInt8(ascii: "+"): 1800
        case UInt8(ascii: "A")...UInt8(ascii: "F"): 2000
        default: 1900
        }
        return CivilDate(year: century + number(4..<6), month: number(2..<4), day: number(0..<2))!
    }

    // MARK: - RecordSanitiser as it was

    static func sanitise(_ fields: [Field], spec: [FieldSpec]) -> (fields: [Field], dropped: Int) {
        var kept: [Field] = []
        var dropped = 0
        for field in fields {
            guard let fieldSpec = spec.first(where: { $0.name == field.name }),
                  let (value, lost) = conform(field.value, to: fieldSpec.kind)
            else {
                dropped += 1 + nestedCount(field.value)
                continue
            }
            kept.append(Field(field.name, value))
            dropped += lost
        }
        return (kept, dropped)
    }

    private static func conform(_ value: FieldValue, to kind: FieldSpec.Kind) -> (FieldValue, Int)? {
        switch (kind, value) {
        case (.text, .text), (.date, .date), (.date, .text), (.bilingual, .bilingual), (.bilingual, .text):
            return (value, 0)
        case (.stub, .composite(let children)):
            let (kept, lost) = sanitise(children, spec: FieldSpec.stubFields)
            return (.composite(kept), lost)
        case (.composite(let spec), .composite(let children)):
            let (kept, lost) = sanitise(children, spec: spec)
            return (.composite(kept), lost)
        case (.list(let item, let itemSpec), .composite(let children)):
            var items: [Field] = []
            var lost = 0
            for child in children {
                guard child.name == item, case .composite(let grandchildren) = child.value else {
                    lost += 1 + nestedCount(child.value)
                    continue
                }
                let (kept, itemLost) = sanitise(grandchildren, spec: itemSpec)
                items.append(Field(item, .composite(kept)))
                lost += itemLost
            }
            return (.composite(items), lost)
        case (.textList(let item), .composite(let children)):
            let kept = children.filter { child in
                if child.name == item, case .text = child.value { return true }
                return false
            }
            return (.composite(kept), children.count - kept.count)
        default:
            return nil
        }
    }

    private static func nestedCount(_ value: FieldValue) -> Int {
        guard case .composite(let children) = value else { return 0 }
        return children.reduce(0) { $0 + 1 + nestedCount($1.value) }
    }
}
