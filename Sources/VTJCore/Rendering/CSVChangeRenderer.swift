/// Writes a change delivery: one row per delivered record or instruction, in the order given
/// (the runtime passes entries in `muutospv` order).
///
/// Leading columns: `hetu;tila;muutospv;muutosattribuutti;tietoryhma;ohje;pidatetyt`; then the
/// same group columns as ``CSVRenderer``, of which only the row's own group is filled (first item).
public struct CSVChangeRenderer: Hashable, Sendable {
    public let groups: [GroupName]
    public let encoder: CSVEncoder
    /// The request's `tunniste`, echoed in a last column of every row when the request gave one.
    public let reference: String?
    /// Every header name, in order.
    public let columnNames: [String]
    private let layouts: [CSVGroupLayout]

    public static let leadingColumns = ["hetu", "tila", "muutospv", "muutosattribuutti", "tietoryhma", "ohje", "pidatetyt"]

    public init(groups: [GroupName], dialect: CSVDialect = .standard, reference: String? = nil) {
        let wanted = Set(groups)
        self.groups = GroupName.productGroupsInOrder.filter(wanted.contains)
        let layouts = self.groups.compactMap(CSVGroupLayout.layout(of:))
        self.layouts = layouts
        self.encoder = CSVEncoder(dialect: dialect)
        self.reference = reference
        self.columnNames = Self.leadingColumns + layouts.flatMap(\.columnNames) + (reference == nil ? [] : [CSVRenderer.referenceColumn])
    }

    private var trailingCells: [String] { reference.map { [$0] } ?? [] }

    /// BOM (when configured) and the header row.
    public func header() -> [UInt8] { encoder.preamble + encoder.lineBytes(columnNames) }

    /// The rows of one change entry: instructions first, then each delivered record.
    ///
    /// An entry whose records were all withheld still yields one row (empty `tietoryhma`) carrying
    /// the withheld markers, so nothing disappears silently.
    public func rows(_ change: ChangeDisclosure) -> CSVRow {
        let (rows, overflow) = cellRows(change)
        var bytes: [UInt8] = []
        for row in rows { encoder.appendLine(row, to: &bytes) }
        return CSVRow(bytes: bytes, overflow: overflow)
    }

    /// Which of ``columnNames`` hold dates, for typed formats (xlsx): the group columns' dates;
    /// `muutospv` is a UTC timestamp, kept as text.
    public var dateColumns: [Bool] {
        Self.leadingColumns.map { _ in false } + layouts.flatMap(\.dateColumns) + trailingCells.map { _ in false }
    }

    /// The cells of ``rows(_:)``, unencoded: one array per row (one cell per ``columnNames``).
    public func cellRows(_ change: ChangeDisclosure) -> (rows: [[String]], overflow: [GroupName: Int]) {
        let status: ResultStatus = change.isProtected ? .protected : .found
        let withheld = WithheldGroup.cellText(change.withheld)
        let width = columnNames.count - Self.leadingColumns.count - trailingCells.count
        var rows: [[String]] = []
        for instruction in change.instructions {
            let lead = [change.hetu, status.rawValue, change.muutospv, "", instruction.group.rawValue,
                        instruction.action.rawValue, withheld]
            rows.append(lead + Array(repeating: "", count: width) + trailingCells)
        }
        var overflow: [GroupName: Int] = [:]
        for record in change.records {
            let lead = [change.hetu, status.rawValue, change.muutospv, record.change?.rawValue ?? "",
                        record.group.rawValue, "", withheld]
            var cells: [String] = []
            for layout in layouts {
                if layout.group == record.group {
                    let single = CSVGroupLayout(group: layout.group, prefix: layout.prefix, maxItems: 1,
                                                listField: layout.listField, columns: layout.columns)
                    let (first, extra) = single.cells(of: [record])
                    cells += first
                    cells.append(contentsOf: repeatElement("", count: layout.columnCount - first.count))
                    if extra > 0 { overflow[layout.group, default: 0] += extra }
                } else {
                    cells.append(contentsOf: repeatElement("", count: layout.columnCount))
                }
            }
            rows.append(lead + cells + trailingCells)
        }
        if change.instructions.isEmpty, change.records.isEmpty {
            let lead = [change.hetu, status.rawValue, change.muutospv, "", "", "", withheld]
            rows.append(lead + Array(repeating: "", count: width) + trailingCells)
        }
        return (rows, overflow)
    }
}
