/// Reads a henkilötunnus list drop (drop contract 2.1): bytes → text → lines → values.
///
/// Accepts what departments really produce (encodings, CRLF/LF/CR, blanks, quotes, comments,
/// lower case, a CSV with a `hetu` or `henkilotunnus` column) and reports every line it cannot
/// use with its number and reason. Long lines are refused line by line, never read whole twice.
public struct HetuListReader: Sendable {
    /// Header names that mark the henkilötunnus column (compared case-insensitively).
    public static let headerNames: Set<String> = ["hetu", "henkilotunnus", "henkilötunnus"]

    /// A plain line longer than this many bytes (UTF-8) is rejected unread.
    public var maximumLineBytes: Int
    /// A CSV record (quoted newlines included) longer than this is rejected unread.
    public var maximumRecordBytes: Int
    /// A CSV record whose quoted field spans more lines than this is rejected (an unclosed quote).
    public var maximumRecordLines = 16

    public init(maximumLineBytes: Int = 1024, maximumRecordBytes: Int = 8192) {
        self.maximumLineBytes = maximumLineBytes
        self.maximumRecordBytes = maximumRecordBytes
    }

    /// Reads a whole list; throws only when the file cannot be used at all.
    public func read(_ bytes: [UInt8], file: String) throws(DropReadError) -> DropContent {
        guard !bytes.isEmpty else {
            throw DropReadError(file: file, kind: .empty, message: Message(.readEmpty))
        }
        let (encoding, utf8) = try DropTextDecoder.decodeToUTF8(bytes, file: file)
        let lines = LineCursor(bytes: utf8)
        // The whole text: the lines run out only at its end, and then the list is a plain one.
        let (dialect, header) = try detectDialect(lines, file: file) ?? (.plain, [])
        var list = DropContent(encoding: encoding, dialect: dialect)
        var collector = HetuCollector()
        switch dialect {
        case .plain:
            var number = 0
            readPlain(lines, number: &number, into: &list, collector: &collector)
            list.lineCount = number
        case .csv(let delimiter, let column, _):
            let carried = CarriedColumns(header: header, hetuColumn: column)
            list.carried = carried.isEmpty ? nil : carried
            readCSV(lines, delimiter: UInt8(ascii: delimiter.unicodeScalars.first ?? ";"), column: column,
                    into: &list, collector: &collector)
        case .headerless(let delimiter, let column):
            readCSV(lines, delimiter: UInt8(ascii: delimiter.unicodeScalars.first ?? ";"), column: column,
                    hasHeader: false, into: &list, collector: &collector)
        case .workbook:
            break
        }
        list.take(&collector)
        guard list.valueLines > 0 else {
            // Nothing to answer: say so plainly instead of "no valid henkilötunnus".
            throw DropReadError(file: file, kind: .empty,
                                message: Message(.readNoHetuLines))
        }
        return list
    }

    /// Chooses CSV when the first content line is a header naming the hetu column; refuses a
    /// multi-column file without one (its values could not be found reliably). Nil when the lines
    /// ran out before a content line decided it (of a whole text: a plain list).
    func detectDialect(_ lines: LineCursor, file: String) throws(DropReadError) -> (DropContent.Dialect, header: [String])? {
        var position = 0
        var number = 0
        var declared: UInt8?
        while let line = lines.line(at: position) {
            number += 1
            position = line.next
            guard line.range.count <= maximumRecordBytes else { return (.plain, []) }
            let text = String(decoding: lines.bytes[line.range], as: UTF8.self)
            let content = HetuListReader.trimmed(text)
            if content.isEmpty || content.hasPrefix("#") { continue }
            if let format = HetuListReader.markupFormat(content) {
                throw DropReadError(file: file, line: number, kind: .wrongFormat, message: Message(format))
            }
            if declared == nil, let separator = HetuListReader.separatorDeclaration(content) {
                declared = separator
                continue
            }
            let delimiter = declared ?? HetuListReader.sniffDelimiter(lines.bytes[line.range])
            let cells = delimiter.map { HetuListReader.splitHeader(text, on: $0) } ?? [text]
            let names = cells.map { HetuListReader.trimmed($0).trimmingQuotes.lowercased() }
            if let column = names.firstIndex(where: { HetuListReader.headerNames.contains($0) }) {
                return (.csv(delimiter: delimiter.map { Character(Unicode.Scalar($0)) } ?? ";",
                             column: column, header: HetuListReader.trimmed(cells[column]).trimmingQuotes),
                        cells.map { String(HetuListReader.trimmed($0)) })
            }
            let filled = names.filter { !$0.isEmpty }.count
            if filled >= 2, let delimiter {
                // No `hetu` header: one column of (nearly) only henkilötunnus is used, found by content.
                let sample = sampleRecords(lines, from: line.next, delimiter: delimiter)
                if let found = HetuColumnDetector.locate(first: cells, rest: sample) {
                    let separator = Character(Unicode.Scalar(delimiter))
                    // The first row may be shorter than the rows below it: then it has no name
                    // for the column found in them (a fuzzer found the index out of range).
                    let name = found.column < cells.count ? HetuListReader.trimmed(cells[found.column]).trimmingQuotes : ""
                    return found.hasHeader
                        ? (.csv(delimiter: separator, column: found.column, header: String(name)),
                           cells.map { String(HetuListReader.trimmed($0)) })
                        : (.headerless(delimiter: separator, column: found.column), [])
                }
            }
            if filled >= 2 {
                throw DropReadError(file: file, line: number, kind: .csvHeader,
                                    message: Message(.readNoHetuColumn, ["columns": .count(cells.count)]))
            }
            return (.plain, [])
        }
        return nil
    }

    /// Reads `lines` as plain lines numbered on from `number` (which ends at the last line's).
    func readPlain(_ lines: LineCursor, number: inout Int, into list: inout DropContent, collector: inout HetuCollector) {
        var position = 0
        while let line = lines.line(at: position) {
            number += 1
            position = line.next
            if line.range.count > maximumLineBytes {
                collector.reject(line: number, text: HetuListReader.preview(lines.bytes[line.range]),
                                 reason: Message(.lineTooLong, ["limit": .count(maximumLineBytes)]))
                continue
            }
            let text = String(decoding: lines.bytes[line.range], as: UTF8.self)
            let content = HetuListReader.trimmed(text)
            if content.isEmpty { list.blankLines += 1; continue }
            if content.hasPrefix("#") { list.commentLines += 1; continue }
            collector.accept(text, line: number)
        }
    }

    /// Why a first content line shows the file is a markup document, not a list (its every line
    /// would otherwise be rejected one by one as a bad henkilötunnus).
    static func markupFormat(_ content: Substring) -> MessageKey? {
        guard content.hasPrefix("<") else { return nil }
        let start = content.prefix(20).lowercased()
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") {
            return .readHTML
        }
        if start.hasPrefix("<?xml") || start.hasPrefix("<pyynto") || start.hasPrefix("<!doctype") {
            return .readXMLAsList
        }
        return nil
    }

    /// The delimiter of an Excel `sep=;` first line, if `content` is one.
    static func separatorDeclaration(_ content: Substring) -> UInt8? {
        let bytes = Array(content.utf8)
        guard bytes.count == 5, content.lowercased().hasPrefix("sep="), [0x3B, 0x2C, 0x09].contains(bytes[4]) else { return nil }
        return bytes[4]
    }

    /// Blanks (incl. no-break space and a stray BOM) removed from both ends.
    static func trimmed(_ text: String) -> Substring {
        // Nearly every line starts and ends with a printable ASCII byte, and each blank is one scalar
        // that is not one: nothing to trim, and no character compared (the list's read thread).
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return Substring(text)
        }
        let blanks = Self.blanks
        var slice = Substring(text)
        while let first = slice.first, blanks.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, blanks.contains(last) { slice = slice.dropLast() }
        return slice
    }

    /// What ``trimmed(_:)`` takes off either end.
    private static let blanks: Set<Character> = [" ", "\t", "\u{00A0}", "\u{FEFF}", "\u{0B}", "\u{0C}", "\u{1A}"]

    /// A short printable preview of an over-long line for the receipt.
    static func preview(_ bytes: ArraySlice<UInt8>) -> String {
        String(String(decoding: bytes.prefix(40), as: UTF8.self).prefix(30)) + "…"
    }
}

extension Substring {
    var trimmingQuotes: String {
        var slice = self
        while let first = slice.first, first == "\"" || first == "'" { slice = slice.dropFirst() }
        while let last = slice.last, last == "\"" || last == "'" { slice = slice.dropLast() }
        return String(slice)
    }
}
