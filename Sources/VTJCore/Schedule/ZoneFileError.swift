/// Why a time-zone file could not be read.
public enum ZoneFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file does not start with `TZif`.
    case notTZif
    /// The file ends before its header's counts say it should.
    case truncated
    /// A transition names a local time type the file does not have.
    case badTypeIndex
    /// The footer is not a POSIX TZ string this reader knows.
    case badFooter(String)

    public var description: String {
        switch self {
        case .notTZif: "not a TZif time-zone file; reinstall the tzdata package"
        case .truncated: "the time-zone file is cut short; reinstall the tzdata package"
        case .badTypeIndex: "the time-zone file names a local time type it lacks; reinstall the tzdata package"
        case .badFooter(let text): "the time-zone file's rule \(text) is not a POSIX TZ string; reinstall the tzdata package"
        }
    }
}
