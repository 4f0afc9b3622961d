/// Takes one basic-data delivery's persons through the rules and fails closed when the interface
/// contradicts itself (docs/disclosure-rules.md, "A person answered twice").
///
/// The interface sends each person once per answer (wire profile 2.2). A second copy comes from a
/// confused upstream, a retried message or a paging fault. An identical copy is a harmless repeat;
/// a different one means no copy can be trusted: the copy already written is withdrawn and the
/// person is delivered fully censored (``DisclosureRules/discloseContradicted(hetu:records:)``).
/// Every wire's reader produces the same ``Person`` values, so the rule holds for each of them.
///
/// Copies are compared by a digest of the whole person (every record and field, in order), so the
/// ledger keeps a few words per person, never the persons themselves.
public struct AnswerLedger: Sendable {
    /// What to do with one person of the answer.
    public enum Step: Hashable, Sendable {
        /// Seen for the first time: write `disclosure`. `slot` numbers first copies 0, 1, 2 … in
        /// the order they were written, so a later withdrawal can find the copy.
        case deliver(PersonDisclosure, slot: Int)
        /// The same content as the copy already written: nothing to do.
        case repeated
        /// Different content from the copy written in `slot`: withdraw that copy and write
        /// `replacement` (fully censored) instead; `earlier` says what the withdrawn copy counted.
        case withdraw(slot: Int, earlier: EarlierCopy, replacement: PersonDisclosure)
        /// Yet another copy of a person already withdrawn: its `records` are withheld too.
        case alreadyWithdrawn(records: Int)
    }

    /// What a withdrawn copy had added to the receipt.
    public struct EarlierCopy: Hashable, Sendable {
        /// Whether the copy was judged protected (it was counted under `turvakielto`).
        public var wasProtected: Bool
        /// Records it delivered (now withheld too).
        public var deliveredRecords: Int
    }

    private struct Entry {
        var digest: Int
        var slot: UInt32
        var deliveredRecords: UInt16
        var wasProtected: Bool
        var withdrawn: Bool
    }

    public let rules: DisclosureRules
    private var entries: [String: Entry] = [:]
    /// First copies written so far.
    public private(set) var persons = 0
    /// Identical copies skipped.
    public private(set) var repeats = 0
    /// Persons withdrawn because copies differed.
    public private(set) var contradictions = 0

    public init(rules: DisclosureRules) { self.rules = rules }

    /// Judges one person of the answer.
    public mutating func next(_ person: Person) -> Step { next(Copy(person, rules: rules)) }

    /// Judges one person whose digest and disclosure were worked out beforehand (``Copy``, on the
    /// thread that read it), so the ledger's own step is a lookup.
    public mutating func next(_ copy: Copy) -> Step {
        guard var entry = entries[copy.hetu] else {
            entries[copy.hetu] = Entry(digest: copy.digest, slot: UInt32(truncatingIfNeeded: persons),
                                       deliveredRecords: UInt16(clamping: copy.disclosure.records.count),
                                       wasProtected: copy.disclosure.isProtected, withdrawn: false)
            persons += 1
            return .deliver(copy.disclosure, slot: persons - 1)
        }
        if entry.withdrawn { return .alreadyWithdrawn(records: copy.records) }
        if entry.digest == copy.digest {
            repeats += 1
            return .repeated
        }
        entry.withdrawn = true
        entries[copy.hetu] = entry
        contradictions += 1
        return .withdraw(slot: Int(entry.slot),
                         earlier: EarlierCopy(wasProtected: entry.wasProtected, deliveredRecords: Int(entry.deliveredRecords)),
                         replacement: rules.discloseContradicted(hetu: copy.hetu, records: copy.records))
    }

    /// One copy of a person as the ledger needs it: the whole person's digest, its record count and
    /// what the rules disclose of it. Pure, so it is made where the person was read (in parallel);
    /// only ``AnswerLedger/next(_:)-(Copy)`` needs the ledger. The rules must be the ledger's.
    public struct Copy: Sendable {
        public let hetu: String
        public let digest: Int
        public let records: Int
        public let disclosure: PersonDisclosure

        public init(_ person: Person, rules: DisclosureRules) {
            hetu = person.hetu
            digest = person.hashValue
            records = person.records.count
            disclosure = rules.disclose(person)
        }
    }
}
