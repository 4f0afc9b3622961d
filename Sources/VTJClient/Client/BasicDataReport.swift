import VTJCore

/// The asked-versus-returned account of a basic-data request by hetu.
public struct BasicDataReport: Sendable, Hashable {
    /// Distinct hetus asked for.
    public var asked: Int
    /// Persons handed to the callback.
    public var returned: Int
    /// Asked for but not in any response (unknown, or not visible to these credentials), in asking
    /// order: walked from the list when read, not held (``NotFoundList``).
    public var notFound: NotFoundList
    /// Returned although not asked for (a corrected hetu, for example), as sent.
    public var unexpected: [String]
    /// Messages sent (each of at most 1000 hetus).
    public var messages: Int
    /// Repeated hetus in the input, sent once.
    public var duplicatesDropped: Int
    /// Asked persons the interface answered about without their data (the SOAP wire's return codes), in asking order.
    public var undelivered: [UndeliveredPerson]
    /// The groups the interface delivers at all (the SOAP wire: what the answers carried); nil when
    /// it delivers whatever it is asked for. A granted group outside it is "not delivered by this interface".
    public var groupsDelivered: Set<GroupName>?
    /// What the department should read in the receipt about the answers (one line each, no henkilötunnus).
    public var notes: [Message]

    public init(asked: Int, returned: Int, notFound: NotFoundList, unexpected: [String], messages: Int,
                duplicatesDropped: Int, undelivered: [UndeliveredPerson] = [], groupsDelivered: Set<GroupName>? = nil,
                notes: [Message] = []) {
        self.asked = asked
        self.returned = returned
        self.notFound = notFound
        self.unexpected = unexpected
        self.messages = messages
        self.duplicatesDropped = duplicatesDropped
        self.undelivered = undelivered
        self.groupsDelivered = groupsDelivered
        self.notes = notes
    }
}

/// The account of a paged municipal delivery.
public struct MunicipalDeliveryReport: Sendable, Hashable {
    /// Persons handed to the callback.
    public var persons: Int
    /// Pages fetched.
    public var pages: Int

    public init(persons: Int, pages: Int) {
        self.persons = persons
        self.pages = pages
    }
}

/// One page of changes, fully read, with the key to store once the page is durably handled.
public struct ChangesPage: Sendable, Hashable {
    /// The page's `muutos` entries in document order (apply per person in `muutospv` order).
    public var changes: [Change]
    /// The key to continue from; persist it only after this page's data is durably written.
    public var logKey: Int64
    /// True on the last page (nothing more after this key for now).
    public var upToDate: Bool
    /// 1-based page number within this call.
    public var number: Int

    public init(changes: [Change], logKey: Int64, upToDate: Bool, number: Int) {
        self.changes = changes
        self.logKey = logKey
        self.upToDate = upToDate
        self.number = number
    }
}
