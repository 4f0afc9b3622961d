/// Writes a basic-data result: a header, then one row per distinct requested valid hetu, one at a time.
///
/// Each call returns the bytes of one row, so a million rows never sit in memory; the runtime
/// appends them to its temp file. Columns are fixed per group (docs/csv-columns.md).
public struct CSVRenderer: Hashable, Sendable {
    /// Groups that have columns, in the product's order.
    public let groups: [GroupName]
    public let encoder: CSVEncoder
    /// The request's `tunniste`, echoed in a last column of every row when the request gave one.
    public let reference: String?
    private let layouts: [CSVGroupLayout]

    /// Leading columns of every basic-data file.
    public static let leadingColumns = ["hetu", "tila", "pidatetyt"]
    /// The last column when the request carries a `tunniste`.
    public static let referenceColumn = "tunniste"

    public init(groups: [GroupName], dialect: CSVDialect = .standard, reference: String? = nil) {
        let wanted = Set(groups)
        self.groups = GroupName.productGroupsInOrder.filter(wanted.contains)
        self.layouts = self.groups.compactMap(CSVGroupLayout.layout(of:))
        self.encoder = CSVEncoder(dialect: dialect)
        self.reference = reference
    }

    /// For a department's authorised request.
    public init(authorisation: RequestAuthorisation, dialect: CSVDialect, reference: String? = nil) {
        self.init(groups: authorisation.groups, dialect: dialect, reference: reference)
    }

    /// Every header name, in order.
    public var columnNames: [String] { Self.leadingColumns + layouts.flatMap(\.columnNames) + trailingColumns }

    /// Last (not leading) so that a reader of fixed column positions sees the same group columns either way.
    private var trailingColumns: [String] { reference == nil ? [] : [Self.referenceColumn] }
    private var trailingCells: [String] { reference.map { [$0] } ?? [] }

    /// BOM (when configured) and the header row.
    public func header() -> [UInt8] { encoder.preamble + Array(encoder.line(columnNames).utf8) }

    /// Which of ``columnNames`` hold dates (`YYYY-MM-DD` as received), for typed formats (xlsx).
    public var dateColumns: [Bool] {
        Self.leadingColumns.map { _ in false } + layouts.flatMap(\.dateColumns) + trailingColumns.map { _ in false }
    }

    /// The row of a found person; `overflow` counts items beyond a group's numbered columns.
    public func row(_ person: PersonDisclosure) -> CSVRow {
        let (cells, overflow) = cells(person)
        return CSVRow(bytes: Array(encoder.line(cells).utf8), overflow: overflow)
    }

    /// The cells of a found person's row (one per ``columnNames``), unencoded, and the overflow.
    public func cells(_ person: PersonDisclosure) -> (cells: [String], overflow: [GroupName: Int]) {
        let status: ResultStatus = person.isProtected ? .protected : .found
        var cells = [person.hetu, status.rawValue, person.withheld.map(\.description).joined(separator: " ")]
        var overflow: [GroupName: Int] = [:]
        for layout in layouts {
            let (groupCells, extra) = layout.cells(of: person.records)
            cells += groupCells
            if extra > 0 { overflow[layout.group] = extra }
        }
        return (cells + trailingCells, overflow)
    }

    /// The row of a requested hetu the interface returned no data for (`status` says why).
    public func notFoundRow(hetu: String, status: ResultStatus = .notFound) -> [UInt8] {
        Array(encoder.line(notFoundCells(hetu: hetu, status: status)).utf8)
    }

    /// The cells of a requested hetu the interface returned no data for (one per ``columnNames``).
    public func notFoundCells(hetu: String, status: ResultStatus = .notFound) -> [String] {
        let empty = Array(repeating: "", count: columnNames.count - Self.leadingColumns.count - trailingCells.count)
        return [hetu, status.rawValue, ""] + empty + trailingCells
    }
}

/// One rendered row and what did not fit in it.
public struct CSVRow: Hashable, Sendable {
    /// UTF-8 bytes including the line ending.
    public var bytes: [UInt8]
    /// Items beyond a group's maximum numbered columns (reported in the receipt).
    public var overflow: [GroupName: Int]

    public init(bytes: [UInt8], overflow: [GroupName: Int] = [:]) {
        self.bytes = bytes
        self.overflow = overflow
    }

    /// All overflowing items.
    public var overflowCount: Int { overflow.values.reduce(0, +) }
}
