extension DropContent {
    /// The `toiminto`: what a drop asks for.
    public enum Operation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case perustiedot
        case seurantaLisaa = "seuranta-lisaa"
        case seurantaPoista = "seuranta-poista"
        case muutokset
        case kuntaPerustiedot = "kunta-perustiedot"
        case kuntaMuutokset = "kunta-muutokset"

        /// Whether the operation is about listed hetus (and so needs a `hetulista`).
        public var takesHetus: Bool {
            switch self {
            case .perustiedot, .seurantaLisaa, .seurantaPoista: true
            case .muutokset, .kuntaPerustiedot, .kuntaMuutokset: false
            }
        }

        /// Whether the operation is a whole-municipality one (licensed departments only).
        public var isMunicipal: Bool { self == .kuntaPerustiedot || self == .kuntaMuutokset }

        /// Whether the operation delivers changes after a log key (its receipt counts them).
        public var isChangeDelivery: Bool { self == .muutokset || self == .kuntaMuutokset }

        public var description: String { rawValue }
    }
}
