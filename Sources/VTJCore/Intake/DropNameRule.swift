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

    /// Whether the name is only a writer's scratch (a dot-file, an upload in progress, an office
    /// lock): nothing about it — created, written, renamed away — is news to intake, which never
    /// picks it up. A `.done` marker is not: its arrival makes its file ready.
    public var isScratch: Bool { self != .marker }
}
