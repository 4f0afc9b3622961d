/// Turns cells into one RFC 4180 line of a dialect, neutralising formula-like cells.
public struct CSVEncoder: Hashable, Sendable {
    public let dialect: CSVDialect

    public init(dialect: CSVDialect) { self.dialect = dialect }

    /// Characters that make a spreadsheet treat a cell as a formula when they come first.
    public static let formulaStarters: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// One cell: `'` prefixed when it starts like a formula (and neutralising is on), quoted when needed.
    ///
    /// Only the first character counts: a henkilötunnus with `-` as its century sign is untouched.
    public func cell(_ value: String) -> String {
        var text = value
        if dialect.neutraliseFormulas, let first = text.first, Self.formulaStarters.contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.contains { char in
            char == dialect.delimiter || char == "\"" || char == "\n" || char == "\r" || char == "\r\n"
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// One row with its line ending.
    public func line(_ cells: [String]) -> String {
        var line = ""
        for (index, value) in cells.enumerated() {
            if index > 0 { line.append(dialect.delimiter) }
            line += cell(value)
        }
        return line + dialect.lineEnding.text
    }

    /// The UTF-8 byte-order mark, when the dialect wants one.
    public var preamble: [UInt8] { dialect.byteOrderMark ? [0xEF, 0xBB, 0xBF] : [] }
}
