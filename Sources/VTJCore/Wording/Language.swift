/// The language a text is written in: receipts and pending notes in a department's (`fi`, `sv`),
/// log lines and error descriptions for the operator in English.
public enum Language: String, Hashable, Sendable, CaseIterable {
    case finnish = "fi"
    case swedish = "sv"
    case english = "en"

    /// The languages a department may choose for its receipts (`departments.<id>.language`).
    public static let departmentChoices: [Language] = [.finnish, .swedish]

    /// Thousands separated the way the language writes them (`20 000` in Finnish and Swedish).
    func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        guard digits.count > 4 else { return value < 0 ? "-" + digits : digits }
        // A no-break space keeps a number on one line; English uses a comma.
        let separator: Character = self == .english ? "," : "\u{00A0}"
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(separator) }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }
}
