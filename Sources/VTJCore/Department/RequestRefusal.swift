/// Why a whole drop is refused; the receipt says it in plain Finnish and English.
public enum RequestRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The purpose is unknown or never allowed.
    case purpose(PurposeRejection)
    /// A real purpose, but the department is not licensed for it.
    case purposeNotLicensed(Purpose, department: String, licensed: [Purpose])
    /// `kunta-perustiedot` / `kunta-muutokset` by a department without that permission.
    case municipalityWideNotAllowed(department: String)
    /// Every requested group was outside the department's profile.
    case noGroupsLeft(requested: [String])
    /// The file could not be read (encoding, size, XML syntax…); `detail` names line and reason.
    case unreadableFile(detail: String)
    /// `toiminto` is not one of the drop contract's operations; `detail` names file, line and value.
    case unknownOperation(detail: String)
    /// The request document is readable but wrong (missing hetulista…); `detail` says what.
    case invalidRequest(detail: String)
    /// The configured interface (`vtj.wire`) cannot serve this `toiminto` at all: nothing was sent.
    case operationNotOnWire(DropRequest.Operation, wire: WireKind)

    /// Stable machine code for the receipt's `syykoodi`.
    public var code: String {
        switch self {
        case .purpose(.excluded): "kielletty-kayttotarkoitus"
        case .purpose(.unknown): "tuntematon-kayttotarkoitus"
        case .purposeNotLicensed: "kayttotarkoitus-ei-luvassa"
        case .municipalityWideNotAllowed: "kuntahaku-ei-sallittu"
        case .noGroupsLeft: "ei-sallittuja-tietoryhmia"
        case .unreadableFile: "tiedosto-ei-luettavissa"
        case .unknownOperation: "tuntematon-toiminto"
        case .invalidRequest: "virheellinen-pyynto"
        case .operationNotOnWire: "toiminto-ei-rajapinnassa"
        }
    }

    /// English, one line, saying what to do.
    public var description: String {
        switch self {
        case .purpose(let rejection): rejection.description
        case .purposeNotLicensed(let purpose, let department, let licensed):
            "department \(department) is not licensed for purpose \"\(purpose.rawValue)\"; use one of: \(licensed.map(\.rawValue).joined(separator: ", "))"
        case .municipalityWideNotAllowed(let department):
            "department \(department) may not use whole-municipality operations; ask by henkilötunnus instead"
        case .noGroupsLeft(let requested):
            "none of the requested data groups (\(requested.joined(separator: ", "))) is allowed for this department; ask for groups of its profile"
        case .unreadableFile(let detail):
            "the file could not be read: \(detail); fix it and drop it again"
        case .unknownOperation(let detail):
            "\(detail)"
        case .invalidRequest(let detail):
            "the request is not valid: \(detail)"
        case .operationNotOnWire(let operation, let wire):
            "\(operation.rawValue) cannot be served by the interface this appliance uses (vtj.wire: \(wire)): "
                + Self.wireLimitation(operation)
                + "; it needs vtj.wire: " + WireKind.serving(operation).map(\.rawValue).joined(separator: " or ")
                + " (ask the appliance's operator); nothing was sent to the population register"
        }
    }

    /// Finnish, one line.
    public var finnish: String {
        switch self {
        case .purpose(let rejection): rejection.finnish
        case .purposeNotLicensed(let purpose, let department, let licensed):
            "yksiköllä \(department) ei ole lupaa käyttötarkoitukseen \"\(purpose.rawValue)\"; sallitut: \(licensed.map(\.rawValue).joined(separator: ", "))"
        case .municipalityWideNotAllowed(let department):
            "yksikkö \(department) ei saa käyttää koko kunnan hakuja; hae henkilötunnuksilla"
        case .noGroupsLeft:
            "yksikään pyydetyistä tietoryhmistä ei ole yksikölle sallittu"
        case .unreadableFile(let detail):
            "tiedostoa ei voitu lukea: \(detail)"
        case .unknownOperation(let detail):
            "toiminto on tuntematon: \(detail)"
        case .invalidRequest(let detail):
            "pyyntö on virheellinen: \(detail)"
        case .operationNotOnWire(let operation, let wire):
            "toimintoa \(operation.rawValue) ei voi palvella tämän laitteen käyttämän rajapinnan kautta (vtj.wire: \(wire)): "
                + Self.wireLimitationFinnish(operation)
                + "; se vaatii asetuksen vtj.wire: " + WireKind.serving(operation).map(\.rawValue).joined(separator: " tai ")
                + " (kysy laitteen ylläpitäjältä); väestötietojärjestelmään ei lähetetty mitään"
        }
    }

    /// What the SOAP query interface lacks for `operation`, in plain English.
    private static func wireLimitation(_ operation: DropRequest.Operation) -> String {
        switch operation {
        case .muutokset, .seurantaLisaa, .seurantaPoista:
            "the query interface answers one person's current data only and has no change log and no followed register"
        case .kuntaPerustiedot, .kuntaMuutokset:
            "the query interface answers one person at a time and cannot select a whole municipality"
        case .perustiedot:
            "the interface does not offer basic data"
        }
    }

    private static func wireLimitationFinnish(_ operation: DropRequest.Operation) -> String {
        switch operation {
        case .muutokset, .seurantaLisaa, .seurantaPoista:
            "kyselyrajapinta antaa vain yhden henkilön nykyiset tiedot, eikä sillä ole muutostietoja eikä seurantarekisteriä"
        case .kuntaPerustiedot, .kuntaMuutokset:
            "kyselyrajapinta hakee yhden henkilön kerrallaan eikä voi valita koko kunnan asukkaita"
        case .perustiedot:
            "rajapinta ei tarjoa perustietoja"
        }
    }
}

extension RequestRefusal {
    /// The refusal for a drop whose file could not be read: a request the contract does not know
    /// is an invalid request (or an unknown toiminto), anything else an unreadable file. The
    /// detail is ``DropReadError/description``, so the receipt names file, line and cause.
    public init(_ error: DropReadError) {
        switch error.kind {
        case .request: self = .invalidRequest(detail: error.description)
        case .unknownOperation: self = .unknownOperation(detail: error.description)
        case .notText, .wrongFormat, .csvHeader, .xml, .empty: self = .unreadableFile(detail: error.description)
        }
    }
}
