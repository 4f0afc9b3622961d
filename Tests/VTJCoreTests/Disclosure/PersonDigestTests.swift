import Testing
import VTJTestSupport
@testable import VTJCore

/// The answer ledger's digest (issue 13's contradiction rule, issue 15's CPU): equal copies give
/// equal digests, and a copy that differs anywhere — one byte of one string, the order of fields or
/// records, an empty value against a missing one — gives another, or the ledger would take a
/// contradiction for a harmless repeat and deliver the first copy.
@Suite struct PersonDigestTests {
    typealias F = DisclosureFixtures

    /// A person with every shape of value: text, dates with and without precision, bilingual with
    /// and without `sv`, composites nested two deep, a censoring placeholder and a change attribute.
    static func person() -> Person {
        Person(hetu: "010594Y9032", records: [
            F.name("Väinö", "Mäkelä"),
            F.turvakielto(active: false, change: .added),
            F.address(street: "Åkerlundinkatu", number: "7", postcode: "00100", town: "Helsinki"),
            F.guardian(hetu: "020594X903P", first: "Äiti", last: "Öhman"),
            Record(group: .kansalaisuus, fields: [.composite("henkilonKansalaisuudet", [
                .composite("kansalaisuus", [.text("kansalaisuuskoodi", "246"), .date("saamispv", PartialDate(text: "1994-05-01", precision: .month))]),
            ])]),
            Record(group: .aidinkieli, fields: [.bilingual("nimi", fi: "suomi", sv: "finska"), .bilingual("toinen", fi: "saame")]),
            Record(group: .vakinainenKotimainenAsuinpaikkatunnus, fields: [.date("alkupv", PartialDate(text: "2020-01-31", precision: nil))],
                   censoredFields: ["asuinpaikantunnus", "kuntakoodi"]),
        ])
    }

    static func digest(_ person: Person, key: (UInt64, UInt64) = (0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210)) -> UInt64 {
        var digest = PersonDigest(key: key)
        digest.add(person)
        return digest.finish()
    }

    @Test func equalCopiesHaveEqualDigests() {
        // Built twice, so no storage is shared between the copies.
        #expect(Self.digest(Self.person()) == Self.digest(Self.person()))
        #expect(PersonDigest.of(Self.person()) == PersonDigest.of(Self.person()))
    }

    /// Every string of the person, in turn, with one byte changed (its first, its last, or one
    /// appended to an empty string): every such copy has a digest of its own.
    @Test func oneByteChangedInAnyStringChangesTheDigest() {
        let original = Self.person()
        let variants = StringMutations.everyString(of: original)
        #expect(variants.count > 40, "the walk reaches every string of the fixture")
        var seen: Set<UInt64> = [Self.digest(original)]
        for (path, variant) in variants {
            #expect(variant != original, "\(path): the mutation changed something")
            #expect(seen.insert(Self.digest(variant)).inserted, "\(path): one byte changed, the digest did not")
        }
    }

    @Test func theOrderOfFieldsAndOfRecordsCounts() {
        let original = Self.person()
        var fields = original
        fields.records[2].fields.swapAt(0, 1)
        var records = original
        records.records.swapAt(0, 1)
        var nested = original
        guard case .composite(var children) = nested.records[3].fields[0].value else { Issue.record("no stub"); return }
        children.swapAt(1, 2)
        nested.records[3].fields[0].value = .composite(children)
        for variant in [fields, records, nested] {
            #expect(Self.digest(variant) != Self.digest(original))
        }
    }

    /// Values that hold the same bytes but not the same structure.
    @Test func emptyIsNotMissingAndBoundariesCount() {
        let pairs: [(String, Record, Record)] = [
            ("sv missing / empty", Record(group: .aidinkieli, fields: [.bilingual("nimi", fi: "suomi")]),
             Record(group: .aidinkieli, fields: [.bilingual("nimi", fi: "suomi", sv: "")])),
            ("fi / sv swapped into the other slot", Record(group: .aidinkieli, fields: [.bilingual("nimi", fi: "suomi")]),
             Record(group: .aidinkieli, fields: [Field("nimi", .bilingual(Bilingual(fi: nil, sv: "suomi")))])),
            ("no censoring / censoring nothing", Record(group: .turvakielto, fields: []),
             Record(group: .turvakielto, fields: [], censoredFields: [])),
            ("empty text / empty composite", Record(group: .sukupuoli, fields: [.text("x", "")]),
             Record(group: .sukupuoli, fields: [.composite("x", [])])),
            ("text / date of the same text", Record(group: .sukupuoli, fields: [.text("x", "2020-01-01")]),
             Record(group: .sukupuoli, fields: [.date("x", PartialDate(text: "2020-01-01", precision: nil))])),
            ("no precision / day", Record(group: .sukupuoli, fields: [.date("x", PartialDate(text: "2020-01-01", precision: nil))]),
             Record(group: .sukupuoli, fields: [.date("x", PartialDate(text: "2020-01-01", precision: .day))])),
            ("a byte moved between name and value", Record(group: .sukupuoli, fields: [.text("ab", "c")]),
             Record(group: .sukupuoli, fields: [.text("a", "bc")])),
            ("a byte moved between two values", Record(group: .sukupuoli, fields: [.text("a", "12345678"), .text("b", "9")]),
             Record(group: .sukupuoli, fields: [.text("a", "1234567"), .text("b", "89")])),
            ("a field moved into a composite", Record(group: .sukupuoli, fields: [.composite("c", []), .text("a", "1")]),
             Record(group: .sukupuoli, fields: [.composite("c", [.text("a", "1")])])),
            ("no change attribute / added", Record(group: .sukupuoli, fields: []),
             Record(group: .sukupuoli, change: .added, fields: [])),
            ("trailing zero byte", Record(group: .sukupuoli, fields: [.text("a", "MIES")]),
             Record(group: .sukupuoli, fields: [.text("a", "MIES\u{0}")])),
        ]
        for (what, one, other) in pairs {
            let digests = [one, other].map { Self.digest(Person(hetu: "010594Y9032", records: [$0])) }
            #expect(digests[0] != digests[1], "\(what)")
        }
        let none = Self.digest(Person(hetu: "010594Y9032", records: []))
        let emptyRecord = Self.digest(Person(hetu: "010594Y9032", records: [Record(group: .sukupuoli)]))
        #expect(none != emptyRecord, "a record without fields is not no record")
    }

    /// A string opens with a word holding its kind, its length and (under 255 bytes) its first six
    /// bytes: around every edge of that word and of the long form, each byte of a value counts,
    /// and so does a byte moved from one value into the next.
    @Test func everyByteCountsAroundTheWordEdges() {
        func digest(_ values: [String]) -> UInt64 {
            Self.digest(Person(hetu: "010594Y9032", records: [
                Record(group: .sukupuoli, fields: values.enumerated().map { .text("k\($0.offset)", $0.element) }),
            ]))
        }
        var seen: Set<UInt64> = []
        for length in [0, 1, 5, 6, 7, 8, 13, 14, 15, 253, 254, 255, 256, 300] {
            let bytes = (0 ..< length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(seen.insert(digest([text, "z"])).inserted, "length \(length)")
            for position in bytes.indices {
                var changed = bytes
                changed[position] ^= 1
                #expect(seen.insert(digest([String(decoding: changed, as: UTF8.self), "z"])).inserted, "length \(length), byte \(position)")
            }
            if length > 0 {
                let moved = digest([String(decoding: bytes.dropLast(), as: UTF8.self), String(decoding: [bytes[length - 1]], as: UTF8.self) + "z"])
                #expect(seen.insert(moved).inserted, "length \(length): the last byte moved into the next value")
            }
        }
    }

    /// Canonically equal strings were equal to `Hashable` (a repeat); their bytes differ, so now
    /// they are a contradiction, and the person is delivered fully censored: the safe side.
    @Test func canonicallyEqualButDifferentBytesFailClosed() {
        let composed = Person(hetu: "010594Y9032", records: [F.name("V\u{E4}in\u{F6}", "M\u{E4}kel\u{E4}"), F.turvakielto(active: false)])
        let decomposed = Person(hetu: "010594Y9032", records: [F.name("Va\u{308}ino\u{308}", "Ma\u{308}kela\u{308}"), F.turvakielto(active: false)])
        #expect(composed == decomposed, "Swift's String equality normalises")
        #expect(Self.digest(composed) != Self.digest(decomposed))
        var ledger = AnswerLedger(rules: F.rules())
        guard case .deliver = ledger.next(composed) else { Issue.record("first copy not delivered"); return }
        guard case .withdraw(_, _, let replacement) = ledger.next(decomposed) else {
            Issue.record("bytes that differ must not pass as a repeat")
            return
        }
        #expect(replacement.isProtected && replacement.records.isEmpty)
    }

    @Test func theDigestIsKeyed() {
        let person = Self.person()
        #expect(Self.digest(person, key: (1, 2)) == Self.digest(person, key: (1, 2)))
        #expect(Self.digest(person, key: (1, 2)) != Self.digest(person, key: (1, 3)))
        #expect(Self.digest(person, key: (1, 2)) != Self.digest(person, key: (2, 2)))
    }
}

/// Copies of a person with one string changed by one byte, each named by where the string is.
enum StringMutations {
    static func everyString(of person: Person) -> [(String, Person)] {
        var out: [(String, Person)] = []
        for variant in mutations(person.hetu) { out.append(("hetu", Person(hetu: variant, records: person.records))) }
        for (index, record) in person.records.enumerated() {
            for (path, changed) in everyString(of: record) {
                var copy = person
                copy.records[index] = changed
                out.append(("records[\(index)].\(path)", copy))
            }
        }
        return out
    }

    static func everyString(of record: Record) -> [(String, Record)] {
        var out: [(String, Record)] = []
        for variant in mutations(record.group.rawValue) {
            var copy = record
            copy.group = GroupName(variant)
            out.append(("group", copy))
        }
        for (index, name) in (record.censoredFields ?? []).enumerated() {
            for variant in mutations(name) {
                var copy = record
                copy.censoredFields![index] = variant
                out.append(("censored[\(index)]", copy))
            }
        }
        for (path, fields) in everyString(of: record.fields) {
            var copy = record
            copy.fields = fields
            out.append((path, copy))
        }
        return out
    }

    static func everyString(of fields: [Field]) -> [(String, [Field])] {
        var out: [(String, [Field])] = []
        for (index, field) in fields.enumerated() {
            func put(_ path: String, _ changed: Field) {
                var copy = fields
                copy[index] = changed
                out.append(("fields[\(index)].\(path)", copy))
            }
            for variant in mutations(field.name) { put("name", Field(variant, field.value)) }
            switch field.value {
            case .text(let text):
                for variant in mutations(text) { put("text", Field(field.name, .text(variant))) }
            case .date(let date):
                for variant in mutations(date.text) { put("date", Field(field.name, .date(PartialDate(text: variant, precision: date.precision)))) }
            case .bilingual(let value):
                for variant in mutations(value.fi ?? "") { put("fi", Field(field.name, .bilingual(Bilingual(fi: variant, sv: value.sv)))) }
                for variant in mutations(value.sv ?? "") { put("sv", Field(field.name, .bilingual(Bilingual(fi: value.fi, sv: variant)))) }
            case .composite(let children):
                for (path, changed) in everyString(of: children) { put("composite.\(path)", Field(field.name, .composite(changed))) }
            }
        }
        return out
    }

    /// The string with its first byte changed and with its last byte changed (one byte appended
    /// when it is empty). Bytes are flipped in their lowest bit, which keeps ASCII ASCII.
    static func mutations(_ string: String) -> [String] {
        var bytes = Array(string.utf8)
        guard !bytes.isEmpty else { return ["a"] }
        var out: [String] = []
        for position in Set([0, bytes.count - 1]).sorted() where bytes[position] < 0x80 {
            bytes[position] ^= 1
            out.append(String(decoding: bytes, as: UTF8.self))
            bytes[position] ^= 1
        }
        if out.isEmpty { out.append(string + "a") }
        return out
    }
}
