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
    public var notes: [String]
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
            throw DropReadError(file: file, line: error.row, kind: .wrongFormat, reason: error.description)
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
        // A workbook's parts are always UTF-8 XML: its encoding says nothing to the clerk.
        let workbook = if case .workbook = list.dialect { true } else { false }
        notes = (workbook ? [] : ["encoding: \(list.encoding)"]) + ["dialect: \(list.dialect)"]
            + ParsedDrop.warningNotes(list.warnings, count: list.warningCount)
            + ParsedDrop.unlistedNote(listed: rejected.count, of: invalid)
        carried = list.carried
        notes += ParsedDrop.layoutNotes(list)
    }

    /// What the receipt says about how the list was read: a henkilötunnus column found by its
    /// content. (The carried columns are told by the result sink, which knows whether they are.)
    private static func layoutNotes(_ list: HetuList) -> [String] {
        var notes: [String] = []
        switch list.dialect {
        case .headerless(_, let column):
            notes.append("no header row: column \(column + 1) holds henkilötunnus and was used / otsikkorivi puuttui: sarakkeessa \(column + 1) on henkilötunnukset, ja sitä käytettiin")
        case .workbook(_, let column, nil):
            notes.append("no header row: column \(CellColumnName.letters(column)) holds henkilötunnus and was used / otsikkorivi puuttui: sarakkeessa \(CellColumnName.letters(column)) on henkilötunnukset, ja sitä käytettiin")
        default:
            break
        }
        return notes
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
            + ParsedDrop.unlistedNote(listed: rejected.count, of: invalid)
        if request.unknownGroups.count == DropRequest.unknownGroupLimit {
            notes.append("only the first \(DropRequest.unknownGroupLimit) unknown data group names (of \(request.unknownGroupCount) <tietoryhma>) are listed / vain \(DropRequest.unknownGroupLimit) ensimmäistä tuntematonta tietoryhmää luetellaan")
        }
    }

    /// Said when a file had more rejected lines than the receipt lists (it counts them all).
    private static func unlistedNote(listed: Int, of count: Int) -> [String] {
        guard count > listed else { return [] }
        return ["only the first \(listed) of \(count) rejected lines are listed / vain ensimmäiset \(listed) hylättyä riviä \(count):stä luetellaan"]
    }

    private static func warningNotes(_ warnings: [HetuList.LineWarning], count: Int) -> [String] {
        guard !warnings.isEmpty else { return [] }
        let lines = warnings.prefix(20).map { String($0.line) }.joined(separator: ", ")
        let more = count > 20 ? " (+\(count - 20) more)" : ""
        return ["lower-case letters read as upper-case on lines \(lines)\(more) / pienet kirjaimet luettiin isoina"]
    }
}
