import VTJCore

/// Everything decided about one synthetic person before records are written: the facts the
/// records, the relations of others and the identity table all derive from.
struct PersonSketch: Sendable, Hashable {
    enum Role: Sendable, Hashable {
        case partner(first: Bool)
        case child
        case singleParent
        case widow
        case deceasedSpouse
        case single
        case historical
    }

    enum Language: Sendable, Hashable {
        case finnish, swedish
        case other(Int)
    }

    let index: Int
    let unit: HouseholdLayout.PlacedUnit
    let role: Role
    let sex: Henkilotunnus.Sex
    let birthDate: CivilDate
    /// Death date for the deceased (`deathDeclared` for a declaration of death instead).
    let deathDate: CivilDate?
    let deathDeclared: Bool
    /// Home municipality code (the last one for the deceased; the one left for persons abroad).
    let municipality: String
    /// Country code of permanent residence abroad.
    let abroadCountry: String?
    let language: Language
    /// Born abroad and moved to Finland (country index into ``Municipalities/countries``).
    let immigrantFrom: Int?
    let firstNames: String
    let surname: String
    /// Surname before marriage when it changed.
    let previousSurname: String?
    let turvakielto: Bool
    let hetuCorrected: Bool
    /// An earlier marriage that ended in divorce (spouse known only as a stub without hetu).
    let divorced: Bool

    /// The date the unit's partners married or registered (nil outside a couple).
    let unionDate: CivilDate?
    /// When the person moved to the current municipality.
    let movedInDate: CivilDate
    /// The municipality lived in before, when the person moved between municipalities.
    let previousMunicipality: String?

    var isAlive: Bool { deathDate == nil }
    var isAbroad: Bool { abroadCountry != nil }
}
