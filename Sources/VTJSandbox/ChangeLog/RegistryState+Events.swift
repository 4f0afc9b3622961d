import VTJCore

extension RegistryState {
    /// Whether `kind` can happen to the person at `index` today.
    func isEligible(_ kind: SandboxEventKind, _ index: Int) -> Bool {
        let records = records(index)
        guard !RegistryState.isDead(records) else { return false }
        let age = records.first { $0.group == .syntymapaiva }?.date("syntymapv")?.age(on: today) ?? 0
        let home = RegistryState.homeMunicipality(records)
        let hasAddress = records.contains { $0.group == .vakinainenKotimainenOsoite && $0.change == nil }
        let protected = Person(hetu: "", records: records).isUnderTurvakielto(on: today)
        switch kind {
        case .moveWithin: return hasAddress && home != nil
        case .moveOut: return hasAddress && home == licensed
        case .moveIn: return hasAddress && home != nil && home != licensed
        case .nameChange: return age >= 18
        case .turvakieltoStart: return !protected && hasAddress
        case .turvakieltoEnd: return protected
        case .death: return age >= 40
        case .newGuardianship: return age < 17
        case .hetuCorrection: return true
        }
    }

    /// Applies one change to the person at `index`; false when it does not fit them.
    @discardableResult
    mutating func apply(_ kind: SandboxEventKind, to index: Int, random: inout SeededGenerator) -> Bool {
        guard index >= 0, index < population.size, isEligible(kind, index) else { return false }
        let before = records(index)
        let wasResident = RegistryState.isResident(before, licensed: licensed)
        var now = before
        let yesterday = today.adding(days: -1)
        func current(_ group: GroupName) -> Record? { now.first { $0.group == group && $0.change == nil } }
        func replace(_ group: GroupName, with record: Record?) {
            now.removeAll { $0.group == group }
            if let record { now.append(record) }
        }
        switch kind {
        case .moveWithin, .moveOut, .moveIn:
            let oldHome = RegistryState.homeMunicipality(before) ?? licensed
            let code: String =
                switch kind {
                case .moveWithin: oldHome
                case .moveIn: licensed
                default: Municipalities.all.map(\.code).filter { $0 != licensed }[random.below(Municipalities.all.count - 1)]
                }
            let address = SandboxAddress(
                municipalityCode: code, subject: Int(random.next() >> 2), hash: population.planner.hash, purpose: 0xE0, since: today,
                protected: Person(hetu: "", records: before).isUnderTurvakielto(on: today))
            let oldAddress = current(.vakinainenKotimainenOsoite)
            let oldResidence = current(.vakinainenKotimainenAsuinpaikkatunnus)
            replace(.vakinainenKotimainenOsoite, with: address.addressRecord())
            replace(.vakinainenKotimainenAsuinpaikkatunnus, with: address.residenceRecord())
            var previous: Record?
            if var old = oldResidence {
                old.group = .edellinenKotimainenAsuinpaikkatunnus
                previous = old.marked(.added, until: yesterday)
                replace(.edellinenKotimainenAsuinpaikkatunnus, with: previous.map { var r = $0; r.change = nil; return r })
            }
            var addressRecords = [oldAddress?.marked(.changed, until: yesterday), address.addressRecord(change: .added)].compactMap { $0 }
            let residenceRecords = [oldResidence?.marked(.changed, until: yesterday), address.residenceRecord(change: .added), previous].compactMap { $0 }
            if kind == .moveWithin {
                log(kind, index: index, records: addressRecords, wasResident: wasResident, random: &random)
                overlay[index] = now
                log(kind, index: index, records: residenceRecords, wasResident: wasResident, random: &random)
                return true
            }
            let oldKotikunta = current(.kotikunta)
            replace(.kotikunta, with: address.homeMunicipalityRecord())
            let leftRecord = Record(group: .edellinenKotikunta, fields: [
                .text("kuntakoodi", oldHome),
                .date("kuntaanMuuttopv", oldKotikunta?.field("kuntaanMuuttopv").flatMap { if case .date(let d) = $0.value { d } else { nil } } ?? PartialDate(today)),
                .date("kunnastaPoisMuuttopv", PartialDate(yesterday)),
            ])
            replace(.edellinenKotikunta, with: leftRecord)
            addressRecords += [oldKotikunta?.marked(.changed), address.homeMunicipalityRecord(change: .added), leftRecord.marked(.added)].compactMap { $0 }
            overlay[index] = now
            if kind == .moveIn {
                // Newcomers arrive with their basic data, as the product promises.
                let basic = now.map { $0.marked(.added) }
                log(kind, index: index, records: basic, wasResident: wasResident, random: &random)
            } else {
                log(kind, index: index, records: addressRecords + residenceRecords, wasResident: wasResident, random: &random)
            }
        case .nameChange:
            guard let old = current(.henkilonNimi), let oldSurname = old.text("sukunimi") else { return false }
            var surname = FinnishNames.surnames[random.below(FinnishNames.surnames.count)]
            if surname == oldSurname || random.chance(0.2) { surname = "\(oldSurname)-\(surname == oldSurname ? "Korhonen" : surname)" }
            let first = old.text("etunimi") ?? ""
            let new = Record(group: .henkilonNimi, fields: [
                .text("etunimi", first), .text("sukunimi", surname), .text("etunimiUTF8", first), .text("sukunimiUTF8", surname),
                .date("alkupv", PartialDate(today)),
            ])
            let change = Record(group: .nimenmuutos, fields: [
                .text("nimilaji", "EDELLINEN_SUKUNIMI"), .text("nimi", oldSurname), .text("nimiUTF8", oldSurname),
                .date("alkupv", old.field("alkupv").flatMap { if case .date(let d) = $0.value { d } else { nil } } ?? PartialDate(today)),
                .date("loppupv", PartialDate(yesterday)),
            ])
            replace(.henkilonNimi, with: new)
            now.append(change)
            overlay[index] = now
            log(kind, index: index, records: [old.marked(.changed), new.marked(.added), change.marked(.added)], wasResident: wasResident, random: &random)
        case .turvakieltoStart:
            let ban = Record(group: .turvakielto, fields: [
                .text("turvakieltoAktiivinen", "true"), .date("turvaLoppuPv", PartialDate(today.adding(years: 5))),
            ])
            replace(.turvakielto, with: ban)
            overlay[index] = now
            bannedByChange.append(index)
            let context = [current(.vakinainenKotimainenOsoite)?.marked(.context)].compactMap { $0 }
            log(kind, index: index, records: [ban.marked(.added)] + context, wasResident: wasResident, random: &random)
        case .turvakieltoEnd:
            let ended = Record(group: .turvakielto, fields: [
                .text("turvakieltoAktiivinen", "false"), .date("turvaLoppuPv", PartialDate(today)),
            ])
            replace(.turvakielto, with: ended)
            overlay[index] = now
            bannedByChange.removeAll { $0 == index }
            let back = [current(.vakinainenKotimainenOsoite), current(.vakinainenKotimainenAsuinpaikkatunnus)].compactMap { $0?.marked(.context) }
            log(kind, index: index, records: [ended.marked(.changed)] + back, wasResident: wasResident, random: &random)
        case .death:
            let death = Record(group: .kuolinpaiva, fields: [.text("kuollut", "true"), .date("kuolinpv", PartialDate(today))])
            now.append(death)
            overlay[index] = now
            log(kind, index: index, records: [death.marked(.added)], wasResident: wasResident, random: &random)
        case .newGuardianship:
            return appointGuardian(for: index, random: &random)
        case .hetuCorrection:
            correctHetu(of: index, random: &random)
        }
        return true
    }
}
