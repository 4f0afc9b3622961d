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
    /// Fails closed: a censored, empty or unreadable record counts as in force; only an explicit
    /// `turvakieltoAktiivinen` false, or a readable `turvaLoppuPv` already passed, ends the ban.
    public func isUnderTurvakielto(on date: CivilDate) -> Bool {
        Person.turvakieltoInForce(in: records(.turvakielto), on: date)
    }

    static func turvakieltoInForce(in records: [Record], on date: CivilDate) -> Bool {
        records.contains { record in
            if record.isCensoredPlaceholder || record.fields.isEmpty { return true }
            guard let active = record.bool("turvakieltoAktiivinen") else { return true }
            if !active { return false }
            if record.field("turvaLoppuPv") != nil {
                guard let end = record.date("turvaLoppuPv") else { return true }
                return !(end < date)
            }
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
