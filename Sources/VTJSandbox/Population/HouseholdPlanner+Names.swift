import VTJCore

extension HouseholdPlanner {
    struct Names {
        let first: String
        let surname: String
        let previous: String?
    }

    /// First names (one to three), the current surname and, after a marriage, the earlier one.
    func names(
        index: Int, role: PersonSketch.Role, sex: Henkilotunnus.Sex, language: PersonSketch.Language,
        immigrant: Bool, familySurname: String, unit: HouseholdLayout.Unit
    ) -> Names {
        let list: [String] =
            switch (language, sex) {
            case (.other, .female): FinnishNames.otherFemaleFirst
            case (.other, .male): FinnishNames.otherMaleFirst
            case (.swedish, .female): FinnishNames.swedishFemaleFirst + FinnishNames.femaleFirst.prefix(8)
            case (.swedish, .male): FinnishNames.swedishMaleFirst + FinnishNames.maleFirst.prefix(8)
            case (.finnish, .female): FinnishNames.femaleFirst
            case (.finnish, .male): FinnishNames.maleFirst
            }
        let count = 1 + hash.below(3, index, 0x90)
        var firsts: [String] = []
        for k in 0..<count {
            let name = hash.pick(list, index, 0x91 &+ UInt64(k))
            if !firsts.contains(name) { firsts.append(name) }
        }
        let own: String =
            if immigrant {
                hash.pick(FinnishNames.otherSurnames, index, 0x92)
            } else {
                switch language {
                case .swedish: hash.pick(FinnishNames.swedishSurnames, index, 0x92)
                default: hash.pick(FinnishNames.surnames, index, 0x92)
                }
            }
        switch (role, unit) {
        case (.partner(first: false), .couple(_, .marriage, _)), (.partner(first: false), .couple(_, .separated, _)),
            (.widow, _):
            // Most spouses take the family name; some join the names with a hyphen.
            let roll = hash.below(100, index, 0x93)
            if own == familySurname || roll >= 85 { return Names(first: firsts.joined(separator: " "), surname: own, previous: nil) }
            let current = roll < 70 ? familySurname : "\(own)-\(familySurname)"
            return Names(first: firsts.joined(separator: " "), surname: current, previous: own)
        case (.partner(first: false), .couple(_, .registeredPartnership, _)), (.single, _), (.historical, _):
            return Names(first: firsts.joined(separator: " "), surname: own, previous: nil)
        default:
            return Names(first: firsts.joined(separator: " "), surname: familySurname, previous: nil)
        }
    }
}
