/// Takes one basic-data delivery's persons through the rules and fails closed when the interface
/// contradicts itself (docs/disclosure-rules.md, "A person answered twice").
///
/// The interface sends each person once per answer (wire profile 2.2). A second copy comes from a
/// confused upstream, a retried message or a paging fault. An identical copy is a harmless repeat;
/// a different one means no copy can be trusted: the copy already written is withdrawn and the
/// person is delivered fully censored (``DisclosureRules/discloseContradicted(hetu:records:)``).
/// Every wire's reader produces the same ``Person`` values, so the rule holds for each of them.
///
/// Copies are compared by a keyed digest of the whole person's bytes (every record and field, in
/// order: ``PersonDigest``), so the ledger keeps a few words per person, never the persons themselves.
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

    /// Where each person's entry is found: by the person's position among the list's codes when the
    /// drop is a list (``AnsweredSlots``: a bit per listed code, a slot only per answered one),
    /// else by code (also a listed code whose slot does not fit) or, for a string that is no valid
    /// code, by the string (a municipal selection; few persons either way compared with a list's
    /// millions).
    private var slotByPosition: AnsweredSlots
    private let index: HenkilotunnusKeys?
    private var slotByKey: [UInt64: UInt32] = [:]
    private var slotByText: [String: UInt32] = [:]
    /// Per first copy (by slot): its digest, and in one byte whether it was judged protected or has
    /// been withdrawn (the low two bits) and the records it delivered (the six above; ``manyRecords``
    /// when they do not fit). 9 bytes a person in fixed pages, not a dictionary of strings nor arrays
    /// that double (issue 15's memory bound); the digest stays 64 bits whole.
    private var digests = PagedNumbers<UInt64>()
    private var notes = PagedNumbers<UInt8>()
    /// Records delivered, by slot, of the few copies with more than ``fewRecords`` (clamped to 16 bits, as always).
    private var manyRecords: [Int: UInt16] = [:]
    private static let protectedFlag: UInt8 = 1
    private static let withdrawnFlag: UInt8 = 2
    private static let recordsShift: UInt8 = 2
    /// The most records a note holds; its top value says "in ``manyRecords``".
    private static let fewRecords = 62

    public let rules: DisclosureRules
    /// First copies written so far.
    public private(set) var persons = 0
    /// Identical copies skipped.
    public private(set) var repeats = 0
    /// Persons withdrawn because copies differed.
    public private(set) var contradictions = 0

    /// A ledger for persons of any code (a municipal selection, tests).
    public init(rules: DisclosureRules) { self.init(rules: rules, index: nil) }

    /// A ledger for the persons of a list whose codes are `index`: entries are found by position.
    public init(rules: DisclosureRules, index: HenkilotunnusKeys?) {
        self.rules = rules
        self.index = index
        slotByPosition = AnsweredSlots(count: index?.count ?? 0)
    }

    /// Judges one person of the answer.
    public mutating func next(_ person: Person) -> Step { next(Copy(person, rules: rules)) }

    /// Judges one person whose digest and disclosure were worked out beforehand (``Copy``, on the
    /// thread that read it), so the ledger's own step is a lookup.
    public mutating func next(_ copy: Copy) -> Step {
        guard let slot = slot(of: copy) else {
            let slot = persons
            digests.append(copy.digest)
            let records = copy.disclosure.records.count
            let flag = copy.disclosure.isProtected ? Self.protectedFlag : 0
            if records <= Self.fewRecords {
                notes.append(UInt8(records) << Self.recordsShift | flag)
            } else {
                notes.append(UInt8(Self.fewRecords + 1) << Self.recordsShift | flag)
                manyRecords[slot] = UInt16(clamping: records)
            }
            remember(copy, slot: UInt32(truncatingIfNeeded: slot))
            persons += 1
            return .deliver(copy.disclosure, slot: slot)
        }
        if notes[slot] & Self.withdrawnFlag != 0 { return .alreadyWithdrawn(records: copy.records) }
        if digests[slot] == copy.digest {
            repeats += 1
            return .repeated
        }
        notes[slot] |= Self.withdrawnFlag
        contradictions += 1
        let few = Int(notes[slot] >> Self.recordsShift)
        return .withdraw(slot: slot,
                         earlier: EarlierCopy(wasProtected: notes[slot] & Self.protectedFlag != 0,
                                              deliveredRecords: few <= Self.fewRecords ? few : Int(manyRecords[slot] ?? 0)),
                         replacement: rules.discloseContradicted(hetu: copy.hetu, records: copy.records))
    }

    /// The slot of the person's first copy, or nil when this is the first.
    private func slot(of copy: Copy) -> Int? {
        if let key = copy.key {
            if let index, let position = index.position(of: key), let slot = slotByPosition[position] { return slot }
            return slotByKey.isEmpty ? nil : slotByKey[key].map(Int.init)
        }
        return slotByText[copy.hetu].map(Int.init)
    }

    private mutating func remember(_ copy: Copy, slot: UInt32) {
        if let key = copy.key {
            if let index, let position = index.position(of: key), Int(slot) <= AnsweredSlots.largestSlot {
                slotByPosition.set(position, slot: Int(slot))
            } else {
                slotByKey[key] = slot
            }
        } else {
            slotByText[copy.hetu] = slot
        }
    }

    /// One copy of a person as the ledger needs it: the whole person's digest, its record count and
    /// what the rules disclose of it. Pure, so it is made where the person was read (in parallel);
    /// only ``AnswerLedger/next(_:)-(Copy)`` needs the ledger. The rules must be the ledger's.
    public struct Copy: Sendable {
        public let hetu: String
        /// The code's ``Henkilotunnus/key`` when `hetu` is exactly a valid code's text, else nil.
        public let key: UInt64?
        /// ``PersonDigest`` of the whole person: equal for equal copies, byte for byte.
        public let digest: UInt64
        public let records: Int
        public let disclosure: PersonDisclosure

        public init(_ person: Person, rules: DisclosureRules) {
            self.init(person, code: try? Henkilotunnus(person.hetu), rules: rules)
        }

        /// The same, with the person's code already read from `person.hetu` (nil: not a valid code).
        public init(_ person: Person, code: Henkilotunnus?, rules: DisclosureRules) {
            hetu = person.hetu
            // The same text, the same person, as before: a string the reader would normalise is keyed as text.
            key = code.flatMap { $0.value == person.hetu ? $0.key : nil }
            digest = PersonDigest.of(person)
            records = person.records.count
            disclosure = rules.disclose(person)
        }
    }
}
