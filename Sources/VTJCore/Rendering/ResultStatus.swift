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
    /// The interface knows the person but disclosed no data (the SOAP wire's return codes 0007,
    /// 0018 and 0019): never "not found", and never "the person has no data".
    case notDisclosed = "ei-luovutettu"
    /// The henkilötunnus is passive and the interface named no active one in its place.
    case passive = "passiivinen"
    /// The interface answered this one person with an error that concerns them alone (the SOAP
    /// wire's return codes 0005, 0008–0017 and undocumented ones); the receipt quotes it.
    case failed = "epaonnistui"

    public var description: String { rawValue }
}
