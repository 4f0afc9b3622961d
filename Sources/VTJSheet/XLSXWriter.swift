import Foundation
import VTJCore
import VTJXML

/// Writes a one-sheet workbook (`.xlsx`) row by row, with flat memory whatever the row count.
///
/// The header row is bold and frozen, an autofilter covers every row, columns are sized to
/// their contents. Text columns are text cells (inline strings: nothing is ever turned into a
/// number, date or formula); date columns are date cells shown `yyyy-mm-dd` (docs/xlsx.md).
/// Rows go to a nameless scratch file beside the destination while they arrive; ``finish()``
/// writes the ZIP package. Nothing is written to the destination until then, and a writer
/// left unfinished leaves nothing behind but the empty destination it was given.
///
/// ```swift
/// let writer = try XLSXWriter(path: "tulos.xlsx", columns: [SheetColumn("hetu"), SheetColumn("syntymapv", kind: .date)])
/// try writer.append(["010101A999R", "2001-01-01"])
/// try writer.finish()
/// ```
public final class XLSXWriter {
    /// The columns, in order.
    public let columns: [SheetColumn]
    /// The sheet's name (Excel's rules applied: at most 31 characters, none of `\/?*[]:`).
    public let sheetName: String
    /// Rows appended so far (the header not counted).
    public private(set) var rowCount = 0
    /// Cells cut to Excel's 32,767 characters so far.
    public private(set) var truncatedCells = 0

    private let destination: Int32
    private let ownsDestination: Bool
    private let documentName: String
    /// Declared before its scratch file: properties go in declaration order, so the writer's
    /// last flush happens while the file is still open.
    private let rows: XMLWriter
    private let spool: SheetSpool
    private let letters: [String]
    /// Widest value per column so far, in characters (capped at ``maximumWidth``).
    private var widths: [Int]
    private var state = State.open
    private let created = Date()

    private enum State { case open, finished, failed }
    static let maximumWidth = 60
    /// Cell styles (styles.xml's cellXfs).
    enum Style: String { case text = "1", header = "2", date = "3" }

    /// Creates `path` (it must not exist; mode 0640, symlinks not followed) and writes the
    /// workbook there. The rows wait in a scratch file in the same folder.
    public convenience init(path: String, columns: [SheetColumn], sheetName: String = "Tulos") throws(XLSXWriteError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw errno == EEXIST ? .destinationNotEmpty(path: path) : .system(operation: "creating", path: path, errno: errno)
        }
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        do {
            try self.init(descriptor: descriptor, owns: true, documentName: path, spoolFolder: folder.isEmpty ? "/" : folder,
                          columns: columns, sheetName: sheetName)
        } catch {
            close(descriptor)
            _ = unlink(path)
            throw error
        }
    }

    /// Writes the workbook into an open, empty, writable file (the caller's to fsync, publish
    /// and close, like a result's pending file); the rows wait in a scratch file in `spoolFolder`.
    public convenience init(fileDescriptor: Int32, documentName: String, spoolFolder: String,
                            columns: [SheetColumn], sheetName: String = "Tulos") throws(XLSXWriteError) {
        try self.init(descriptor: fileDescriptor, owns: false, documentName: documentName, spoolFolder: spoolFolder,
                      columns: columns, sheetName: sheetName)
    }

    private init(descriptor: Int32, owns: Bool, documentName: String, spoolFolder: String,
                 columns: [SheetColumn], sheetName: String) throws(XLSXWriteError) {
        guard (1...CellReference.excelColumns).contains(columns.count) else { throw .columnCount(columns.count) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .system(operation: "checking", path: documentName, errno: errno) }
        guard status.st_size == 0 else { throw .destinationNotEmpty(path: documentName) }
        self.destination = descriptor
        self.ownsDestination = owns
        self.documentName = documentName
        self.columns = columns
        self.sheetName = XLSXWriter.validSheetName(sheetName)
        self.letters = columns.indices.map(CellReference.columnName)
        self.widths = columns.map { min(XLSXWriter.maximumWidth, $0.name.count + 3) }
        self.spool = try SheetSpool(folder: spoolFolder)
        do {
            self.rows = try XMLWriter(fileDescriptor: spool.descriptor, documentName: documentName, indent: false)
        } catch {
            throw .xml(.init(error.description))
        }
        rows.startElement("sheetData")
        rows.startElement("row")
        rows.attribute("r", "1")
        for (index, column) in columns.enumerated() {
            writeText(column.name, at: index, row: "1", style: .header)
        }
        rows.endElement()
        // A failure here (the disk) is reported by the first append or by finish: a throw after
        // every property is set would run deinit too, and the convenience init cleans up itself.
    }

    deinit {
        if state != .finished { abandon() }
        if ownsDestination { close(destination) }
    }

    /// One row, a cell per column (an empty string is an empty cell).
    public func append(_ cells: [String]) throws(XLSXWriteError) {
        guard state == .open else { throw .finished }
        guard cells.count == columns.count else {
            throw fail(.rowWidth(row: rowCount + 2, cells: cells.count, columns: columns.count))
        }
        guard rowCount + 2 <= CellReference.excelRows else { throw fail(.tooManyRows(limit: CellReference.excelRows)) }
        rowCount += 1
        let number = String(rowCount + 1)
        rows.startElement("row")
        rows.attribute("r", number)
        for (index, value) in cells.enumerated() where !value.isEmpty {
            if columns[index].kind == .date, let date = ExcelDate.date(iso: value), let serial = ExcelDate.serial(of: date) {
                rows.startElement("c")
                rows.attribute("r", letters[index] + number)
                rows.attribute("s", Style.date.rawValue)
                rows.element("v", text: String(serial))
                rows.endElement()
                widths[index] = max(widths[index], 12)
            } else {
                writeText(value, at: index, row: number, style: .text)
            }
        }
        rows.endElement()
        if let failure = rows.failure { throw fail(.xml(.init(failure.description))) }
    }

    /// An inline-string cell; tracks the column's width and cut cells.
    private func writeText(_ value: String, at index: Int, row: String, style: Style) {
        let (text, truncated) = CellText.forWriting(value)
        if truncated { truncatedCells += 1 }
        if widths[index] < XLSXWriter.maximumWidth {
            // Characters, near enough: UTF-8 lead bytes (a width needs no grapheme clusters).
            let width = value.utf8.count <= 4 * XLSXWriter.maximumWidth
                ? value.utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } : XLSXWriter.maximumWidth
            widths[index] = min(XLSXWriter.maximumWidth, max(widths[index], width + (style == .header ? 3 : 1)))
        }
        rows.startElement("c")
        rows.attribute("r", letters[index] + row)
        rows.attribute("t", "inlineStr")
        rows.attribute("s", style.rawValue)
        rows.startElement("is")
        rows.startElement("t")
        if CellText.needsPreserve(text) { rows.attribute(prefix: "xml", "space", "preserve") }
        rows.text(text)
        rows.endElement()
        rows.endElement()
        rows.endElement()
    }

    /// Writes the package into the destination. After a failure the destination may hold a
    /// partial file: the caller throws it away (a pending file's `abandon()`).
    public func finish() throws(XLSXWriteError) {
        guard state == .open else { throw .finished }
        do throws(XLSXWriteError) {
            rows.endElement()  // </sheetData>
            do {
                try rows.flush()
            } catch {
                throw XLSXWriteError.xml(.init(error.description))
            }
            try XLSXPackage.write(self.package(sheetDataBytes: try spool.size()), into: destination,
                                  documentName: documentName)
            state = .finished
        } catch {
            throw fail(error)
        }
    }

    /// The parts, the sheet's rows read back from the scratch file.
    private func package(sheetDataBytes: Int64) throws(XLSXWriteError) -> XLSXPackage {
        let last = CellReference.columnName(columns.count - 1) + String(rowCount + 1)
        let (head, tail) = try XLSXParts.worksheet(range: "A1:" + last, widths: widths)
        return XLSXPackage(parts: [
            .init(path: "[Content_Types].xml", bytes: try XLSXParts.contentTypes()),
            .init(path: "_rels/.rels", bytes: try XLSXParts.packageRelationships()),
            .init(path: "docProps/app.xml", bytes: try XLSXParts.appProperties()),
            .init(path: "docProps/core.xml", bytes: try XLSXParts.coreProperties(created: created)),
            .init(path: "xl/workbook.xml", bytes: try XLSXParts.workbook(sheetName: sheetName, filterRange: last)),
            .init(path: "xl/_rels/workbook.xml.rels", bytes: try XLSXParts.workbookRelationships()),
            .init(path: "xl/styles.xml", bytes: try XLSXParts.styles()),
        ], sheet: .init(path: "xl/worksheets/sheet1.xml", head: head, spool: spool, spoolBytes: sheetDataBytes, tail: tail))
    }

    private func fail(_ error: XLSXWriteError) -> XLSXWriteError {
        state = .failed
        return error
    }

    /// A writer that created its destination removes it when not finished (only if the name
    /// still means the file it created).
    private func abandon() {
        state = .failed
        guard ownsDestination else { return }
        var mine = stat()
        var named = stat()
        guard fstat(destination, &mine) == 0, lstat(documentName, &named) == 0,
              mine.st_dev == named.st_dev, mine.st_ino == named.st_ino else { return }
        _ = unlink(documentName)
    }

    /// `name` made acceptable to Excel: `\/?*[]:` replaced, no `'` at either end, 1–31 characters.
    static func validSheetName(_ name: String) -> String {
        let forbidden: Set<Character> = ["\\", "/", "?", "*", "[", "]", ":"]
        var cleaned = String(name.map { forbidden.contains($0) || $0.isNewline ? "_" : $0 })
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        cleaned = String(cleaned.prefix(31)).trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty || cleaned.lowercased() == "history" ? "Tulos" : cleaned
    }
}
