/// The result file's format (`muoto`).
public enum OutputFormat: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case csv
    case xml
    /// An Excel workbook (docs/xlsx.md): codes and henkilötunnus as text cells, dates as dates.
    case xlsx

    public var description: String { rawValue }
}
