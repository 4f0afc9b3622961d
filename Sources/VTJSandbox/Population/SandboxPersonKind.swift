import VTJCore

/// The cases tests look for, decided from a person's records (so they stay true after changes).
///
/// Use ``SandboxPopulation/hetus(where:excluding:)`` or ``SandboxRegistry/hetus(where:excluding:)``
/// to pick, say, a protected person or a minor with two guardians.
public enum SandboxPersonKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case turvakielto, minor, minorWithOneGuardian, minorWithTwoGuardians, guardianOfMinor, adult
    case adultWithReligion, currentMarriage, endedMarriage, registeredPartnership, separated, widowed
    case deceased, declaredDead, abroad, resident, otherMunicipality, hetuCorrected, stubWithoutHetu
    case swedishSpeaking, otherMotherTongue, bornAbroad, nameChanged, institution, postalAddress
    case edunvalvonta, edunvalvontavaltuutus, huostaanotto, centuryPlus, newCenturySign

    public var description: String { rawValue }

    /// Whether `person` is of this kind on `date`, for a sandbox licensed for `municipality`.
    public func matches(_ person: Person, on date: CivilDate, licensedMunicipality municipality: String) -> Bool {
        let dead = !person.records(.kuolinpaiva).isEmpty || !person.records(.kuolleeksijulistamispaiva).isEmpty
        let age = person.record(.syntymapaiva)?.date("syntymapv")?.age(on: date)
        let isMinor = !dead && (age ?? 99) < 18
        let guardians = person.records(.huoltaja).filter { !$0.hasEnded(on: date) && ($0.date("huoltosuhteenLoppupv").map { $0 > date } ?? true) }
        let home = person.record(.kotikunta)?.text("kuntakoodi")
        func active(_ group: GroupName) -> Bool { person.records(group).contains { $0.text("voimassaolo") == "AKTIIVI" } }
        let sign = person.hetu.count == 11 ? Array(person.hetu)[6] : " "
        switch self {
        case .turvakielto: return person.isUnderTurvakielto(on: date)
        case .minor: return isMinor
        case .minorWithOneGuardian: return isMinor && guardians.count == 1
        case .minorWithTwoGuardians: return isMinor && guardians.count == 2
        case .guardianOfMinor:
            return !dead && person.records(.huollettava).contains { ($0.date("huoltosuhteenLoppupv").map { $0 > date } ?? true) }
        case .adult: return !dead && (age ?? 0) >= 18
        case .adultWithReligion:
            return !dead && (age ?? 0) >= 18
                && person.records(.uskontokuntalaji).contains { $0.text("uskontokuntalaji") != "EI_USKONTOKUNTAA" }
        case .currentMarriage: return active(.avioliitto)
        case .endedMarriage: return person.records(.avioliitto).contains { $0.text("voimassaolo") == "PASSIIVI" }
        case .registeredPartnership: return active(.rekisteroityParisuhde)
        case .separated: return active(.asumusero)
        case .widowed: return person.record(.siviilisaaty)?.text("siviilisaaty") == "LESKI"
        case .deceased: return dead
        case .declaredDead: return !person.records(.kuolleeksijulistamispaiva).isEmpty
        case .abroad: return !dead && !person.records(.vakinainenUlkomaillaAsuminen).isEmpty && home == nil
        case .resident: return !dead && home == municipality
        case .otherMunicipality: return !dead && home != nil && home != municipality
        case .hetuCorrected: return !person.records(.henkilotunnusKorjaus).isEmpty
        case .stubWithoutHetu: return person.records.contains { SandboxPersonKind.hasStubWithoutHetu($0.fields) }
        case .swedishSpeaking: return person.record(.aidinkieli)?.text("kielikoodi") == "sv"
        case .otherMotherTongue: return !["fi", "sv", nil].contains(person.record(.aidinkieli)?.text("kielikoodi"))
        case .bornAbroad: return !person.records(.ulkomainenSyntymapaikka).isEmpty
        case .nameChanged: return !person.records(.nimenmuutos).isEmpty
        case .institution: return !person.records(.vakinainenOlinpaikassaAsuminen).isEmpty
        case .postalAddress: return !person.records(.kotimainenPostiosoite).isEmpty
        case .edunvalvonta: return !person.records(.edunvalvonta).isEmpty
        case .edunvalvontavaltuutus: return !person.records(.edunvalvontavaltuutus).isEmpty
        case .huostaanotto: return person.records(.huostaanotto).contains { $0.bool("huostaanotettu") == true }
        case .centuryPlus: return sign == "+"
        case .newCenturySign: return "YXWVUBCDEF".contains(sign)
        }
    }

    private static let stubNames: Set<String> = [
        "lapsi", "vanhempi", "huoltaja", "huollettava", "edunvalvoja", "valtuutettu", "puoliso", "osapuoli",
    ]

    static func hasStubWithoutHetu(_ fields: [Field]) -> Bool {
        fields.contains { field in
            guard stubNames.contains(field.name), case .composite(let children) = field.value else { return false }
            return !children.contains { $0.name == "henkilotunnus" }
        }
    }
}

extension SandboxPopulation {
    /// Generated henkilötunnus of persons having every kind in `kinds` and none in `excluded`,
    /// in index order (as generated on the reference date; the live registry has its own query).
    public func hetus(where kinds: Set<SandboxPersonKind>, excluding excluded: Set<SandboxPersonKind> = [], limit: Int = .max) -> [String] {
        var found: [String] = []
        for index in 0..<size where found.count < limit {
            let person = person(at: index)
            if kinds.allSatisfy({ $0.matches(person, on: referenceDate, licensedMunicipality: licensedMunicipality) }),
               !excluded.contains(where: { $0.matches(person, on: referenceDate, licensedMunicipality: licensedMunicipality) }) {
                found.append(person.hetu)
            }
        }
        return found
    }

    /// Convenience for one kind: `population.hetus(where: .turvakielto)`.
    public func hetus(where kind: SandboxPersonKind, limit: Int = .max) -> [String] { hetus(where: [kind], limit: limit) }
}
