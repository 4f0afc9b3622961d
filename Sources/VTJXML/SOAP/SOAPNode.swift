import VTJCore

/// A small element of a `Henkilo` (one block such as `Kotikunta` with its children), read whole
/// because its children come in any order and are few. Only elements of the answer namespace are
/// kept; the reader bounds how many there may be.
struct SOAPNode: Sendable, Hashable {
    let name: String
    /// The text of a leaf, as sent (blanks kept); "" for an element with children.
    var text: String
    var children: [SOAPNode]
    /// The attributes a mapping needs (`voimassaolokoodi`), when present.
    var attributes: [String: String]

    init(name: String, text: String = "", children: [SOAPNode] = [], attributes: [String: String] = [:]) {
        self.name = name
        self.text = text
        self.children = children
        self.attributes = attributes
    }

    /// The first child with this name.
    func child(_ name: String) -> SOAPNode? { children.first { $0.name == name } }

    /// Every child with this name, in document order.
    func all(_ name: String) -> [SOAPNode] { children.filter { $0.name == name } }

    /// A value by path (`["NykyinenSukunimi", "Sukunimi"]`), cleaned of a pretty-printer's trailing
    /// line break and indentation; nil when absent or empty.
    func value(_ path: String...) -> String? { value(path) }

    func value(_ path: [String]) -> String? {
        var node: SOAPNode? = self
        for name in path { node = node?.child(name) }
        guard let text = node?.text else { return nil }
        let cleaned = SOAPValues.withoutPrettyPrinting(text)
        return cleaned.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) ? nil : cleaned
    }

    /// A code by path: every surrounding blank removed; nil when absent or empty.
    func code(_ path: String...) -> String? { value(path).map { $0.trimmingBlanks } }

    /// Whether this element or any below it holds a non-blank value.
    var hasValue: Bool {
        children.isEmpty ? value([]) != nil : children.contains { $0.hasValue }
    }
}

/// The answer's value conventions (§6).
enum SOAPValues {
    /// A value without the line break and indentation a pretty-printer put after (or before) it
    /// (`020501A999T\n        `); any other blank, and any line break inside, is kept.
    static func withoutPrettyPrinting(_ text: String) -> String {
        var scalars = Substring(text)
        func isIndent(_ c: Character) -> Bool { c == " " || c == "\t" }
        // Trailing: blanks after the last line break, then the line break itself.
        if let lastBreak = scalars.lastIndex(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }),
           scalars[scalars.index(after: lastBreak)...].allSatisfy(isIndent) {
            scalars = scalars[..<lastBreak]
            while let last = scalars.last, last == "\r" || last == "\n" { scalars = scalars.dropLast() }
        }
        // Leading: a line break first, then only indentation before the value.
        if let first = scalars.first, first == "\n" || first == "\r\n" || first == "\r" {
            scalars = scalars.dropFirst()
            while let next = scalars.first, isIndent(next) { scalars = scalars.dropFirst() }
        }
        return String(scalars)
    }

    /// `vvvvkkpp` → a profile date (`2020-01-31`, precision PAIVA); a `00` day or month gives
    /// KUUKAUSI / VUOSI with `01` in its place (provisional, §6). Anything else is kept as it came,
    /// without a precision: an ISO date (off the contract) still reads as that day, any other text
    /// (`31.12.2031`) as no date at all, so a ban whose end cannot be read stays in force.
    static func date(_ text: String) -> PartialDate? {
        let digits = text.trimmingBlanks
        guard !digits.isEmpty else { return nil }
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return PartialDate(text: digits, precision: nil) }
        let year = String(digits.prefix(4))
        let month = String(digits.dropFirst(4).prefix(2))
        let day = String(digits.suffix(2))
        let precision: PartialDate.Precision = month == "00" ? .year : day == "00" ? .month : .day
        let iso = "\(year)-\(month == "00" ? "01" : month)-\(day == "00" ? "01" : day)"
        guard CivilDate(iso: iso) != nil else { return PartialDate(text: digits, precision: nil) }
        return PartialDate(text: iso, precision: precision)
    }

    /// A profile date back to `vvvvkkpp` (the sandbox's answers).
    static func compact(_ date: PartialDate?) -> String {
        guard let date, let civil = date.civilDate else { return "" }
        let text = civil.description.filter { $0 != "-" }
        switch date.precision {
        case .year?: return String(text.prefix(4)) + "0000"
        case .month?: return String(text.prefix(6)) + "00"
        default: return text
        }
    }
}
