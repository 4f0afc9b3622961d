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
    /// The chosen columns (nil: every column of the granted groups).
    public let layout: ColumnLayout?
    /// The drop's own column names, carried back after the result's columns (docs/csv-columns.md).
    public let carriedNames: [String]
    /// With a layout: for each layout column, its cell's index among the groups' full cells
    /// (``sourceColumns``), or nil when its group is not granted for this request (always empty).
    private let picks: [Int?]
    /// With a layout: how many cells the groups' full rows have.
    private let sourceColumns: Int
    private let layouts: [CSVGroupLayout]
    /// At each product group's index (``GroupName/productIndex``), its layout's index in
    /// ``layouts``, or -1 when it has none here.
    private let layoutOfProduct: [Int]
    /// A not-found row after its hetu cell: the same bytes for every such row.
    private let notFoundTail: [UInt8]

    /// Leading columns of every basic-data file.
    public static let leadingColumns = ["hetu", "tila", "pidatetyt"]
    /// The last column when the request carries a `tunniste`.
    public static let referenceColumn = "tunniste"

    /// A renderer of `groups`' columns, or of `layout`'s when given (columns of groups outside
    /// `groups` then stay empty, so every column keeps its position whatever a request narrows);
    /// `carried` names the drop's own columns, which come last.
    public init(groups: [GroupName], dialect: CSVDialect = .standard, reference: String? = nil,
                layout: ColumnLayout? = nil, carried: [String] = []) {
        let wanted = Set(groups)
        self.groups = GroupName.productGroupsInOrder.filter(wanted.contains)
        // `kaikki` is the layout of earlier versions: every granted group's columns.
        let layout = layout?.preset == ColumnPreset.kaikki.rawValue ? nil : layout
        self.layout = layout
        self.carriedNames = carried
        let layouts = Self.sourceLayouts(groups: self.groups, layout: layout)
        self.layouts = layouts
        var layoutOfProduct = [Int](repeating: -1, count: GroupName.productGroupsInOrder.count)
        for (index, layout) in layouts.enumerated() where layout.group.productIndex >= 0 {
            layoutOfProduct[Int(layout.group.productIndex)] = index
        }
        self.layoutOfProduct = layoutOfProduct
        let encoder = CSVEncoder(dialect: dialect)
        self.encoder = encoder
        self.reference = reference
        let trailing = reference == nil ? [] : [Self.referenceColumn]
        let source = Self.leadingColumns + layouts.flatMap(\.columnNames)
        self.sourceColumns = source.count
        if let layout {
            let index = Dictionary(source.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            self.picks = layout.columns.map { index[$0] }
            self.columnNames = layout.columns + trailing + Self.carriedHeader(carried, beside: layout.columns + trailing)
        } else {
            self.picks = []
            self.columnNames = source + trailing + Self.carriedHeader(carried, beside: source + trailing)
        }
        var tail: [UInt8] = []
        for cell in Self.notFoundCells(hetu: "", columns: columnNames.count - carried.count, reference: reference).dropFirst() {
            encoder.appendDelimiter(to: &tail)
            encoder.appendCell(cell, to: &tail)
        }
        encoder.appendLineEnding(to: &tail)
        self.notFoundTail = tail
    }

    /// For a department's authorised request.
    public init(authorisation: DropAuthorisation, dialect: CSVDialect, reference: String? = nil,
                layout: ColumnLayout? = nil, carried: [String] = []) {
        self.init(groups: authorisation.groups, dialect: dialect, reference: reference, layout: layout, carried: carried)
    }

    /// The group layouts whose cells a row is built from: every granted group's, or with a
    /// layout only the granted groups it names, each with as many slots as it names.
    private static func sourceLayouts(groups: [GroupName], layout: ColumnLayout?) -> [CSVGroupLayout] {
        let all = groups.compactMap(CSVGroupLayout.layout(of:))
        guard let layout else { return all }
        var slots: [GroupName: Int] = [:]
        for name in layout.columns {
            guard let source = ColumnCatalogue.source(of: name), let group = source.group else { continue }
            slots[group] = max(slots[group] ?? 0, source.slot)
        }
        return all.compactMap { full in
            guard let used = slots[full.group] else { return nil }
            return CSVGroupLayout(group: full.group, prefix: full.prefix, maxItems: min(used, full.maxItems),
                                  listField: full.listField, columns: full.columns)
        }
    }

    /// The carried columns' header: the drop's names, one that a result column already has
    /// prefixed `oma_` so that no header is ambiguous.
    private static func carriedHeader(_ carried: [String], beside result: [String]) -> [String] {
        var taken = Set(result)
        return carried.map { name in
            var chosen = name
            while taken.contains(chosen) { chosen = "oma_" + chosen }
            taken.insert(chosen)
            return chosen
        }
    }

    /// Last (not leading) so that a reader of fixed column positions sees the same group columns either way.
    private var trailingColumns: [String] { reference == nil ? [] : [Self.referenceColumn] }

    /// BOM (when configured) and the header row.
    public func header() -> [UInt8] { encoder.preamble + encoder.lineBytes(columnNames) }

    /// Which of ``columnNames`` hold dates (`YYYY-MM-DD` as received), for typed formats (xlsx).
    public var dateColumns: [Bool] {
        let source = Self.leadingColumns.map { _ in false } + layouts.flatMap(\.dateColumns)
        let chosen = layout == nil ? source : picks.map { $0.map { source[$0] } ?? false }
        return chosen + trailingColumns.map { _ in false } + carriedNames.map { _ in false }
    }

    /// The row of a found person; `overflow` counts items beyond a group's numbered columns.
    /// `carried` are the drop's own cells of the row (padded or cut to ``carriedNames``).
    public func row(_ person: PersonDisclosure, carried: [String] = []) -> CSVRow {
        var line = CSVLineWriter(encoder: encoder, capacity: columnNames.count + 256)
        let overflow = put(person, into: &line)
        putCarried(carried, into: &line)
        return CSVRow(bytes: line.finish(), overflow: overflow)
    }

    /// The cells of a found person's row (one per ``columnNames``), unencoded, and the overflow.
    public func cells(_ person: PersonDisclosure, carried: [String] = []) -> (cells: [String], overflow: [GroupName: Int]) {
        var list = CSVCellList()
        list.cells.reserveCapacity(columnNames.count)
        let overflow = put(person, into: &list)
        putCarried(carried, into: &list)
        return (list.cells, overflow)
    }

    private func putCarried<Sink: CSVCellSink>(_ carried: [String], into sink: inout Sink) {
        for index in carriedNames.indices { sink.cell(index < carried.count ? carried[index] : "") }
    }

    /// The row's result cells: straight into the sink, or through the layout's picks.
    private func put<Sink: CSVCellSink>(_ person: PersonDisclosure, into sink: inout Sink) -> [GroupName: Int] {
        guard layout != nil else { return putSource(person, into: &sink) }
        var source = CSVCellList()
        source.cells.reserveCapacity(sourceColumns + 1)
        let overflow = putSource(person, into: &source)
        for pick in picks { sink.cell(pick.map { source.cells[$0] } ?? "") }
        if let reference { sink.cell(reference) }
        return overflow
    }

    private func putSource<Sink: CSVCellSink>(_ person: PersonDisclosure, into sink: inout Sink) -> [GroupName: Int] {
        let status: ResultStatus = person.isProtected ? .protected : .found
        sink.cell(person.hetu)
        sink.cell(status.rawValue)
        sink.cell(WithheldGroup.cellText(person.withheld))
        // Each record's layout found in one pass by its group's product index (a record of a
        // group without columns has none and is dropped, as before), kept on the stack: each
        // layout then walks the person's records for its own, with no array per layout.
        let records = person.records
        var overflow: [GroupName: Int] = [:]
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(records.count, 1)) { owners in
            for (position, record) in records.enumerated() {
                let product = Int(record.group.productIndex)
                owners[position] = product >= 0 ? layoutOfProduct[product] : -1
            }
            let own = CSVGroupLayout.Owners(records: records, owners: UnsafeBufferPointer(rebasing: owners[..<records.count]))
            for index in layouts.indices {
                let extra = layouts[index].putCells(of: own, layout: index, into: &sink)
                if extra > 0 { overflow[layouts[index].group] = extra }
            }
        }
        if layout == nil, let reference { sink.cell(reference) }
        return overflow
    }

    /// The row of a requested hetu the interface returned no data for (`status` says why).
    public func notFoundRow(hetu: String, status: ResultStatus = .notFound, carried: [String] = []) -> [UInt8] {
        guard carriedNames.isEmpty, status == .notFound else {
            return encoder.lineBytes(notFoundCells(hetu: hetu, status: status, carried: carried))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hetu.utf8.count + notFoundTail.count + 2)
        encoder.appendCell(hetu, to: &bytes)
        bytes.append(contentsOf: notFoundTail)
        return bytes
    }

    /// The cells of a requested hetu the interface returned no data for (one per ``columnNames``).
    public func notFoundCells(hetu: String, status: ResultStatus = .notFound, carried: [String] = []) -> [String] {
        statusCells(hetu: hetu, status: status, carried: carried)
    }

    /// The row of a line of the drop that held no valid henkilötunnus (only when columns are
    /// carried, so that every row of the clerk's list comes back): its value as read, `hylatty`.
    public func rejectedRow(value: String, carried: [String]) -> [UInt8] {
        encoder.lineBytes(rejectedCells(value: value, carried: carried))
    }

    /// The cells of ``rejectedRow(value:carried:)``.
    public func rejectedCells(value: String, carried: [String]) -> [String] {
        statusCells(hetu: value, status: .rejected, carried: carried)
    }

    private func statusCells(hetu: String, status: ResultStatus, carried: [String]) -> [String] {
        var cells = Self.notFoundCells(hetu: hetu, columns: columnNames.count - carriedNames.count, reference: reference)
        cells[1] = status.rawValue
        var list = CSVCellList(cells: cells)
        putCarried(carried, into: &list)
        return list.cells
    }

    /// `hetu`, the status (`tila` is always second), empty cells, the reference last.
    private static func notFoundCells(hetu: String, columns: Int, reference: String?) -> [String] {
        let trailing = reference.map { [$0] } ?? []
        let empty = Array(repeating: "", count: columns - 2 - trailing.count)
        return [hetu, ResultStatus.notFound.rawValue] + empty + trailing
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
