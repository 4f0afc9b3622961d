/// How a department's producer signals that a dropped file is complete (drop contract, section 1).
public enum ReadinessMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The producer writes elsewhere and renames the file into place: ready at first sight.
    case rename
    /// Ready once size and modification time stayed unchanged for the settle period.
    case settle
    /// Ready once a `<name>.done` marker exists next to it.
    case marker

    /// The suffix of a marker file.
    public static let markerSuffix = ".done"

    public var description: String { rawValue }
}
