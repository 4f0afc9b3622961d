import VTJCore

/// Turns a household unit into person sketches: ages, sexes, names, municipality and flags.
struct HouseholdPlanner: Sendable {
    let size: Int
    let hash: SeededHash
    let referenceDate: CivilDate
    let licensedMunicipality: String

    /// The sketch of one person.
    func sketch(_ index: Int) -> PersonSketch? {
        guard index >= 0, index < size else { return nil }
        let layout = HouseholdLayout(block: index / HouseholdLayout.blockSize, size: size, hash: hash)
        guard let placed = layout.unit(containing: index) else { return nil }
        return sketches(of: placed)[index - placed.first]
    }

    /// Every member of a unit, in index order.
    func sketches(of placed: HouseholdLayout.PlacedUnit) -> [PersonSketch] {
        let u = placed.first
        let showcase = u < HouseholdLayout.showcase.count * HouseholdLayout.blockSize
        let language = unitLanguage(u)
        let familySurname = surname(u, language: language, purpose: 0x21)
        let unitMunicipality = showcase ? showcaseMunicipality(u) : municipality(u, purpose: 0x22)
        let unitProtected = showcase ? u == 0 : hash.chance(0.01, u, 0x23)
        let ages = memberAges(placed)
        var result: [PersonSketch] = []
        for (offset, age) in ages.enumerated() {
            let index = u + offset
            let role = role(of: placed.unit, offset: offset)
            let sex = sex(role: role, unit: placed.unit, index: index)
            let birth = birthDate(age: age, index: index)
            var death: CivilDate?
            var declared = false
            switch role {
            case .deceasedSpouse:
                death = referenceDate.adding(days: -(200 + hash.below(4000, index, 0x31)))
            case .historical:
                death = CivilDate(year: 1950 + hash.below(45, index, 0x32), month: 1 + hash.below(12, index, 0x33), day: 1 + hash.below(28, index, 0x34))
            case .single where age >= 55:
                let dies = showcase ? index == 21 : hash.chance(0.03, index, 0x35)
                if dies {
                    death = referenceDate.adding(days: -(30 + hash.below(3000, index, 0x36)))
                    declared = showcase || hash.chance(0.1, index, 0x37)
                }
            default: break
            }
            let isAdult = age >= 18
            let abroad: String? =
                if role == .single, isAdult, death == nil, showcase ? index == 14 : hash.chance(0.04, index, 0x38) {
                    Municipalities.countries[hash.below(5, index, 0x39)].code
                } else { nil }
            let immigrant: Int? =
                if isAdult, role == .single || role == .partner(first: false),
                   showcase ? index == 22 : hash.chance(0.06, index, 0x3A) {
                    hash.below(Municipalities.countries.count, index, 0x3B)
                } else { nil }
            let ownLanguage: PersonSketch.Language =
                if let immigrant { .other(immigrant % Municipalities.otherLanguages.count) } else { language }
            var ownMunicipality = unitMunicipality
            if case .partner(first: false) = role, case .couple(_, .separated, _) = placed.unit {
                ownMunicipality = showcase ? "837" : municipality(index, purpose: 0x3C)
            }
            if role == .single, !showcase { ownMunicipality = municipality(index, purpose: 0x3D) }
            let names = self.names(
                index: index, role: role, sex: sex, language: ownLanguage, immigrant: immigrant != nil,
                familySurname: familySurname, unit: placed.unit)
            let movedIn = age < 2 ? birth : referenceDate.adding(days: -(30 + hash.below(min(age, 40) * 365, index, 0x3E)))
            let moved = hash.chance(0.4, index, 0x3F) && isAdult
            result.append(PersonSketch(
                index: index, unit: placed, role: role, sex: sex, birthDate: birth,
                deathDate: death, deathDeclared: declared,
                municipality: ownMunicipality, abroadCountry: abroad, language: ownLanguage, immigrantFrom: immigrant,
                firstNames: names.first, surname: names.surname, previousSurname: names.previous,
                turvakielto: death == nil && (unitProtected || (role == .single && hash.chance(0.01, index, 0x40))),
                hetuCorrected: death == nil && (showcase ? index == 20 : hash.chance(0.005, index, 0x41)),
                divorced: role == .single && age >= 30 && (showcase ? index == 23 : hash.chance(0.35, index, 0x42)),
                unionDate: unionDate(placed, ages: ages),
                movedInDate: max(movedIn, birth),
                previousMunicipality: moved ? municipality(index, purpose: 0x43, excluding: ownMunicipality) : nil))
        }
        return result
    }

    private func role(of unit: HouseholdLayout.Unit, offset: Int) -> PersonSketch.Role {
        switch unit {
        case .couple: offset < 2 ? .partner(first: offset == 0) : .child
        case .singleParent: offset == 0 ? .singleParent : .child
        case .widowed: offset == 0 ? .widow : .deceasedSpouse
        case .single: .single
        case .historical: .historical
        }
    }

    private func sex(role: PersonSketch.Role, unit: HouseholdLayout.Unit, index: Int) -> Henkilotunnus.Sex {
        let coin: Henkilotunnus.Sex = hash.chance(0.5, index, 0x50) ? .male : .female
        switch (role, unit) {
        case (.partner, .couple(_, .registeredPartnership, _)):
            return hash.chance(0.5, index - (role == .partner(first: true) ? 0 : 1), 0x51) ? .male : .female
        case (.partner(let first), _): return first ? .male : .female
        case (.widow, _): return .female
        case (.deceasedSpouse, _): return .male
        case (.singleParent, _): return hash.chance(0.8, index, 0x52) ? .female : .male
        default: return coin
        }
    }

    /// Ages on the reference date, parents first; children always fit their parents.
    private func memberAges(_ placed: HouseholdLayout.PlacedUnit) -> [Int] {
        let u = placed.first
        switch placed.unit {
        case .couple(let kids, let bond, let adultChildren):
            let a = adultChildren ? 58 + hash.below(28, u, 0x60) : bond == .registeredPartnership ? 25 + hash.below(45, u, 0x60) : 28 + hash.below(25, u, 0x60)
            let b = max(adultChildren ? 50 : 21, a - 4 + hash.below(7, u, 0x61))
            let youngest = min(a, b)
            let kidAges = (0..<kids).map { k in
                adultChildren ? 20 + hash.below(max(1, youngest - 42), u + 2 + k, 0x62) : hash.below(min(18, youngest - 19), u + 2 + k, 0x62)
            }
            return [a, b] + kidAges
        case .singleParent(let kids):
            let a = 24 + hash.below(27, u, 0x63)
            return [a] + (0..<kids).map { k in hash.below(min(18, a - 19), u + 1 + k, 0x64) }
        case .widowed:
            let a = 68 + hash.below(28, u, 0x65)
            return [a, a + hash.below(6, u, 0x66)]
        case .single:
            let roll = hash.below(100, u, 0x67)
            return [roll < 50 ? 18 + hash.below(22, u, 0x68) : roll < 85 ? 40 + hash.below(30, u, 0x68) : 70 + hash.below(28, u, 0x68)]
        case .historical:
            return [referenceDate.year - 1880 - hash.below(20, u, 0x69)]
        }
    }

    private func birthDate(age: Int, index: Int) -> CivilDate {
        let anniversary = referenceDate.adding(years: -age)
        return anniversary.adding(days: -hash.below(364, index, 0x70))
    }

    private func unionDate(_ placed: HouseholdLayout.PlacedUnit, ages: [Int]) -> CivilDate? {
        switch placed.unit {
        case .couple, .widowed:
            let youngest = ages.prefix(2).min() ?? 20
            let yearsAgo = 1 + hash.below(max(1, youngest - 20), placed.first, 0x71)
            let oldestChild = ages.dropFirst(2).max() ?? 0
            return referenceDate.adding(years: -max(yearsAgo, oldestChild + 1)).adding(days: -hash.below(300, placed.first, 0x72))
        default: return nil
        }
    }

    private func unitLanguage(_ u: Int) -> PersonSketch.Language {
        hash.chance(0.07, u, 0x80) ? .swedish : .finnish
    }

    private func showcaseMunicipality(_ u: Int) -> String {
        switch u {
        case 12: "837"
        case 22: "049"
        default: licensedMunicipality
        }
    }

    /// Licensed municipality for about 60 % of households, the others spread over the table.
    private func municipality(_ subject: Int, purpose: UInt64, excluding: String? = nil) -> String {
        let others = Municipalities.all.map(\.code).filter { $0 != licensedMunicipality && $0 != excluding }
        if excluding != licensedMunicipality, hash.chance(0.6, subject, purpose) { return licensedMunicipality }
        return hash.pick(others, subject, purpose ^ 0xFF)
    }

    private func surname(_ subject: Int, language: PersonSketch.Language, purpose: UInt64) -> String {
        switch language {
        case .finnish: hash.pick(FinnishNames.surnames, subject, purpose)
        case .swedish: hash.pick(FinnishNames.swedishSurnames, subject, purpose)
        case .other: hash.pick(FinnishNames.otherSurnames, subject, purpose)
        }
    }
}
