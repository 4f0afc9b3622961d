/// Which columns hold dates, from the wire profile's field shapes (``GroupSchema``).
extension CSVGroupLayout {
    /// Per header name (as ``columnNames``, slots repeated): whether the column holds a date.
    public var dateColumns: [Bool] {
        let perItem = columns.map(isDate)
        return maxItems > 1 ? Array((0..<maxItems).map { _ in perItem }.joined()) : perItem
    }

    /// Follows the column's path through the group's field shapes to its last field.
    private func isDate(_ column: Column) -> Bool {
        guard column.part == .plain, var fields = GroupSchema.fields(of: group) else { return false }
        if let listField {
            guard case .list(_, let items)? = fields.first(where: { $0.name == listField })?.kind else { return false }
            fields = items
        }
        for (depth, name) in column.path.enumerated() {
            guard let spec = fields.first(where: { $0.name == name }) else { return false }
            if depth == column.path.count - 1 { return spec.kind == .date }
            switch spec.kind {
            case .stub: fields = FieldSpec.stubFields
            case .composite(let children): fields = children
            case .list(_, let items): fields = items
            default: return false
            }
        }
        return false
    }
}
