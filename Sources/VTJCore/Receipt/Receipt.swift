/// What a department gets back about one drop (`<stem>.<request-id>.kuitti.txt`), besides the result.
///
/// Filled by the runtime while a drop is processed (``record(_:)``, ``recordNotFound(_:)``), then
/// rendered with ``ReceiptRenderer``; a refused drop has ``refusal`` set and no result file.
public struct Receipt: Hashable, Sendable {
    /// Done with a result, or refused as a whole.
    public enum Outcome: String, Hashable, Sendable {
        case done = "valmis"
        case refused = "hylatty"
    }

    public var dropID: String
    public var department: String
    /// The dropped file's name (no directories).
    public var file: String
    /// `toiminto` (`perustiedot` for a plain list), as far as it could be read.
    public var operation: String?
    /// `kayttotarkoitus` as granted, or as asked when refused.
    public var purpose: String?
    /// `csv` or `xml`.
    public var format: String?
    /// The department's own reference (`tunniste`), echoed.
    public var reference: String?
    /// The processing day (Europe/Helsinki).
    public var processingDate: CivilDate
    /// When the receipt was made, Finnish time with its offset.
    public var processedAt: ZonedDateTime?
    /// Answered by the built-in sandbox: test persons, never the population register.
    public var isTestData: Bool
    /// Groups granted.
    public var groups: [GroupName]
    /// Groups asked for but not granted.
    public var refusedGroups: [GroupRefusal]
    /// Why the whole drop was refused; nil when it was processed.
    public var refusal: DropRefusal?
    public var counts: ReceiptCounts
    /// Records withheld by rule and fields dropped, over all persons.
    public var withheld: WithholdingTally
    /// Items beyond a group's numbered CSV columns.
    public var overflow: [GroupName: Int]
    /// Every input line that was not a valid henkilötunnus.
    public var rejectedLines: [RejectedLine]
    /// Requested valid hetus the interface did not return, in asking order (rendered masked unless
    /// asked otherwise); a list's are walked from the list, not held (``NotFoundList``).
    public var notFound: NotFoundList
    /// Other things the department should know (lower-case letters read as upper-case…), one line
    /// each, as catalogue messages (a new kind of note is a new ``MessageKey``).
    public var notes: [Message]
    /// Requested persons the interface answered about without their data, in answer order.
    public var undelivered: [UndeliveredPerson] = []
    /// Granted groups the interface does not deliver (nil when it delivers every one).
    public var undeliveredGroups: UndeliveredGroups?

    public init(dropID: String, department: String, file: String, processingDate: CivilDate,
                operation: String? = nil, purpose: String? = nil, format: String? = nil, reference: String? = nil,
                groups: [GroupName] = [], refusedGroups: [GroupRefusal] = [], refusal: DropRefusal? = nil,
                counts: ReceiptCounts = ReceiptCounts(), withheld: WithholdingTally = WithholdingTally(),
                overflow: [GroupName: Int] = [:], rejectedLines: [RejectedLine] = [], notFound: NotFoundList = [],
                notes: [Message] = [], processedAt: ZonedDateTime? = nil, isTestData: Bool = false) {
        self.dropID = dropID
        self.department = department
        self.file = file
        self.processingDate = processingDate
        self.operation = operation
        self.purpose = purpose
        self.format = format
        self.reference = reference
        self.groups = groups
        self.refusedGroups = refusedGroups
        self.refusal = refusal
        self.counts = counts
        self.withheld = withheld
        self.overflow = overflow
        self.rejectedLines = rejectedLines
        self.notFound = notFound
        self.notes = notes
        self.processedAt = processedAt
        self.isTestData = isTestData
    }

    public var outcome: Outcome { refusal == nil ? .done : .refused }

    /// Counts a delivered person (found or protected) and what the rules withheld.
    public mutating func record(_ person: PersonDisclosure) {
        counts.found += 1
        if person.isProtected { counts.protected += 1 }
        if person.failedClosed == .turvakieltoMissing { counts.turvakieltoMissing += 1 }
        withheld.add(person.tally)
    }

    /// A person whose copies contradicted each other: the copy counted earlier is withdrawn and
    /// `replacement` (fully censored) stands instead; the person stays counted as found once.
    public mutating func recordWithdrawal(_ earlier: AnswerLedger.EarlierCopy, replacement: PersonDisclosure) {
        counts.contradicted += 1
        if !earlier.wasProtected { counts.protected += 1 }
        withheld.count(.contradictoryAnswer, earlier.deliveredRecords)
        withheld.add(replacement.tally)
    }

    /// Yet another copy of a withdrawn person: its records are withheld as well.
    public mutating func recordWithdrawnCopy(records: Int) {
        if records > 0 { withheld.count(.contradictoryAnswer, records) }
    }

    /// Counts a delivered change entry.
    public mutating func record(_ change: ChangeDisclosure) {
        counts.changes += 1
        withheld.add(change.tally)
    }

    /// Counts what did not fit in a rendered CSV row.
    public mutating func record(_ row: CSVRow) {
        for (group, extra) in row.overflow { overflow[group, default: 0] += extra }
    }

    /// Counts a requested hetu the interface did not return.
    public mutating func recordNotFound(_ hetu: String) {
        counts.notFound += 1
        notFound.append(hetu)
    }

    /// Counts the requested hetus the interface did not return, all at once (a list's, walked when written).
    public mutating func recordNotFound(_ hetus: NotFoundList) {
        counts.notFound += hetus.count
        notFound = notFound.isEmpty ? hetus : NotFoundList(Array(notFound) + Array(hetus))
    }

    /// Counts a requested person the interface answered about without their data.
    public mutating func recordUndelivered(_ person: UndeliveredPerson) {
        undelivered.append(person)
    }
}

/// The numbers of a receipt.
public struct ReceiptCounts: Hashable, Sendable {
    /// Lines read (blank and comment lines excluded).
    public var lines = 0
    public var valid = 0
    public var invalid = 0
    /// Valid lines repeating an earlier hetu (queried once).
    public var duplicates = 0
    public var found = 0
    public var notFound = 0
    /// Found persons under turvakielto.
    public var protected = 0
    /// Change entries delivered (change deliveries only).
    public var changes = 0
    /// Found persons the interface answered more than once with different content (fully censored).
    public var contradicted = 0
    /// Found persons whose answer lacked the TURVAKIELTO group (counted as protected).
    public var turvakieltoMissing = 0

    public init(lines: Int = 0, valid: Int = 0, invalid: Int = 0, duplicates: Int = 0, found: Int = 0,
                notFound: Int = 0, protected: Int = 0, changes: Int = 0, contradicted: Int = 0, turvakieltoMissing: Int = 0) {
        self.lines = lines
        self.valid = valid
        self.invalid = invalid
        self.duplicates = duplicates
        self.found = found
        self.notFound = notFound
        self.protected = protected
        self.changes = changes
        self.contradicted = contradicted
        self.turvakieltoMissing = turvakieltoMissing
    }
}

/// An input line that was not accepted.
public struct RejectedLine: Hashable, Sendable {
    /// 1-based line number in the dropped file.
    public var line: Int
    /// The value as read (never rendered unmasked).
    public var value: String
    /// Short class (`tarkistusmerkki`, `paivamaara`…).
    public var kind: String
    /// One line saying what is wrong.
    public var reason: Message

    public init(line: Int, value: String, kind: String, reason: Message) {
        self.line = line
        self.value = value
        self.kind = kind
        self.reason = reason
    }

    /// From a henkilötunnus validation error.
    public init(line: Int, value: String, error: HenkilotunnusError) {
        self.init(line: line, value: value, kind: error.kind, reason: error.message)
    }
}
