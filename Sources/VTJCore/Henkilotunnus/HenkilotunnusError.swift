/// Why a value is not a valid henkilötunnus; receipts quote ``description``.
public enum HenkilotunnusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which digit part of a henkilötunnus was not digits.
    public enum DigitPart: Sendable, Hashable {
        case date
        case individualNumber
    }

    case empty
    case length(Int)
    /// The birth-date or individual-number part is not all digits.
    case format(DigitPart)
    case centurySign(Character)
    case date(String, century: Int)
    case individualNumber(String)
    case checkCharacter(found: Character, expected: Character)

    /// Short class name for counting and machine-readable receipts.
    public var kind: String {
        switch self {
        case .empty, .length, .format: "muoto"
        case .centurySign: "vuosisatamerkki"
        case .date: "paivamaara"
        case .individualNumber: "yksilonumero"
        case .checkCharacter: "tarkistusmerkki"
        }
    }

    /// What is wrong, from the catalogue.
    public var message: Message {
        switch self {
        case .empty: Message(.hetuEmpty)
        case .length(let count): Message(.hetuLength, ["count": .count(count)])
        case .format(let part): Message(part == .date ? .hetuDigitsDate : .hetuDigitsNumber)
        case .centurySign(let sign): Message(.hetuCenturySign, ["sign": .text(String(sign))])
        case .date(let date, let century): Message(.hetuDate, ["date": .text(date), "century": .text(String(century))])
        case .individualNumber(let number): Message(.hetuIndividualNumber, ["number": .text(number)])
        case .checkCharacter(let found, let expected):
            Message(.hetuCheckCharacter, ["found": .text(String(found)), "expected": .text(String(expected))])
        }
    }

    /// English, as logs and tests read it.
    public var description: String { message.description }
}
