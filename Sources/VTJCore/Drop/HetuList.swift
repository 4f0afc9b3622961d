/// What a henkilötunnus list drop contained (drop contract 2.1): the distinct valid values in
/// first-seen order, and everything the receipt must report about the rest.
public struct HetuList: Sendable, Hashable {
    /// How the lines were laid out.
    public enum Dialect: Sendable, Hashable, CustomStringConvertible {
        /// One value per line.
        case plain
        /// A CSV with a header; `column` is the 0-based index of the hetu column named `header`.
        case csv(delimiter: Character, column: Int, header: String)
        /// A CSV without a header row whose one column of henkilötunnus was found by its content.
        case headerless(delimiter: Character, column: Int)
        /// A workbook's first sheet; `header` names the hetu column, nil when the sheet has no header row.
        case workbook(sheet: String, column: Int, header: String?)

        public var description: String {
            switch self {
            case .plain: "one henkilötunnus per line"
            case .csv(let delimiter, let column, let header):
                "CSV, delimiter \(delimiter == "\t" ? "TAB" : "'\(delimiter)'"), column \(column + 1) '\(header)'"
            case .headerless(let delimiter, let column):
                "CSV without a header row, delimiter \(delimiter == "\t" ? "TAB" : "'\(delimiter)'"), henkilötunnus found in column \(column + 1) by its content"
            case .workbook(let sheet, let column, let header):
                "workbook, sheet '\(sheet)', column \(CellColumnName.letters(column))"
                    + (header.map { " '\($0)'" } ?? " (no header row; henkilötunnus found by content)")
            }
        }
    }

    /// A line whose value is not a valid henkilötunnus, or that could not be read at all.
    public struct RejectedLine: Sendable, Hashable {
        /// 1-based physical line (for a CSV record, the line it starts on).
        public let line: Int
        /// The value as read after trimming (shortened to 40 characters), for the receipt.
        public let text: String
        /// The exact reason (``HenkilotunnusError/message`` for a bad value).
        public let reason: Message
        /// The validation error, when the value itself was the problem.
        public let error: HenkilotunnusError?

        public init(line: Int, text: String, reason: Message, error: HenkilotunnusError?) {
            self.line = line
            self.text = text
            self.reason = reason
            self.error = error
        }
    }

    /// A repeat of a value already listed: queried once, reported.
    public struct Duplicate: Sendable, Hashable {
        /// The repeated value.
        public let hetu: Henkilotunnus
        /// The line of the repeat.
        public let line: Int
        /// Where it was first seen.
        public let firstLine: Int

        public init(hetu: Henkilotunnus, line: Int, firstLine: Int) {
            self.hetu = hetu
            self.line = line
            self.firstLine = firstLine
        }
    }

    /// Something accepted but worth telling the department (e.g. lower-case letters).
    public struct LineWarning: Sendable, Hashable {
        /// The line of the value.
        public let line: Int
        /// What was noticed.
        public let warning: Henkilotunnus.Warning

        public init(line: Int, warning: Henkilotunnus.Warning) {
            self.line = line
            self.warning = warning
        }
    }

    /// The detected encoding.
    public var encoding: TextEncoding
    /// Plain lines or CSV (delimiter and column).
    public var dialect: Dialect
    /// Distinct valid values in the order first seen.
    public var hetus: [Henkilotunnus] = []
    /// The line each value of ``hetus`` was first seen on (same order).
    public var hetuLines: [Int] = []
    /// Repeats of values already listed (queried once); the first ``HetuCollector/detailLimit``.
    public var duplicates: [Duplicate] = []
    /// Lines that are not valid henkilötunnus, with number and reason; the first
    /// ``HetuCollector/detailLimit`` (``rejectedCount`` counts them all).
    public var rejected: [RejectedLine] = []
    /// Accepted values worth a remark; the first ``HetuCollector/detailLimit``.
    public var warnings: [LineWarning] = []
    /// Every rejected line, listed or not.
    public var rejectedCount = 0
    /// Every repeat, listed or not.
    public var duplicateCount = 0
    /// Every warning, listed or not.
    public var warningCount = 0
    /// Physical lines in the file.
    public var lineCount = 0
    /// Lines that held a value (valid, duplicate or rejected); the CSV header is not one.
    public var valueLines = 0
    /// Empty or blank lines (skipped).
    public var blankLines = 0
    /// `#` comment lines (skipped).
    public var commentLines = 0
    /// A CSV's other columns, to come back beside the result's (nil for a plain list, or a CSV
    /// of the henkilötunnus column only).
    public var carried: CarriedColumns?

    public init(encoding: TextEncoding, dialect: Dialect) {
        self.encoding = encoding
        self.dialect = dialect
    }

    /// Takes what `collector` filed: the values, repeats, rejections, warnings and their counts.
    mutating func take(_ collector: HetuCollector) {
        hetus = collector.hetus
        hetuLines = collector.hetuLines
        duplicates = collector.duplicates
        rejected = collector.rejected
        warnings = collector.warnings
        rejectedCount = collector.rejectedCount
        duplicateCount = collector.duplicateCount
        warningCount = collector.warningCount
        valueLines = collector.valueCount
    }
}
