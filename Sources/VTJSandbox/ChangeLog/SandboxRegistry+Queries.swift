import VTJCore

extension SandboxRegistry {
    /// Basic data for a hetu list: any municipality, deceased included, unknown codes left out,
    /// each person once, narrowed to `groups` when given.
    public func basicData(hetus: [String], groups: Set<GroupName>?, censor: Bool) -> [Person] {
        var seen: Set<String> = []
        var persons: [Person] = []
        for hetu in hetus where seen.insert(hetu).inserted {
            guard let person = person(hetu: hetu) else { continue }
            persons.append(deliver(person, groups: groups, censor: censor))
        }
        return persons
    }

    /// One page of the licensed municipality's living residents, from index `start` on.
    /// Returns the index to continue from, or nil on the last page.
    public func municipalPage(from start: Int, limit: Int, groups: Set<GroupName>?, censor: Bool) -> (persons: [Person], next: Int?) {
        let (overlay, corrected) = withState { ($0.overlay, $0.correctedHetu) }
        let licensed = population.licensedMunicipality
        var persons: [Person] = []
        var index = max(0, start)
        while index < population.size {
            defer { index += 1 }
            let resident = overlay[index].map { RegistryState.isResident($0, licensed: licensed) } ?? population.isResident(at: index)
            guard resident else { continue }
            let person = Person(
                hetu: corrected[index] ?? population.hetu(at: index),
                records: overlay[index] ?? population.person(at: index).records)
            persons.append(deliver(person, groups: groups, censor: censor))
            if persons.count >= max(1, limit) { break }
        }
        return (persons, index < population.size ? index : nil)
    }

    /// One page of changes after `key`: for a hetu list by the code they were delivered under,
    /// for `kuntarajaus` those of residents (before or after each change).
    public func changes(after key: Int64, restriction: Restriction, limit: Int, censor: Bool) -> (changes: [Change], page: MuutoksetPageInfo) {
        let result = withState { state in
            switch restriction {
            case .hetulista(let hetus):
                let wanted = Set(hetus)
                return state.log.page(after: key, limit: limit) { wanted.contains($0.hetu) }
            case .kuntarajaus:
                return state.log.page(after: key, limit: limit) { $0.visibleToMunicipality }
            }
        }
        let changes = result.entries.map { entry in
            censor && entry.protectedAfter ? SandboxCensor.censor(entry.change) : entry.change
        }
        return (changes, MuutoksetPageInfo(logKey: result.key, upToDate: result.upToDate))
    }

    private func deliver(_ person: Person, groups: Set<GroupName>?, censor: Bool) -> Person {
        var out = person
        if let groups { out.records = person.records.filter { groups.contains($0.group) } }
        // The interface always delivers TURVAKIELTO when asked (JSON wire §5): "no ban" is said, not left out.
        if groups?.contains(.turvakielto) ?? true, !out.records.contains(where: { $0.group == .turvakielto }) {
            out.records.append(Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", "false")]))
        }
        if censor, person.isUnderTurvakielto(on: today) { out = SandboxCensor.censor(out, groups: groups) }
        return out
    }
}
