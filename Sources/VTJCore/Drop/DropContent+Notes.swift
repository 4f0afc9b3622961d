extension DropContent {
    /// What the receipt tells about the content itself: how a list was read, lower-case values,
    /// unknown groups beyond the kept number.
    public var notes: [Message] {
        var notes: [Message] = []
        if case .list(let encoding, let dialect) = origin { notes.append(Self.readingNote(encoding, dialect)) }
        if !warnings.isEmpty {
            let lines = warnings.prefix(20).map { String($0.line) }.joined(separator: ", ") + (warningCount > 20 ? " …" : "")
            notes.append(Message(.noteLowerCase, ["count": .count(warningCount), "lines": .text(lines)]))
        }
        if unknownGroups.count == Self.unknownGroupLimit {
            notes.append(Message(.noteUnknownGroupsCapped, ["limit": .count(Self.unknownGroupLimit),
                                                            "count": .count(unknownGroupCount)]))
        }
        return notes
    }

    /// The receipt's rejected lines (the first ``HetuCollector/detailLimit``).
    public var receiptRejectedLines: [VTJCore.RejectedLine] {
        rejected.map { VTJCore.RejectedLine(line: $0.line, value: $0.text, kind: $0.error?.kind ?? "muoto", reason: $0.reason) }
    }

    /// How the list was read: its encoding and, for a CSV, the delimiter and the hetu column (found
    /// by its content when there is no header row); for a workbook, the sheet and the column.
    private static func readingNote(_ encoding: TextEncoding, _ dialect: Dialect) -> Message {
        let encoding = MessageArgument.text(encoding.rawValue.replacing(" with BOM", with: " (BOM)").replacing(" without BOM", with: ""))
        switch dialect {
        case .plain:
            return Message(.noteReadPlain, ["encoding": encoding])
        case .csv(let delimiter, let column, let header):
            let shown: MessageArgument = delimiter == "\t" ? Message(.delimiterTab).argument : .text("'\(delimiter)'")
            return Message(.noteReadCSV, ["encoding": encoding, "delimiter": shown, "column": .count(column + 1), "header": .text(header)])
        case .headerless(let delimiter, let column):
            // No header row: the henkilötunnus column was found by its content.
            let shown: MessageArgument = delimiter == "\t" ? Message(.delimiterTab).argument : .text("'\(delimiter)'")
            return Message(.noteReadHeaderless, ["encoding": encoding, "delimiter": shown, "column": .count(column + 1)])
        case .workbook(let sheet, let column, let header?):
            // A workbook's parts are always UTF-8 XML: its encoding says nothing to the clerk.
            return Message(.noteReadWorkbook, ["sheet": .text(sheet), "column": .text(CellColumnName.letters(column)), "header": .text(header)])
        case .workbook(let sheet, let column, nil):
            return Message(.noteReadWorkbookHeaderless, ["sheet": .text(sheet), "column": .text(CellColumnName.letters(column))])
        }
    }
}
