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
    /// Every header name, in order.
    public let columnNames: [String]
    private let layouts: [CSVGroupLayout]
    /// The UTF-8 length of each layout's group name.
    private let layoutNameLengths: [Int]
    /// A not-found row after its hetu cell: the same bytes for every such row.
    private let notFoundTail: [UInt8]

    /// Leading columns of every basic-data file.
    public static let leadingColumns = ["hetu", "tila", "pidatetyt"]
    /// The last column when the request carries a `tunniste`.
    public static let referenceColumn = "tunniste"

    public init(groups: [GroupName], dialect: CSVDialect = .standard, reference: String? = nil) {
        let wanted = Set(groups)
        self.groups = GroupName.productGroupsInOrder.filter(wanted.contains)
        let layouts = self.groups.compactMap(CSVGroupLayout.layout(of:))
        self.layouts = layouts
        self.layoutNameLengths = layouts.map(\.group.rawValue.utf8.count)
        let encoder = CSVEncoder(dialect: dialect)
        self.encoder = encoder
        self.reference = reference
        let trailing = reference == nil ? [] : [Self.referenceColumn]
        self.columnNames = Self.leadingColumns + layouts.flatMap(\.columnNames) + trailing
        var tail: [UInt8] = []
        for cell in Self.notFoundCells(hetu: "", columns: columnNames.count, reference: reference).dropFirst() {
            encoder.appendDelimiter(to: &tail)
            encoder.appendCell(cell, to: &tail)
        }
        encoder.appendLineEnding(to: &tail)
        self.notFoundTail = tail
    }

    /// For a department's authorised request.
    public init(authorisation: RequestAuthorisation, dialect: CSVDialect, reference: String? = nil) {
        self.init(groups: authorisation.groups, dialect: dialect, reference: reference)
    }

    /// Last (not leading) so that a reader of fixed column positions sees the same group columns either way.
    private var trailingColumns: [String] { reference == nil ? [] : [Self.referenceColumn] }

    /// BOM (when configured) and the header row.
    public func header() -> [UInt8] { encoder.preamble + encoder.lineBytes(columnNames) }

    /// Which of ``columnNames`` hold dates (`YYYY-MM-DD` as received), for typed formats (xlsx).
    public var dateColumns: [Bool] {
        Self.leadingColumns.map { _ in false } + layouts.flatMap(\.dateColumns) + trailingColumns.map { _ in false }
    }

    /// The row of a found person; `overflow` counts items beyond a group's numbered columns.
    public func row(_ person: PersonDisclosure) -> CSVRow {
        var line = CSVLineWriter(encoder: encoder, capacity: columnNames.count + 256)
        let overflow = put(person, into: &line)
        return CSVRow(bytes: line.finish(), overflow: overflow)
    }

    /// The cells of a found person's row (one per ``columnNames``), unencoded, and the overflow.
    public func cells(_ person: PersonDisclosure) -> (cells: [String], overflow: [GroupName: Int]) {
        var list = CSVCellList()
        list.cells.reserveCapacity(columnNames.count)
        let overflow = put(person, into: &list)
        return (list.cells, overflow)
    }

    private func put<Sink: CSVCellSink>(_ person: PersonDisclosure, into sink: inout Sink) -> [GroupName: Int] {
        let status: ResultStatus = person.isProtected ? .protected : .found
        sink.cell(person.hetu)
        sink.cell(status.rawValue)
        sink.cell(person.withheld.isEmpty ? "" : person.withheld.map(\.description).joined(separator: " "))
        // A person's records sorted to their layouts in one pass (a record of a group without
        // columns is dropped, as before); the length check spares most string comparisons.
        var mine = [[Record]](repeating: [], count: layouts.count)
        for record in person.records {
            let length = record.group.rawValue.utf8.count
            if let index = layouts.indices.first(where: { layoutNameLengths[$0] == length && layouts[$0].group == record.group }) {
                mine[index].append(record)
            }
        }
        var overflow: [GroupName: Int] = [:]
        for index in layouts.indices {
            let extra = layouts[index].putCells(ofOwn: mine[index], into: &sink)
            if extra > 0 { overflow[layouts[index].group] = extra }
        }
        if let reference { sink.cell(reference) }
        return overflow
    }

    /// The row of a requested hetu the interface returned no data for (`status` says why).
    public func notFoundRow(hetu: String, status: ResultStatus = .notFound) -> [UInt8] {
        guard status == .notFound else { return encoder.lineBytes(notFoundCells(hetu: hetu, status: status)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hetu.utf8.count + notFoundTail.count + 2)
        encoder.appendCell(hetu, to: &bytes)
        bytes.append(contentsOf: notFoundTail)
        return bytes
    }

    /// The cells of a requested hetu the interface returned no data for (one per ``columnNames``).
    public func notFoundCells(hetu: String, status: ResultStatus = .notFound) -> [String] {
        Self.notFoundCells(hetu: hetu, status: status, columns: columnNames.count, reference: reference)
    }

    private static func notFoundCells(hetu: String, status: ResultStatus = .notFound, columns: Int, reference: String?) -> [String] {
        let trailing = reference.map { [$0] } ?? []
        let empty = Array(repeating: "", count: columns - leadingColumns.count - trailing.count)
        return [hetu, status.rawValue, ""] + empty + trailing
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
