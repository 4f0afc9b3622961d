/// What one drop asks, whatever it came as: a henkilötunnus list (plain text, CSV with or without
/// a header, a workbook's first sheet; drop contract 2.1), a request document (`<pyynto …>`, 2.2),
/// or a fetch the appliance planned itself (the change schedule). Read but not yet checked against
/// the department's profile: purposes, groups and licences are the pipeline's to enforce.
///
/// The henkilötunnus are a ``HetuSequence``: a caller takes them in message-sized chunks
/// (``HetuSequence/chunks(ofCount:)``) and never needs to know how the drop was read.
public struct DropContent: Sendable, Hashable {
    /// Where the content came from.
    public enum Origin: Sendable, Hashable, CustomStringConvertible {
        /// A dropped list: its detected encoding and how its lines were laid out.
        case list(encoding: TextEncoding, dialect: Dialect)
        /// A dropped request document.
        case requestDocument
        /// Planned by the appliance (a scheduled or municipal change fetch): nothing was dropped.
        case planned

        public var description: String {
            switch self {
            case .list(let encoding, let dialect): "\(dialect), encoding \(encoding)"
            case .requestDocument: "request document"
            case .planned: "planned by the appliance"
            }
        }
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

    /// List, request document or planned fetch.
    public var origin: Origin
    /// `toiminto`: what the department asks for (a list always asks `perustiedot`).
    public var operation: Operation
    /// `kayttotarkoitus`; nil means the department's default purpose.
    public var purpose: String?
    /// `muoto`; nil means the department's default format.
    public var format: OutputFormat?
    /// `tunniste`, echoed in every result file of the drop.
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
    /// How many distinct unknown group names are kept (and reported) per request document.
    public static let unknownGroupLimit = 100

    /// Distinct valid henkilötunnus in the order first seen.
    public var hetus = HetuSequence()
    /// The line each value of ``hetus`` was first seen on (same order).
    public var hetuLines = FirstLines()
    /// Repeats of values already listed (queried once); the first ``HetuCollector/detailLimit``.
    public var duplicates: [Duplicate] = []
    /// Values that are not valid henkilötunnus, with line and reason; the first
    /// ``HetuCollector/detailLimit`` (``rejectedCount`` counts them all).
    public var rejected: [RejectedLine] = []
    /// Accepted values worth a remark (lower case); the first ``HetuCollector/detailLimit``.
    public var warnings: [LineWarning] = []
    /// Every rejected value, listed or not.
    public var rejectedCount = 0
    /// Every repeat, listed or not.
    public var duplicateCount = 0
    /// Every warning, listed or not.
    public var warningCount = 0
    /// Values read: a list's lines that held one (valid, repeat or rejected; a CSV header is not
    /// one), a request document's `<hetu>` elements.
    public var valueLines = 0
    /// Physical lines of a list (0 for a request document).
    public var lineCount = 0
    /// Empty or blank lines of a list (skipped).
    public var blankLines = 0
    /// `#` comment lines of a list (skipped).
    public var commentLines = 0
    /// A CSV's or workbook's other columns, to come back beside the result's (nil: none).
    public var carried: CarriedColumns?

    /// Content of `origin` asking `operation`; the values come from a reader (``take(_:)``).
    public init(origin: Origin, operation: Operation = .perustiedot, purpose: String? = nil, format: OutputFormat? = nil,
                reference: String? = nil) {
        self.origin = origin
        self.operation = operation
        self.purpose = purpose
        self.format = format
        self.reference = reference
    }

    /// A list read in `encoding`, laid out as `dialect`.
    public init(encoding: TextEncoding, dialect: Dialect) {
        self.init(origin: .list(encoding: encoding, dialect: dialect))
    }

    /// A fetch the appliance plans itself (a scheduled change delivery): no values, no lines,
    /// everything else the department's; `reference` is echoed like a document's `tunniste`.
    public static func planned(_ operation: Operation, reference: String) -> DropContent {
        DropContent(origin: .planned, operation: operation, reference: reference)
    }

    /// The change delivery the daily schedule owes a department (`muutokset`, `kunta-muutokset`),
    /// echoing `ajastettu` as its reference.
    public static func scheduled(_ operation: Operation) -> DropContent {
        planned(operation, reference: scheduledReference)
    }

    /// The reference of a scheduled fetch's results and receipt.
    public static let scheduledReference = "ajastettu"

    /// A `<hetu>` element of a request document is a value as a list line is one.
    public var hetuElements: Int { valueLines }

    /// A list's encoding (nil for a request document or a planned fetch).
    public var encoding: TextEncoding? {
        if case .list(let encoding, _) = origin { return encoding }
        return nil
    }

    /// A list's layout (nil for a request document or a planned fetch).
    public var dialect: Dialect? {
        if case .list(_, let dialect) = origin { return dialect }
        return nil
    }

    /// The groups as written for the profile check: the product groups, then the unknown names
    /// (refused by name); nil when none were named (the department's groups apply).
    public var groupNames: [String]? {
        if let groups { return groups.map(\.rawValue) + unknownGroups.map(\.name) }
        return unknownGroups.isEmpty ? nil : unknownGroups.map(\.name)
    }

    /// Takes what `collector` filed: the values, repeats, rejections, warnings and their counts
    /// (finishing it in place: a copy would copy the list).
    public mutating func take(_ collector: inout HetuCollector) {
        collector.finish()
        hetus = collector.hetus
        hetuLines = collector.hetuLines
        duplicates = collector.duplicates
        rejected = collector.rejected
        warnings = collector.warnings
        rejectedCount = collector.rejectedCount
        duplicateCount = collector.duplicateCount
        warningCount = collector.warningCount
        valueLines = collector.valueCount
    }
}
