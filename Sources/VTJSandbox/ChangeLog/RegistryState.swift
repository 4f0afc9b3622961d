import VTJCore

/// The register as it stands now: the generated population plus every change since, the
/// henkilötunnus corrections, the change log and the sandbox's own "today".
struct RegistryState: Sendable {
    let population: SandboxPopulation
    var today: CivilDate
    /// Current records of persons changed since generation (others are generated on demand).
    var overlay: [Int: [Record]] = [:]
    /// Current henkilötunnus of persons whose code was corrected.
    var correctedHetu: [Int: String] = [:]
    var indexOfCorrected: [String: Int] = [:]
    /// Codes replaced by a correction: they no longer find anyone.
    var retiredHetus: Set<String> = []
    /// Whose each code replaced by a correction was.
    var replacedBy: [String: Int] = [:]
    var log: SandboxChangeLog
    /// Persons whose ban was started by a change (cheap candidates for a ban ending).
    var bannedByChange: [Int] = []
    /// Minutes into the current day of the last entry, so `muutospv` grows with the key.
    var minuteOfDay = 0
    var logDay: CivilDate?

    init(population: SandboxPopulation, baseKey: Int64) {
        self.population = population
        self.today = population.referenceDate
        self.log = SandboxChangeLog(baseKey: baseKey)
    }

    var licensed: String { population.licensedMunicipality }

    func hetu(_ index: Int) -> String { correctedHetu[index] ?? population.hetu(at: index) }

    func index(of hetu: String) -> Int? {
        if let index = indexOfCorrected[hetu] { return index }
        guard !retiredHetus.contains(hetu) else { return nil }
        return population.index(of: hetu)
    }

    func records(_ index: Int) -> [Record] { overlay[index] ?? population.person(at: index).records }

    func person(_ index: Int) -> Person { Person(hetu: hetu(index), records: records(index)) }

    static func isDead(_ records: [Record]) -> Bool {
        records.contains { $0.group == .kuolinpaiva || $0.group == .kuolleeksijulistamispaiva }
    }

    static func homeMunicipality(_ records: [Record]) -> String? {
        records.first { $0.group == .kotikunta && $0.change == nil }?.text("kuntakoodi")
    }

    /// Alive with the licensed municipality as home municipality.
    func isResident(_ index: Int) -> Bool {
        guard let records = overlay[index] else { return population.isResident(at: index) }
        return RegistryState.isResident(records, licensed: licensed)
    }

    static func isResident(_ records: [Record], licensed: String) -> Bool {
        !isDead(records) && homeMunicipality(records) == licensed
    }

    /// A person stub from current records, as relatives' records carry it.
    func stub(_ name: String, of index: Int) -> Field {
        let records = records(index)
        let names = records.first { $0.group == .henkilonNimi }
        var fields: [Field] = [.text("henkilotunnus", hetu(index))]
        if let first = names?.text("etunimi") { fields.append(.text("etunimet", first)) }
        if let last = names?.text("sukunimi") { fields.append(.text("sukunimi", last)) }
        if let born = records.first(where: { $0.group == .syntymapaiva })?.date("syntymapv") {
            fields.append(.date("syntymapv", PartialDate(born)))
        }
        if let sex = records.first(where: { $0.group == .sukupuoli })?.text("sukupuoli") { fields.append(.text("sukupuoli", sex)) }
        return .composite(name, fields)
    }

    /// Adds an entry with the next key and a `muutospv` later than the previous one.
    mutating func log(_ kind: SandboxEventKind, index: Int, hetu: String? = nil, records: [Record], wasResident: Bool, random: inout SeededGenerator) {
        if logDay != today {
            logDay = today
            minuteOfDay = 6 * 60
        }
        minuteOfDay = min(minuteOfDay + 1 + random.below(9), 23 * 60 + 59)
        let hh = minuteOfDay / 60, mm = minuteOfDay % 60
        let stamp = "\(today)T\(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm):00.000Z"
        let now = self.records(index)
        log.append(LogEntry(
            key: log.latestKey + 1 + Int64(random.below(3)), day: today, kind: kind, index: index,
            hetu: hetu ?? self.hetu(index), muutospv: stamp, records: records,
            protectedAfter: Person(hetu: "", records: now).isUnderTurvakielto(on: today),
            visibleToMunicipality: wasResident || RegistryState.isResident(now, licensed: licensed)))
    }
}

extension Record {
    /// A copy marked with a change attribute, optionally ended on `until` (`loppupv`).
    func marked(_ change: ChangeAttribute, until: CivilDate? = nil) -> Record {
        var copy = self
        copy.change = change
        if let until {
            copy.fields.removeAll { $0.name == "loppupv" }
            copy.fields.append(.date("loppupv", PartialDate(until)))
        }
        return copy
    }
}
