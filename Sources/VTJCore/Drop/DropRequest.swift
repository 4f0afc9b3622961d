/// A request document drop (`<pyynto …>`, drop contract 2.2), read but not yet checked against
/// the department's profile (purposes, groups, licences are the pipeline's to enforce).
public struct DropRequest: Sendable, Hashable {
    /// The `toiminto` attribute.
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

    /// The `muoto` attribute.
    public enum OutputFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case csv
        case xml
        case xlsx

        public var description: String { rawValue }
    }

    /// A `tietoryhma` that is not one of the product's groups (reported, never granted).
    public struct UnknownGroup: Sendable, Hashable {
        /// The name as written (trimmed, at most 60 characters).
        public let name: String
        /// The line of its `<tietoryhma>`.
        public let line: Int

        public init(name: String, line: Int) {
            self.name = name
            self.line = line
        }
    }

    /// `toiminto`: what the department asks for.
    public var operation: Operation
    /// `kayttotarkoitus`; nil means the department's default purpose.
    public var purpose: String?
    /// `muoto`; nil means the department's default format.
    public var format: OutputFormat?
    /// `tunniste`, echoed in every result file of the request.
    public var reference: String?
    /// `sarakkeet`: a preset or column names for the result (nil: the department's layout).
    public var columns: [String]?
    /// The product groups asked for, in document order without repeats; nil when the document
    /// names none (the department's groups apply).
    public var groups: [GroupName]?
    /// Requested names that are not product groups, each once, at most ``unknownGroupLimit``.
    public var unknownGroups: [UnknownGroup] = []
    /// Every `<tietoryhma>` that named no product group, repeats included.
    public var unknownGroupCount = 0
    /// How many distinct unknown group names are kept (and reported) per request.
    public static let unknownGroupLimit = 100
    /// Distinct valid hetus of the `hetulista`, in document order.
    public var hetus: [Henkilotunnus] = []
    /// The line each value of ``hetus`` was first seen on.
    public var hetuLines: [Int] = []
    /// Repeated hetus (queried once).
    public var duplicates: [HetuList.Duplicate] = []
    /// `<hetu>` values that are not valid, with line and reason.
    public var rejected: [HetuList.RejectedLine] = []
    /// Accepted values worth a remark (lower case).
    public var warnings: [HetuList.LineWarning] = []
    /// How many `<hetu>` elements the document had.
    public var hetuElements = 0
    /// Every rejected value; ``rejected`` lists the first ``HetuCollector/detailLimit``.
    public var rejectedCount = 0
    /// Every repeat; ``duplicates`` lists the first ``HetuCollector/detailLimit``.
    public var duplicateCount = 0
    /// Every warning; ``warnings`` lists the first ``HetuCollector/detailLimit``.
    public var warningCount = 0

    public init(operation: Operation, purpose: String? = nil, format: OutputFormat? = nil, reference: String? = nil) {
        self.operation = operation
        self.purpose = purpose
        self.format = format
        self.reference = reference
    }
}
