/// Why a value is not a valid henkilötunnus; receipts quote ``description``.
public enum HenkilotunnusError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case length(Int)
    case format(String)
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

    public var description: String {
        switch self {
        case .empty:
            "bad format: empty value; expected DDMMYYCNNNQ"
        case .length(let count):
            "bad format: \(count) characters; expected 11 (DDMMYYCNNNQ)"
        case .format(let reason):
            "bad format: \(reason)"
        case .centurySign(let sign):
            "unknown century sign '\(sign)'; expected + - Y X W V U A B C D E F"
        case .date(let part, let century):
            "bad date: \(part) is not a real date in the \(century)s"
        case .individualNumber(let number):
            "bad individual number \(number): 000 and 001 are never issued"
        case .checkCharacter(let found, let expected):
            "bad check character '\(found)': the date and individual number give '\(expected)'"
        }
    }
}
