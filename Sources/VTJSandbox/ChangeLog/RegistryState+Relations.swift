import VTJCore

extension RegistryState {
    /// A court-appointed guardian (another living adult) for a minor: one entry for each of them.
    mutating func appointGuardian(for child: Int, random: inout SeededGenerator) -> Bool {
        var guardian: Int?
        for _ in 0..<200 {
            let candidate = random.below(population.size)
            let records = records(candidate)
            let age = records.first { $0.group == .syntymapaiva }?.date("syntymapv")?.age(on: today) ?? 0
            if candidate != child, age >= 25, !RegistryState.isDead(records) { guardian = candidate; break }
        }
        guard let guardian, let born = records(child).first(where: { $0.group == .syntymapaiva })?.date("syntymapv") else { return false }
        func link(_ group: GroupName, _ field: String, other: Int) -> Record {
            Record(group: group, fields: [
                stub(field, of: other), .text("huoltajanLaji", "MAARATTY_HUOLTAJA"), .text("huoltajanRooli", "MUU_HUOLTAJA"),
                .date("huoltosuhteenAlkupv", PartialDate(today)), .date("huoltosuhteenLoppupv", PartialDate(born.adding(years: 18))),
            ])
        }
        let onChild = link(.huoltaja, "huoltaja", other: guardian)
        let onGuardian = link(.huollettava, "huollettava", other: child)
        for (index, record) in [(child, onChild), (guardian, onGuardian)] {
            let before = records(index)
            overlay[index] = before + [record]
            log(.newGuardianship, index: index, records: [record.marked(.added)],
                wasResident: RegistryState.isResident(before, licensed: licensed), random: &random)
        }
        return true
    }

    /// A new henkilötunnus for the same person, announced under the old one.
    mutating func correctHetu(of index: Int, random: inout SeededGenerator) {
        let old = hetu(index)
        guard let code = try? Henkilotunnus(old) else { return }
        let state = self
        let new = IdentityTable.allocate(
            birth: code.birthDate, sex: code.sex, subject: Int(random.next() >> 2), hash: population.planner.hash, purpose: 0xE1,
            isTaken: { $0 == old || state.index(of: $0) != nil || state.retiredHetus.contains($0) || state.population.index(of: $0) != nil })
        var now = records(index)
        var earlier = now.first { $0.group == .henkilotunnusKorjaus }?.list("edellisetHenkilotunnukset").compactMap { $0.first?.value.plainText } ?? []
        earlier.append(old)
        let record = Record(group: .henkilotunnusKorjaus, fields: [
            .text("voimassaolo", "AKTIIVI"), .text("muutettuHenkilotunnus", old), .text("aktiivinenHenkilotunnus", new),
            .composite("edellisetHenkilotunnukset", earlier.map { .text("henkilotunnus", $0) }),
        ])
        let wasResident = RegistryState.isResident(now, licensed: licensed)
        now.removeAll { $0.group == .henkilotunnusKorjaus }
        now.insert(record, at: 0)
        overlay[index] = now
        let name = now.first { $0.group == .henkilonNimi }.map { [$0.marked(.context)] } ?? []
        log(.hetuCorrection, index: index, hetu: old, records: [record.marked(.added)] + name, wasResident: wasResident, random: &random)
        retiredHetus.insert(old)
        replacedBy[old] = index
        indexOfCorrected[old] = nil
        correctedHetu[index] = new
        indexOfCorrected[new] = index
    }

    /// Moves the sandbox's today forward, generating a day's changes for each day passed.
    mutating func advance(days: Int, perDay: Int) {
        for _ in 0..<max(0, days) {
            today = today.adding(days: 1)
            let dayNumber = today.daysSinceEpoch
            var random = SeededGenerator(seed: population.seed, stream: UInt64(bitPattern: Int64(dayNumber)))
            let kinds = SandboxEventKind.allCases
            for n in 0..<max(1, perDay) {
                // Each day starts with the next kind in turn, so every kind shows up within a few days.
                let kind = n == 0 ? kinds[((dayNumber % kinds.count) + kinds.count) % kinds.count] : kinds[random.below(kinds.count)]
                for _ in 0..<60 {
                    let candidate = kind == .turvakieltoEnd ? protectedCandidate(&random) : random.below(population.size)
                    if let candidate, apply(kind, to: candidate, random: &random) { break }
                }
            }
        }
    }

    /// Someone under turvakielto (they are rare, so a random pick seldom finds one).
    private func protectedCandidate(_ random: inout SeededGenerator) -> Int? {
        if !bannedByChange.isEmpty, random.chance(0.5) {
            let index = bannedByChange[random.below(bannedByChange.count)]
            if isEligible(.turvakieltoEnd, index) { return index }
        }
        let start = random.below(max(1, population.size))
        for step in 0..<min(population.size, 5000) {
            let index = (start + step) % population.size
            let protected = overlay[index].map { Person(hetu: "", records: $0).isUnderTurvakielto(on: today) }
                ?? (population.planner.sketch(index)?.turvakielto ?? false)
            if protected { return index }
        }
        return bannedByChange.first
    }
}
