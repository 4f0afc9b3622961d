/// The one place every record passes before it may leave for a department (drop contract, section 4).
///
/// Pure: "today" is the processing day in Finnish time, passed in by the runtime.
public struct DisclosureRules: Hashable, Sendable {
    /// Groups granted to the request, in the product's order.
    public let groups: [GroupName]
    public let purpose: Purpose
    /// The processing day (Europe/Helsinki); ages and end dates are judged on it.
    public let today: CivilDate
    private let granted: Set<GroupName>

    public init(groups: [GroupName], purpose: Purpose, today: CivilDate) {
        let productOnly = Set(groups).intersection(GroupName.productGroups)
        self.groups = GroupName.productGroupsInOrder.filter(productOnly.contains)
        self.granted = productOnly
        self.purpose = purpose
        self.today = today
    }

    /// Rules for an authorised request.
    public init(authorisation: DropAuthorisation, today: CivilDate) {
        self.init(groups: authorisation.groups, purpose: authorisation.purpose, today: today)
    }

    /// Address groups withheld under turvakielto: the seed's five (section 6).
    public static let addressGroups: [GroupName] = GroupName.censoredUnderTurvakielto

    /// Other whereabouts, withheld under turvakielto too (stricter than the seed; docs/disclosure-rules.md):
    /// former residences, and the countries moved to or from, which give away the censored residence abroad.
    public static let whereaboutsGroups: [GroupName] = [
        .edellinenKotimainenAsuinpaikkatunnus, .entinenOlinpaikassaAsuminen, .entinenUlkomaillaAsuminen,
        .valtioJohonMuuttanut, .valtioJostaMuuttanut,
    ]

    /// Every group withheld while turvakielto is in force: the seed's five, then the other whereabouts.
    public static var protectedGroups: [GroupName] { addressGroups + whereaboutsGroups }

    /// Groups to ask the interface for: the granted ones plus TURVAKIELTO, which the rules always
    /// need to judge the person (it is delivered only when granted).
    public var interfaceGroups: [GroupName] {
        GroupName.productGroupsInOrder.filter { granted.contains($0) || $0 == .turvakielto }
    }

    /// Applies every rule to one person of a basic-data response.
    ///
    /// A person without any TURVAKIELTO record counts as protected: the rules always ask for the
    /// group (``interfaceGroups``) and the interface always delivers it, so its absence means "not
    /// delivered", never "no ban" (fail closed; the receipt counts it as `turvakielto-puuttui`).
    public func disclose(_ person: Person) -> PersonDisclosure {
        let protected = TurvakieltoReading.protects(person, on: today)
        let missing = !protected && !person.records.contains { $0.group == .turvakielto }
        let protection: Protection = protected ? .protected : missing ? .unknown : .notProtected
        let outcome = apply(person.records, hetu: person.hetu, protection: protection)
        return PersonDisclosure(hetu: person.hetu, isProtected: protected || missing, records: outcome.records,
                                withheld: outcome.withheld, tally: outcome.tally,
                                failedClosed: missing ? .turvakieltoMissing : nil)
    }

    /// A person the interface answered more than once with different content (``AnswerLedger``):
    /// no copy can be trusted, so the person counts as protected and nothing but the hetu is
    /// delivered; every granted group is marked withheld. `records` counts the copy at hand.
    public func discloseContradicted(hetu: String, records: Int) -> PersonDisclosure {
        var tally = WithholdingTally()
        if records > 0 { tally.count(.contradictoryAnswer, records) }
        return PersonDisclosure(hetu: hetu, isProtected: true, records: [],
                                withheld: groups.map { WithheldGroup(group: $0, rule: .contradictoryAnswer) },
                                tally: tally, failedClosed: .contradictoryAnswer)
    }

    // MARK: - Shared by basic data and changes

    enum Protection { case protected, notProtected, unknown }

    struct Outcome {
        var records: [Record] = []
        var withheld: [WithheldGroup] = []
        var tally = WithholdingTally()

        mutating func mark(_ group: GroupName, _ rule: WithholdingRule) {
            guard rule.isMarkedInResult, !withheld.contains(where: { $0.group == group }) else { return }
            withheld.append(WithheldGroup(group: group, rule: rule))
        }
    }

    func apply(_ records: [Record], hetu: String, protection: Protection) -> Outcome {
        var outcome = Outcome()
        let age = personAge(hetu: hetu, records: records)
        if protection != .notProtected {
            let rule: WithholdingRule = protection == .protected ? .turvakielto : .turvakieltoUnknown
            for group in Self.addressGroups where granted.contains(group) { outcome.mark(group, rule) }
            let other: WithholdingRule = protection == .protected ? .turvakieltoWhereabouts : .turvakieltoUnknown
            for group in Self.whereaboutsGroups where granted.contains(group) { outcome.mark(group, other) }
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
            let (fields, dropped) = RecordSanitiser.sanitise(record.fields, spec: spec)
            outcome.tally.droppedFields += dropped
            outcome.records.append(Record(group: record.group, change: record.change, fields: fields))
        }
        return outcome
    }

    /// The first rule that withholds `record`, or nil when it may be delivered.
    func decide(_ record: Record, protection: Protection, age: Int?) -> WithholdingRule? {
        let group = record.group
        guard group.isProductGroup else { return .notProductGroup }
        guard granted.contains(group) else { return .notGranted }
        if Self.addressGroups.contains(group) || Self.whereaboutsGroups.contains(group) {
            switch protection {
            case .protected:
                return Self.addressGroups.contains(group) ? .turvakielto : .turvakieltoWhereabouts
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

    /// Age on the processing day from the henkilötunnus, else from SYNTYMAPAIVA; nil when neither is readable.
    func personAge(hetu: String, records: [Record]) -> Int? {
        if let code = try? Henkilotunnus(hetu) { return code.age(on: today) }
        let birth = records.lazy.filter { $0.group == .syntymapaiva && !$0.isCensoredPlaceholder }
            .compactMap { $0.date("syntymapv") }.first
        return birth?.age(on: today)
    }
}
