@testable import VTJCore
import VTJTestSupport

/// Seeded random persons and change entries for the rules' differential tests: every product group
/// in its schema's shapes and in wrong ones, fields outside the schema (an address inside a stub),
/// shuffled field order, censoring placeholders, TURVAKIELTO in force, ended, unreadable or
/// missing, minors around their 18th birthday, dependants of every age, ended relationships,
/// unknown group names, and henkilötunnus valid (test numbers 900–999) or not.
struct RandomAnswers {
    private var state: UInt64
    let today: CivilDate

    init(seed: UInt64, today: CivilDate) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        self.today = today
    }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    /// Names outside the product, and two spelled with a Kelvin sign that `String` equality (and
    /// so the rules) takes for TURVAKIELTO and VAKINAINEN_KOTIMAINEN_OSOITE.
    static let unknownGroups: [GroupName] = ["TUNTEMATON_RYHMA", "turvakielto", "TURVAKIELTO ", "OSOITE", "",
                                             "TURVA\u{212A}IELTO", "VA\u{212A}INEN_KOTIMAINEN_OSOITE"]

    /// Rules of a random grant (some unknown names among them), purpose and processing day.
    mutating func rules() -> DisclosureRules {
        var groups = GroupName.productGroupsInOrder.filter { _ in chance(chance(20) ? 90 : 40) }
        if chance(20) { groups.append(pick(Self.unknownGroups)) }
        return DisclosureRules(groups: groups, purpose: pick(Purpose.allCases), today: today)
    }

    /// A birth date near today minus `years` (some exactly on the 18th birthday).
    mutating func birth(aroundAge years: Int) -> CivilDate {
        let exact = CivilDate(year: today.year - years, month: today.month, day: min(today.day, 28))!
        return exact.adding(days: pick([0, 0, -1, 1, int(-400...400)]))
    }

    mutating func hetu() -> String {
        let born = birth(aroundAge: pick([0, 5, 17, 18, 18, 19, 40, 80]))
        let valid = TestHetu.born(born, number: int(900...999), sign: born.year >= 2000 ? pick(["A", "B", "F"]) : pick(["-", "Y", "U"]))
        switch int(0...19) {
        case 0: return String(valid.dropLast()) + (valid.last == "X" ? "Y" : "X")  // wrong check character
        case 1: return valid.lowercased()
        case 2: return ""
        case 3: return "not-a-hetu"
        default: return valid
        }
    }

    mutating func text() -> FieldValue { .text(pick(["A", "Äkäslompolo", "true", "false", "PASSIIVI", "AKTIIVI", "091", ""])) }

    mutating func date() -> FieldValue {
        let day = today.adding(days: int(-20_000...400))
        return chance(80) ? .date(PartialDate(day, precision: pick([.day, .month, .year]))) : .text(pick([day.description, "2026-13-40", "x"]))
    }

    /// A value of `kind`, or sometimes of a wrong shape.
    mutating func value(of kind: FieldSpec.Kind, depth: Int = 0) -> FieldValue {
        if chance(6) { return pick([text(), .composite([]), .bilingual(Bilingual(fi: "x"))]) }
        switch kind {
        case .text: return text()
        case .date: return date()
        case .bilingual: return chance(80) ? .bilingual(Bilingual(fi: pick(["suomi", "Hämeentie"]), sv: chance(50) ? "finska" : nil)) : text()
        case .stub: return .composite(fields(FieldSpec.stubFields, depth: depth + 1))
        case .composite(let spec): return .composite(fields(spec, depth: depth + 1))
        case .list(let item, let spec):
            return .composite((0..<int(0...3)).map { _ in
                chance(90) ? Field(item, .composite(fields(spec, depth: depth + 1))) : Field(pick([item, "muu"]), text())
            })
        case .textList(let item):
            return .composite((0..<int(0...3)).map { _ in chance(85) ? Field(item, text()) : Field(pick([item, "x"]), .composite([])) })
        }
    }

    /// Fields of `spec` (a random subset, mostly in order), sometimes extra or shuffled.
    mutating func fields(_ spec: [FieldSpec], depth: Int = 0) -> [Field] {
        var fields = spec.filter { _ in chance(75) }.map { Field($0.name, value(of: $0.kind, depth: depth)) }
        if chance(10), let spec = spec.first { fields.append(Field(spec.name, value(of: spec.kind, depth: depth))) }
        if chance(12) {
            let extra = Field(pick(["katunimi", "postinumero", "osoite", "henkilotunnus", "syntymapv"]),
                              depth < 2 && chance(30) ? .composite([Field("katunimi", text())]) : text())
            fields.insert(extra, at: int(0...fields.count))
        }
        if chance(10), fields.count > 1 { fields.swapAt(0, fields.count - 1) }
        return fields
    }

    mutating func record(_ group: GroupName, change: ChangeAttribute? = nil) -> Record {
        if chance(5) { return Record(group: group, change: change, censoredFields: chance(50) ? ["katunimi"] : []) }
        switch group {
        case .turvakielto:
            var fields: [Field] = []
            if chance(85) { fields.append(.text("turvakieltoAktiivinen", pick(["true", "false", "false", "false", "kyllä"]))) }
            if chance(30) { fields.append(Field("turvaLoppuPv", date())) }
            return Record(group: group, change: change, fields: fields)
        case .huollettava:
            let born = birth(aroundAge: pick([3, 17, 18, 30]))
            var stub: [Field] = []
            if chance(70) { stub.append(.text("henkilotunnus", TestHetu.born(born, number: int(900...999)))) }
            if chance(50) { stub.append(.date("syntymapv", PartialDate(born))) }
            if chance(10) { stub.append(.text("katunimi", "Salainen tie 1")) }
            return Record(group: group, change: change, fields: [.composite("huollettava", stub)] + fields(Array((GroupSchema.fields(of: group) ?? []).dropFirst())))
        case .syntymapaiva where chance(60):
            return Record(group: group, change: change, fields: [.date("syntymapv", PartialDate(birth(aroundAge: pick([10, 17, 18, 50]))))])
        default:
            return Record(group: group, change: change, fields: fields(GroupSchema.fields(of: group) ?? [FieldSpec("x", .text)]))
        }
    }

    mutating func group() -> GroupName {
        if chance(4) { return pick(Self.unknownGroups) }
        if chance(30) { return pick(DisclosureRules.protectedGroups + [.huoltaja, .huollettava, .uskontokuntalaji, .avioliitto, .asumusero]) }
        return pick(GroupName.productGroupsInOrder)
    }

    mutating func person() -> Person {
        var records = (0..<int(0...18)).map { _ in record(group()) }
        if chance(85) { records.insert(record(.turvakielto), at: int(0...records.count)) }
        return Person(hetu: hetu(), records: records)
    }

    mutating func change() -> Change {
        let attributes: [ChangeAttribute?] = [nil] + ChangeAttribute.allCases.map { $0 }
        let records = (0..<int(0...8)).map { _ in record(chance(25) ? .turvakielto : group(), change: pick(attributes)) }
        return Change(hetu: hetu(), muutospv: "2026-11-0\(int(1...9))T10:00:00Z", records: records)
    }
}
