/// What one department may receive: its licensed purposes, data groups and result format.
///
/// Build it from configuration text with ``DepartmentProfile/Draft/validate(keyPrefix:)``, which
/// reports every problem at once; the memberwise initialiser is for code and tests that already
/// hold valid values.
public struct DepartmentProfile: Hashable, Sendable {
    /// The folder name under `inbox/` and `outbox/` (e.g. `sivistys`).
    public var id: String
    /// Licensed purposes, in configuration order.
    public var purposes: [Purpose]
    /// Used for henkilötunnus lists and for requests without `kayttotarkoitus`.
    public var defaultPurpose: Purpose
    /// Groups the department may receive, in the product's order; a subset of the product's groups.
    public var groups: [GroupName]
    public var format: OutputFormat
    public var csv: CSVDialect
    /// Whether `kunta-perustiedot` / `kunta-muutokset` (the whole municipality) are allowed.
    public var municipalityWide: Bool
    /// The columns of basic-data results (CSV, xlsx); nil or preset `kaikki` = every column of the
    /// granted groups. A configured department without `columns:` gets its default purpose's preset.
    public var layout: ColumnLayout?
    /// Whether a CSV or workbook drop's own columns come back beside the result's (`carry_columns`).
    public var carryColumns: Bool

    public init(id: String, purposes: [Purpose], defaultPurpose: Purpose, groups: [GroupName],
                format: OutputFormat = .csv, csv: CSVDialect = .standard, municipalityWide: Bool = false,
                layout: ColumnLayout? = nil, carryColumns: Bool = true) {
        self.id = id
        self.purposes = purposes
        self.defaultPurpose = defaultPurpose
        self.groups = GroupName.productGroupsInOrder.filter(Set(groups).contains)
        self.format = format
        self.csv = csv
        self.municipalityWide = municipalityWide
        self.layout = layout
        self.carryColumns = carryColumns
    }

    /// The layout a department gets without `columns:`: its default purpose's preset, narrowed to its groups.
    public static func defaultLayout(purpose: Purpose, groups: [GroupName]) -> ColumnLayout {
        ColumnPreset.forPurpose(purpose).layout(groups: groups)
    }

    /// Whether `purpose` is licensed for this department.
    public func isLicensed(for purpose: Purpose) -> Bool { purposes.contains(purpose) }
}
