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
            return .failure(ColumnLayoutProblem(index: nil, reason: Message(.layoutNoColumns, ["presets": .text(ColumnPreset.allCases.map(\.rawValue).joined(separator: ", "))])))
        }
        let granted = Set(groups)
        var columns = fixedLeading
        var seen: Set<String> = []
        for (index, name) in trimmed.enumerated() {
            if ColumnPreset(rawValue: name) != nil {
                return .failure(ColumnLayoutProblem(index: index, reason: Message(.layoutPresetInList, ["name": .text(name)])))
            }
            guard let source = ColumnCatalogue.source(of: name) else {
                let nearest = NearestName.closest(to: name, in: ColumnCatalogue.allNames + ColumnPreset.allCases.map(\.rawValue))
                let reason = nearest.map { Message(.layoutUnknownColumnNearest, ["name": .text(names[index]), "nearest": .text($0)]) }
                    ?? Message(.layoutUnknownColumn, ["name": .text(names[index])])
                return .failure(ColumnLayoutProblem(index: names.count == 1 ? nil : index, reason: reason))
            }
            guard seen.insert(name).inserted else {
                return .failure(ColumnLayoutProblem(index: index, reason: Message(.layoutColumnTwice, ["name": .text(name)])))
            }
            if let group = source.group, !granted.contains(group) {
                return .failure(ColumnLayoutProblem(index: index, reason: Message(.layoutGroupNotReceived, ["name": .text(name), "group": .text(group.rawValue)])))
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
    /// Why, from the catalogue: a request's refusal writes it in the department's language.
    public let reason: Message

    /// English, for the configuration's problems.
    public var message: String { reason.description }
    public var description: String { message }
}
