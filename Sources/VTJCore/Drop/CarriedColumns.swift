/// A drop's own columns (a CSV or workbook with a header), kept to come back beside the result's
/// columns on every row of the clerk's list: the class, the notes, the name as typed.
///
/// The cells are the clerk's own data: they are written only into the department's own result
/// (encoded like every other cell) and never logged; ``description`` says only how much there is.
public struct CarriedColumns: Sendable, Hashable, CustomStringConvertible {
    /// A row of the list whose value was not a valid henkilötunnus.
    public struct Rejected: Sendable, Hashable {
        /// The value of the henkilötunnus column as read (trimmed).
        public let value: String
        public let cells: [String]
    }

    /// The header's names, the henkilötunnus column left out, in the list's order.
    public let names: [String]
    /// Each valid henkilötunnus's rows' cells, in list order (a repeat keeps its own cells).
    public private(set) var rows: [String: [[String]]] = [:]
    /// The rows without a valid henkilötunnus, in list order.
    public private(set) var rejected: [Rejected] = []
    /// Where the henkilötunnus column sits among the list's columns.
    let hetuColumn: Int

    /// For a header of `header` cells whose henkilötunnus column is `hetuColumn`.
    public init(header: [String], hetuColumn: Int) {
        self.hetuColumn = hetuColumn
        self.names = header.enumerated().filter { $0.offset != hetuColumn }.map(\.element)
    }

    /// Whether there is anything to carry (a header of more than the henkilötunnus column).
    public var isEmpty: Bool { names.isEmpty }

    /// Files one row of the list (`cells` including the henkilötunnus column).
    public mutating func add(_ cells: [String], hetu: Henkilotunnus?) {
        let own = cells.enumerated().filter { $0.offset != hetuColumn }.map(\.element)
        if let hetu {
            rows[hetu.value, default: []].append(own)
        } else {
            let value = hetuColumn < cells.count ? String(HetuListReader.trimmed(cells[hetuColumn])) : ""
            rejected.append(Rejected(value: value, cells: own))
        }
    }

    /// The carried cells of `hetu`'s rows; one empty row when the list had none (never happens
    /// for a hetu the list asked for).
    public func cells(of hetu: String) -> [[String]] { rows[hetu] ?? [[]] }

    public var description: String { "\(names.count) carried columns of \(rows.count + rejected.count) rows" }
}
