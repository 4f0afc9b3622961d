import VTJCore

/// Random persons, changes and requests for round-trip properties, full of the strings that
/// break naive XML code. Only shapes the profile can carry are generated (a date always has a
/// precision, a bilingual value has fi or sv, a composite has children not named fi/sv).
struct ModelGenerator {
    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    static let hardStrings = [
        "", " ", "  trailing  ", "091123A005  ", "ä ö å Å Ä Ö", "O'Brien", "D'Arcy-Mäkelä", "<&>", "a < b && c > d",
        "\"quoted\" 'single'", "line1\nline2", "cr\r\nlf", "only\rcr", "tab\there", "é ß Жанна 日本 🙂 👩‍👩‍👧",
        "]]>", "&amp; &#228; &lt;", "--", "<!-- not a comment -->", "<?pi?>", "\u{7F}\u{85}\u{A0}",
        "Strauß", "Ωmega", "Ñandú",
    ]
    static let testHetus = [
        "010594Y9032", "020594X903P", "030594W903B", "040594V9030", "050594U903M", "010516B903X",
        "020516C903K", "030516D9037", "010501E9032", "020503F9037", "020504A902E", "020275-9862", "010121A962W",
    ]
    static let fieldNames = ["etunimi", "kuntakoodi", "alkupv", "kieli-koodi", "ääkkönen", "x.y", "_a", "nimiUTF8", "uusiKentta"]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func bool() -> Bool { Bool.random(using: &random) }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }
    mutating func string() -> String { bool() ? pick(Self.hardStrings) : pick(Self.hardStrings) + pick(Self.hardStrings) }

    mutating func field(depth: Int = 0) -> Field {
        let name = pick(Self.fieldNames)
        switch int(0...(depth < 2 ? 3 : 2)) {
        case 0: return .text(name, string())
        case 1: return .date(name, PartialDate(text: string(), precision: pick(PartialDate.Precision.allCases)))
        case 2:
            switch int(0...2) {
            case 0: return Field(name, .bilingual(Bilingual(fi: string(), sv: nil)))
            case 1: return Field(name, .bilingual(Bilingual(fi: nil, sv: string())))
            default: return Field(name, .bilingual(Bilingual(fi: string(), sv: string())))
            }
        default: return .composite(name, (0..<int(1...3)).map { _ in field(depth: depth + 1) })
        }
    }

    mutating func record(changes: Bool) -> Record {
        var group = pick(GroupName.productGroupsInOrder)
        if int(0...9) == 0 { group = GroupName(rawValue: "UUSI_RYHMA_\(int(1...99))") }
        let censored: [String]? = int(0...4) == 0 ? (0..<int(0...3)).map { _ in pick(Self.fieldNames) } : nil
        return Record(
            group: group,
            change: changes ? pick(ChangeAttribute.allCases) : nil,
            fields: (0..<int(0...6)).map { _ in field() },
            censoredFields: censored)
    }

    mutating func person() -> Person {
        Person(hetu: int(0...5) == 0 ? string() : pick(Self.testHetus), records: (0..<int(0...8)).map { _ in record(changes: false) })
    }

    mutating func change() -> Change {
        Change(hetu: pick(Self.testHetus), muutospv: int(0...5) == 0 ? string() : "2026-11-2\(int(0...9))T21:00:00.000Z",
               records: (0..<int(0...5)).map { _ in record(changes: true) })
    }

    mutating func restriction() -> Restriction {
        if bool() {
            return .hetulista((0..<int(1...20)).map { _ in pick(Self.testHetus) })
        }
        return .kuntarajaus((0..<int(0...3)).map { _ in pick(["091", "049", "092", "837"]) })
    }
}
