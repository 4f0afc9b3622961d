/// The result file's format (`muoto`).
public enum OutputFormat: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case csv
    case xml

    public var description: String { rawValue }
}
