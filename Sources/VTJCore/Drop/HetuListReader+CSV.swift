/// RFC 4180 records (quotes, doubled quotes, quoted newlines) with a sniffed delimiter.
extension HetuListReader {
    private static let quote = UInt8(ascii: "\"")
    private static let delimiters: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")]

    /// The delimiter used most often outside quotes in a header line (`;`, TAB, `,` win ties in
    /// that order, as Finnish Excel writes `;`); nil when the line has none.
    static func sniffDelimiter(_ line: ArraySlice<UInt8>) -> UInt8? {
        var counts = [0, 0, 0]
        var inQuotes = false
        for byte in line {
            if byte == quote { inQuotes.toggle(); continue }
            if !inQuotes, let index = delimiters.firstIndex(of: byte) { counts[index] += 1 }
        }
        guard let best = counts.max(), best > 0, let index = counts.firstIndex(of: best) else { return nil }
        return delimiters[index]
    }

    /// The cells of a one-line header.
    static func splitHeader(_ text: String, on delimiter: UInt8) -> [String] {
        var cells: [String] = []
        var cell: [UInt8] = []
        var inQuotes = false
        for byte in text.utf8 {
            if byte == quote { inQuotes.toggle(); continue }
            if byte == delimiter && !inQuotes {
                cells.append(String(decoding: cell, as: UTF8.self))
                cell.removeAll(keepingCapacity: true)
            } else {
                cell.append(byte)
            }
        }
        cells.append(String(decoding: cell, as: UTF8.self))
        return cells
    }

    private enum RecordProblem { case tooLong, tooManyLines, unclosedQuote }

    private func reason(for problem: RecordProblem) -> Message {
        switch problem {
        case .tooLong: Message(.rowTooLong, ["limit": .count(maximumRecordBytes)])
        case .tooManyLines: Message(.rowQuoteTooManyLines, ["limit": .count(maximumRecordLines)])
        case .unclosedQuote: Message(.rowUnclosedQuote)
        }
    }

    private struct Record {
        var value: [UInt8]?
        var fields = 1
        /// Every field's bytes, when the row's other columns are carried.
        var cells: [[UInt8]]?
        var end: Int
        var lines = 1
        var problem: RecordProblem?
        /// False for rows of delimiters and blanks only (Excel writes `;;;` for empty rows).
        var hasText = false
    }

    /// The cells of up to ``HetuColumnDetector/sampleRows`` records from `start` (blank, comment
    /// and unreadable rows left out), for finding the henkilötunnus column by content.
    func sampleRecords(_ lines: LineCursor, from start: Int, delimiter: UInt8) -> [[String]] {
        var rows: [[String]] = []
        var position = start
        while rows.count < HetuColumnDetector.sampleRows, let line = lines.line(at: position) {
            let record = parseRecord(lines.bytes, at: position, delimiter: delimiter, column: 0, keepCells: true)
            if record.problem != nil {
                position = line.next
                continue
            }
            position = record.end
            let cells = (record.cells ?? []).map { String(decoding: $0, as: UTF8.self) }
            let first = cells.first.map { HetuListReader.trimmed($0) } ?? ""
            if record.hasText && !(cells.count == 1 && first.hasPrefix("#")) { rows.append(cells) }
        }
        return rows
    }

    func readCSV(_ lines: LineCursor, delimiter: UInt8, column: Int, hasHeader: Bool = true, into list: inout DropContent,
                 collector: inout HetuCollector) {
        var position = 0
        var number = 0
        var headerSeen = !hasHeader
        var contentSeen = false
        while let line = lines.line(at: position) {
            let start = number + 1
            if line.range.count <= maximumRecordBytes {
                let content = HetuListReader.trimmed(String(decoding: lines.bytes[line.range], as: UTF8.self))
                // Excel's `sep=;` line comes before the first row, header or not.
                let declaration = !contentSeen && HetuListReader.separatorDeclaration(content) != nil
                if !content.isEmpty && !content.hasPrefix("#") { contentSeen = true }
                if content.isEmpty || content.hasPrefix("#") || !headerSeen || declaration {
                    if content.isEmpty { list.blankLines += 1 } else if content.hasPrefix("#") || declaration { list.commentLines += 1 } else { headerSeen = true }
                    number += 1
                    position = line.next
                    continue
                }
            }
            let record = parseRecord(lines.bytes, at: position, delimiter: delimiter, column: column,
                                     keepCells: list.carried != nil)
            if let problem = record.problem {
                // Resynchronise on the next physical line: a stray or unclosed quote must not eat the
                // file, so the rows after it are still read.
                collector.reject(line: start, text: HetuListReader.preview(lines.bytes[line.range]),
                                 reason: reason(for: problem))
                number += 1
                position = line.next
                continue
            }
            number += record.lines
            position = record.end
            if !record.hasText {
                list.blankLines += record.lines
            } else if let value = record.value {
                let hetu = collector.accept(String(decoding: value, as: UTF8.self), line: start)
                list.carried?.add((record.cells ?? []).map { String(decoding: $0, as: UTF8.self) }, hetu: hetu)
            } else {
                collector.reject(line: start, text: "",
                                 reason: Message(.rowMissingColumn, ["fields": .count(record.fields), "column": .count(column + 1)]))
            }
        }
        list.lineCount = number
    }

    private func parseRecord(_ bytes: [UInt8], at start: Int, delimiter: UInt8, column: Int, keepCells: Bool) -> Record {
        var record = Record(value: column == 0 ? [] : nil, cells: keepCells ? [[]] : nil, end: start)
        var field = 0
        var inQuotes = false
        var fieldHasText = false
        var index = start
        let quote = HetuListReader.quote
        while index < bytes.count {
            if index - start > maximumRecordBytes {
                record.problem = .tooLong
                return record
            }
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count && bytes[index + 1] == quote {
                        if field == column { record.value?.append(quote) }
                        record.cells?[field].append(quote)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == 0x0A || (byte == 0x0D && !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)) {
                        record.lines += 1
                        // Every failed record is re-read from its next line: without a line cap,
                        // rows that each open a quote cost maximumRecordBytes apiece (a 1 MB list took a minute).
                        if record.lines > maximumRecordLines {
                            record.problem = .tooManyLines
                            return record
                        }
                    }
                    if field == column { record.value?.append(byte) }
                    record.cells?[field].append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case delimiter:
                field += 1
                record.fields += 1
                fieldHasText = false
                if field == column { record.value = [] }
                record.cells?.append([])
                index += 1
            case 0x0A, 0x0D:
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                record.end = index
                return record
            case quote where !fieldHasText:
                inQuotes = true
                fieldHasText = true
                record.hasText = true
                index += 1
            default:
                if byte != 0x20 && byte != 0x09 {
                    fieldHasText = true
                    record.hasText = true
                }
                if field == column { record.value?.append(byte) }
                if byte != 0x20 || !(record.cells?[field].isEmpty ?? true) { record.cells?[field].append(byte) }
                index += 1
            }
        }
        if inQuotes { record.problem = .unclosedQuote }
        record.end = index
        return record
    }
}
