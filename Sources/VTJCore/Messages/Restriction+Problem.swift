extension Restriction {
    /// What makes a message's restriction unacceptable to the interface, whatever the wire: the
    /// XML profile and DVV's JSON answer each with the same `koodi` (HTTP 400).
    public enum Problem: String, Error, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// More than ``Restriction/maxHetusPerMessage`` henkilötunnus in one message.
        case tooManyHetus
        /// Both a hetu list and municipality codes.
        case conflicting
        /// Neither a hetu list nor municipality codes.
        case missing
        /// A hetu list without a henkilötunnus.
        case emptyHetulista

        /// The interface's `koodi` for this problem.
        public var interfaceCode: String {
            switch self {
            case .tooManyHetus: "LIIAN_MONTA_HETUA"
            case .conflicting: "RISTIRIITAINEN_RAJAUS"
            case .missing: "PUUTTUVA_RAJAUS"
            case .emptyHetulista: "TYHJA_HETULISTA"
            }
        }

        /// The interface's `koodi` for any other unreadable message.
        public static let malformedMessageCode = "VIRHEELLINEN_SANOMA"

        public var description: String {
            switch self {
            case .tooManyHetus: "more than \(Restriction.maxHetusPerMessage) henkilötunnus in one message"
            case .conflicting: "a message names both henkilötunnus and municipalities; send exactly one"
            case .missing: "a message needs exactly one of a hetu list or municipality codes"
            case .emptyHetulista: "the hetu list is empty"
            }
        }
    }

    /// The restriction a message read off the wire names: exactly one of a hetu list (`hetus`,
    /// 1…``maxHetusPerMessage``) or municipality codes (`codes`). Both readers (XML profile, DVV JSON) check
    /// through here, so the wires refuse alike.
    public init(hetus: [String]?, codes: [String]?) throws(Problem) {
        switch (hetus, codes) {
        case (.some, .some): throw .conflicting
        case (nil, nil): throw .missing
        case (.some(let hetus), nil):
            guard !hetus.isEmpty else { throw .emptyHetulista }
            guard hetus.count <= Restriction.maxHetusPerMessage else { throw .tooManyHetus }
            self = .hetulista(hetus)
        case (nil, .some(let codes)):
            self = .kuntarajaus(codes)
        }
    }
}
