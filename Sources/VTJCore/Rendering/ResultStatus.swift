/// A requested person's outcome in a result file (the CSV `tila` column, the XML `tila` attribute).
public enum ResultStatus: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Found; everything the rules allow is delivered.
    case found = "loytyi"
    /// The interface returned nothing for this hetu (unknown, or not visible to the credentials).
    case notFound = "ei-loytynyt"
    /// Found and under turvakielto: the address groups are withheld.
    case protected = "turvakielto"
    /// A line of the drop that held no valid henkilötunnus; only written when the drop's own
    /// columns are carried (every row of the clerk's list comes back), never queried.
    case rejected = "hylatty"

    public var description: String { rawValue }
}
