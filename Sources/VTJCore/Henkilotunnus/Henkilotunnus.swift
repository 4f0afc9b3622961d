/// A validated Finnish personal identity code (henkilötunnus), `DDMMYYCNNNQ`.
///
/// The century sign is part of the identity: `010190-999K` and `010190Y999K` are different
/// people, so the value is kept exactly as validated and never normalised.
public struct Henkilotunnus: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The eleven characters, upper-case, exactly as validated.
    ///
    /// The only stored property (16 bytes, the eleven ASCII bytes inline): a list of 1,000,000 is
    /// held as 16 MB, not 48 (issue 15's memory bound); the date and number are read from it.
    public let value: String

    /// The birth date encoded in the code.
    public var birthDate: CivilDate {
        // Validated on the way in: eleven ASCII bytes whose date exists.
        Self.checkedASCII(value)!
    }

    /// The birth date of `text` when it is a valid henkilötunnus, nil otherwise: what
    /// `try? Henkilotunnus(text)` and ``birthDate`` give, without making the value (the rules
    /// take every answered person's age from here).
    public static func validBirthDate(_ text: some StringProtocol) -> CivilDate? {
        if let date = checkedASCII(text) { return date }
        return (try? validCharacters(text))?.birthDate
    }

    /// The individual number, 002–999.
    public var individualNumber: Int {
        value.utf8.dropFirst(7).prefix(3).reduce(0) { $0 * 10 + Int($1) - 0x30 }
    }

    /// Alphabet of the check character, indexed by DDMMYYNNN mod 31.
    public static let checkAlphabet: [Character] = Array("0123456789ABCDEFHJKLMNPRSTUVWXY")

    /// Century signs and the century they stand for (decree 128/2010 as amended 1.1.2023).
    public static let centuries: [Character: Int] = [
        "+": 1800,
        "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
        "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000,
    ]

    /// Validates an exact value (no trimming, no case folding).
    public init(_ text: some StringProtocol) throws(HenkilotunnusError) {
        if let valid = Self.validASCII(text) {
            self = valid
        } else {
            self = try Self.validCharacters(text)
        }
    }

    /// Validates an exact `String` (no trimming, no case folding): the same check as the generic
    /// form, concrete because a generic call from another module is not specialised — the result
    /// sink's once-per-person read went through the protocol's iterator, a call per byte, 4,500
    /// instructions a code (issue 15).
    public init(_ text: String) throws(HenkilotunnusError) {
        if Self.checkedASCII(text) != nil {
            self.init(value: text)
        } else {
            self = try Self.validCharacters(text)
        }
    }

    /// The whole check, `Character` by `Character`, naming what is wrong.
    static func validCharacters(_ text: some StringProtocol) throws(HenkilotunnusError) -> Henkilotunnus {
        let chars = Array(text)
        guard !chars.isEmpty else { throw .empty }
        guard chars.count == 11 else { throw .length(chars.count) }
        for index in [0, 1, 2, 3, 4, 5] where !chars[index].isASCIIDigit {
            throw .format(.date)
        }
        for index in [7, 8, 9] where !chars[index].isASCIIDigit {
            throw .format(.individualNumber)
        }
        let sign = chars[6]
        guard let century = Henkilotunnus.centuries[sign] else { throw .centurySign(sign) }

        let day = Int(String(chars[0...1]))!
        let month = Int(String(chars[2...3]))!
        let year = century + Int(String(chars[4...5]))!
        guard CivilDate(year: year, month: month, day: day) != nil else {
            throw .date(String(chars[0...5]), century: century)
        }
        let number = Int(String(chars[7...9]))!
        guard number >= 2 else { throw .individualNumber(String(chars[7...9])) }

        let expected = Henkilotunnus.checkCharacter(datePart: String(chars[0...5]), individualNumber: number)
        guard chars[10] == expected else { throw .checkCharacter(found: chars[10], expected: expected) }
        return Henkilotunnus(value: String(chars))
    }

    private init(value: String) { self.value = value }

    /// The common case read from the UTF-8 bytes (a list of 100,000 is read, and every answered
    /// person's age taken, through here): a valid code of eleven ASCII bytes. Anything else is nil
    /// and goes the `Character` way above, which says what is wrong; both accept the same codes.
    static func validASCII(_ text: some StringProtocol) -> Henkilotunnus? {
        checkedASCII(text) == nil ? nil : Henkilotunnus(value: String(text))
    }

    /// ``validASCII(_:)``'s check: the birth date of a valid code of eleven ASCII bytes, else nil.
    private static func checkedASCII(_ text: some StringProtocol) -> CivilDate? {
        let utf8 = text.utf8
        // Over the bytes where they lie (every native `String` and `Substring`).
        if let checked = utf8.withContiguousStorageIfAvailable({ checkedASCII(bytes: $0) }) { return checked }
        guard utf8.count == 11 else { return nil }
        return Array(utf8).withUnsafeBufferPointer { checkedASCII(bytes: $0) }
    }

    private static func checkedASCII(bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard bytes.count == 11 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var number = 0
            for index in range {
                let digit = Int(bytes[index]) - 0x30
                guard digit >= 0, digit <= 9 else { return nil }
                number = number * 10 + digit
            }
            return number
        }
        let century: Int
        switch bytes[6] {
        case UInt8(ascii: "+"): century = 1800
        case UInt8(ascii: "-"), UInt8(ascii: "U")...UInt8(ascii: "Y"): century = 1900
        case UInt8(ascii: "A")...UInt8(ascii: "F"): century = 2000
        default: return nil
        }
        guard let date = digits(0..<6), let number = digits(7..<10), number >= 2,
              let birth = CivilDate(year: century + date % 100, month: date / 100 % 100, day: date / 10000),
              bytes[10] == checkBytes[(date * 1000 + number) % 31]
        else { return nil }
        return birth
    }

    /// ``checkAlphabet`` as ASCII bytes (also how ``HenkilotunnusKeys`` spells a code from its key).
    static let checkBytes: [UInt8] = checkAlphabet.map { $0.asciiValue! }

    /// The check character for a birth-date part (DDMMYY) and individual number.
    public static func checkCharacter(datePart: String, individualNumber: Int) -> Character {
        let digits = datePart + (individualNumber < 10 ? "00" : individualNumber < 100 ? "0" : "") + String(individualNumber)
        return checkAlphabet[Int(digits)! % 31]
    }

    /// The code as one number, unique per code: its nine digits and its century sign (the check
    /// character follows from the digits). A set of 1,000,000 of these is 8 bytes a code.
    public var key: UInt64 {
        // Over the bytes at once: the UTF-8 view's iterator cost a thousand instructions a key,
        // and a key is taken twice per answered person (issue 15).
        var value = value
        return value.withUTF8 { bytes in
            var digits: UInt64 = 0
            var sign: UInt64 = 0
            for index in bytes.indices {
                let byte = bytes[index]
                switch index {
                case 6: sign = UInt64(byte)
                case 10: break
                default: digits = digits &* 10 &+ UInt64(byte &- 0x30)
                }
            }
            return digits << 8 | sign
        }
    }

    /// The code whose ``key`` is `validKey`, which must be a valid code's key (a list's, kept by
    /// ``HetuSequence``): its text is made from the key, not checked again.
    init(validKey: UInt64) {
        self.init(value: HenkilotunnusKeys.text(of: validKey))
    }

    /// The century sign (`+`, `-`, `Y` … `A` … `F`).
    public var centurySign: Character { value[value.index(value.startIndex, offsetBy: 6)] }

    /// Odd individual numbers are men, even numbers women.
    public var sex: Sex { individualNumber % 2 == 1 ? .male : .female }

    /// Individual numbers 900–999 are temporary or test codes, never a real person's.
    public var isTemporary: Bool { individualNumber >= 900 }

    /// Full years of age on `date` (Finnish rule for 29 February, see ``CivilDate/age(on:)``).
    public func age(on date: CivilDate) -> Int { birthDate.age(on: date) }

    /// Whether the person is under 18 on `date`.
    public func isMinor(on date: CivilDate) -> Bool { age(on: date) < 18 }

    /// Log-safe form: date part and century sign, individual number hidden (`010594Y***2`).
    public var masked: String { Henkilotunnus.mask(value) }

    /// Masks anything that looks like a henkilötunnus; shorter strings become `***`.
    public static func mask(_ text: some StringProtocol) -> String {
        let chars = Array(text)
        guard chars.count == 11 else { return "***" }
        return String(chars[0...6]) + "***" + String(chars[10])
    }

    public var description: String { value }

    public static func < (lhs: Henkilotunnus, rhs: Henkilotunnus) -> Bool { lhs.value < rhs.value }

    /// Sex as encoded by the individual number.
    public enum Sex: String, Sendable, Hashable {
        case male = "mies"
        case female = "nainen"
    }
}
