import VTJCore
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

    /// Reads a claimed file: `*.xml` is a request document, anything else a henkilötunnus list.
    public static func read(_ bytes: [UInt8], fileName: DropFileName) throws(DropReadError) -> ParsedDrop {
        if fileName.fileExtension.lowercased() == "xml" {
            return ParsedDrop(try DropRequestReader().read(bytes, file: fileName.display))
        }
        return ParsedDrop(try HetuListReader().read(bytes, file: fileName.display))
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
    }

    init(_ request: DropRequest) {
        operation = request.operation
        purpose = request.purpose
        format = request.format.map { $0 == .xml ? OutputFormat.xml : OutputFormat.csv }
        reference = request.reference
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

    /// How the list was read: its encoding and, for a CSV, the delimiter and the hetu column.
    private static func readingNote(_ list: HetuList) -> Message {
        let encoding = MessageArgument.text(list.encoding.rawValue.replacing(" with BOM", with: " (BOM)").replacing(" without BOM", with: ""))
        switch list.dialect {
        case .plain:
            return Message(.noteReadPlain, ["encoding": encoding])
        case .csv(let delimiter, let column, let header):
            let shown: MessageArgument = delimiter == "\t" ? Message(.delimiterTab).argument : .text("'\(delimiter)'")
            return Message(.noteReadCSV, ["encoding": encoding, "delimiter": shown, "column": .count(column + 1), "header": .text(header)])
        }
    }

    private static func warningNotes(_ warnings: [HetuList.LineWarning], count: Int) -> [Message] {
        guard !warnings.isEmpty else { return [] }
        let lines = warnings.prefix(20).map { String($0.line) }.joined(separator: ", ") + (count > 20 ? " …" : "")
        return [Message(.noteLowerCase, ["count": .count(count), "lines": .text(lines)])]
    }
}
