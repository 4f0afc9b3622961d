/// Names in an inbox that are never picked up, and why (drop contract, section 1).
public enum DropNameRule: String, Sendable, Hashable, CustomStringConvertible {
    case dotFile = "dot-files are never picked up"
    case temporary = "temporary names (*.tmp, *.part) are never picked up"
    case officeLock = "office lock files (~$*) are never picked up"
    case marker = "a .done marker only signals that its file is complete"

    public var description: String { rawValue }

    /// The rule that excludes `name`, or nil when the name may be picked up.
    public static func exclusion(for name: String) -> DropNameRule? {
        if name.hasPrefix(".") { return .dotFile }
        if name.hasPrefix("~$") { return .officeLock }
        let lower = name.lowercased()
        if lower.hasSuffix(".tmp") || lower.hasSuffix(".part") { return .temporary }
        if lower.hasSuffix(ReadinessMode.markerSuffix) { return .marker }
        return nil
    }
}
