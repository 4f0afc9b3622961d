/// How a department's CSV files are written; the defaults open correctly in Finnish Excel.
public struct CSVDialect: Hashable, Sendable {
    /// Row terminator.
    public enum LineEnding: String, Hashable, Sendable, CaseIterable {
        case crlf
        case lf

        /// The terminator's text.
        public var text: String { self == .crlf ? "\r\n" : "\n" }
    }

    /// One character separating cells (`;` by default, because Finnish Excel expects it).
    public var delimiter: Character
    public var lineEnding: LineEnding
    /// A UTF-8 byte-order mark first, so Excel reads the file as UTF-8.
    public var byteOrderMark: Bool
    /// Prefix `'` to cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first).
    public var neutraliseFormulas: Bool

    public init(delimiter: Character = ";", lineEnding: LineEnding = .crlf, byteOrderMark: Bool = true,
                neutraliseFormulas: Bool = true) {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.byteOrderMark = byteOrderMark
        self.neutraliseFormulas = neutraliseFormulas
    }

    /// `;`, CRLF, BOM, formulas neutralised.
    public static let standard = CSVDialect()

    /// Delimiters a configuration may choose.
    public static let allowedDelimiters: [Character] = [";", ",", "\t", "|"]
}
