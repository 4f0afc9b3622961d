/// A requested person the interface answered about without their data: on the SOAP wire a return
/// code (`Paluukoodi`) other than "found" or "not found" (vtj-soap-kysely.md §8.3). The result
/// has a row for them with ``status`` and the receipt quotes ``reason``.
public struct UndeliveredPerson: Hashable, Sendable {
    /// The henkilötunnus as asked.
    public var hetu: String
    /// ``ResultStatus/notDisclosed``, ``ResultStatus/passive`` or ``ResultStatus/failed``.
    public var status: ResultStatus
    /// The interface's code and text, one line, every henkilötunnus masked (`0019 Tietoja ei luovuteta`).
    public var reason: String

    public init(hetu: String, status: ResultStatus, reason: String) {
        self.hetu = hetu
        self.status = status
        self.reason = reason
    }
}

/// Groups a department was granted that the interface does not deliver at all (the SOAP wire,
/// or a product without them): the receipt says "not delivered by this interface", so an empty
/// column never reads as "the person has none".
public struct UndeliveredGroups: Hashable, Sendable {
    /// The groups, in the product's order.
    public var groups: [GroupName]
    /// The interface in words, e.g. `vtj.wire soap, soap_product PERUSSANOMA 3` (configuration words, the same in every language).
    public var source: String

    public init(groups: [GroupName], source: String) {
        self.groups = GroupName.productGroupsInOrder.filter(Set(groups).contains)
        self.source = source
    }
}
