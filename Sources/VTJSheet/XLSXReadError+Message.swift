import VTJCore

extension XLSXReadError {
    /// The refusal as a catalogue message, written in the department's language in a receipt;
    /// a parser's own words (a ZIP or XML error) are quoted as technical English.
    public var message: Message {
        switch self {
        case .encrypted: Message(.workbookEncrypted)
        case .legacyWorkbook: Message(.workbookLegacy)
        case .notAWorkbook(let what): Message(.workbookNotAWorkbook, ["detail": Message.technical(what).argument])
        case .macroWorkbook: Message(.workbookMacros)
        case .binaryWorkbook: Message(.workbookBinary)
        case .damaged(let how): Message(.workbookDamaged, ["detail": Message.technical(how).argument])
        case .tooManyEntries(let limit): Message(.workbookTooManyEntries, ["limit": .count(limit)])
        case .tooLarge(_, let limit): Message(.workbookTooLarge, ["limit": .count(limit >> 20)])
        case .compressionRatio(let part, let limit): Message(.workbookCompressionRatio, ["part": .text(part), "limit": .count(limit)])
        case .tooManySharedStrings(let limit): Message(.workbookTooManyTexts, ["limit": .count(limit)])
        case .sharedStringsTooLarge(let limit): Message(.workbookTextsTooLarge, ["limit": .count(limit >> 20)])
        case .noWorksheet: Message(.workbookNoWorksheet)
        case .tooManyRows(let row, let limit): Message(.workbookTooManyRows, ["row": .text(String(row)), "limit": .count(limit)])
        case .tooManyColumns(let row, let column, let limit):
            Message(.workbookTooManyColumns, ["row": .text(String(row)), "column": .text(column), "limit": .count(limit)])
        case .tooManyCells(let row, let limit): Message(.workbookTooManyCells, ["row": .text(String(row)), "limit": .count(limit)])
        case .unsafeXML(let part, let line, let reason):
            Message(.workbookUnsafeXML, ["part": .text(part), "line": .text(String(line)), "detail": Message.technical(reason).argument])
        case .malformedXML(let part, let line, let reason):
            Message(.workbookMalformedXML, ["part": .text(part), "line": .text(String(line)), "detail": Message.technical(reason).argument])
        case .badCell(let row, let reason):
            Message(.workbookBadCell, ["row": .text(String(row)), "detail": Message.technical(reason).argument])
        }
    }
}
