/// A person of a basic-data response (`henkilo`) with every record received.
public struct Person: Hashable, Sendable {
    /// The henkilötunnus exactly as the interface sent it.
    public var hetu: String
    public var records: [Record]

    public init(hetu: String, records: [Record] = []) {
        self.hetu = hetu
        self.records = records
    }

    /// The records of one group, in document order.
    public func records(_ group: GroupName) -> [Record] { records.filter { $0.group == group } }

    /// The first real (non-placeholder) record of a group.
    public func record(_ group: GroupName) -> Record? {
        records.first { $0.group == group && !$0.isCensoredPlaceholder }
    }

    /// Whether any TURVAKIELTO record says the ban is in force on `date`.
    ///
    /// Fails closed: a record counts as in force unless it says `turvakieltoAktiivinen` false or
    /// its `turvaLoppuPv` has passed, whatever its change attribute.
    public func isUnderTurvakielto(on date: CivilDate) -> Bool {
        Person.turvakieltoInForce(in: records(.turvakielto), on: date)
    }

    /// Shared by persons and change entries: the newest record about the ban decides.
    static func turvakieltoInForce(in records: [Record], on date: CivilDate) -> Bool {
        records.contains { record in
            guard let active = record.bool("turvakieltoAktiivinen") else { return !record.fields.isEmpty }
            if !active { return false }
            if let end = record.date("turvaLoppuPv"), end < date { return false }
            return true
        }
    }
}

/// One entry of a change delivery (`muutos`): one person's changes at one moment.
public struct Change: Hashable, Sendable {
    public var hetu: String
    /// `muutospv` exactly as received (ISO-8601 UTC), sortable as text.
    public var muutospv: String
    public var records: [Record]

    public init(hetu: String, muutospv: String, records: [Record] = []) {
        self.hetu = hetu
        self.muutospv = muutospv
        self.records = records
    }

    public func records(_ group: GroupName) -> [Record] { records.filter { $0.group == group } }
}
