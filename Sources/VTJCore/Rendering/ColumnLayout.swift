/// Which columns a basic-data result (CSV, xlsx) has, in order: a preset or the operator's own
/// list of names from docs/csv-columns.md. `hetu` and `tila` always come first.
///
/// A layout only chooses among the cells the disclosure rules left: it can never show what a
/// rule withheld, whatever columns it names.
public struct ColumnLayout: Hashable, Sendable {
    /// The preset's name (``ColumnPreset``), or nil for an operator's own list.
    public let preset: String?
    /// Every column, in order (`hetu`, `tila`, then the chosen ones).
    public let columns: [String]
    /// Whether the operator named it (`columns:`), rather than it being the purpose's default:
    /// only a named layout narrows an XML result.
    public let isConfigured: Bool

    /// Columns every layout starts with, whether listed or not.
    public static let fixedLeading = ["hetu", "tila"]

    init(preset: String?, columns: [String], isConfigured: Bool) {
        self.preset = preset
        self.columns = columns
        self.isConfigured = isConfigured
    }

    /// The groups the layout's columns come from, in the product's order.
    public var groups: [GroupName] {
        let used = Set(columns.compactMap { ColumnCatalogue.source(of: $0)?.group })
        return GroupName.productGroupsInOrder.filter(used.contains)
    }

    /// A layout of `names` (preset or column names), for a department receiving `groups`; the
    /// problem names the offending entry and the nearest valid name.
    ///
    /// A single name that is a preset gives the preset (narrowed to `groups`); otherwise every
    /// name must be a column of a group the department receives, listed once.
    public static func resolve(_ names: [String], groups: [GroupName], configured: Bool = true)
        -> Result<ColumnLayout, ColumnLayoutProblem>
    {
        let trimmed = names.map { $0.trimmingBlanks().lowercased() }
        if trimmed.count == 1, let preset = ColumnPreset(rawValue: trimmed[0]) {
            return .success(preset.layout(groups: groups, configured: configured))
        }
        if trimmed.isEmpty {
            return .failure(ColumnLayoutProblem(index: nil, message: "no columns given; name a preset (\(ColumnPreset.allCases.map(\.rawValue).joined(separator: ", "))) or list column names from docs/csv-columns.md"))
        }
        let granted = Set(groups)
        var columns = fixedLeading
        var seen: Set<String> = []
        for (index, name) in trimmed.enumerated() {
            if ColumnPreset(rawValue: name) != nil {
                return .failure(ColumnLayoutProblem(index: index, message: "\"\(name)\" is a preset; a preset is given alone (columns: \(name)), not inside a list of columns"))
            }
            guard let source = ColumnCatalogue.source(of: name) else {
                let nearest = NearestName.closest(to: name, in: ColumnCatalogue.allNames + ColumnPreset.allCases.map(\.rawValue))
                let hint = nearest.map { "; did you mean \"\($0)\"?" } ?? "; see docs/csv-columns.md for the column names"
                return .failure(ColumnLayoutProblem(index: names.count == 1 ? nil : index,
                                                    message: "\"\(names[index])\" is neither a result column nor a preset\(hint)"))
            }
            guard seen.insert(name).inserted else {
                return .failure(ColumnLayoutProblem(index: index, message: "\"\(name)\" is listed twice; list each column once"))
            }
            if let group = source.group, !granted.contains(group) {
                return .failure(ColumnLayoutProblem(index: index, message: "\"\(name)\" comes from \(group.rawValue), which this department does not receive; add \(group.rawValue) to groups or remove the column"))
            }
            if !fixedLeading.contains(name) { columns.append(name) }
        }
        return .success(ColumnLayout(preset: nil, columns: columns, isConfigured: configured))
    }
}

/// Why a `columns:` value cannot be used.
public struct ColumnLayoutProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The list index of the offending name, when one name is at fault.
    public let index: Int?
    public let message: String

    public var description: String { message }
}
