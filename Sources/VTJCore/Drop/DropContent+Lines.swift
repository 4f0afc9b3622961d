/// The line-level facts of a drop's values, for the receipt and `vtjdrop hetu`.
extension DropContent {
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
}
