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
    /// ``granted`` as ``ProductGroupRule`` bits: the per-record test.
    private let grantedBits: UInt64
    /// What a protected person's / a person of unknown protection's result marks withheld before
    /// any record is read (the granted address and whereabouts groups), and those groups' bits.
    private let shelteredWhenProtected: [WithheldGroup]
    private let shelteredWhenUnknown: [WithheldGroup]
    private let shelteredBits: UInt64

    public init(groups: [GroupName], purpose: Purpose, today: CivilDate) {
        let productOnly = Set(groups).intersection(GroupName.productGroups)
        self.groups = GroupName.productGroupsInOrder.filter(productOnly.contains)
        self.granted = productOnly
        self.grantedBits = ProductGroupRule.bits(of: productOnly)
        self.purpose = purpose
        self.today = today
        let address = Self.addressGroups.filter(productOnly.contains)
        let whereabouts = Self.whereaboutsGroups.filter(productOnly.contains)
        self.shelteredWhenProtected = address.map { WithheldGroup(group: $0, rule: .turvakielto) }
            + whereabouts.map { WithheldGroup(group: $0, rule: .turvakieltoWhereabouts) }
        self.shelteredWhenUnknown = (address + whereabouts).map { WithheldGroup(group: $0, rule: .turvakieltoUnknown) }
        self.shelteredBits = ProductGroupRule.bits(of: address + whereabouts)
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
        let (protected, missing) = TurvakieltoReading.judge(person, on: today)
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
        /// The ``ProductGroupRule`` bits of the groups in ``withheld`` (only product groups are marked).
        var marked: UInt64 = 0

        mutating func mark(_ group: GroupName, bit: UInt64, _ rule: WithholdingRule) {
            guard rule.isMarkedInResult, marked & bit == 0 else { return }
            marked |= bit
            withheld.append(WithheldGroup(group: group, rule: rule))
        }
    }

    /// The person's age, read on first need: most records need no age, and reading the
    /// henkilötunnus (or SYNTYMAPAIVA) for every person cost more than the rules for some.
    struct LazyAge {
        let hetu: String
        let records: [Record]
        private var known: Int??

        init(hetu: String, records: [Record]) {
            self.hetu = hetu
            self.records = records
        }

        mutating func value(_ rules: DisclosureRules) -> Int? {
            if let known { return known }
            let age = rules.personAge(hetu: hetu, records: records)
            known = .some(age)
            return age
        }
    }

    func apply(_ records: [Record], hetu: String, protection: Protection) -> Outcome {
        var outcome = Outcome()
        var age = LazyAge(hetu: hetu, records: records)
        switch protection {
        case .protected: outcome.withheld = shelteredWhenProtected
        case .unknown: outcome.withheld = shelteredWhenUnknown
        case .notProtected: break
        }
        if protection != .notProtected { outcome.marked = shelteredBits }
        // The delivered records: nil while every record so far is delivered as received, so that
        // a person whose records all pass shares the parse's array instead of copying it.
        var delivered: [Record]?
        for (index, record) in records.enumerated() {
            let rule = ProductGroupRule.of(record.group)
            if let withholding = decide(record, rule: rule, protection: protection, age: &age) {
                outcome.tally.count(withholding)
                if let rule { outcome.mark(record.group, bit: rule.bit, withholding) }
                Self.startCopy(&delivered, of: records, upTo: index)
                continue
            }
            guard let spec = rule?.spec else {
                outcome.tally.count(.notProductGroup)
                Self.startCopy(&delivered, of: records, upTo: index)
                continue
            }
            // A record that passes has no censoring placeholder (``decide``), so with its fields
            // unchanged it is the record delivered.
            let (fields, dropped) = RecordSanitiser.sanitise(record.fields, spec: spec)
            if dropped == 0 {
                delivered?.append(record)
            } else {
                outcome.tally.droppedFields += dropped
                Self.startCopy(&delivered, of: records, upTo: index)
                delivered!.append(Record(group: record.group, change: record.change, fields: fields))
            }
        }
        outcome.records = delivered ?? records
        return outcome
    }

    /// Starts the delivered list as a copy of the records before `index` (all delivered as received).
    private static func startCopy(_ delivered: inout [Record]?, of records: [Record], upTo index: Int) {
        guard delivered == nil else { return }
        var copy: [Record] = []
        copy.reserveCapacity(records.count - 1)
        copy.append(contentsOf: records[..<index])
        delivered = copy
    }

    /// The first rule that withholds `record` (of group rule `rule`, nil outside the product),
    /// or nil when it may be delivered; `age` is read only by the rules that need it.
    func decide(_ record: Record, rule: ProductGroupRule?, protection: Protection, age: inout LazyAge) -> WithholdingRule? {
        guard let rule else { return .notProductGroup }
        guard grantedBits & rule.bit != 0 else { return .notGranted }
        if rule.shelter != .none {
            switch protection {
            case .protected: return rule.shelter == .address ? .turvakielto : .turvakieltoWhereabouts
            case .unknown: return .turvakieltoUnknown
            case .notProtected: break
            }
        }
        if record.isCensoredPlaceholder { return .censoringPlaceholder }
        switch rule.check {
        case .guardian:
            guard let age = age.value(self), age < 18 else { return .guardianOfAdult }
        case .dependant:
            guard let birth = record.stub("huollettava")?.birthDate else { return .dependantAgeUnknown }
            if birth.age(on: today) >= 18 { return .dependantAdult }
        case .religion:
            guard let age = age.value(self), age < 18 else { return .religionNotMinor }
            if !Purpose.religionPurposes.contains(purpose) { return .religionPurpose }
        case .relationship:
            if record.hasEnded(on: today) { return .endedRelationship }
        case .none:
            break
        }
        return nil
    }

    /// Age on the processing day from the henkilötunnus, else from SYNTYMAPAIVA; nil when neither is readable.
    func personAge(hetu: String, records: [Record]) -> Int? {
        if let birth = Henkilotunnus.validBirthDate(hetu) { return birth.age(on: today) }
        let birth = records.lazy.filter { $0.group == .syntymapaiva && !$0.isCensoredPlaceholder }
            .compactMap { $0.date("syntymapv") }.first
        return birth?.age(on: today)
    }
}
