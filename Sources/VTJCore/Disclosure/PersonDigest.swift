/// The digest ``AnswerLedger`` compares copies of a person by: SipHash-1-3 (the hash Swift's
/// `Hasher` uses) under a key drawn at random once per process, over the person's UTF-8 bytes in
/// one pass — every record and field in order, each string's length and kind beside its bytes.
///
/// Why not `Person.hashValue`: every value passed the generic `Hasher` one call at a time, each
/// string's bytes through its byte buffer plus a terminator (non-ASCII ones normalised first), and
/// every record and field was copied on the way; that was a fifth of the result sink's
/// instructions per person (issue 15, `scripts/bench-prepare`). The meaning stays: two copies get equal digests when every
/// record and field is equal, in order, and different ones (but for a 2⁻⁶⁴ chance under a key the
/// interface cannot know) otherwise. One difference, on the safe side: strings that differ in
/// their bytes but are canonically equal (`ä` precomposed or as `a` + U+0308) were equal to
/// `Hashable` and are different here, so such copies count as a contradiction and the person is
/// delivered fully censored (fail closed).
///
/// The encoding is prefix-free: each string is a word of its kind and length (with its first six
/// bytes when it is shorter than 255) followed by its other bytes padded to whole words, each list
/// a word of its kind and count, each optional a word saying whether it is there, so no two
/// different persons feed the hash the same words.
struct PersonDigest {
    /// The per-process key: not derivable from any answer, so no answer can be built to collide.
    private static let key: (UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }()

    private var v0: UInt64
    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64
    private var words: UInt64 = 0

    /// The digest of a whole person.
    static func of(_ person: Person) -> UInt64 {
        var digest = PersonDigest(key: key)
        digest.add(person)
        return digest.finish()
    }

    /// A digest under a given key (tests: the same key twice gives the same digest).
    init(key: (UInt64, UInt64)) {
        v0 = key.0 ^ 0x736f_6d65_7073_6575
        v1 = key.1 ^ 0x646f_7261_6e64_6f6d
        v2 = key.0 ^ 0x6c79_6765_6e65_7261
        v3 = key.1 ^ 0x7465_6462_7974_6573
    }

    /// What each word that opens an item says it is (the top byte; the rest is a length or count).
    private enum Kind: UInt64 {
        case hetu = 1, records, group, change, censoredNone, censored, censoredName, fields
        case name, text, date, precision, fiNone, fi, svNone, sv, composite
    }

    mutating func add(_ person: Person) {
        add(person.hetu, as: .hetu)
        add(.records, person.records.count)
        // Through the buffers, borrowing each record and field: a copy of each retained its strings.
        person.records.withUnsafeBufferPointer { records in
            for index in records.indices { add(records[index]) }
        }
    }

    private mutating func add(_ record: borrowing Record) {
        add(record.group.rawValue, as: .group)
        add(.change, Self.number(record.change))
        if let censored = record.censoredFields {
            add(.censored, censored.count)
            for name in censored { add(name, as: .censoredName) }
        } else {
            add(.censoredNone, 0)
        }
        add(record.fields)
    }

    private mutating func add(_ fields: [Field]) {
        add(.fields, fields.count)
        fields.withUnsafeBufferPointer { fields in
            for index in fields.indices { add(fields[index]) }
        }
    }

    @inline(__always) // called, each field was copied out of the array (its strings retained)
    private mutating func add(_ field: borrowing Field) {
        add(field.name, as: .name)
        switch field.value {
        case .text(let text):
            add(text, as: .text)
        case .date(let date):
            add(date.text, as: .date)
            add(.precision, Self.number(date.precision))
        case .bilingual(let value):
            if let fi = value.fi { add(fi, as: .fi) } else { add(.fiNone, 0) }
            if let sv = value.sv { add(sv, as: .sv) } else { add(.svNone, 0) }
        case .composite(let children):
            add(.composite, 0)
            add(children)
        }
    }

    private static func number(_ change: ChangeAttribute?) -> Int {
        switch change {
        case nil: 0
        case .added: 1
        case .changed: 2
        case .removed: 3
        case .context: 4
        case .toBeCorrected: 5
        case .corrected: 6
        }
    }

    private static func number(_ precision: PartialDate.Precision?) -> Int {
        switch precision {
        case nil: 0
        case .day: 1
        case .month: 2
        case .year: 3
        }
    }

    @inline(__always)
    private mutating func add(_ kind: Kind, _ count: Int) {
        add(word: kind.rawValue << 56 | UInt64(truncatingIfNeeded: count) & 0x00ff_ffff_ffff_ffff)
    }

    /// A string's kind and byte count, then its UTF-8 bytes eight at a time, the last word zero-padded.
    ///
    /// This and the two below are inlined into the walk so SipHash's four words stay in registers
    /// across a person: called, each string stored and reloaded them (issue 15).
    @inline(__always)
    private mutating func add(_ string: String, as kind: Kind) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { add(UnsafeRawBufferPointer($0), as: kind) }
        if done == nil { Array(string.utf8).withUnsafeBytes { add($0, as: kind) } }
    }

    /// A string of up to 254 bytes opens with one word holding its kind (top byte), its length
    /// (the next byte) and its first six bytes; a longer one with its kind, 255 and its length, then
    /// all its bytes. The rest follow eight at a time, the last word zero-padded. Most of a person's
    /// strings are names and codes of under 15 bytes: one or two words each instead of two or three.
    @inline(__always)
    private mutating func add(_ bytes: UnsafeRawBufferPointer, as kind: Kind) {
        let count = bytes.count
        guard count < 255 else {
            add(word: kind.rawValue << 56 | 0xff << 48 | UInt64(truncatingIfNeeded: count) & 0xffff_ffff_ffff)
            if let raw = bytes.baseAddress { add(raw, from: 0, to: count) }
            return
        }
        guard let raw = bytes.baseAddress, count > 0 else {
            add(word: kind.rawValue << 56)
            return
        }
        let head = min(count, 6)
        add(word: kind.rawValue << 56 | UInt64(count) << 48 | Self.load(raw, at: 0, count: head))
        if count > head { add(raw, from: head, to: count) }
    }

    /// The bytes `offset ..< end` eight at a time, the last word zero-padded.
    @inline(__always)
    private mutating func add(_ raw: UnsafeRawPointer, from offset: Int, to end: Int) {
        var offset = offset
        while offset + 8 <= end {
            add(word: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < end { add(word: Self.load(raw, at: offset, count: end - offset)) }
    }

    /// 0 to 7 bytes as the low bytes of a word, in at most three loads, never past the end (a byte
    /// loop cost as much as the rest of the string).
    @inline(__always)
    private static func load(_ raw: UnsafeRawPointer, at offset: Int, count: Int) -> UInt64 {
        var offset = offset
        var word: UInt64 = 0
        var shift: UInt64 = 0
        if count & 4 != 0 {
            word = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            offset += 4
            shift = 32
        }
        if count & 2 != 0 {
            word |= UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))) << shift
            offset += 2
            shift += 16
        }
        if count & 1 != 0 { word |= UInt64(raw.load(fromByteOffset: offset, as: UInt8.self)) << shift }
        return word
    }

    @inline(__always)
    private mutating func add(word: UInt64) {
        v3 ^= word
        round()
        v0 ^= word
        words &+= 1
    }

    /// SipHash's finalisation: the message's length in the last word, then three rounds.
    mutating func finish() -> UInt64 {
        let last = (words &* 8) << 56
        v3 ^= last
        round()
        v0 ^= last
        v2 ^= 0xff
        round()
        round()
        round()
        return v0 ^ v1 ^ v2 ^ v3
    }

    @inline(__always)
    private mutating func round() {
        v0 &+= v1
        v1 = v1.rotateLeft(13)
        v1 ^= v0
        v0 = v0.rotateLeft(32)
        v2 &+= v3
        v3 = v3.rotateLeft(16)
        v3 ^= v2
        v0 &+= v3
        v3 = v3.rotateLeft(21)
        v3 ^= v0
        v2 &+= v1
        v1 = v1.rotateLeft(17)
        v1 ^= v2
        v2 = v2.rotateLeft(32)
    }
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotateLeft(_ count: UInt64) -> UInt64 { self << count | self >> (64 - count) }
}
