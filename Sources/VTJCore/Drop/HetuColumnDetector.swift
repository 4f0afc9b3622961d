/// Finds the henkilötunnus column of a table without a `hetu` header by its content: the one
/// column whose filled cells are nearly all (≥ 90 %) valid henkilötunnus.
///
/// Used for CSV lists without a header row and for workbooks. Decided on a sample (the first
/// ``sampleRows`` rows), so the work is bounded; every row is still validated when it is read.
public enum HetuColumnDetector {
    /// The share of a column's filled cells that must be valid henkilötunnus.
    public static let minimumShare = 0.9
    /// Rows looked at.
    public static let sampleRows = 1000

    /// Where the henkilötunnus column is and whether the first row is a header.
    public struct Location: Hashable, Sendable {
        public let column: Int
        /// The first row names the columns (by a `hetu` name, or because its cell in the
        /// found column is not a henkilötunnus while the rows below are).
        public let hasHeader: Bool
        /// Valid and filled cells of the column in the sample (for the receipt).
        public let valid: Int
        public let filled: Int
    }

    /// The location in a table whose first row is `first` and whose next rows are `rest` (a sample).
    public static func locate(first: [String], rest: [[String]]) -> Location? {
        let names = first.map { HetuListReader.trimmed($0).trimmingQuotes.lowercased() }
        if let column = names.firstIndex(where: { HetuListReader.headerNames.contains($0) }) {
            return Location(column: column, hasHeader: true, valid: 0, filled: 0)
        }
        if rest.isEmpty {
            return column(of: [first]).map { Location(column: $0.column, hasHeader: false, valid: $0.valid, filled: $0.filled) }
        }
        guard let found = column(of: rest) else { return nil }
        let top = found.column < first.count ? first[found.column] : ""
        let topIsHetu = (try? Henkilotunnus.read(HetuListReader.trimmed(top)).result.get()) != nil
        return Location(column: found.column, hasHeader: !topIsHetu, valid: found.valid, filled: found.filled)
    }

    /// The one column of `rows` whose filled cells are at least ``minimumShare`` valid; nil when
    /// no column or several are.
    static func column(of rows: [[String]]) -> (column: Int, valid: Int, filled: Int)? {
        var filled: [Int] = []
        var valid: [Int] = []
        for row in rows.prefix(sampleRows) {
            for (index, cell) in row.enumerated() {
                let text = HetuListReader.trimmed(cell)
                if text.isEmpty { continue }
                while filled.count <= index { filled.append(0); valid.append(0) }
                filled[index] += 1
                if (try? Henkilotunnus.read(text.trimmingQuotes).result.get()) != nil { valid[index] += 1 }
            }
        }
        let columns = filled.indices.filter { valid[$0] > 0 && Double(valid[$0]) >= minimumShare * Double(filled[$0]) }
        guard columns.count == 1 else { return nil }
        return (columns[0], valid[columns[0]], filled[columns[0]])
    }
}
