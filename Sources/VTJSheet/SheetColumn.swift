/// One column of a written sheet: its header and how its values become cells.
public struct SheetColumn: Hashable, Sendable {
    /// How values become cells.
    public enum Kind: Hashable, Sendable {
        /// Always a text cell (codes, henkilötunnus, names): no value is ever reinterpreted as a
        /// number, date or formula, so `00723` keeps its zeros and `=SUM(A1)` stays text.
        case text
        /// A date cell (shown `yyyy-mm-dd`) for a full `YYYY-MM-DD` date from 1900-03-01 on;
        /// any other value (empty, partial, earlier) is written as text, unchanged.
        case date
    }

    /// The header text.
    public var name: String
    public var kind: Kind

    public init(_ name: String, kind: Kind = .text) {
        self.name = name
        self.kind = kind
    }

    /// Columns for names and date flags as a result renderer gives them (`columnNames`, `dateColumns`).
    public static func columns(names: [String], dates: [Bool]) -> [SheetColumn] {
        names.enumerated().map { index, name in
            SheetColumn(name, kind: index < dates.count && dates[index] ? .date : .text)
        }
    }
}
