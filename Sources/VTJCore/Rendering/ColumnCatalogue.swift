/// Every basic-data column name (docs/csv-columns.md) and where its cell comes from.
public enum ColumnCatalogue {
    /// Where a column's cell comes from: a leading column, or a group's column in one slot.
    public struct Source: Hashable, Sendable {
        /// nil for the leading columns (`hetu`, `tila`, `pidatetyt`).
        public let group: GroupName?
        /// 1-based slot of a numbered group (`huoltaja2_hetu` → 2); 1 for single-slot groups.
        public let slot: Int
    }

    /// Every column name, leading ones first, then the groups' columns in the product's order.
    public static let allNames: [String] = CSVRenderer.leadingColumns
        + GroupName.productGroupsInOrder.compactMap(CSVGroupLayout.layout(of:)).flatMap(\.columnNames)

    private static let sources: [String: Source] = {
        var table: [String: Source] = [:]
        for name in CSVRenderer.leadingColumns { table[name] = Source(group: nil, slot: 1) }
        for layout in GroupName.productGroupsInOrder.compactMap(CSVGroupLayout.layout(of:)) {
            for slot in 1...layout.maxItems {
                for column in layout.columns {
                    let name = layout.maxItems > 1 ? "\(layout.prefix)\(slot)_\(column.name)" : column.name
                    table[name] = Source(group: layout.group, slot: slot)
                }
            }
        }
        return table
    }()

    /// Where `name`'s cell comes from; nil for a name that is no result column.
    public static func source(of name: String) -> Source? { sources[name] }
}
