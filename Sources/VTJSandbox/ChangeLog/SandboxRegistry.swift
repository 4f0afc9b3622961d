import Synchronization
import VTJCore

/// The live register behind the sandbox: current basic data, the change log and the hidden clock.
///
/// Thread-safe; the server and tests share one. Time moves only when asked (``advance(days:)``,
/// the admin endpoint, or the server's optional ticker), so runs are reproducible.
public final class SandboxRegistry: Sendable {
    /// The generated population (the state on its reference date).
    public let population: SandboxPopulation
    /// Changes generated per simulated day.
    public let changesPerDay: Int
    private let state: Mutex<RegistryState>

    /// - Parameters:
    ///   - baseKey: the log key before the first change (above 2^32, like the real interface).
    ///   - changesPerDay: nil = one per 400 persons, at least 4.
    public init(population: SandboxPopulation, baseKey: Int64 = 5_446_623_423, changesPerDay: Int? = nil) {
        self.population = population
        self.changesPerDay = changesPerDay ?? max(4, population.size / 400)
        self.state = Mutex(RegistryState(population: population, baseKey: baseKey))
    }

    /// Runs `body` with the state locked (internal queries).
    func withState<T: Sendable>(_ body: (inout RegistryState) -> T) -> T { state.withLock { body(&$0) } }

    /// The sandbox's today.
    public var today: CivilDate { state.withLock { $0.today } }

    /// The newest log key.
    public var latestKey: Int64 { state.withLock { $0.log.latestKey } }

    /// Number of change entries logged.
    public var changeCount: Int { state.withLock { $0.log.count } }

    /// Entries logged so far, by kind.
    public var changeCountsByKind: [SandboxEventKind: Int] { state.withLock { $0.log.countsByKind } }

    /// Moves today forward by `days`, generating each day's changes. Returns the new today.
    @discardableResult
    public func advance(days: Int) -> CivilDate {
        state.withLock { state in
            state.advance(days: days, perDay: changesPerDay)
            return state.today
        }
    }

    /// Makes one change happen to one person now (tests use this to see each kind on its own).
    /// Returns the keys of the entries it logged; empty when the change does not fit the person.
    @discardableResult
    public func apply(_ kind: SandboxEventKind, hetu: String) -> [Int64] {
        state.withLock { state in
            guard let index = state.index(of: hetu) else { return [] }
            let before = state.log.latestKey
            var random = SeededGenerator(seed: population.seed, stream: UInt64(bitPattern: state.log.latestKey))
            guard state.apply(kind, to: index, random: &random) else { return [] }
            return state.log.entries.filter { $0.key > before }.map(\.key)
        }
    }

    /// The current henkilötunnus of a person known by an older (corrected) one, or itself.
    public func currentHetu(of hetu: String) -> String? {
        state.withLock { state in
            if let index = state.index(of: hetu) { return state.hetu(index) }
            for (index, _) in state.correctedHetu where state.person(index).records(.henkilotunnusKorjaus)
                .contains(where: { $0.list("edellisetHenkilotunnukset").contains { $0.first?.value.plainText == hetu } }) {
                return state.hetu(index)
            }
            if let index = (0..<population.size).first(where: { population.previousHetu(at: $0) == hetu }) {
                return state.hetu(index)
            }
            return nil
        }
    }

    /// The current data of a person (every group, uncensored), or nil when the code finds no one.
    public func person(hetu: String) -> Person? {
        let found: (Int, String, [Record]?)? = state.withLock { state in
            state.index(of: hetu).map { ($0, state.hetu($0), state.overlay[$0]) }
        }
        guard let (index, current, overlay) = found else { return nil }
        return Person(hetu: current, records: overlay ?? population.person(at: index).records)
    }

    /// The current henkilötunnus of the person an earlier, corrected code belonged to; nil when
    /// `old` was never anyone's earlier code (the SOAP wire answers such a code as passive).
    public func activeHetu(replacing old: String) -> String? {
        state.withLock { state in
            (state.replacedBy[old] ?? population.index(ofPrevious: old)).map { state.hetu($0) }
        }
    }

    /// `kirjausavain`: the log key at the start of `day`.
    public func logKey(atStartOf day: CivilDate) -> Int64 { state.withLock { $0.log.key(atStartOf: day) } }

    /// Current henkilötunnus of persons of every kind in `kinds` and none in `excluded`, as of today.
    public func hetus(where kinds: Set<SandboxPersonKind>, excluding excluded: Set<SandboxPersonKind> = [], limit: Int = .max) -> [String] {
        let (today, overlay, corrected) = state.withLock { ($0.today, $0.overlay, $0.correctedHetu) }
        let licensed = population.licensedMunicipality
        var found: [String] = []
        for index in 0..<population.size where found.count < limit {
            let person = Person(
                hetu: corrected[index] ?? population.hetu(at: index),
                records: overlay[index] ?? population.person(at: index).records)
            if kinds.allSatisfy({ $0.matches(person, on: today, licensedMunicipality: licensed) }),
               !excluded.contains(where: { $0.matches(person, on: today, licensedMunicipality: licensed) }) {
                found.append(person.hetu)
            }
        }
        return found
    }

    /// Convenience for one kind.
    public func hetus(where kind: SandboxPersonKind, limit: Int = .max) -> [String] { hetus(where: [kind], limit: limit) }
}
