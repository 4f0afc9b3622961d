import VTJCore

/// A deterministic synthetic population: the same size, seed, reference date and licensed
/// municipality always give the same persons, byte for byte.
///
/// Persons are built on demand from their index (only the henkilötunnus table is generated up
/// front), so 100,000 persons take seconds and a million stay feasible. Every henkilötunnus is a
/// test code (individual number 900–999). Indices 0–23 are a fixed showcase holding every case.
public struct SandboxPopulation: Sendable {
    /// Number of persons (indices `0..<size`).
    public let size: Int
    /// Seed of every generated value.
    public let seed: UInt64
    /// The day the generated data describes ("today" for ages, guardianships and bans).
    public let referenceDate: CivilDate
    /// The municipality the sandbox's credentials are licensed for (`kuntarajaus`).
    public let licensedMunicipality: String

    let planner: HouseholdPlanner
    let identities: IdentityTable
    let builder: RecordBuilder

    /// Generates the henkilötunnus table; records are produced lazily by ``person(at:)``.
    public init(size: Int = 3000, seed: UInt64 = 1, referenceDate: CivilDate, licensedMunicipality: String = "091") {
        self.size = max(0, size)
        self.seed = seed
        self.referenceDate = referenceDate
        self.licensedMunicipality = licensedMunicipality
        let planner = HouseholdPlanner(
            size: self.size, hash: SeededHash(seed: seed), referenceDate: referenceDate,
            licensedMunicipality: licensedMunicipality)
        self.planner = planner
        let identities = IdentityTable(size: self.size, planner: planner)
        self.identities = identities
        self.builder = RecordBuilder(planner: planner, identities: identities)
    }

    /// The henkilötunnus of the person at `index` (as generated; corrections change it later).
    public func hetu(at index: Int) -> String { identities.hetus[index] }

    /// Every generated henkilötunnus, by index.
    public var hetus: [String] { identities.hetus }

    /// The index of a generated henkilötunnus.
    public func index(of hetu: String) -> Int? { identities.indexByHetu[hetu] }

    /// The earlier henkilötunnus of a person whose code was corrected before the reference date.
    public func previousHetu(at index: Int) -> String? { identities.previousHetus[index] }

    /// The index of the person whose earlier (corrected) code this is.
    func index(ofPrevious hetu: String) -> Int? { identities.indexByPreviousHetu[hetu] }

    /// The person at `index` as the register holds them on the reference date, every group.
    public func person(at index: Int) -> Person {
        guard index >= 0, index < size, let sketch = planner.sketch(index) else { return Person(hetu: "") }
        return Person(hetu: hetu(at: index), records: SandboxPopulation.ordered(builder.records(for: sketch)))
    }

    /// The person with this generated henkilötunnus.
    public func person(hetu: String) -> Person? { index(of: hetu).map(person(at:)) }

    /// Whether the generated person lives in the licensed municipality and is alive.
    public func isResident(at index: Int) -> Bool {
        guard let sketch = planner.sketch(index) else { return false }
        return sketch.isAlive && !sketch.isAbroad && sketch.municipality == licensedMunicipality
    }

    /// Records sorted into the product's group order (stable inside a group).
    static func ordered(_ records: [Record]) -> [Record] {
        let rank = SandboxPopulation.groupRank
        return records.enumerated().sorted { a, b in
            let ra = rank[a.element.group] ?? Int.max, rb = rank[b.element.group] ?? Int.max
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    static let groupRank: [GroupName: Int] = Dictionary(
        uniqueKeysWithValues: GroupName.productGroupsInOrder.enumerated().map { ($0.element, $0.offset) })
}
