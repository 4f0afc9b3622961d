/// Why a whole drop is refused; the receipt says it in plain Finnish and English.
public enum DropRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The purpose is unknown or never allowed.
    case purpose(PurposeRejection)
    /// A real purpose, but the department is not licensed for it.
    case purposeNotLicensed(Purpose, department: String, licensed: [Purpose])
    /// `kunta-perustiedot` / `kunta-muutokset` by a department without that permission.
    case municipalityWideNotAllowed(department: String)
    /// Every requested group was outside the department's profile.
    case noGroupsLeft(requested: [String])
    /// The file could not be read (encoding, size, XML syntax…); `detail` names line and reason.
    case unreadableFile(detail: Message)
    /// `toiminto` is not one of the drop contract's operations; `detail` names file, line and value.
    case unknownOperation(detail: Message)
    /// The request document is readable but wrong (missing hetulista…); `detail` says what.
    case invalidRequest(detail: Message)
    /// The configured interface (`vtj.wire`) cannot serve this `toiminto` at all: nothing was sent.
    case operationNotOnWire(DropContent.Operation, wire: WireKind)

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

    /// Why, and what to do, from the catalogue.
    public var message: Message {
        switch self {
        case .purpose(let rejection): rejection.message
        case .purposeNotLicensed(let purpose, let department, let licensed):
            Message(.refusalPurposeNotLicensed, ["department": .text(department), "purpose": .text(purpose.rawValue),
                                                 "licensed": .text(licensed.map(\.rawValue).joined(separator: ", "))])
        case .municipalityWideNotAllowed(let department): Message(.refusalMunicipalityWide, ["department": .text(department)])
        case .noGroupsLeft(let requested): Message(.refusalNoGroups, ["requested": .text(requested.joined(separator: ", "))])
        case .unreadableFile(let detail): Message(.refusalUnreadable, ["detail": detail.argument])
        case .unknownOperation(let detail): Message(.refusalUnknownOperation, ["detail": detail.argument])
        case .invalidRequest(let detail): Message(.refusalInvalidRequest, ["detail": detail.argument])
        case .operationNotOnWire(let operation, let wire):
            Message(.refusalOperationNotOnWire, [
                "operation": .text(operation.rawValue), "wire": .text(wire.rawValue),
                "limitation": Message(Self.wireLimitation(operation)).argument,
                "serving": Self.alternatives(WireKind.serving(operation).map(\.rawValue)),
            ])
        }
    }

    /// English, one line, saying what to do.
    public var description: String { message.description }

    /// Finnish, one line.
    public var finnish: String { message.text(.finnish) }

    /// `a, b or c` in the reader's language.
    private static func alternatives(_ names: [String]) -> MessageArgument {
        guard names.count > 1, let last = names.last else { return .text(names.first ?? "") }
        return Message(.alternatives, ["list": .text(names.dropLast().joined(separator: ", ")), "last": .text(last)]).argument
    }

    /// What the interface lacks for `operation`, in plain words (the SOAP query interface is the
    /// only wire that refuses operations, vtj-soap-kysely.md §11).
    private static func wireLimitation(_ operation: DropContent.Operation) -> MessageKey {
        switch operation {
        case .muutokset, .seurantaLisaa, .seurantaPoista: .wireLacksChanges
        case .kuntaPerustiedot, .kuntaMuutokset: .wireLacksMunicipality
        case .perustiedot: .wireLacksBasicData
        }
    }
}

extension DropRefusal {
    /// The refusal for a drop whose file could not be read: a request the contract does not know
    /// is an invalid request (or an unknown toiminto), anything else an unreadable file. The
    /// detail is ``DropReadError/description``, so the receipt names file, line and cause.
    public init(_ error: DropReadError) {
        switch error.kind {
        case .request: self = .invalidRequest(detail: error.message)
        case .unknownOperation: self = .unknownOperation(detail: error.message)
        case .notText, .wrongFormat, .csvHeader, .xml, .empty: self = .unreadableFile(detail: error.message)
        }
    }
}
