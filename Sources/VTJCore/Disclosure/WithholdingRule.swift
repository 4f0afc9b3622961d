/// Why a record was not delivered; the raw value is the receipt's and the result's marker.
public enum WithholdingRule: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// Rule 1: the group is not one of the product's (an unknown or extra group from the interface).
    case notProductGroup = "ei-tuotteen-tietoryhma"
    /// Rule 1: a product group, but not granted to this department or request.
    case notGranted = "ei-myonnetty"
    /// Rule 2: an address group of a person under turvakielto (seed section 6).
    case turvakielto = "turvakielto"
    /// Rule 2, stricter than the seed: other whereabouts (former residences, countries moved to or
    /// from) of a person under turvakielto.
    case turvakieltoWhereabouts = "turvakielto-muu-asuinpaikka"
    /// Rule 2: an address record whose owner's turvakielto state is unknown (fail closed): a change
    /// entry of a person never seen, or basic data that lacks the TURVAKIELTO group.
    case turvakieltoUnknown = "turvakielto-tuntematon"
    /// Fail closed: the interface answered the person more than once with different content, so no
    /// copy can be trusted; every record of every copy is withheld.
    case contradictoryAnswer = "ristiriitainen-vastaus"
    /// The interface's censoring placeholder (`turvakiellonAlaisetKentat`): never data.
    case censoringPlaceholder = "sensurointimerkki"
    /// Rule 3: HUOLTAJA of a person who is 18 or older (or whose age is unknown).
    case guardianOfAdult = "huoltaja-taysi-ikainen"
    /// Rule 3: HUOLLETTAVA whose dependant is 18 or older.
    case dependantAdult = "huollettava-taysi-ikainen"
    /// Rule 3: HUOLLETTAVA whose dependant's age cannot be known (fail closed).
    case dependantAgeUnknown = "huollettava-ika-tuntematon"
    /// Rule 4: USKONTOKUNTALAJI of a person who is 18 or older (or whose age is unknown).
    case religionNotMinor = "uskontokunta-ei-alaikainen"
    /// Rule 4: USKONTOKUNTALAJI for a purpose other than perusopetus or lukiokoulutus.
    case religionPurpose = "uskontokunta-kayttotarkoitus"
    /// Rule 5: an ended AVIOLIITTO, REKISTEROITY_PARISUHDE or ASUMUSERO.
    case endedRelationship = "paattynyt-liitto"

    public var description: String { rawValue }

    /// Whether the result lists the group as withheld for the person (rules that concern the person's data,
    /// not the request's narrowing).
    public var isMarkedInResult: Bool {
        switch self {
        case .notProductGroup, .notGranted, .censoringPlaceholder: false
        default: true
        }
    }

    public static func < (lhs: WithholdingRule, rhs: WithholdingRule) -> Bool { lhs.ordinal < rhs.ordinal }

    /// The position in ``allCases`` (declaration order): a tally's slot, and the order rules sort in.
    var ordinal: Int {
        switch self {
        case .notProductGroup: 0
        case .notGranted: 1
        case .turvakielto: 2
        case .turvakieltoWhereabouts: 3
        case .turvakieltoUnknown: 4
        case .contradictoryAnswer: 5
        case .censoringPlaceholder: 6
        case .guardianOfAdult: 7
        case .dependantAdult: 8
        case .dependantAgeUnknown: 9
        case .religionNotMinor: 10
        case .religionPurpose: 11
        case .endedRelationship: 12
        }
    }
}
