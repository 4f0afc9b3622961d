import VTJCore
import VTJSheet
import VTJXML

/// A drop's content, whatever its format: what to do, for whom, and what was wrong with its lines.
public struct ParsedDrop: Sendable {
    public var operation: DropRequest.Operation
    /// As written; nil = the department's default.
    public var purpose: String?
    public var format: OutputFormat?
    public var reference: String?
    /// As written; nil = the department's groups.
    public var groups: [String]?
    public var hetus: [Henkilotunnus]
    public var lines: Int
    public var duplicates: Int
    /// Every rejected line; ``rejected`` lists the first ``HetuCollector/detailLimit`` of them.
    public var invalid: Int
    public var rejected: [RejectedLine]
    public var notes: [Message]
    /// A CSV or workbook list's own columns, to come back beside the result's (nil: none).
    public var carried: CarriedColumns?
    /// The request's own column layout (nil: the department's), resolved from ``columns``.
    public var layout: ColumnLayout?
    /// The request document's `sarakkeet`, as written.
    public var columns: [String]?

    /// What a dropped file holds, as its reader read it (before it becomes a ``ParsedDrop``).
    public enum Source: Sendable {
        case list(HetuList)
        case request(DropRequest)
    }

    /// Reads a claimed file: `*.xml` is a request document, anything else a henkilötunnus list.
    public static func read(_ bytes: [UInt8], fileName: DropFileName) throws(DropReadError) -> ParsedDrop {
        switch try source(bytes, fileName: fileName) {
        case .list(let list): ParsedDrop(list)
        case .request(let request): ParsedDrop(request)
        }
    }

    /// The reader intake uses, by name and content (`vtjdrop hetu FILE` uses it too): a request
    /// document for `*.xml`; a workbook (or an encrypted or old one) whatever its name, before
    /// any text decoding; otherwise a text or CSV list.
    public static func source(_ bytes: [UInt8], fileName: DropFileName) throws(DropReadError) -> Source {
        if fileName.fileExtension.lowercased() == "xml" {
            return .request(try DropRequestReader().read(bytes, file: fileName.display))
        }
        if XLSXReader.isWorkbookContainer(bytes) { return .list(try readWorkbook(bytes, file: fileName.display)) }
        return .list(try HetuListReader().read(bytes, file: fileName.display))
    }

    /// A workbook drop's first sheet as a list; a workbook that cannot be read is refused with
    /// the reader's reason (encrypted, macros, a zip bomb…), its row when it has one.
    static func readWorkbook(_ bytes: [UInt8], file: String) throws(DropReadError) -> HetuList {
        let sheet: XLSXSheet
        do {
            sheet = try XLSXReader().read(bytes)
        } catch {
            throw DropReadError(file: file, line: error.row, kind: .wrongFormat, message: error.message)
        }
        return try HetuListReader().read(sheet: sheet.name, rows: sheet.rows.map { ($0.number, $0.cells) }, file: file)
    }

    init(_ list: HetuList) {
        operation = .perustiedot
        hetus = list.hetus
        lines = list.valueLines
        duplicates = list.duplicateCount
        invalid = list.rejectedCount
        rejected = list.rejected.map { RejectedLine(line: $0.line, value: $0.text, kind: $0.error?.kind ?? "muoto", reason: $0.reason) }
        notes = [ParsedDrop.readingNote(list)]
            + ParsedDrop.warningNotes(list.warnings, count: list.warningCount)
        carried = list.carried
    }

    init(_ request: DropRequest) {
        operation = request.operation
        purpose = request.purpose
        format = request.format.map { OutputFormat(rawValue: $0.rawValue) ?? .csv }
        reference = request.reference
        columns = request.columns
        groups = request.groups.map { $0.map(\.rawValue) + request.unknownGroups.map(\.name) }
            ?? (request.unknownGroups.isEmpty ? nil : request.unknownGroups.map(\.name))
        hetus = request.hetus
        lines = request.hetuElements
        duplicates = request.duplicateCount
        invalid = request.rejectedCount
        rejected = request.rejected.map { RejectedLine(line: $0.line, value: $0.text, kind: $0.error?.kind ?? "muoto", reason: $0.reason) }
        notes = ParsedDrop.warningNotes(request.warnings, count: request.warningCount)
        if request.unknownGroups.count == DropRequest.unknownGroupLimit {
            notes.append(Message(.noteUnknownGroupsCapped, ["limit": .count(DropRequest.unknownGroupLimit),
                                                            "count": .count(request.unknownGroupCount)]))
        }
    }

    /// How the list was read: its encoding and, for a CSV, the delimiter and the hetu column (found
    /// by its content when there is no header row); for a workbook, the sheet and the column.
    private static func readingNote(_ list: HetuList) -> Message {
        let encoding = MessageArgument.text(list.encoding.rawValue.replacing(" with BOM", with: " (BOM)").replacing(" without BOM", with: ""))
        switch list.dialect {
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

    private static func warningNotes(_ warnings: [HetuList.LineWarning], count: Int) -> [Message] {
        guard !warnings.isEmpty else { return [] }
        let lines = warnings.prefix(20).map { String($0.line) }.joined(separator: ", ") + (count > 20 ? " …" : "")
        return [Message(.noteLowerCase, ["count": .count(count), "lines": .text(lines)])]
    }
}
