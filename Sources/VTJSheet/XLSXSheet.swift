/// The first worksheet of a workbook as text: its rows that hold anything, in order.
public struct XLSXSheet: Hashable, Sendable {
    /// One row: its number in the sheet (for "file, row, reason" messages) and its cells as
    /// text, empty cells kept in their columns (`cells[2]` is column C); no empty cells at the end.
    public struct Row: Hashable, Sendable {
        /// 1-based row number as the sheet shows it.
        public let number: Int
        public let cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    /// The sheet's name as the workbook shows it.
    public let name: String
    /// Rows with at least one non-empty cell (blank rows are skipped, so numbers may jump).
    public let rows: [Row]

    public init(name: String, rows: [Row]) {
        self.name = name
        self.rows = rows
    }

    /// The first row, which a list's header is.
    public var header: Row? { rows.first }
    /// The rows after ``header``.
    public var body: ArraySlice<Row> { rows.dropFirst() }
    /// The widest row's cell count.
    public var columnCount: Int { rows.map(\.cells.count).max() ?? 0 }
}
