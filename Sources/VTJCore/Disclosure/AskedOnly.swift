/// Only persons the department asked about reach its result. The interface may answer about
/// someone nobody asked for (a mix-up on its side, a paging fault, a hostile answer): that person
/// is dropped before the disclosure rules see them, and only counted, so the receipt can say so.
///
/// A municipal selection or a change delivery asks about whoever the interface names
/// (``everyone``); a list or a request document asks about its henkilötunnus only.
public struct AskedOnly: Sendable {
    /// nil: whoever the interface answers about was asked for. Keys, not strings: about 3 bytes a
    /// henkilötunnus, shared with the drop's list (issue 15's memory bound).
    private let asked: HenkilotunnusKeys?

    /// The listed codes (nil for ``everyone``), for whoever needs a position per listed person.
    public var keys: HenkilotunnusKeys? { asked }

    /// Exactly the persons of `hetus`.
    public init(_ hetus: some Sequence<Henkilotunnus>) {
        asked = HenkilotunnusKeys(hetus)
    }

    /// Exactly the persons of a drop's list: its sorted codes as it holds them (not sorted again, not copied).
    public init(_ hetus: HetuSequence) {
        asked = hetus.distinct
    }

    private init(anyone: Void) { asked = nil }

    /// Whoever the interface answers about (a municipal selection, the followed register's changes).
    public static let everyone = AskedOnly(anyone: ())

    /// Whether an answered person with henkilötunnus `hetu` may be written at all.
    /// A string that is not a valid henkilötunnus was never asked for.
    public func admits(_ hetu: String) -> Bool {
        guard asked != nil else { return true }
        return admits(try? Henkilotunnus(hetu))
    }

    /// The same for a code read already (nil: the henkilötunnus text was not a valid code).
    public func admits(_ code: Henkilotunnus?) -> Bool {
        guard let asked else { return true }
        guard let code else { return false }
        return asked.contains(code)
    }
}
